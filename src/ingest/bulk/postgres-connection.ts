import pg from 'pg';
import { REFRESH_ARTICLE_SEARCH } from '../../db/search-index.ts';
import { PEOPLE_IDENTITY_LOCK_SQL } from '../../people/identity-lock.ts';
import { toSubscriber } from '../../webhooks/outbox-rows.ts';
import type { BulkConnection } from './bulk-connection.ts';
import {
  type IdTable, KNOWN_ARTICLE_COLUMNS, KNOWN_ROLES_LIMIT, type Known, type KnownArticleRow, type KnownPersonRow, type PlannedRows,
  addKnownPerson, toKnownArticle, toKnownPerson,
} from './plan-batch.ts';
import { type Column, type ColumnType, INSERTS, PRONOUN_FILL, STUB_FILL, WRITE_ORDER } from './planned-columns.ts';

/**
 * The bulk writer's own pg connection: one multi-row `INSERT … SELECT FROM unnest($1::int[], …)` per table per batch
 * (arrays as parameters, so no parameter-count limit and one round trip per table), where Prisma's createMany sends
 * one statement per call and its nested writes one per row.
 */
export async function openPostgresConnection(url: string): Promise<BulkConnection> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // No JIT compilation on this connection. PostgreSQL compiles a statement when its estimated cost passes
  // jit_above_cost, and a batch's statements pass it whenever the statistics lag behind a growing table (always,
  // during a bulk load): compiling took 120–340 ms of each 1,000-article batch's search refresh, which runs in 400 ms
  // without it (docs/performance.md).
  await client.query('SET jit = off');
  const query = (sql: string, values?: unknown[]) => client.query(sql, values);
  return {
    async lookup(slugs, nameKeys) {
      const endpoints = await client.query<{ id: number; events: unknown }>('SELECT id, events FROM webhook_endpoints WHERE enabled ORDER BY id');
      const known: Known = { articles: new Map(), people: new Map(), subscribers: endpoints.rows.map(toSubscriber) };
      const articles = await client.query<KnownArticleRow>(`SELECT ${KNOWN_ARTICLE_COLUMNS} FROM articles WHERE slug = ANY($1::text[])`, [slugs]);
      for (const r of articles.rows) known.articles.set(r.slug, toKnownArticle(r));
      if (nameKeys.length) await query(PEOPLE_IDENTITY_LOCK_SQL);
      // Each person with their latest roles (the same KNOWN_ROLES_LIMIT as every lookup), oldest person first.
      const people = await client.query<KnownPersonRow & { roles: string[] }>(
        `SELECT p.id, p.name, p.name_key, p.kind, p.pronoun,
           ARRAY(SELECT ap.role FROM article_people ap WHERE ap.person_id = p.id AND ap.role IS NOT NULL
                 ORDER BY ap.article_id DESC LIMIT $2) AS roles
         FROM people p WHERE p.name_key = ANY($1::text[]) ORDER BY p.id`,
        [nameKeys, KNOWN_ROLES_LIMIT],
      );
      for (const r of people.rows) addKnownPerson(known.people, r.name_key, toKnownPerson(r, r.roles));
      return known;
    },
    // Sequences are shared with every other writer and never roll back: ids taken here are ours whatever happens.
    // The sequence is looked up once per statement: pg_get_serial_sequence per row (a catalog lookup each) took
    // three times as long as the nextval calls themselves (14.6 against 5.3 ms for 5,000 ids).
    async allocate(table: IdTable, n: number) {
      if (n === 0) return [];
      const { rows } = await client.query<{ id: number }>(
        `SELECT nextval(s.seq)::int AS id
         FROM (SELECT pg_get_serial_sequence($2, 'id')::regclass AS seq) s CROSS JOIN generate_series(1, $1)`,
        [n, table],
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

/** The array type a column travels in, and the cast that makes it the column's type. */
const PG_ARRAY: Record<ColumnType, string> = {
  int: 'int[]', text: 'text[]', bool: 'bool[]', time: 'timestamp[]', json: 'text[]', article_status: 'text[]', quote_kind: 'text[]',
};
const PG_CAST: Partial<Record<ColumnType, string>> = { json: '::jsonb', article_status: '::article_status', quote_kind: '::quote_kind' };

/**
 * `INSERT INTO t (…) SELECT c1, c2::cast, …, $n::timestamp FROM unnest($1::int[], …) AS u(c1, …)` per table, and for
 * the stubs filled `UPDATE articles SET … FROM unnest(…) WHERE articles.id = u.id`: one statement per table, the rows
 * as one array per column.
 */
async function insertRows(query: (sql: string, values?: unknown[]) => Promise<unknown>, rows: PlannedRows): Promise<void> {
  const now = new Date().toISOString();
  const arrays = (columns: Column<unknown>[], list: unknown[]) => columns.map((c) => list.map((row) => c.value(row)));
  const unnest = (columns: Column<unknown>[]) =>
    `unnest(${columns.map((c, i) => `$${i + 1}::${PG_ARRAY[c.type]}`).join(', ')}) AS u(${columns.map((c) => c.name).join(', ')})`;
  const value = (c: Column<unknown>) => `u.${c.name}${PG_CAST[c.type] ?? ''}`;
  for (const key of WRITE_ORDER) {
    const list: unknown[] = rows[key];
    if (!list.length) continue;
    if (key === 'pronouns') {
      const { table, key: id, pronoun } = PRONOUN_FILL;
      const all = [id, pronoun] as Column<unknown>[];
      await query(
        `UPDATE ${table} AS p SET ${pronoun.name} = u.${pronoun.name}, version = p.version + 1, updated_at = $3::timestamp FROM ${unnest(all)}
         WHERE p.${id.name} = u.${id.name} AND p.${pronoun.name} IS NULL`,
        [...arrays(all, list), now],
      );
      continue;
    }
    if (key === 'fills') {
      const { table, key: id, columns, stamped } = STUB_FILL;
      const all = [id, ...columns];
      const sets = [...columns.map((c) => `${c.name} = ${value(c)}`), ...stamped.map((name) => `${name} = $${all.length + 1}::timestamp`)];
      await query(`UPDATE ${table} AS a SET ${sets.join(', ')} FROM ${unnest(all)} WHERE a.${id.name} = u.${id.name}`, [...arrays(all, list), now]);
      continue;
    }
    const { table, columns, stamped } = INSERTS[key];
    const select = [...columns.map(value), ...stamped.map(() => `$${columns.length + 1}::timestamp`)];
    await query(
      `INSERT INTO ${table} (${[...columns.map((c) => c.name), ...stamped].join(', ')}) SELECT ${select.join(', ')} FROM ${unnest(columns)}`,
      stamped.length ? [...arrays(columns, list), now] : arrays(columns, list),
    );
  }
}
