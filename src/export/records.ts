import type { ArticleDetail } from '../articles/get-article.ts';
import { toNinjs } from '../formats/ninjs.ts';
import type { Uris } from '../formats/uris.ts';
import { toIngestText } from './ingest-text.ts';

/** One ndjson line: the article as the API shows it, plus the text that ingests it again (ingest-text.ts). */
export function toNdjsonRecord(article: ArticleDetail): Record<string, unknown> {
  return { ...article, ingestText: toIngestText(article) };
}

export const toNinjsRecord = (article: ArticleDetail, uris: Uris) => toNinjs(article, uris);

/** The CSV tables: one row per article, paragraph, quote, person in an article, related link. */
export const CSV_TABLES = ['articles', 'paragraphs', 'quotes', 'article_people', 'related_articles'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

export const CSV_COLUMNS: Record<CsvTable, string[]> = {
  articles: ['id', 'slug', 'headline', 'status', 'published_at', 'updated_at', 'byline', 'source_name', 'source_url', 'language', 'paragraphs', 'quotes', 'people', 'related'],
  paragraphs: ['article_id', 'paragraph_id', 'position', 'text'],
  quotes: ['article_id', 'quote_id', 'paragraph_position', 'kind', 'speaker_id', 'speaker_name', 'verb', 'text', 'speaker_kind'],
  article_people: ['article_id', 'person_id', 'name', 'role', 'aliases', 'paragraphs', 'kind', 'wikidata_id'],
  related_articles: ['article_id', 'position', 'related_id', 'related_slug', 'title'],
};

export function csvRows(table: CsvTable, a: ArticleDetail): unknown[][] {
  switch (table) {
    case 'articles':
      return [[a.id, a.slug, a.headline, a.status, a.publishedAt, a.updatedAt, a.byline, a.sourceName, a.sourceUrl, a.language, a.paragraphs.length, a.quotes.length, a.people.length, a.related.length]];
    case 'paragraphs':
      return a.paragraphs.map((p) => [a.id, p.id, p.position, p.text]);
    case 'quotes': {
      // person or organisation: analysts count people's and organisations' quotes apart (issue 16.4)
      const kind = new Map(a.people.map((p) => [p.id, p.kind]));
      return a.quotes.map((q) => [a.id, q.id, q.paragraphPosition, q.kind, q.speaker?.id, q.speaker?.name, q.verb, q.text, q.speaker ? (kind.get(q.speaker.id) ?? 'person') : null]);
    }
    case 'article_people':
      return a.people.map((p) => [a.id, p.id, p.name, p.role, p.aliases.join('; '), p.paragraphs.join(' '), p.kind, p.wikidataId]);
    case 'related_articles':
      return a.related.map((r) => [a.id, r.position, r.article.id, r.article.slug, r.title]);
  }
}
