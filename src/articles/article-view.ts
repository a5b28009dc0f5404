import { z } from 'zod';
import { ArticleStatusEnum, DateTime, toIso } from '../http/schemas.ts';

/** What the API shows of an article in lists and at the top of its detail; `select`ed, never the whole row. */
export const articleSummarySelect = {
  id: true,
  slug: true,
  headline: true,
  headlineDerived: true,
  standfirst: true,
  byline: true,
  sourceName: true,
  sourceUrl: true,
  language: true,
  status: true,
  isStub: true,
  publishedAt: true,
  publishAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
} as const;

export interface ArticleSummaryRow {
  id: number;
  slug: string;
  headline: string;
  headlineDerived: boolean;
  standfirst: string | null;
  byline: string | null;
  sourceName: string | null;
  sourceUrl: string | null;
  language: string;
  status: 'draft' | 'published' | 'archived' | 'stub' | 'scheduled';
  isStub: boolean;
  publishedAt: Date | null;
  publishAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const ArticleSummary = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    headline: z.string(),
    headlineDerived: z.boolean().meta({ description: 'true while the headline was derived by the ingest' }),
    standfirst: z.string().nullable(),
    byline: z.string().nullable(),
    sourceName: z.string().nullable(),
    sourceUrl: z.string().nullable(),
    language: z.string(),
    status: ArticleStatusEnum,
    isStub: z.boolean(),
    publishedAt: DateTime.nullable(),
    publishAt: DateTime.nullable().meta({ description: 'when a scheduled article is to be published (null unless status is scheduled)' }),
    createdAt: DateTime,
    updatedAt: DateTime,
    version: z.number().int().meta({ description: 'bumped by every change to the article or anything in it' }),
  })
  .meta({ id: 'ArticleSummary' });

export type ArticleSummary = z.infer<typeof ArticleSummary>;

export function toArticleSummary(row: ArticleSummaryRow): ArticleSummary {
  return {
    ...row,
    publishedAt: toIso(row.publishedAt),
    publishAt: toIso(row.publishAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** An article as a link target (related articles, a person's articles, a quote's article). */
export const ArticleRef = z
  .object({ id: z.number().int(), slug: z.string(), headline: z.string(), status: ArticleStatusEnum, isStub: z.boolean() })
  .meta({ id: 'ArticleRef' });

export const articleRefSelect = { id: true, slug: true, headline: true, status: true, isStub: true } as const;
