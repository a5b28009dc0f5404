import { AppError } from '../errors.ts';
import { JSON_LD_MEDIA_TYPE } from './json-ld.ts';
import { NINJS_MEDIA_TYPE } from './ninjs.ts';

/** The representations of an article: the API's own JSON, schema.org JSON-LD, IPTC ninjs. */
export const ARTICLE_FORMATS = {
  json: 'application/json',
  jsonld: JSON_LD_MEDIA_TYPE,
  ninjs: NINJS_MEDIA_TYPE,
} as const;
export type ArticleFormat = keyof typeof ARTICLE_FORMATS;

/**
 * `?format=` wins (links and browsers cannot set Accept); otherwise the Accept header, application/json first on a
 * tie or without one. Nothing acceptable is a 406 — decided before any database work.
 */
export function chooseArticleFormat(format: ArticleFormat | undefined, accepts: (types: string[]) => string | false): ArticleFormat {
  if (format) return format;
  const types = Object.values(ARTICLE_FORMATS);
  const chosen = accepts(types);
  if (!chosen) {
    throw new AppError('not_acceptable', `An article is available as ${types.join(', ')} (or ?format=json|jsonld|ninjs)`, {
      issues: [{ path: ['headers', 'accept'], message: `accept one of ${types.join(', ')}` }],
    });
  }
  return (Object.keys(ARTICLE_FORMATS) as ArticleFormat[]).find((k) => ARTICLE_FORMATS[k] === chosen)!;
}

/**
 * Each representation has its own ETag (a strong ETag names one representation): the JSON one is the article's
 * `"article-<id>-v<version>"` that writes take in If-Match; the others add the format.
 */
export function representationEtag(articleEtag: string, format: ArticleFormat): string {
  return format === 'json' ? articleEtag : articleEtag.replace(/"$/, `.${format}"`);
}
