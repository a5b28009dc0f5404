import { z } from 'zod';
import { ArticleRef } from '../articles/article-view.ts';
import type { Tx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { stale } from '../http/etag.ts';
import { DateTime } from '../http/schemas.ts';
import { Quote } from '../quotes/quote-view.ts';

export const Person = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.enum(['person', 'organisation']).meta({ description: 'organisation: a company, agency, body or document quoted as a source' }),
    description: z.string().nullable().meta({ description: 'tells namesakes apart ("economist at Harbor Bank")' }),
    pronoun: z.enum(['she', 'he', 'they']).nullable().meta({ description: 'how the articles refer to them, from the pronouns the text uses; editors correct it' }),
    wikidataId: z.string().nullable().meta({ description: 'the Wikidata item ("Q42"), shown as sameAs in JSON-LD and ninjs', example: 'Q42' }),
    version: z.number().int(),
    createdAt: DateTime,
    updatedAt: DateTime,
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

/** How many articles and quotes a person's page shows; the rest are a filter away (see the descriptions). */
export const PERSON_DETAIL_LIMIT = 50;

export const PersonDetail = Person.extend({
  articleCount: z.number().int().meta({ description: 'all articles they appear in' }),
  quoteCount: z.number().int().meta({ description: 'all quotes attributed to them' }),
  articles: z.array(
    z.object({
      article: ArticleRef,
      role: z.string().nullable(),
      aliases: z.array(z.string()),
      paragraphs: z.array(z.number().int()).meta({ description: 'positions of the paragraphs that mention them' }),
    }),
  ).meta({ description: `the ${PERSON_DETAIL_LIMIT} most recently stored; all of them: GET /api/articles?person={id}` }),
  quotes: z.array(Quote).meta({ description: `the ${PERSON_DETAIL_LIMIT} most recently stored quotes; all of them: GET /api/quotes?speaker={id}` }),
}).meta({ id: 'PersonDetail' });
export type PersonDetail = z.infer<typeof PersonDetail>;

export const personSelect = {
  id: true, name: true, kind: true, description: true, pronoun: true, wikidataId: true, version: true, createdAt: true, updatedAt: true,
} as const;

export interface PersonRow {
  id: number;
  name: string;
  kind: string;
  description: string | null;
  pronoun: string | null;
  wikidataId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toPerson(row: PersonRow): Person {
  return {
    ...row,
    kind: row.kind === 'organisation' ? 'organisation' : 'person',
    pronoun: row.pronoun as Person['pronoun'],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const personNotFound = (id: number) => new AppError('not_found', `No person with id ${id}`);

/** The same conditional version move as articles (see bumpArticleVersion), for a person's own ETag. */
export async function bumpPersonVersion(tx: Tx, id: number, expected: number): Promise<number> {
  const { count } = await tx.person.updateMany({ where: { id, version: expected }, data: { version: { increment: 1 } } });
  if (count === 1) return expected + 1;
  const exists = await tx.person.findUnique({ where: { id }, select: { id: true } });
  if (!exists) throw personNotFound(id);
  throw stale('person');
}
