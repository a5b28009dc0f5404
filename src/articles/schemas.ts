import { z } from 'zod';
import { RelatedRef } from '../related/set-related.ts';
import { CursorQuery, DateInput, describedAs, IdNumber, IdString, LimitQuery, PersonRef, QuoteKindEnum, WritableStatus, optionalText, text } from '../http/schemas.ts';
import { ARTICLE_SORTS, TEXT_FILTER_LIMIT } from './list-articles.ts';

const Slug = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens')
  .regex(/\D/, 'a slug of digits alone would read as an id')
  .meta({ example: 'putin-and-wang-yi-vow-to-strengthen-ties' });
const Language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en or en-GB');
const Url = z.url({ protocol: /^https?$/ }).max(2000);

export const ArticleKeyParams = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(200)
    .meta({
      description: 'numeric id or slug',
      // Any text is looked up (an unknown one is a 404), but a client means one of these two.
      override: describedAs({ anyOf: [{ type: 'integer', minimum: 1, maximum: 2_147_483_647 }, { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 }] }),
    }),
});

export const ArticleFormatQuery = z.strictObject({
  format: z.enum(['json', 'jsonld', 'ninjs']).optional().meta({ description: 'the representation, instead of Accept: json (default), jsonld (schema.org), ninjs (IPTC ninjs 3.1)' }),
});

export const ListArticlesQuery = z.strictObject({
  status: z.enum(['draft', 'published', 'archived', 'stub']).optional().meta({ description: 'default: all but stubs (readers: published only)' }),
  person: IdString.optional().meta({ description: 'articles where this person appears' }),
  q: text(200).optional().meta({ description: `full-text search in headline, paragraphs and quotes (same syntax as /api/search); narrows the list to the ${TEXT_FILTER_LIMIT} most recently added matches, keeping its sort` }),
  publishedFrom: DateInput.optional().meta({ description: 'published at or after (date or date-time)' }),
  publishedTo: DateInput.optional().meta({ description: 'published at or before; a bare date includes that whole day' }),
  sort: z.enum(ARTICLE_SORTS).optional().meta({ description: 'default -published (newest first, undated last)' }),
  cursor: CursorQuery,
  limit: LimitQuery,
});

export const ArticleFields = {
  headline: text(500),
  standfirst: optionalText(5000),
  byline: optionalText(500),
  sourceName: optionalText(200),
  sourceUrl: Url.nullable().optional(),
  language: Language.optional(),
  publishedAt: DateInput.nullable().optional(),
};

export const CreateArticleBody = z
  .strictObject({
    ...ArticleFields,
    slug: Slug.optional().meta({ description: 'default: slugify(headline)' }),
    status: WritableStatus.optional().meta({ description: 'default draft' }),
    paragraphs: z.array(text(100_000)).min(1).max(5000).meta({ description: 'the body, one string per paragraph, in order' }),
    people: z
      .array(
        z.strictObject({
          person: PersonRef,
          role: optionalText(500),
          aliases: z.array(text(200)).max(50).optional(),
          paragraphs: z.array(IdNumber).max(5000).optional().meta({ description: 'positions of paragraphs that mention them' }),
        }),
      )
      .max(1000)
      .optional(),
    quotes: z
      .array(
        z.strictObject({
          paragraph: IdNumber.meta({ description: 'position of the paragraph where the quote starts' }),
          text: text(100_000),
          kind: QuoteKindEnum,
          speaker: PersonRef.nullable().optional(),
          addressee: PersonRef.nullable().optional(),
          verb: optionalText(100),
          startOffset: z.number().int().min(0).max(10_000_000).nullable().optional(),
          endOffset: z.number().int().min(0).max(10_000_000).nullable().optional(),
          paragraphSpan: z.number().int().min(1).max(100).optional(),
        }),
      )
      .max(5000)
      .optional(),
    related: z.array(RelatedRef).max(100).optional(),
  })
  .meta({ id: 'CreateArticle' });
export type CreateArticleBody = z.infer<typeof CreateArticleBody>;

export const PatchArticleBody = z
  .strictObject({
    ...ArticleFields,
    headline: ArticleFields.headline.optional(),
    slug: Slug.optional(),
    status: WritableStatus.optional().meta({ description: 'setting a status on a stub makes it a real article' }),
  })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change')
  .meta({ id: 'PatchArticle', minProperties: 1 });
export type PatchArticleBody = z.infer<typeof PatchArticleBody>;

export const ImportQuery = z.strictObject({
  headline: text(500).optional(),
  slug: Slug.optional(),
  byline: text(500).optional(),
  source: text(200).optional(),
  url: Url.optional(),
  published: DateInput.optional(),
  status: WritableStatus.optional().meta({ description: 'default: published for a new article; an existing one keeps its status' }),
  language: Language.optional(),
});

export const ImportResult = z
  .object({
    articleId: z.number().int(),
    slug: z.string(),
    outcome: z.enum(['created', 'updated', 'unchanged']),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'ImportResult' });

/** A bare date as an upper bound means the end of that day (UTC); as a lower bound its start. */
export function toDate(value: string, bound: 'start' | 'end' = 'start'): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T${bound === 'end' ? '23:59:59.999' : '00:00:00.000'}Z`);
  return new Date(value);
}
