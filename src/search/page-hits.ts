import Database from 'better-sqlite3';
import type { Db } from '../db/client.ts';
import { dialectOf } from '../db/dialect.ts';
import { Prisma } from '../generated/sqlite/client.ts';
import type { SearchQuery } from './search-query.ts';
import { FTS5_TOKENIZE, HEADLINE_WEIGHT, type HitRow, MARK_END, MARK_START, anyTermFts5, hitsSql } from './search-sql.ts';

/**
 * The best `perArticle` matching headline, paragraphs and quotes of each article on a page, with snippets.
 *
 * PostgreSQL filters search_documents by article id (a B-tree) and checks @@ on those rows. SQLite cannot: FTS5 finds
 * a row's matches by walking the term's doclist, so restricting a common word ("said") to a page's 300 rows costs a
 * second at 100,000 articles, whether by rowid or by article id. Instead the page's rows (a few hundred, by index) go
 * into a scratch in-memory FTS5 table with the store's own tokenizer, where MATCH, bm25 and snippet cost the same
 * whatever the store's size. bm25 there weighs words against the page, not the archive: it only orders an
 * article's own matches.
 */
export async function pageHits(db: Db, query: SearchQuery, articleIds: number[], perArticle: number): Promise<HitRow[]> {
  if (dialectOf(db) === 'postgresql') return db.$queryRaw<HitRow[]>(hitsSql(query, articleIds, perArticle));
  const ids = Prisma.join(articleIds);
  const rows = await db.$queryRaw<PageRow[]>(Prisma.sql`
    SELECT 'headline' AS "kind", "id" AS "source_id", "id" AS "article_id", "headline" AS "body",
           NULL AS "paragraph_id", NULL AS "paragraph_position" FROM "articles" WHERE "id" IN (${ids})
    UNION ALL
    SELECT 'paragraph', "id", "article_id", "text", "id", "position" FROM "paragraphs" WHERE "article_id" IN (${ids})
    UNION ALL
    SELECT 'quote', q."id", q."article_id", q."text", p."id", p."position"
    FROM "quotes" q JOIN "paragraphs" p ON p."id" = q."paragraph_id" WHERE q."article_id" IN (${ids})`);
  return rankPerArticle(matchOnScratch(rows, anyTermFts5(query)), perArticle);
}

type PageRow = Omit<HitRow, 'score' | 'snippet'> & { body: string };

interface Scratch {
  fill(rows: PageRow[]): void;
  /** the filled rows matching the expression, by index into `rows` */
  match(expression: string): { i: number; score: number; snippet: string }[];
}

/** One per process, used synchronously from fill to read: nothing else runs in between, nothing outlives a call. */
let scratch: Scratch | null = null;

function matchOnScratch(rows: PageRow[], expression: string): HitRow[] {
  scratch ??= openScratch();
  scratch.fill(rows);
  return scratch.match(expression).map(({ i, score, snippet }) => {
    const row = rows[i]!;
    return { ...row, score: row.kind === 'headline' ? score * HEADLINE_WEIGHT : score, snippet, body: null };
  });
}

function openScratch(): Scratch {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE "page" USING fts5("body", tokenize = '${FTS5_TOKENIZE}')`);
  const clear = db.prepare('DELETE FROM "page"');
  const insert = db.prepare('INSERT INTO "page" ("rowid", "body") VALUES (?, ?)');
  const match = db.prepare<[string, string, string], { i: number; score: number; snippet: string }>(
    `SELECT "rowid" AS "i", -bm25("page") AS "score", snippet("page", 0, ?, ?, '…', 24) AS "snippet" FROM "page" WHERE "page" MATCH ?`,
  );
  const fill = db.transaction((rows: PageRow[]) => {
    clear.run();
    rows.forEach((row, i) => insert.run(i, row.body));
  });
  return { fill, match: (expression) => match.all(MARK_START, MARK_END, expression) };
}

/** Each article's best matches, best first, articles in id order (what hitsSql returns on PostgreSQL). */
function rankPerArticle(hits: HitRow[], perArticle: number): HitRow[] {
  const kinds = ['headline', 'paragraph', 'quote'];
  hits.sort(
    (a, b) =>
      Number(a.article_id) - Number(b.article_id) ||
      b.score - a.score ||
      kinds.indexOf(a.kind) - kinds.indexOf(b.kind) ||
      Number(a.source_id) - Number(b.source_id),
  );
  const taken = new Map<number, number>();
  return hits.filter((h) => {
    const n = (taken.get(Number(h.article_id)) ?? 0) + 1;
    taken.set(Number(h.article_id), n);
    return n <= perArticle;
  });
}
