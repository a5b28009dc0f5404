import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { createToken } from '../../src/auth/tokens.ts';
import { PROJECT_ROOT, resolveDatabaseUrl } from '../../src/config/database-url.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { SAMPLE_TEXT_FILE, sampleText } from '../support/articles.ts';
import { ENV, type TestDatabase, adminQuery, freshDatabase, testProviders } from '../support/databases.ts';
import { assertIntegrity, snapshot } from '../support/db-invariants.ts';
import { bearer, testApp } from '../support/http.ts';
import { runScript, startServe } from '../support/processes.ts';

/**
 * Database faults: unreachable at start, lost while serving, busy/locked, full or read-only. Each is a clear
 * message or a 503 problem — never a crash, a 500 or half a write — and service comes back by itself.
 */

const noStack = (s: string) => assert.doesNotMatch(s, /^\s+at .+:\d+:\d+\)?$/m, `a stack trace instead of a message:\n${s}`);

describe('database unreachable at start: a clear message and a non-zero exit', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-faults-'));
    fs.writeFileSync(path.join(dir, 'a-file'), '');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: [string, () => string, RegExp][] = [
    ['PostgreSQL not listening', () => 'postgresql://postgres@127.0.0.1:1/news', /unreachable/i],
    ['a PostgreSQL database that does not exist', () => 'postgresql://postgres@127.0.0.1:5432/no_such_database_for_faults', /refuses connections \(database "no_such_database_for_faults" does not exist\)/i],
    ['a SQLite file that cannot be created', () => `file:${path.join(dir, 'a-file', 'news.db')}`, /a-file/],
  ];
  for (const [name, url, message] of cases) {
    test(`${name}: npm start and npm run ingest both exit non-zero and say why`, async () => {
      const [serve, ingest] = await Promise.all([
        runScript('serve', [], { env: { DATABASE_URL: url(), PORT: '0' } }),
        runScript('ingest', [SAMPLE_TEXT_FILE], { env: { DATABASE_URL: url() } }),
      ]);
      assert.notEqual(serve.code, 0);
      assert.match(serve.stderr, /^Cannot start: /m);
      assert.match(serve.stderr, message);
      assert.notEqual(ingest.code, 0);
      assert.match(ingest.stderr, /^ingest: /m);
      assert.match(ingest.stderr, message);
      if (url().startsWith('postgres')) {
        noStack(serve.stderr);
        noStack(ingest.stderr);
      }
    });
  }
});

const pgOnly = testProviders().includes('postgresql') ? describe : describe.skip;

