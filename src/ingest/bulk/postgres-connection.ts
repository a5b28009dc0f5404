import pg from 'pg';
import { REFRESH_ARTICLE_SEARCH } from '../../db/search-index.ts';
import type { BulkConnection } from './bulk-connection.ts';
import type { IdTable, Known, PlannedRows } from './plan-batch.ts';

/**
 * The bulk writer's own pg connection: one multi-row `INSERT … SELECT FROM unnest($1::int[], …)` per table per batch
 * (arrays as parameters, so no parameter-count limit and one round trip per table), where Prisma's createMany sends
 * one statement per call and its nested writes one per row.
 */
export async function openPostgresConnection(url: string): Promise<BulkConnection> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const query = (sql: string, values?: unknown[]) => client.query(sql, values);
  return {
    async lookup(slugs, nameKeys) {
      const known: Known = { articles: new Map(), people: new Map() };
      const articles = await client.query<{ id: number; slug: string; is_stub: boolean; content_hash: string | null; version: number }>(
        'SELECT id, slug, is_stub, content_hash, version FROM articles WHERE slug = ANY($1::text[])',
        [slugs],
      );
      for (const r of articles.rows) {
        known.articles.set(r.slug, { ref: { id: r.id }, slug: r.slug, isStub: r.is_stub, contentHash: r.content_hash, version: r.version });
      }
      const people = await client.query<{ id: number; name_key: string }>('SELECT id, name_key FROM people WHERE name_key = ANY($1::text[])', [nameKeys]);
      for (const r of people.rows) known.people.set(r.name_key, { id: r.id });
      return known;
    },
    // Sequences are shared with every other writer and never roll back: ids taken here are ours whatever happens.
    async allocate(table: IdTable, n: number) {
      if (n === 0) return [];
      const { rows } = await client.query<{ id: number }>(
        `SELECT nextval(pg_get_serial_sequence('${table}', 'id'))::int AS id FROM generate_series(1, $1)`,
        [n],
      );
      return rows.map((r) => r.id);
    },
    insert: (rows) => insertRows(query, rows),
    async touchArticlesRelatedTo(stubIds, except) {
      if (!stubIds.length) return;
      await query(
        `UPDATE articles a SET updated_at = now(),
           version = a.version + (SELECT count(*) FROM related_articles r WHERE r.article_id = a.id AND r.related_id = ANY($1::int[]))
         WHERE a.id IN (SELECT article_id FROM related_articles WHERE related_id = ANY($1::int[])) AND a.id <> ALL($2::int[])`,
        [stubIds, except],
      );
    },
    async refreshSearch() {
      for (const sql of REFRESH_ARTICLE_SEARCH.postgresql) await query(sql);
    },
    begin: async () => void (await query('BEGIN')),
    commit: async () => void (await query('COMMIT')),
    rollback: async () => void (await query('ROLLBACK')),
    savepoint: async (name) => void (await query(`SAVEPOINT ${name}`)),
    release: async (name) => void (await query(`RELEASE SAVEPOINT ${name}`)),
    rollbackTo: async (name) => void (await query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`)),
    close: () => client.end(),
  };
}

async function insertRows(query: (sql: string, values?: unknown[]) => Promise<unknown>, rows: PlannedRows): Promise<void> {
  const now = new Date().toISOString();
  const col = <T>(list: T[], f: (x: T) => unknown) => list.map(f);
  const a = rows.articles;
  if (a.length) {
    await query(
      `INSERT INTO articles (id, slug, headline, headline_derived, byline, source_name, source_url, language, status, is_stub,
         published_at, source_text, content_hash, version, created_at, updated_at)
       SELECT id, slug, headline, hd, byline, sn, su, lang, st::article_status, stub, pub, stext, hash, v, $15::timestamp, $15::timestamp
       FROM unnest($1::int[], $2::text[], $3::text[], $4::bool[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::bool[], $11::timestamp[], $12::text[], $13::text[], $14::int[])
         AS t(id, slug, headline, hd, byline, sn, su, lang, st, stub, pub, stext, hash, v)`,
      [col(a, (x) => x.id), col(a, (x) => x.slug), col(a, (x) => x.headline), col(a, (x) => x.headlineDerived), col(a, (x) => x.byline),
        col(a, (x) => x.sourceName), col(a, (x) => x.sourceUrl), col(a, (x) => x.language), col(a, (x) => x.status), col(a, (x) => x.isStub),
        col(a, (x) => x.publishedAt), col(a, (x) => x.sourceText), col(a, (x) => x.contentHash), col(a, (x) => x.version), now],
    );
  }
  const f = rows.fills;
  if (f.length) {
    await query(
      `UPDATE articles AS a SET headline = t.headline, headline_derived = t.hd, byline = t.byline, source_name = t.sn,
         source_url = t.su, language = t.lang, status = t.st::article_status, is_stub = false, published_at = t.pub,
         source_text = t.stext, content_hash = t.hash, version = t.v, updated_at = $13::timestamp
       FROM unnest($1::int[], $2::text[], $3::bool[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::timestamp[], $10::text[], $11::text[], $12::int[])
         AS t(id, headline, hd, byline, sn, su, lang, st, pub, stext, hash, v)
       WHERE a.id = t.id`,
      [col(f, (x) => x.article.id), col(f, (x) => x.headline), col(f, (x) => x.headlineDerived), col(f, (x) => x.byline),
        col(f, (x) => x.sourceName), col(f, (x) => x.sourceUrl), col(f, (x) => x.language), col(f, (x) => x.status),
        col(f, (x) => x.publishedAt), col(f, (x) => x.sourceText), col(f, (x) => x.contentHash), col(f, (x) => x.version), now],
    );
  }
  const p = rows.paragraphs;
  if (p.length) {
    await query(
      `INSERT INTO paragraphs (id, article_id, position, text, created_at, updated_at)
       SELECT id, aid, pos, txt, $5::timestamp, $5::timestamp FROM unnest($1::int[], $2::int[], $3::int[], $4::text[]) AS t(id, aid, pos, txt)`,
      [col(p, (x) => x.id), col(p, (x) => x.article.id), col(p, (x) => x.position), col(p, (x) => x.text), now],
    );
  }
  const pp = rows.people;
  if (pp.length) {
    await query(
      `INSERT INTO people (id, name, name_key, created_at, updated_at)
       SELECT id, name, k, $4::timestamp, $4::timestamp FROM unnest($1::int[], $2::text[], $3::text[]) AS t(id, name, k)`,
      [col(pp, (x) => x.id), col(pp, (x) => x.name), col(pp, (x) => x.nameKey), now],
    );
  }
  const l = rows.links;
  if (l.length) {
    await query(
      `INSERT INTO article_people (id, article_id, person_id, role, aliases, created_at)
       SELECT id, aid, pid, role, al::jsonb, $6::timestamp FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[]) AS t(id, aid, pid, role, al)`,
      [col(l, (x) => x.id), col(l, (x) => x.article.id), col(l, (x) => x.person.id), col(l, (x) => x.role), col(l, (x) => x.aliases), now],
    );
  }
  const m = rows.mentions;
  if (m.length) {
    await query('INSERT INTO mentions (article_person_id, paragraph_id) SELECT * FROM unnest($1::int[], $2::int[])', [
      col(m, (x) => x.link.id),
      col(m, (x) => x.paragraph.id),
    ]);
  }
  const q = rows.quotes;
  if (q.length) {
    await query(
      `INSERT INTO quotes (id, article_id, paragraph_id, text, kind, speaker_id, addressee_id, verb, start_offset, end_offset,
         paragraph_span, created_at, updated_at)
       SELECT id, aid, pid, txt, k::quote_kind, sp, ad, verb, so, eo, span, $12::timestamp, $12::timestamp
       FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::int[], $10::int[], $11::int[])
         AS t(id, aid, pid, txt, k, sp, ad, verb, so, eo, span)`,
      [col(q, (x) => x.id), col(q, (x) => x.article.id), col(q, (x) => x.paragraph.id), col(q, (x) => x.text), col(q, (x) => x.kind),
        col(q, (x) => x.speaker?.id ?? null), col(q, (x) => x.addressee?.id ?? null), col(q, (x) => x.verb), col(q, (x) => x.startOffset),
        col(q, (x) => x.endOffset), col(q, (x) => x.paragraphSpan), now],
    );
  }
  const r = rows.related;
  if (r.length) {
    await query(
      `INSERT INTO related_articles (id, article_id, related_id, position, title)
       SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::text[])`,
      [col(r, (x) => x.id), col(r, (x) => x.article.id), col(r, (x) => x.related.id), col(r, (x) => x.position), col(r, (x) => x.title)],
    );
  }
  const v = rows.revisions;
  if (v.length) {
    await query(
      `INSERT INTO revisions (id, entity_type, entity_id, action, actor, token_id, version, after, created_at)
       SELECT id, 'article', eid, act, who, tok, ver, aft::jsonb, $8::timestamp
       FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[]) AS t(id, eid, act, who, tok, ver, aft)`,
      [col(v, (x) => x.id), col(v, (x) => x.article.id), col(v, (x) => x.action), col(v, (x) => x.actor), col(v, (x) => x.tokenId),
        col(v, (x) => x.version), col(v, (x) => x.after), now],
    );
  }
}
