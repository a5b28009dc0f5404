import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../src/errors.ts';
import { decodeArticleBytes, MAX_ARTICLE_BYTES, parseArticle } from '../../../src/ingest/parse/index.ts';

/** Runs fn, asserts it throws an AppError with the code and the issue path, and returns the issue message. */
function refusal(fn: () => unknown, code: string, path: (string | number)[]): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError, `expected AppError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.equal(e.issues.length, 1);
    assert.deepEqual(e.issues[0]!.path, path);
    return e.issues[0]!.message;
  }
  assert.fail('expected a refusal');
}

test('empty and whitespace-only text is unprocessable at line 1', () => {
  refusal(() => parseArticle(''), 'unprocessable', ['line', 1]);
  refusal(() => parseArticle('  \n\t\n\u00a0 \r\n'), 'unprocessable', ['line', 1]);
});

test('a NUL character is refused as binary with its line', () => {
  const msg = refusal(() => parseArticle('First line.\n\nSecond\u0000 line.'), 'unprocessable', ['line', 3]);
  assert.match(msg, /NUL/);
});

test('a text that is only a related-articles block is refused at the heading line', () => {
  refusal(() => parseArticle('\n\nRelated articles:\n\n- One headline\n- Another headline\n'), 'unprocessable', ['line', 3]);
});

test('front matter without its closing fence names the opening line', () => {
  const msg = refusal(() => parseArticle('---\ntitle: Hello\n\nBody text here.'), 'unprocessable', ['line', 1]);
  assert.match(msg, /never closed/);
});

test('an unknown front-matter key names its line', () => {
  const msg = refusal(() => parseArticle('---\ntitle: Hello\ncolour: blue\n---\nBody.'), 'unprocessable', ['line', 3]);
  assert.match(msg, /unknown key "colour"/);
});

test('a bad published date names its line', () => {
  refusal(() => parseArticle('---\npublished: 2023-02-30\n---\nBody.'), 'unprocessable', ['line', 2]);
  refusal(() => parseArticle('---\npublished: yesterday\n---\nBody.'), 'unprocessable', ['line', 2]);
});

test('a bad status names its line', () => {
  const msg = refusal(() => parseArticle('---\nslug: a-b\nstatus: live\n---\nBody.'), 'unprocessable', ['line', 3]);
  assert.match(msg, /draft, published, archived/);
});

test('a repeated key (even via an alias) names the second line', () => {
  refusal(() => parseArticle('---\ntitle: A\nheadline: B\n---\nBody.'), 'unprocessable', ['line', 3]);
});

test('front matter with no body is refused', () => {
  refusal(() => parseArticle('---\ntitle: A\n---\n\n'), 'unprocessable', ['line', 4]);
});

test('bad options are refused by name', () => {
  refusal(() => parseArticle('Body.', { status: 'live' as 'draft' }), 'unprocessable', ['options', 'status']);
  refusal(() => parseArticle('Body.', { published: '2023-13-01' }), 'unprocessable', ['options', 'published']);
});

test('a text over the size limit is payload_too_large', () => {
  const big = 'word '.repeat(Math.ceil(MAX_ARTICLE_BYTES / 5) + 10);
  refusal(() => parseArticle(big), 'payload_too_large', ['line', 1]);
});

test('decodeArticleBytes accepts UTF-8 with or without BOM', () => {
  const enc = new TextEncoder();
  assert.equal(decodeArticleBytes(enc.encode('Zoë said “hi”.')), 'Zoë said “hi”.');
  assert.equal(decodeArticleBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('Hello')])), 'Hello');
});

test('decodeArticleBytes refuses binary with the byte offset and line', () => {
  const msg = refusal(() => decodeArticleBytes(new Uint8Array([0x41, 0x0a, 0x42, 0x00, 0x43])), 'unprocessable', ['line', 2]);
  assert.match(msg, /byte 3 of the file \(column 2 of its line\)/);
});

test('decodeArticleBytes refuses invalid UTF-8 with the byte offset', () => {
  assert.match(refusal(() => decodeArticleBytes(new Uint8Array([0x61, 0x62, 0xc3, 0x28])), 'unprocessable', ['line', 1]), /byte 2/);
  // Overlong encoding of "/" and an encoded surrogate are invalid too.
  assert.match(refusal(() => decodeArticleBytes(new Uint8Array([0xc0, 0xaf])), 'unprocessable', ['line', 1]), /byte 0/);
  assert.match(refusal(() => decodeArticleBytes(new Uint8Array([0x0a, 0xed, 0xa0, 0x80])), 'unprocessable', ['line', 2]), /byte 1/);
  // Truncated sequence at the end.
  assert.match(refusal(() => decodeArticleBytes(new Uint8Array([0x61, 0xe2, 0x80])), 'unprocessable', ['line', 1]), /byte 1/);
});

test('decodeArticleBytes refuses UTF-16 and oversized input', () => {
  refusal(() => decodeArticleBytes(new Uint8Array([0xff, 0xfe, 0x41, 0x00])), 'unprocessable', ['line', 1]);
  refusal(() => decodeArticleBytes(new Uint8Array(MAX_ARTICLE_BYTES + 1).fill(0x61)), 'payload_too_large', ['line', 1]);
});
