import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { publishDueArticles } from '../../src/articles/publish-scheduled.ts';
import { openDatabase } from '../../src/db/client.ts';
import { resolveDatabaseUrl } from '../../src/config/database-url.ts';
import { acquireLease, releaseLease } from '../../src/jobs/lease.ts';
import { startPeriodicJobs } from '../../src/jobs/periodic-jobs.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, articleFactory, assertMatchesOpenApi, bearer, testApp, tokenFor } from '../support/http.ts';

describeEachDatabase('scheduled publishing', (ctx) => {
  const app = () => testApp(ctx.db);
  const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

  test('PATCH schedules with a publishAt in the future; bad schedules are refused naming publishAt', async () => {
    const editor = await tokenFor(ctx.db, 'editor');
    const a = await articleFactory(ctx.db, { status: 'draft' });
    const patch = (body: object, version = a.version) => request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, version)).send(body);
    for (const [body, status, message] of [
      [{ status: 'scheduled' }, 422, /needs publishAt/],
      [{ publishAt: inSeconds(60) }, 422, /goes with status "scheduled"/],
      [{ status: 'draft', publishAt: inSeconds(60) }, 422, /goes with status "scheduled"/],
      [{ status: 'scheduled', publishAt: inSeconds(-60) }, 422, /must be in the future/],
      [{ status: 'scheduled', publishAt: '2030-01-01' }, 400, /date and time with its offset/],
      [{ status: 'scheduled', publishAt: '9999-12-31T23:00:00-14:00' }, 422, /between 0001-01-01 and 9999-12-31/],
      [{ status: 'scheduled', publishAt: 'tomorrow' }, 400, /date and time/],
    ] as const) {
      const res = await patch(body);
      assert.equal(res.status, status, JSON.stringify(body));
      assertMatchesOpenApi(res, 'patch', '/api/articles/:id');
      const issue = res.body.errors.find((e: { path: string[] }) => e.path.join('.') === 'body.publishAt');
      assert.ok(issue, JSON.stringify(res.body.errors));
      assert.match(issue.message, message);
    }
    const when = inSeconds(3600);
    const res = await patch({ status: 'scheduled', publishAt: when });
    assert.equal(res.status, 200);
    assertMatchesOpenApi(res, 'patch', '/api/articles/:id');
    assert.deepEqual([res.body.status, res.body.publishAt], ['scheduled', when]);
    // Readers do not see it until it is published.
    assert.equal((await request(app()).get(`/api/articles/${a.id}`)).status, 404);
    const listed = await request(app()).get('/api/articles').query({ status: 'scheduled' }).set(bearer(editor));
    assert.deepEqual(listed.body.data.map((x: { id: number }) => x.id), [a.id]);

    // Unscheduling: back to draft, and the time goes with it.
    const back = await patch({ status: 'draft' }, a.version + 1);
    assert.equal(back.status, 200);
    assert.deepEqual([back.body.status, back.body.publishAt], ['draft', null]);
    const history = await request(app()).get(`/api/articles/${a.id}/history`).set(bearer(editor));
    assert.deepEqual(history.body.data[0].before, { status: 'scheduled', publishAt: when });
    assert.deepEqual(history.body.data[0].after, { status: 'draft', publishAt: null });
    assert.deepEqual(await publishDueArticles(ctx.db.prisma, new Date(Date.parse(when) + 1000)), [], 'an unscheduled article is not published');
  });

  test('a due article is published once, as the schedule, with its publishedAt; also when its time passed long ago', async () => {
    const editor = await tokenFor(ctx.db, 'editor', 'Sched Uler');
    const a = await articleFactory(ctx.db, { status: 'draft' });
    await ctx.db.prisma.article.update({ where: { id: a.id }, data: { publishedAt: null } });
    const when = inSeconds(2);
    const res = await request(app()).patch(`/api/articles/${a.id}`).set(bearer(editor)).set('If-Match', articleEtag(a.id, a.version)).send({ status: 'scheduled', publishAt: when });
    assert.equal(res.status, 200);
    assert.deepEqual(await publishDueArticles(ctx.db.prisma, new Date()), [], 'not yet due');
    // Downtime: the server was not running when it fell due; the first run afterwards catches up.
    const later = new Date(Date.parse(when) + 86_400_000);
    assert.deepEqual(await publishDueArticles(ctx.db.prisma, later), [a.id]);
    assert.deepEqual(await publishDueArticles(ctx.db.prisma, later), [], 'never twice');
    const row = await ctx.db.prisma.article.findUniqueOrThrow({ where: { id: a.id } });
    assert.deepEqual([row.status, row.publishAt, row.publishedAt?.toISOString(), row.version], ['published', null, when, a.version + 2]);
    const history = await request(app()).get(`/api/articles/${a.id}/history`).set(bearer(editor));
    assert.equal(history.body.data[0].actor, 'schedule');
    assert.equal(history.body.data[0].action, 'article.publish-scheduled');
    assert.equal(history.body.data[1].actor, 'Sched Uler');
    assert.equal((await request(app()).get(`/api/articles/${a.id}`)).status, 200, 'readers see it now');
  });

  test('two publishers racing publish each due article exactly once', async () => {
    // PostgreSQL: two pools, as two processes have. SQLite: one connection (better-sqlite3 waits for a lock
    // synchronously, so two connections in ONE process would block each other's commit); the two-process test in
    // test/reliability/webhooks-processes.test.ts races real processes on both databases.
    const other = ctx.provider === 'postgresql' ? await openDatabase(resolveDatabaseUrl(ctx.db.url), { poolSize: 4 }) : { prisma: ctx.db.prisma, close: async () => {} };
    try {
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) {
        const a = await articleFactory(ctx.db, { status: 'draft' });
        await ctx.db.prisma.article.update({ where: { id: a.id }, data: { status: 'scheduled', publishAt: new Date(Date.now() - 1000) } });
        ids.push(a.id);
      }
      const [mine, theirs] = await Promise.all([publishDueArticles(ctx.db.prisma), publishDueArticles(other.prisma)]);
      assert.deepEqual([...mine, ...theirs].sort((x, y) => x - y), ids);
      const revisions = await ctx.db.prisma.revision.count({ where: { action: 'article.publish-scheduled', entityId: { in: ids } } });
      assert.equal(revisions, 5);
    } finally {
      await other.close();
    }
  });

  test('a lease has one holder at a time, passes on when it expires or is released; the runner runs a leased job in one process only', async () => {
    assert.equal(await acquireLease(ctx.db.prisma, 'test-lease', 'a', 60_000), true);
    assert.equal(await acquireLease(ctx.db.prisma, 'test-lease', 'b', 60_000), false);
    assert.equal(await acquireLease(ctx.db.prisma, 'test-lease', 'a', 60_000), true, 'the holder renews');
    await releaseLease(ctx.db.prisma, 'test-lease', 'a');
    assert.equal(await acquireLease(ctx.db.prisma, 'test-lease', 'b', 1), true, 'released: another takes it');
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(await acquireLease(ctx.db.prisma, 'test-lease', 'c', 60_000), true, 'expired: another takes it');
    const both = await Promise.all([acquireLease(ctx.db.prisma, 'fresh-lease', 'x', 60_000), acquireLease(ctx.db.prisma, 'fresh-lease', 'y', 60_000)]);
    assert.deepEqual(both.sort(), [false, true], 'of two creating it at once, one holds it');

    const runs: string[] = [];
    const logger = pino({ level: 'silent' });
    const job = (who: string) => ({ name: 'leased-test', intervalMs: 20, leaseMs: 60_000, run: async () => void runs.push(who) });
    const first = startPeriodicJobs(ctx.db.prisma, [job('first')], { holder: 'first', logger });
    await new Promise((r) => setTimeout(r, 150));
    const second = startPeriodicJobs(ctx.db.prisma, [job('second')], { holder: 'second', logger });
    await new Promise((r) => setTimeout(r, 150));
    assert.ok(runs.filter((r) => r === 'first').length >= 3);
    assert.equal(runs.filter((r) => r === 'second').length, 0, 'the lease keeps the second out');
    await first.stop();
    runs.length = 0;
    await new Promise((r) => setTimeout(r, 200));
    await second.stop();
    assert.ok(runs.filter((r) => r === 'second').length >= 2, 'a stopped holder gives the lease up at once');
  });
});
