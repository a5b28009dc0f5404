import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { storeParsedArticle } from '../../src/ingest/import-article.ts';
import { OFF_THREAD_CHARS, parseSource } from '../../src/ingest/parse-off-thread.ts';
import { parseArticle } from '../../src/ingest/parse/index.ts';
import { SLICE_ROWS } from '../../src/ingest/write-planned-rows.ts';
import { describeEachDatabase } from '../support/databases.ts';

/**
 * A long import does not hold the server (issue 21, point 3). The latency figures are the bench's
 * (`npm run bench -- --only stall`); here, what makes them possible: the parse leaves the thread, the write lets the
 * event loop turn while it runs, and what is read meanwhile is the committed state only — on SQLite that needs the
 * second connection of src/db/sqlite-adapter.ts (one connection would serve the reads inside the open transaction).
 */
const PARAGRAPHS = 6 * SLICE_ROWS;

function longArticle(headline: string): string {
  const lines = [headline, ''];
  for (let i = 1; i <= PARAGRAPHS; i++) {
    lines.push(`"Berth ${i} was inspected on Monday," said Maria Okafor, the harbour master. "It passed," added Tom Reyes, a spokesman.`, '');
  }
  return lines.join('\n');
}

describeEachDatabase('a long import does not hold the server (issue 21)', (ctx) => {
  test('a long text is parsed on a worker into what the parser makes here; its refusals keep their code', async () => {
    const text = longArticle('Harbour inspections run late into the night');
    assert.ok(text.length >= OFF_THREAD_CHARS, 'the text is long enough to leave the thread');
    const source = await parseSource(text, {});
    assert.deepEqual(source.parsed, parseArticle(text, {}));
    assert.equal(source.sourceText, text);
    const refused = `---\npublished: 0000-01-01\n---\n${text}`;
    const here = (() => {
      try {
        parseArticle(refused, {});
      } catch (e) {
        return e;
      }
    })();
    assert.ok(here instanceof AppError, 'the parser refuses year 0');
    await assert.rejects(parseSource(refused, {}), (e) => e instanceof AppError && e.code === here.code && e.message === here.message);
  });

  test('while a long article is written, reads are answered and see only what was committed', async () => {
    const db = ctx.db.prisma;
    const source = await parseSource(longArticle('Harbour night shift answers questions'), {});
    assert.ok(source.parsed.paragraphs.length > SLICE_ROWS && source.parsed.quotes.length > SLICE_ROWS, 'the write goes in slices');
    const paragraphsBefore = await db.paragraph.count();
    let writing = true;
    const storing = storeParsedArticle(db, source, { name: 'stall test' }).finally(() => (writing = false));
    // A reader that waits for a turn of the event loop between its reads: it gets a second read only if the write
    // lets the loop turn before it commits.
    // Only reads answered before the import returned count (one answered just after its commit may see it).
    const seen: number[] = [];
    while (writing) {
      const count = await db.paragraph.count();
      if (writing) seen.push(count);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const stored = await storing;
    assert.equal(stored.outcome, 'created');
    assert.ok(seen.length >= 2, `reads answered while the article was written: ${seen.length}`);
    // On PostgreSQL a read on another connection can be answered after the server committed but before the writer
    // hears so: it sees the whole article. What no read may see is part of it (a dirty read of the slices written so
    // far, as Prisma's one-connection SQLite adapter gives).
    const partial = seen.filter((n) => n !== paragraphsBefore && n !== paragraphsBefore + PARAGRAPHS);
    assert.deepEqual(partial, [], 'no read saw part of the article before the commit');
    assert.equal(seen[0], paragraphsBefore, 'the first read, made while the write had just begun, saw none of it');
    assert.equal(await db.paragraph.count(), paragraphsBefore + PARAGRAPHS);
    assert.equal(await db.quote.count({ where: { articleId: stored.articleId } }), source.parsed.quotes.length);
  });
});
