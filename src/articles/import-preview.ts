import { z } from 'zod';
import { endpoint } from '../http/endpoint.ts';
import { text } from '../http/schemas.ts';
import { toDryRunJson } from '../ingest/dry-run-json.ts';
import { parseArticle } from '../ingest/parse/index.ts';
import { ImportQuery } from './schemas.ts';

const Nullable = z.string().nullable();

export const ImportPreview = z
  .object({
    headline: z.string(),
    headlineDerived: z.boolean(),
    slug: z.string(),
    meta: z.object({ byline: Nullable, source: Nullable, url: Nullable, publishedAt: Nullable, status: z.string(), language: z.string() }),
    paragraphs: z.array(z.object({ position: z.number().int(), text: z.string() })),
    people: z.array(
      z.object({
        name: z.string(),
        role: Nullable,
        aliases: z.array(z.string()),
        paragraphs: z.array(z.number().int()),
        kind: z.enum(['person', 'organisation']),
        pronoun: z.enum(['she', 'he', 'they']).nullable(),
      }),
    ),
    quotes: z.array(
      z.object({ paragraph: z.number().int(), text: z.string(), kind: z.string(), speaker: Nullable, verb: Nullable, addressee: Nullable }),
    ),
    related: z.array(z.object({ title: z.string() })),
    warnings: z.array(z.string()),
    existing: z
      .object({ id: z.number().int(), slug: z.string(), version: z.number().int(), isStub: z.boolean() })
      .nullable()
      .meta({ description: 'the article this text would update (send its ETag with the import), or null for a new one' }),
  })
  .meta({ id: 'ImportPreview' });

/**
 * What POST /api/articles/import would store, without storing anything: the ingest's dry run (the same shape as
 * `npm run ingest -- --dry-run --json`), so an editor sees paragraphs, quotes with speakers, people and related
 * articles before saving. A text the ingest cannot read is the same 422 the import gives.
 */
export const previewImport = endpoint({
  operationId: 'previewImport',
  summary: 'Preview what an import would store (the ingest’s dry run)',
  tag: 'articles',
  query: ImportQuery,
  body: { type: 'text', schema: text(10_000_000).meta({ description: 'the article as plain text' }) },
  responses: { 200: { description: 'what the ingest reads; nothing is stored', schema: ImportPreview } },
  errors: [422],
  async handle({ body, query, db }) {
    const parsed = parseArticle(body, query);
    const { input: _input, ...preview } = toDryRunJson('request', parsed);
    const existing = await db.article.findUnique({ where: { slug: preview.slug }, select: { id: true, slug: true, version: true, isStub: true } });
    return { status: 200, body: { ...preview, existing } };
  },
});
