import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createAnalystRole, dropAnalystRole } from '../../src/db/analyst-role.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { sampleText } from '../support/articles.ts';
import { ENV, adminQuery, describeEachDatabase } from '../support/databases.ts';

const run = promisify(execFile);

describeEachDatabase('read-only access for analysts', (ctx) => {
  // Roles are cluster-wide: a name of our own, dropped afterwards, so parallel runs never meet.
  const role = `analyst_test_${crypto.randomBytes(4).toString('hex')}`;

  before(async () => {
    await importArticle(ctx.db.prisma, sampleText(), {}, { name: 'read-only-test', tokenId: null });
    if (ctx.provider === 'postgresql') await createAnalystRole(ctx.db.url, { role });
  });
  after(async () => {
    if (ctx.provider !== 'postgresql') return;
    // The database may already be dropped (its after hook can run first), taking the role's grants with it.
    await dropAnalystRole(ctx.db.url, role).catch(() => adminQuery(process.env[ENV.postgresAdminUrl]!, `DROP ROLE IF EXISTS "${role}"`));
  });

  if (ctx.provider === 'postgresql') {
    const asAnalyst = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
      const url = new URL(ctx.db.url);
      url.username = role;
      url.password = '';
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return await fn(client);
      } finally {
        await client.end();
      }
    };

    test('the analyst role can SELECT tables and views, and search', async () => {
      await asAnalyst(async (c) => {
        assert.equal((await c.query('SELECT count(*)::int AS n FROM quote_details')).rows[0].n > 0, true);
        assert.equal((await c.query("SELECT paragraphs FROM article_stats WHERE article_status = 'published'")).rows[0].paragraphs, 13);
        assert.ok((await c.query('SELECT count(*)::int AS n FROM person_mentions')).rows[0].n > 0);
        const hits = await c.query("SELECT count(*)::int AS n FROM search_documents WHERE document @@ websearch_to_tsquery('english', 'sanctions')");
        assert.equal(hits.rows[0].n, 2);
      });
    });

    test('the analyst role cannot INSERT, UPDATE, DELETE, create tables, or read api_tokens and webhook secrets', async () => {
      await asAnalyst(async (c) => {
        const refused = async (sql: string, why: RegExp) => {
          await assert.rejects(c.query(sql), why, sql);
        };
        await refused("INSERT INTO people (name, name_key, updated_at) VALUES ('x', 'x', now())", /read-only transaction/);
        // Even with the read-only default switched off, the privileges say no.
        await c.query('SET default_transaction_read_only = off');
        await refused("INSERT INTO people (name, name_key, updated_at) VALUES ('x', 'x', now())", /permission denied/);
        await refused("UPDATE articles SET headline = 'x'", /permission denied/);
        await refused('DELETE FROM quotes', /permission denied/);
        await refused('CREATE TABLE scratch (id int)', /permission denied/);
        await refused('SELECT * FROM api_tokens', /permission denied/);
        await refused('SELECT password_hash FROM accounts', /permission denied/);
        await refused('SELECT token_hash FROM account_sessions', /permission denied/);
        await refused('SELECT secret FROM webhook_endpoints', /permission denied/);
      });
      assert.equal(await ctx.db.prisma.person.count({ where: { name: 'x' } }), 0);
    });

    test('the role is idempotent: running the command again refreshes the grants', async () => {
      await createAnalystRole(ctx.db.url, { role, password: 'changed it' });
      await asAnalyst(async (c) => assert.ok((await c.query('SELECT 1 FROM articles LIMIT 1')).rowCount));
    });
  } else {
    test('SQLite opened read-only (sqlite3 -readonly, file:…?mode=ro) reads but cannot write', async () => {
      const file = ctx.db.target.file!;
      const ro = new Database(file, { readonly: true, fileMustExist: true });
      try {
        assert.equal((ro.prepare("SELECT paragraphs FROM article_stats WHERE article_status = 'published'").get() as { paragraphs: number }).paragraphs, 13);
        assert.equal((ro.prepare("SELECT count(*) AS n FROM search_documents WHERE search_documents MATCH 'sanctions'").get() as { n: number }).n, 2);
        assert.throws(() => ro.prepare("INSERT INTO people (name, name_key, updated_at) VALUES ('x', 'x', 'now')").run(), /readonly/);
      } finally {
        ro.close();
      }
      const cli = await run('sqlite3', ['-readonly', file, 'SELECT count(*) FROM quote_details;']).catch((e) => e);
      if ((cli as NodeJS.ErrnoException).code === 'ENOENT') return; // no sqlite3 on this machine: the URI form above covers it
      assert.ok(Number(cli.stdout.trim()) > 0);
      await assert.rejects(run('sqlite3', ['-readonly', file, 'DELETE FROM quotes;']), /readonly/);
      const uri = await run('sqlite3', [`file:${file}?mode=ro`, 'SELECT count(*) FROM person_mentions;']);
      assert.ok(Number(uri.stdout.trim()) > 0);
      await assert.rejects(run('sqlite3', [`file:${file}?mode=ro`, 'DELETE FROM quotes;']), /readonly/);
    });
  }
});
