import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import type { Provider } from '../../src/config/database-url.ts';
import { PROJECT_ROOT } from '../../src/config/database-url.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { sampleText } from '../support/articles.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { documentedQuestions } from '../support/documented-questions.ts';

/**
 * Runs every query of docs/analysts.md's "Example questions" against the sample, on each database: a ```sql block
 * runs on both, ```sql sqlite / ```sql postgresql on that one. Each question must have a query for each database
 * and return the rows below, so the documentation cannot drift from the schema or the views.
 */
const questions = documentedQuestions(fs.readFileSync(path.join(PROJECT_ROOT, 'docs/analysts.md'), 'utf8'));

/**
 * Rows each question returns on the sample (one article, five stubs from its related block). Some depend on what the
 * ingest finds in the sample: a parser change may move them (the failure prints the rows).
 */
const EXPECTED_ROWS: Record<number, number> = {
  1: 2, // Wang Yi, Nikolai Patrushev
  2: 2, // Wang's two direct quotes
  3: 7,
  4: 8,
  5: 1,
  6: 5,
  7: 11,
  8: 4, // said, added, told, vowed
  9: 2, // "zero Covid", "no limits"
  10: 2, // paragraphs 4 and 7
  11: 4,
  12: 5,
  13: 1,
  14: 1, // the ingest
  15: 6,
  16: 1, // Lavrov in paragraph 9, Xi in paragraph 2: one article
  17: 1, // Wang Yi and Nikolai Patrushev, both government officials
  18: 1,
  19: 7,
  20: 0, // the sample has no publication date (test/analysts/sql-tools.test.ts dates one)
};

describeEachDatabase('documented SQL in docs/analysts.md', (ctx) => {
  before(async () => {
    await importArticle(ctx.db.prisma, sampleText(), {}, { name: 'docs-test', tokenId: null });
  });

  test('at least ten questions, numbered in order, each with a query for this database', () => {
    assert.ok(questions.length >= 10, `only ${questions.length} questions`);
    assert.deepEqual(questions.map((q) => q.number), questions.map((_, i) => i + 1));
    for (const q of questions) {
      assert.equal(q.queries.filter((s) => s.dialect === 'both' || s.dialect === ctx.provider).length, 1, `question ${q.number} needs exactly one query for ${ctx.provider}`);
      assert.ok(q.number in EXPECTED_ROWS, `question ${q.number}: add its expected row count to EXPECTED_ROWS`);
    }
  });

  for (const q of questions) {
    test(`${q.number}. ${q.title}`, async () => {
      const query = q.queries.find((s) => s.dialect === 'both' || s.dialect === ctx.provider);
      assert.ok(query);
      const rows = await ctx.db.prisma.$queryRawUnsafe<unknown[]>(query.sql);
      assert.equal(rows.length, EXPECTED_ROWS[q.number], `${JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)).slice(0, 1500)}`);
    });
  }
});