pgOnly('[postgresql] database lost while serving', () => {
  let db: TestDatabase;
  before(async () => {
    db = await freshDatabase('postgresql');
  });
  after(async () => {
    await db?.drop();
  });

  test('readyz and data routes answer 503 problems, the process stays up, and it recovers by itself', async (t) => {
    const name = new URL(db.url).pathname.slice(1);
    const admin = process.env[ENV.postgresAdminUrl]!;
    const token = (await createToken(db.prisma, { name: 'fault-editor', role: 'editor' })).token;
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const server = await startServe(db.url);
    let faults = 0;
    try {
      assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
      const statuses: number[] = [];

      // 1. A blip: every connection is cut once. Requests answer 200 or 503, never 500; then all is well again.
      await adminQuery(admin, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
      faults++;
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${server.url}/api/articles`)).status);
      assert.ok(statuses.every((s) => s === 200 || s === 503), statuses.join());
      assert.equal(statuses.at(-1), 200, 'the pool reconnects by itself');

      // 2. Gone for a while: connections refused (as when the server restarts or the database is closed).
      await adminQuery(admin, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await adminQuery(admin, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
      faults++;
      try {
        const ready = await fetch(`${server.url}/readyz`);
        assert.equal(ready.status, 503);
        for (const [method, url, body] of [
          ['GET', '/api/articles', undefined],
          ['GET', '/api/articles/1', undefined],
          ['GET', '/api/people', undefined],
          ['POST', '/api/people', JSON.stringify({ name: 'Written while down' })],
        ] as const) {
          const res = await fetch(`${server.url}${url}`, { method, headers: auth, body });
          const text = await res.text();
          assert.equal(res.status, 503, `${method} ${url}: ${text}`);
          assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
          assert.equal(res.headers.get('retry-after'), '5');
          assert.equal(JSON.parse(text).status, 503);
        }
        assert.equal(server.child.exitCode, null, 'the server is still running');
      } finally {
        await adminQuery(admin, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      }

      // 3. Back: without a restart, readyz turns 200 and writes work.
      const deadline = Date.now() + 30_000;
      let ready = 0;
      while (Date.now() < deadline && (ready = (await fetch(`${server.url}/readyz`)).status) !== 200) await new Promise((r) => setTimeout(r, 200));
      assert.equal(ready, 200, 'recovered by itself');
      const write = await fetch(`${server.url}/api/people`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Written after recovery' }) });
      assert.equal(write.status, 201);
      assert.equal(await db.prisma.person.count({ where: { name: 'Written while down' } }), 0);
      assert.equal(server.child.exitCode, null);
    } finally {
      await server.kill('SIGTERM');
    }
    await assertIntegrity(db.prisma, 'postgresql', db.url);
    t.diagnostic(`figures: faults=${faults}`);
  });
});

/** Another process holding SQLite's write lock for `ms` (better-sqlite3 is synchronous: it must not be us). */
function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const code = `const D=require('better-sqlite3');const d=new D(${JSON.stringify(file)});d.exec('BEGIN IMMEDIATE');d.prepare("INSERT INTO people (name, name_key, updated_at) VALUES ('lock holder', 'lock holder', 0)").run();process.stdout.write('locked\\n');setTimeout(()=>{d.exec('ROLLBACK');d.close();process.exit(0)},${ms});`;
  const child = spawn(process.execPath, ['-e', code], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve({ released }));
    child.once('exit', (code) => reject(new Error(`lock holder exited ${code}`)));
  });
}

const sqliteOnly = testProviders().includes('sqlite') ? describe : describe.skip;

sqliteOnly('[sqlite] SQLite busy, locked, full and read-only', () => {
  let current: TestDatabase | undefined;
  const ctx = { get db(): TestDatabase { return current!; } };
  before(async () => {
    current = await freshDatabase('sqlite');
  });
  after(async () => {
    await current?.drop();
  });
  let editor: string;
  const file = () => resolveDatabaseUrl(ctx.db.url).file!;
  const open = (busyTimeoutMs: number): Promise<Database> => openDatabase(resolveDatabaseUrl(ctx.db.url), { busyTimeoutMs });
  before(async () => {
    editor = (await createToken(ctx.db.prisma, { name: 'sqlite-faults', role: 'editor' })).token;
  });

  test('a write lock held elsewhere: waited for (busy timeout), then a 503 problem; reads go on; nothing half-written', async () => {
    const short = await open(300);
    try {
      const app = testApp(ctx.db, {}, short.prisma);
      const before = await snapshot(ctx.db.prisma);
      const lock = await holdWriteLock(file(), 4_000);
      const started = Date.now();
      const write = await request(app).post('/api/people').set(bearer(editor)).send({ name: 'Blocked writer' });
      const waited = Date.now() - started;
      const imported = await request(app).post('/api/articles/import').set(bearer(editor)).type('text/plain').send(sampleText());
      const read = await request(app).get('/api/articles');
      await lock.released;
      assert.equal(write.status, 503, JSON.stringify(write.body));
      assert.ok(waited >= 250, `waited for the lock first (${waited} ms)`);
      assert.equal(write.headers['retry-after'], '5');
      assert.match(write.body.detail, /busy/);
      assert.equal(imported.status, 503, 'a many-statement import too');
      assert.equal(read.status, 200, 'readers are not blocked by a writer (WAL)');
      assert.deepEqual(await snapshot(ctx.db.prisma), before, 'nothing of the refused writes was stored');
      await assertIntegrity(ctx.db.prisma, 'sqlite', ctx.db.url);
    } finally {
      await short.close();
    }
  });

  test('a lock released within the busy timeout: the write waits and succeeds', async () => {
    const patient = await open(10_000);
    try {
      const lock = await holdWriteLock(file(), 300);
      const write = await request(testApp(ctx.db, {}, patient.prisma)).post('/api/people').set(bearer(editor)).send({ name: 'Patient writer' });
      await lock.released;
      assert.equal(write.status, 201, JSON.stringify(write.body));
    } finally {
      await patient.close();
    }
  });

  test('disk full (max_page_count): a 503 saying so, nothing half-written, writes work again when space returns', async () => {
    const full = await open(1_000);
    try {
      const app = testApp(ctx.db, {}, full.prisma);
      const [pages] = await full.prisma.$queryRawUnsafe<{ page_count: number | bigint }[]>('PRAGMA page_count');
      await full.prisma.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(pages!.page_count)}`);
      const before = await snapshot(ctx.db.prisma);
      const big = { headline: 'Too big for the disk', paragraphs: Array.from({ length: 40 }, (_, i) => `Paragraph ${i} `.repeat(400)) };
      const res = await request(app).post('/api/articles').set(bearer(editor)).send(big);
      assert.equal(res.status, 503, JSON.stringify(res.body));
      assert.match(res.body.detail, /disk full|cannot be written/);
      const imported = await request(app).post('/api/articles/import').set(bearer(editor)).type('text/plain').send(sampleText().repeat(1));
      assert.ok([503, 201].includes(imported.status), `${imported.status} ${JSON.stringify(imported.body)}`);
      if (imported.status === 503) assert.deepEqual(await snapshot(ctx.db.prisma), before, 'nothing half-written');
      await full.prisma.$queryRawUnsafe('PRAGMA max_page_count = 1073741823');
      const again = await request(app).post('/api/articles').set(bearer(editor)).send(big);
      assert.equal(again.status, 201);
      await assertIntegrity(ctx.db.prisma, 'sqlite', ctx.db.url);
    } finally {
      await full.close();
    }
  });

  test('a read-only database (query_only): writes are 503 problems, reads work, nothing written', async () => {
    const ro = await open(1_000);
    try {
      await ro.prisma.$queryRawUnsafe('PRAGMA query_only = ON');
      const app = testApp(ctx.db, {}, ro.prisma);
      const before = await snapshot(ctx.db.prisma);
      const res = await request(app).post('/api/people').set(bearer(editor)).send({ name: 'Read-only writer' });
      assert.equal(res.status, 503, JSON.stringify(res.body));
      assert.match(res.body.detail, /read-only|cannot be written/);
      assert.equal((await request(app).get('/api/people')).status, 200);
      assert.deepEqual(await snapshot(ctx.db.prisma), before);
    } finally {
      await ro.close();
    }
  });
});
