import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { erDiagram, withDiagram } from '../../src/analysts/er-diagram.ts';
import { columnsOf, parsePrismaSchema } from '../../src/analysts/prisma-schema.ts';
import { PROJECT_ROOT } from '../../src/config/database-url.ts';

const schema = parsePrismaSchema(fs.readFileSync(path.join(PROJECT_ROOT, 'prisma/models.prisma'), 'utf8'));
const doc = fs.readFileSync(path.join(PROJECT_ROOT, 'docs/analysts.md'), 'utf8');

test('the ER diagram in docs/analysts.md is the one generated from prisma/models.prisma', () => {
  assert.equal(withDiagram(doc, erDiagram(schema)), doc, 'stale diagram: run `npm run docs:er-diagram`');
});

test('docs/analysts.md describes every table and column of the model', () => {
  for (const model of schema.models) {
    const start = doc.indexOf(`\n### ${model.table}\n`);
    assert.ok(start >= 0, `no "### ${model.table}" section`);
    const section = doc.slice(start + 1, doc.indexOf('\n### ', start + 1));
    for (const column of columnsOf(model, schema)) {
      assert.match(section, new RegExp(`^- \`${column.column}\` — .{10,}`, 'm'), `${model.table}.${column.column} is not described`);
    }
  }
});

test('the schema reader finds tables, columns, keys and relations by their SQL names', () => {
  const quotes = schema.models.find((m) => m.table === 'quotes')!;
  const speaker = quotes.fields.find((f) => f.column === 'speaker_id')!;
  assert.deepEqual([speaker.type, speaker.optional], ['Int', true]);
  assert.deepEqual(quotes.fields.find((f) => f.name === 'speaker')!.relation, { fields: ['speakerId'], references: ['id'] });
  assert.deepEqual(schema.models.find((m) => m.table === 'mentions')!.compoundId, ['articlePersonId', 'paragraphId']);
  assert.equal(schema.enums.find((e) => e.name === 'QuoteKind')!.dbName, 'quote_kind');
  const diagram = erDiagram(schema);
  assert.match(diagram, /^ {4}people \|o--o\{ quotes : "speaker_id"$/m);
  assert.match(diagram, /^ {8}int article_person_id PK, FK$/m);
  assert.match(diagram, /^ {8}text slug UK$/m);
  assert.doesNotMatch(diagram, /\bparagraphs Paragraph\b/, 'relation fields are not columns');
});

test('a change to the model changes the diagram (so the check above has teeth)', () => {
  const changed = parsePrismaSchema(
    fs.readFileSync(path.join(PROJECT_ROOT, 'prisma/models.prisma'), 'utf8').replace('  standfirst      String?', '  standfirst      String?\n  summary String? @map("summary_text")'),
  );
  const diagram = erDiagram(changed);
  assert.match(diagram, /text summary_text "nullable"/);
  assert.notEqual(withDiagram(doc, diagram), doc);
});
