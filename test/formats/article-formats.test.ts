import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import request from 'supertest';
import { PROJECT_ROOT } from '../../src/config/database-url.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { sampleText } from '../support/articles.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { assertMatchesOpenApi, bearer, testApp, tokenFor } from '../support/http.ts';

// The official IPTC schema (test/fixtures/standards/README.md). ajv-formats is not installed: the two formats the
// schema uses are checked here, strictly enough to catch a relative link or a date without a zone.
const schema = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/standards/ninjs-schema_3.1.json'), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]+$/i);
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
// The schema refers to GeoJSON for place geometries (which we never send); offline, a permissive stand-in.
ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' });
// biome-ignore lint: the document is checked field by field below
const validateNinjs = ajv.compile<Record<string, any>>(schema);

const PUBLISHED = '2023-02-22T09:30:00.000Z';

describeEachDatabase('article formats: JSON-LD and ninjs', (ctx) => {
  let id: number;
  let editor: string;
  const app = () => testApp(ctx.db);
  const get = (accept?: string, query = '') => {
    const r = request(app()).get(`/api/articles/${id}${query}`);
    return accept ? r.set('Accept', accept) : r;
  };

  before(async () => {
    editor = await tokenFor(ctx.db, 'editor', 'Fran');
    const options = { byline: 'Max Seddon', source: 'Financial Times', url: 'https://www.ft.com/content/example', published: PUBLISHED };
    id = (await importArticle(ctx.db.prisma, sampleText(), options, { name: 'formats-test', tokenId: null })).articleId;
  });

  test('Accept: application/ld+json gives a schema.org NewsArticle with mentions and Quotations', async () => {
    const res = await get('application/ld+json');
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers['content-type'], 'application/ld+json; charset=utf-8');
    assert.match(String(res.headers.vary), /Accept/);
    const doc = JSON.parse(res.text);
    res.body = doc;
    assertMatchesOpenApi(res, 'get', '/api/articles/:id');
    const detail = (await get()).body;
    assert.equal(doc['@context'], 'https://schema.org');
    assert.equal(doc['@type'], 'NewsArticle');
    assert.match(doc['@id'], new RegExp(`^http://127\\.0\\.0\\.1:\\d+/api/articles/${id}$`));
    assert.equal(doc.headline, detail.headline);
    assert.equal(doc.datePublished, PUBLISHED);
    assert.equal(doc.dateModified, detail.updatedAt);
    assert.deepEqual(doc.author, { '@type': 'Person', name: 'Max Seddon' });
    assert.deepEqual(doc.publisher, { '@type': 'Organization', name: 'Financial Times' });
    assert.equal(doc.articleBody, detail.paragraphs.map((p: { text: string }) => p.text).join('\n\n'));
    assert.ok(doc.articleBody.startsWith('Vladimir Putin and Wang Yi'));

    const people = new Map<string, { '@id': string; '@type': string; jobTitle?: string }>(doc.mentions.map((m: { name: string }) => [m.name, m]));
    assert.equal(people.size, detail.people.length);
    const wang = people.get('Wang Yi')!;
    assert.equal(wang['@type'], 'Person');
    assert.equal(wang.jobTitle, 'China’s top diplomat');

    assert.equal(doc.hasPart.length, detail.quotes.length, 'every quote is a Quotation');
    const prepared = doc.hasPart.find((q: { text: string }) => q.text.startsWith('We are prepared'));
    assert.equal(prepared['@type'], 'Quotation');
    assert.deepEqual(prepared.creator, { '@id': wang['@id'] });
    assert.deepEqual(prepared.spokenByCharacter, { '@id': wang['@id'] });
    assert.deepEqual(prepared.isPartOf, { '@id': doc['@id'] });
    for (const q of doc.hasPart) {
      if (!q.creator) continue;
      assert.ok([...people.values()].some((p) => p['@id'] === q.creator['@id']), 'each speaker is one of the mentioned people');
    }
  });

  test('?format=ninjs and Accept: application/ninjs+json give IPTC ninjs 3.1 that validates against the official schema', async () => {
    const byQuery = await get(undefined, '?format=ninjs');
    const byAccept = await get('application/ninjs+json');
    for (const res of [byQuery, byAccept]) {
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers['content-type'], 'application/ninjs+json; charset=utf-8');
    }
    // supertest serves each request on a new port: the links' host differs, nothing else.
    const withoutPort = (text: string) => JSON.parse(text.replace(/127\.0\.0\.1:\d+/g, 'localhost'));
    const doc = JSON.parse(byQuery.text);
    assert.deepEqual(withoutPort(byAccept.text), withoutPort(byQuery.text));
    assert.ok(validateNinjs(doc), ajv.errorsText(validateNinjs.errors));
    const detail = (await get()).body;
    assert.equal(doc.type, 'text');
    assert.equal(doc.pubStatus, 'usable');
    assert.equal(doc.version, String(detail.version));
    assert.equal(doc.contentCreated, PUBLISHED);
    assert.deepEqual(doc.headlines, [{ role: 'main', contentType: 'text/plain', value: detail.headline }]);
    const [plain, html] = doc.bodies;
    assert.equal(plain.value, detail.paragraphs.map((p: { text: string }) => p.text).join('\n\n'));
    assert.equal(plain.charCount, plain.value.length);
    assert.ok(plain.wordCount > 300);
    assert.equal(html.contentType, 'text/html');
    assert.equal(html.value.match(/<p>/g).length, 13);
    assert.match(html.value, /<span class="quote" data-kind="direct" data-speaker="Wang Yi" data-speaker-uri="[^"]+">We are prepared to maintain/);
    const wang = doc.people.find((p: { name: string }) => p.name === 'Wang Yi');
    assert.deepEqual(wang, { name: 'Wang Yi', rel: 'quoted', uri: wang.uri, literal: 'Wang Yi, China’s top diplomat' });
    const blinken = doc.people.find((p: { name: string }) => p.name === 'Antony Blinken');
    assert.equal(blinken.rel, 'mentioned');
    assert.equal(blinken.literal, 'Antony Blinken, US secretary of state');
    assert.deepEqual(doc.infoSources, [{ name: 'Financial Times', role: 'originating source', uri: 'https://www.ft.com/content/example' }]);
    assert.deepEqual(
      doc.associations.map((a: { name: string; rel: string }) => [a.rel, a.name]),
      detail.related.map((r: { title: string }) => ['related', r.title]),
    );
    assert.equal(doc.associations.length, 5);
  });

  test('ETags are per representation and 304 works for each; writes still take the JSON ETag', async () => {
    const json = await get();
    const ld = await get('application/ld+json');
    const ninjs = await get(undefined, '?format=ninjs');
    const tags = [json, ld, ninjs].map((r) => r.headers.etag);
    assert.equal(new Set(tags).size, 3, String(tags));
    assert.equal(tags[0], `"article-${id}-v${json.body.version}"`);
    assert.equal(tags[1], `"article-${id}-v${json.body.version}.jsonld"`);
    const notModified = await get('application/ld+json').set('If-None-Match', tags[1]!);
    assert.equal(notModified.status, 304);
    assert.equal(notModified.headers.etag, tags[1]);
    assert.match(String(notModified.headers.vary), /Accept/);
    assert.equal((await get(undefined, '?format=ninjs').set('If-None-Match', tags[2]!)).status, 304);
    assert.equal((await get('application/ld+json').set('If-None-Match', tags[0]!)).status, 200, 'the JSON ETag does not validate the JSON-LD');
    const patched = await request(app()).patch(`/api/articles/${id}`).set(bearer(editor)).set('If-Match', tags[0]!).send({ standfirst: 'Wang visits Moscow.' });
    assert.equal(patched.status, 200, patched.text);
    assert.equal((await get('application/ld+json').set('If-None-Match', tags[1]!)).status, 200, 'an edit changes every representation');
    assert.equal(JSON.parse((await get('application/ld+json')).text).description, 'Wang visits Moscow.');
  });

  test('content negotiation: JSON by default and for */*, 406 when nothing offered is acceptable, 400 for an unknown format', async () => {
    for (const accept of [undefined, '*/*', 'application/json', 'text/html, application/json;q=0.5']) {
      const res = await get(accept);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', String(accept));
    }
    const refused = await get('text/html');
    assert.equal(refused.status, 406);
    assert.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
    assertMatchesOpenApi(refused, 'get', '/api/articles/:id');
    assert.match(refused.body.detail, /application\/ld\+json/);
    assert.equal((await get('text/html', '?format=ninjs')).status, 200, '?format wins over Accept');
    assert.equal((await get(undefined, '?format=xml')).status, 400);
    assert.equal((await request(app()).get('/api/articles/999999').set('Accept', 'application/ld+json')).status, 404);
  });
});
