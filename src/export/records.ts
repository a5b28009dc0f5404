import type { ArticleDetail } from '../articles/get-article.ts';
import type { Db } from '../db/client.ts';
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

/**
 * Column names and values as in the analysts' views (docs/analysts.md): snake_case, `is_stub` 0/1, dates as ISO 8601
 * in UTC (`2023-02-22T09:30:00.000Z`) whichever database the store is on.
 */
export const CSV_COLUMNS: Record<CsvTable, string[]> = {
  articles: ['id', 'slug', 'headline', 'status', 'is_stub', 'published_at', 'updated_at', 'byline', 'source_name', 'source_url', 'language', 'paragraphs', 'quotes', 'people', 'related'],
  paragraphs: ['article_id', 'paragraph_id', 'position', 'text'],
  quotes: [
    'article_id', 'quote_id', 'paragraph_position', 'start_offset', 'end_offset', 'paragraph_span', 'kind',
    'speaker_id', 'speaker_name', 'speaker_kind', 'speaker_role', 'speaker_role_title', 'speaker_role_category', 'addressee_id', 'addressee_name', 'verb', 'text',
  ],
  article_people: ['article_id', 'person_id', 'name', 'kind', 'wikidata_id', 'role', 'role_title', 'role_category', 'aliases', 'paragraphs'],
  related_articles: ['article_id', 'position', 'related_id', 'related_slug', 'is_stub', 'title'],
};

/** The stored title and category of each person's role in one article, by person id (article_people). */
export type RoleReadings = Map<number, { roleTitle: string | null; roleCategory: string | null }>;

export async function loadRoleReadings(db: Db, articleId: number): Promise<RoleReadings> {
  const rows = await db.articlePerson.findMany({ where: { articleId }, select: { personId: true, roleTitle: true, roleCategory: true } });
  return new Map(rows.map((r) => [r.personId, { roleTitle: r.roleTitle, roleCategory: r.roleCategory }]));
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function csvRows(table: CsvTable, a: ArticleDetail, roles: RoleReadings): unknown[][] {
  const roleOf = new Map(a.people.map((p) => [p.id, p.role]));
  switch (table) {
    case 'articles':
      return [[
        a.id, a.slug, a.headline, a.status, a.isStub ? 1 : 0, iso(a.publishedAt), iso(a.updatedAt), a.byline, a.sourceName, a.sourceUrl, a.language,
        a.paragraphs.length, a.quotes.length, a.people.length, a.related.length,
      ]];
    case 'paragraphs':
      return a.paragraphs.map((p) => [a.id, p.id, p.position, p.text]);
    case 'quotes': {
      // person or organisation: analysts count people's and organisations' quotes apart (issue 16.4)
      const kindOf = new Map(a.people.map((p) => [p.id, p.kind]));
      return a.quotes.map((q) => {
        const speaker = q.speaker ? roles.get(q.speaker.id) : undefined;
        return [
          a.id, q.id, q.paragraphPosition, q.startOffset, q.endOffset, q.paragraphSpan, q.kind,
          q.speaker?.id, q.speaker?.name, q.speaker ? (kindOf.get(q.speaker.id) ?? 'person') : null,
          q.speaker ? roleOf.get(q.speaker.id) : null, speaker?.roleTitle, speaker?.roleCategory,
          q.addressee?.id, q.addressee?.name, q.verb, q.text,
        ];
      });
    }
    case 'article_people':
      return a.people.map((p) => [
        a.id, p.id, p.name, p.kind, p.wikidataId, p.role, roles.get(p.id)?.roleTitle, roles.get(p.id)?.roleCategory, p.aliases.join('; '), p.paragraphs.join(' '),
      ]);
    case 'related_articles':
      return a.related.map((r) => [a.id, r.position, r.article.id, r.article.slug, r.article.isStub ? 1 : 0, r.title]);
  }
}
