import Database from 'better-sqlite3';
import pg from 'pg';
import type { Provider } from '../../src/config/database-url.ts';
import { resolveDatabaseUrl } from '../../src/config/database-url.ts';
import { type ExistingArticle, type Lookups, type ParsedSource, type Rows, planBatch } from './raw-plan.ts';

/**
 * The raw limit for writes: the rows planned by raw-plan.ts written with the drivers directly, one transaction per
 * batch — better-sqlite3 prepared statements (one per row, which is the fastest thing SQLite offers), and pg
 * multi-row inserts (one `INSERT … SELECT FROM unnest($1::int[], …)` per table per batch, no parameter limit).
 */
export interface RawWriter {
  writeBatch(batch: ParsedSource[]): Promise<{ created: number; unchanged: number; deferred: number }>;
  close(): Promise<void>;
}

export async function openRawWriter(provider: Provider, url: string): Promise<RawWriter> {
  return provider === 'sqlite' ? sqliteWriter(resolveDatabaseUrl(url).file!) : postgresWriter(url);
}

/** Prisma's better-sqlite3 adapter stores DateTime as ISO text with "+00:00"; the raw path writes the same. */
const sqliteTime = (iso: string) => iso.replace('Z', '+00:00');

function sqliteWriter(file: string): RawWriter {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const bySlug = db.prepare<[string], { id: number; slug: string; is_stub: number; content_hash: string | null; version: number }>(
    'SELECT id, slug, is_stub, content_hash, version FROM articles WHERE slug = ?',
  );
  const byKey = db.prepare<[string], { id: number }>('SELECT id FROM people WHERE name_key = ?');
  const seq = db.prepare<[string], { seq: number }>('SELECT seq FROM sqlite_sequence WHERE name = ?');
  const insertArticle = db.prepare(
    `INSERT INTO articles (id, slug, headline, headline_derived, byline, source_name, source_url, language, status, is_stub,
       published_at, source_text, content_hash, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const fillStub = db.prepare(
    `UPDATE articles SET headline = ?, headline_derived = ?, byline = ?, source_name = ?, source_url = ?, language = ?,
       status = ?, is_stub = 0, published_at = ?, source_text = ?, content_hash = ?, version = ?, updated_at = ? WHERE id = ?`,
  );
  const insertParagraph = db.prepare('INSERT INTO paragraphs (id, article_id, position, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertPerson = db.prepare('INSERT INTO people (id, name, name_key, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)');
  const insertLink = db.prepare('INSERT INTO article_people (id, article_id, person_id, role, aliases, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const insertMention = db.prepare('INSERT INTO mentions (article_person_id, paragraph_id) VALUES (?, ?)');
  const insertQuote = db.prepare(
    `INSERT INTO quotes (id, article_id, paragraph_id, text, kind, speaker_id, addressee_id, verb, start_offset, end_offset,
       paragraph_span, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRelated = db.prepare('INSERT INTO related_articles (id, article_id, related_id, position, title) VALUES (?, ?, ?, ?, ?)');
  const insertRevision = db.prepare(
    `INSERT INTO revisions (id, entity_type, entity_id, action, actor, version, after, created_at) VALUES (?, 'article', ?, ?, 'ingest', ?, ?, ?)`,
  );

  const lookups: Lookups = {
    async articlesBySlug(slugs) {
      const out = new Map<string, ExistingArticle>();
      for (const s of slugs) {
        const r = bySlug.get(s);
        if (r) out.set(s, { id: r.id, slug: r.slug, isStub: r.is_stub === 1, contentHash: r.content_hash, version: r.version });
      }
      return out;
    },
    async peopleByKey(keys) {
      const out = new Map<string, number>();
      for (const k of keys) {
        const r = byKey.get(k);
        if (r) out.set(k, r.id);
      }
      return out;
    },
    // Safe because the batch runs in BEGIN IMMEDIATE: no other writer can take ids until we commit.
    async allocate(table, n) {
      const first = (seq.get(table)?.seq ?? 0) + 1;
      return Array.from({ length: n }, (_, i) => first + i);
    },
  };

  const write = (rows: Rows) => {
    const now = sqliteTime(new Date().toISOString());
    const b = (x: boolean) => (x ? 1 : 0);
    const t = (x: string | null) => (x ? sqliteTime(x) : null);
    for (const a of rows.articles) {
      insertArticle.run(a.id, a.slug, a.headline, b(a.headlineDerived), a.byline, a.sourceName, a.sourceUrl, a.language, a.status, b(a.isStub), t(a.publishedAt), a.sourceText, a.contentHash, a.version, now, now);
    }
    for (const a of rows.stubFills) {
      fillStub.run(a.headline, b(a.headlineDerived), a.byline, a.sourceName, a.sourceUrl, a.language, a.status, t(a.publishedAt), a.sourceText, a.contentHash, a.version, now, a.id);
    }
    for (const p of rows.paragraphs) insertParagraph.run(p.id, p.articleId, p.position, p.text, now, now);
    for (const p of rows.people) insertPerson.run(p.id, p.name, p.nameKey, now, now);
    for (const l of rows.articlePeople) insertLink.run(l.id, l.articleId, l.personId, l.role, l.aliases, now);
    for (const m of rows.mentions) insertMention.run(m.articlePersonId, m.paragraphId);
    for (const q of rows.quotes) {
      insertQuote.run(q.id, q.articleId, q.paragraphId, q.text, q.kind, q.speakerId, q.addresseeId, q.verb, q.startOffset, q.endOffset, q.paragraphSpan, now, now);
    }
    for (const r of rows.related) insertRelated.run(r.id, r.articleId, r.relatedId, r.position, r.title);
    for (const r of rows.revisions) insertRevision.run(r.id, r.entityId, r.action, r.version, r.after, now);
  };

  return {
    async writeBatch(batch) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const rows = await planBatch(batch, lookups);
        write(rows);
        db.exec('COMMIT');
        return { created: rows.created, unchanged: rows.unchanged, deferred: rows.deferred };
      } catch (e) {
        db.exec('ROLLBACK');
        throw e;
      }
    },
    async close() {
      db.close();
    },
  };
}

