import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import nlp from 'compromise';
import { defaultCachePath, loadLexiconData } from '../../../src/ingest/parse/lexicon-data.ts';

const scratchDirs: string[] = [];
after(() => scratchDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
/** A cache path in a directory that does not exist yet (the loader makes it). */
function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexicon-'));
  scratchDirs.push(dir);
  return path.join(dir, 'nested', 'lexicon.json');
}

/** What lexicon.ts read from compromise before the extract existed: the extract must be exactly this. */
function fromCompromise() {
  const { model } = nlp.world() as unknown as {
    model: { one: { lexicon: Record<string, string | string[]> }; two: { orgWords: Record<string, unknown>; placeWords: Record<string, unknown> } };
  };
  return { lexicon: model.one.lexicon, orgWords: Object.keys(model.two.orgWords), placeWords: Object.keys(model.two.placeWords) };
}

test('the extract is what compromise holds, and reads back the same from its cache file', () => {
  const file = scratch();
  const built = loadLexiconData(file);
  assert.ok(fs.existsSync(file), 'the cache file is written on first use');
  const expected = fromCompromise();
  assert.deepEqual(built, expected);
  assert.ok(Object.keys(built.lexicon).length > 10_000 && built.orgWords.length > 0 && built.placeWords.length > 0);
  assert.deepEqual(loadLexiconData(file), expected);
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['lexicon.json'], 'no temporary file is left beside it');
});

test('a damaged cache file is rebuilt, and no cache at all still loads', () => {
  const file = scratch();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '{"lexicon": {"tru');
  assert.deepEqual(loadLexiconData(file), fromCompromise());
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), fromCompromise());
  fs.writeFileSync(file, '{"lexicon": null}');
  assert.deepEqual(loadLexiconData(file), fromCompromise());
  assert.deepEqual(loadLexiconData(null), fromCompromise());
});

test('the default cache is keyed by the installed compromise version', () => {
  const { version } = nlp as unknown as { version: string };
  const file = defaultCachePath();
  assert.ok(file, 'compromise is installed, so there is a cache path');
  assert.match(path.basename(file), new RegExp(`^compromise-${version.replace(/\./g, '\\.')}-\\d+\\.json$`));
  assert.equal(path.basename(path.dirname(path.dirname(path.dirname(file)))), 'node_modules');
});
