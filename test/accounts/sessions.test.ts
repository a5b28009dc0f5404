import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { MemoryStore } from 'express-rate-limit';
import { pino } from 'pino';
import request from 'supertest';
import { createAccount, disableAccount, resetPassword } from '../../src/accounts/accounts.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createApp } from '../../src/http/app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { articleEtag, articleFactory, bearer, testApp, tokenFor } from '../support/http.ts';

const PASSWORD = 'correct horse battery staple';

describeEachDatabase('desk accounts and sessions', (ctx) => {
  let n = 0;
  const newAccount = async (role: 'editor' | 'admin' = 'editor') => {
    const email = `editor${++n}@example.org`;
    const account = await createAccount(ctx.db.prisma, { email: email.toUpperCase(), name: `Editor ${n}`, role, password: PASSWORD });
    return { ...account, email };
  };
  const signIn = async (app: ReturnType<typeof testApp>, email: string, password = PASSWORD) => {
    const res = await request(app).post('/api/session').send({ email, password });
    const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    return { res, cookie, csrf: res.body.csrfToken as string };
  };

  let app: ReturnType<typeof testApp>;
  before(() => {
    app = testApp(ctx.db, { AUTH_FAILURE_LIMIT: '3' });
  });

  test('sign-in sets an HttpOnly, SameSite=Strict, expiring cookie; the email is matched without case', async () => {
    const a = await newAccount();
    assert.equal(a.email, a.email.toLowerCase());
    const { res, cookie } = await signIn(app, a.email.toUpperCase());
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const header = String(res.headers['set-cookie']);
    assert.match(header, /HttpOnly/);
    assert.match(header, /SameSite=Strict/);
    assert.match(header, /Expires=/);
    assert.doesNotMatch(header, /Secure/, 'plain HTTP: not Secure');
    const me = await request(app).get('/api/session').set('Cookie', cookie);
    assert.equal(me.status, 200);
    assert.equal(me.body.account.name, a.name);
    const stored = await ctx.db.prisma.account.findUniqueOrThrow({ where: { id: a.id } });
    assert.match(stored.passwordHash, /^scrypt\$32768\$8\$1\$/);
    assert.ok(!stored.passwordHash.includes(PASSWORD));
  });

  test('behind HTTPS (X-Forwarded-Proto from a trusted proxy) the cookie is Secure', async () => {
    const a = await newAccount();
    const proxied = testApp(ctx.db, { TRUST_PROXY: 'loopback' });
    const res = await request(proxied).post('/api/session').set('X-Forwarded-Proto', 'https').send({ email: a.email, password: PASSWORD });
    assert.equal(res.status, 201);
    assert.match(String(res.headers['set-cookie']), /Secure/);
  });

  test('a wrong password and an unknown email get the same 401 that names no field; then 429', async () => {
    // Its own store (the parameter a deployment would use for another shared store): the database's store counts
    // for every app on this database, and this test's failures would lock the other tests' sign-ins out.
    const config = loadConfig({ DATABASE_URL: ctx.db.url, LOG_LEVEL: 'silent', AUTH_FAILURE_LIMIT: '2' });
    const limited = createApp({ db: ctx.db.prisma, config, logger: pino({ level: 'silent' }), rateLimitStore: new MemoryStore() });
    const a = await newAccount();
    const wrong = await request(limited).post('/api/session').send({ email: a.email, password: 'not the password' });
    const unknown = await request(limited).post('/api/session').send({ email: 'nobody@example.org', password: PASSWORD });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.detail, unknown.body.detail);
    assert.equal(wrong.body.errors, undefined);
    const third = await request(limited).post('/api/session').send({ email: a.email, password: PASSWORD });
    assert.equal(third.status, 429, 'the limit holds even for the right password once passed');
    assert.match(third.body.detail, /Too many failed sign-ins/);
  });

  test('writes with the cookie need the CSRF token and our own Origin; reads do not', async () => {
    const a = await newAccount();
    const art = await articleFactory(ctx.db, { status: 'draft' });
    const { cookie, csrf } = await signIn(app, a.email);
    const read = await request(app).get(`/api/articles/${art.id}`).set('Cookie', cookie);
    assert.equal(read.status, 200, 'an editor sees the draft');
    const patch = () => request(app).patch(`/api/articles/${art.id}`).set('Cookie', cookie).set('If-Match', articleEtag(art.id, 1));
    const noToken = await patch().send({ headline: 'New' });
    assert.equal(noToken.status, 403);
    assert.match(noToken.body.detail, /X-CSRF-Token/);
    const foreign = await patch().set('X-CSRF-Token', csrf).set('Origin', 'https://evil.example').send({ headline: 'New' });
    assert.equal(foreign.status, 403);
    assert.match(foreign.body.detail, /evil\.example/);
    const ok = await patch().set('X-CSRF-Token', csrf).send({ headline: 'New headline from the desk' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const history = await request(app).get(`/api/articles/${art.id}/history`).set('Cookie', cookie);
    assert.equal(history.body.data[0].actor, a.name, 'the history names the account');
  });

  test('bearer tokens keep working beside cookies, and the history names the token', async () => {
    const token = await tokenFor(ctx.db, 'editor', 'Script Sam');
    const art = await articleFactory(ctx.db, { status: 'draft' });
    const res = await request(app).patch(`/api/articles/${art.id}`).set(bearer(token)).set('If-Match', articleEtag(art.id, 1)).send({ headline: 'By script' });
    assert.equal(res.status, 200);
    const history = await request(app).get(`/api/articles/${art.id}/history`).set(bearer(token));
    assert.equal(history.body.data[0].actor, 'Script Sam');
  });

  test('sign-out revokes the session in the database: the same cookie is refused after', async () => {
    const a = await newAccount();
    const { cookie, csrf } = await signIn(app, a.email);
    assert.equal((await request(app).delete('/api/session').set('Cookie', cookie)).status, 403, 'sign-out needs the CSRF token');
    assert.equal((await request(app).delete('/api/session').set('Cookie', cookie).set('X-CSRF-Token', csrf)).status, 204);
    const after = await request(app).get('/api/articles').set('Cookie', cookie);
    assert.equal(after.status, 401);
    assert.match(after.body.detail, /session has ended/);
    // A second server process (another app on the same database) sees the same sessions.
    const other = testApp(ctx.db);
    assert.equal((await request(other).get('/api/session').set('Cookie', cookie)).status, 401);
  });

  test('disabling the account or resetting its password ends its sessions; an expired session is refused', async () => {
    const a = await newAccount();
    const first = await signIn(app, a.email);
    const other = testApp(ctx.db);
    assert.equal((await request(other).get('/api/session').set('Cookie', first.cookie)).status, 200, 'shared across processes');
    await resetPassword(ctx.db.prisma, a.email, 'a brand new long password');
    assert.equal((await request(app).get('/api/session').set('Cookie', first.cookie)).status, 401);
    const second = await signIn(app, a.email, 'a brand new long password');
    assert.equal(second.res.status, 201);
    await disableAccount(ctx.db.prisma, a.email);
    assert.equal((await request(app).get('/api/session').set('Cookie', second.cookie)).status, 401);
    assert.equal((await signIn(app, a.email, 'a brand new long password')).res.status, 401, 'a disabled account cannot sign in');

    const b = await newAccount();
    const third = await signIn(app, b.email);
    await ctx.db.prisma.accountSession.updateMany({ where: { accountId: b.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await request(app).get('/api/articles').set('Cookie', third.cookie);
    assert.equal(expired.status, 401);
    assert.match(expired.body.detail, /expired/);
  });

  test('account rules: a duplicate email is a 409, a short password and a bad email are named', async () => {
    const a = await newAccount();
    await assert.rejects(createAccount(ctx.db.prisma, { email: a.email, name: 'Again', role: 'editor', password: PASSWORD }), /exists already/);
    await assert.rejects(createAccount(ctx.db.prisma, { email: 'x@example.org', name: 'X', role: 'editor', password: 'short' }), /at least 12/);
    await assert.rejects(createAccount(ctx.db.prisma, { email: 'not-an-email', name: 'X', role: 'editor', password: PASSWORD }), /email is not valid/);
  });
});
