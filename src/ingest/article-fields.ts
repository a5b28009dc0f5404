import { slugify } from '../articles/slugify.ts';
import type { ParsedSource } from './import-article.ts';
import type { ParsedArticle } from './parse/index.ts';

/** The slug an ingested text is stored under, and found again by: its own (front matter, --slug), else its headline's. */
export const slugOf = (parsed: ParsedArticle): string => parsed.meta.slug ?? slugify(parsed.headline);

/** A new ingested article is published unless the text's front matter or the caller says otherwise (an update keeps its status: storeParsedArticle). */
export const DEFAULT_STATUS = 'published';

/**
 * The article row's columns that come from an ingested text. Both write paths (the per-article Prisma one and the
 * bulk one) take them from here, so they cannot disagree on a default.
 */
export function articleFields({ parsed, sourceText, hash }: ParsedSource) {
  const { meta } = parsed;
  return {
    headline: parsed.headline,
    headlineDerived: parsed.headlineDerived,
    byline: meta.byline,
    sourceName: meta.source,
    sourceUrl: meta.url,
    language: meta.language ?? 'en',
    status: meta.status ?? DEFAULT_STATUS,
    isStub: false,
    publishedAt: meta.publishedAt ? new Date(meta.publishedAt) : null,
    sourceText,
    contentHash: hash,
  };
}