async function postgresWriter(url: string): Promise<RawWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const lookups: Lookups = {
    async articlesBySlug(slugs) {
      const { rows } = await client.query<{ id: number; slug: string; is_stub: boolean; content_hash: string | null; version: number }>(
        'SELECT id, slug, is_stub, content_hash, version FROM articles WHERE slug = ANY($1::text[])',
        [slugs],
      );
      return new Map(rows.map((r) => [r.slug, { id: r.id, slug: r.slug, isStub: r.is_stub, contentHash: r.content_hash, version: r.version }]));
    },
    async peopleByKey(keys) {
      const { rows } = await client.query<{ id: number; name_key: string }>('SELECT id, name_key FROM people WHERE name_key = ANY($1::text[])', [keys]);
      return new Map(rows.map((r) => [r.name_key, r.id]));
    },
    async allocate(table, n) {
      if (n === 0) return [];
      const { rows } = await client.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('${table}', 'id'))::int AS id FROM generate_series(1, $1)`, [n]);
      return rows.map((r) => r.id);
    },
  };
  const col = <T, V>(list: T[], f: (x: T) => V) => list.map(f);

  const write = async (rows: Rows) => {
    const now = new Date().toISOString();
    const a = rows.articles;
    if (a.length) {
      await client.query(
        `INSERT INTO articles (id, slug, headline, headline_derived, byline, source_name, source_url, language, status, is_stub,
           published_at, source_text, content_hash, version, created_at, updated_at)
         SELECT id, slug, headline, hd, byline, sn, su, lang, st::article_status, stub, pub, stext, hash, v, $15::timestamp, $15::timestamp
         FROM unnest($1::int[], $2::text[], $3::text[], $4::bool[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::bool[], $11::timestamp[], $12::text[], $13::text[], $14::int[])
           AS t(id, slug, headline, hd, byline, sn, su, lang, st, stub, pub, stext, hash, v)`,
        [col(a, (x) => x.id), col(a, (x) => x.slug), col(a, (x) => x.headline), col(a, (x) => x.headlineDerived), col(a, (x) => x.byline), col(a, (x) => x.sourceName), col(a, (x) => x.sourceUrl), col(a, (x) => x.language), col(a, (x) => x.status), col(a, (x) => x.isStub), col(a, (x) => x.publishedAt), col(a, (x) => x.sourceText), col(a, (x) => x.contentHash), col(a, (x) => x.version), now],
      );
    }
    const f = rows.stubFills;
    if (f.length) {
      await client.query(
        `UPDATE articles AS a SET headline = t.headline, headline_derived = t.hd, byline = t.byline, source_name = t.sn,
           source_url = t.su, language = t.lang, status = t.st::article_status, is_stub = false, published_at = t.pub,
           source_text = t.stext, content_hash = t.hash, version = t.v, updated_at = $13::timestamp
         FROM unnest($1::int[], $2::text[], $3::bool[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::timestamp[], $10::text[], $11::text[], $12::int[])
           AS t(id, headline, hd, byline, sn, su, lang, st, pub, stext, hash, v)
         WHERE a.id = t.id`,
        [col(f, (x) => x.id), col(f, (x) => x.headline), col(f, (x) => x.headlineDerived), col(f, (x) => x.byline), col(f, (x) => x.sourceName), col(f, (x) => x.sourceUrl), col(f, (x) => x.language), col(f, (x) => x.status), col(f, (x) => x.publishedAt), col(f, (x) => x.sourceText), col(f, (x) => x.contentHash), col(f, (x) => x.version), now],
      );
    }
    const p = rows.paragraphs;
    if (p.length) {
      await client.query(
        `INSERT INTO paragraphs (id, article_id, position, text, created_at, updated_at)
         SELECT id, aid, pos, txt, $5::timestamp, $5::timestamp FROM unnest($1::int[], $2::int[], $3::int[], $4::text[]) AS t(id, aid, pos, txt)`,
        [col(p, (x) => x.id), col(p, (x) => x.articleId), col(p, (x) => x.position), col(p, (x) => x.text), now],
      );
    }
    const pp = rows.people;
    if (pp.length) {
      await client.query(
        `INSERT INTO people (id, name, name_key, created_at, updated_at)
         SELECT id, name, k, $4::timestamp, $4::timestamp FROM unnest($1::int[], $2::text[], $3::text[]) AS t(id, name, k)`,
        [col(pp, (x) => x.id), col(pp, (x) => x.name), col(pp, (x) => x.nameKey), now],
      );
    }
    const l = rows.articlePeople;
    if (l.length) {
      await client.query(
        `INSERT INTO article_people (id, article_id, person_id, role, aliases, created_at)
         SELECT id, aid, pid, role, al::jsonb, $6::timestamp FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[]) AS t(id, aid, pid, role, al)`,
        [col(l, (x) => x.id), col(l, (x) => x.articleId), col(l, (x) => x.personId), col(l, (x) => x.role), col(l, (x) => x.aliases), now],
      );
    }
    const m = rows.mentions;
    if (m.length) {
      await client.query('INSERT INTO mentions (article_person_id, paragraph_id) SELECT * FROM unnest($1::int[], $2::int[])', [
        col(m, (x) => x.articlePersonId),
        col(m, (x) => x.paragraphId),
      ]);
    }
    const q = rows.quotes;
    if (q.length) {
      await client.query(
        `INSERT INTO quotes (id, article_id, paragraph_id, text, kind, speaker_id, addressee_id, verb, start_offset, end_offset,
           paragraph_span, created_at, updated_at)
         SELECT id, aid, pid, txt, k::quote_kind, sp, ad, verb, so, eo, span, $12::timestamp, $12::timestamp
         FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::int[], $10::int[], $11::int[])
           AS t(id, aid, pid, txt, k, sp, ad, verb, so, eo, span)`,
        [col(q, (x) => x.id), col(q, (x) => x.articleId), col(q, (x) => x.paragraphId), col(q, (x) => x.text), col(q, (x) => x.kind), col(q, (x) => x.speakerId), col(q, (x) => x.addresseeId), col(q, (x) => x.verb), col(q, (x) => x.startOffset), col(q, (x) => x.endOffset), col(q, (x) => x.paragraphSpan), now],
      );
    }
    const r = rows.related;
    if (r.length) {
      await client.query(
        `INSERT INTO related_articles (id, article_id, related_id, position, title)
         SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::text[])`,
        [col(r, (x) => x.id), col(r, (x) => x.articleId), col(r, (x) => x.relatedId), col(r, (x) => x.position), col(r, (x) => x.title)],
      );
    }
    const v = rows.revisions;
    if (v.length) {
      await client.query(
        `INSERT INTO revisions (id, entity_type, entity_id, action, actor, version, after, created_at)
         SELECT id, 'article', eid, act, 'ingest', ver, aft::jsonb, $6::timestamp FROM unnest($1::int[], $2::int[], $3::text[], $4::int[], $5::text[]) AS t(id, eid, act, ver, aft)`,
        [col(v, (x) => x.id), col(v, (x) => x.entityId), col(v, (x) => x.action), col(v, (x) => x.version), col(v, (x) => x.after), now],
      );
    }
  };

  return {
    async writeBatch(batch) {
      await client.query('BEGIN');
      try {
        const rows = await planBatch(batch, lookups);
        await write(rows);
        await client.query('COMMIT');
        return { created: rows.created, unchanged: rows.unchanged, deferred: rows.deferred };
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    },
    async close() {
      await client.end();
    },
  };
}
