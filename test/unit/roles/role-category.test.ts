/**
 * Role titles and categories (src/article-people/role-category.ts, roles/*.txt): the examples of docs/analysts.md,
 * the rule that picks the word naming the position, and the lists' own rules.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ROLE_CATEGORIES, readRole, readRoleEntries } from '../../../src/article-people/role-category.ts';

const read = (role: string | null) => {
  const r = readRole(role);
  return [r.roleTitle, r.roleCategory];
};

test('abbreviations and synonyms become one title: Sen. and Senator, CEO and chief executive', () => {
  assert.deepEqual(read('Sen.'), read('Senator'));
  assert.deepEqual(read('Sen.'), ['Senator', 'politician']);
  assert.deepEqual(read('CEO'), ['Chief executive', 'executive']);
  assert.deepEqual(read('the company’s chief executive officer'), ['Chief executive', 'executive']);
  assert.deepEqual(read('spokeswoman'), ['Spokesperson', 'spokesperson']);
  assert.deepEqual(read('Sens.'), ['Senator', 'politician']);
});

test('the word naming the position wins over the words about where it is held', () => {
  assert.deepEqual(read('spokesman for the police'), ['Spokesperson', 'spokesperson']);
  assert.deepEqual(read('police spokesman'), ['Spokesperson', 'spokesperson']);
  assert.deepEqual(read('US secretary of state'), ['Secretary of state', 'politician']);
  assert.deepEqual(read('White House press secretary'), ['Press secretary', 'government_official']);
  assert.deepEqual(read('professor of economics at Harvard'), ['Professor', 'expert_academic']);
  assert.deepEqual(read('currency strategist at ING'), ['Strategist', 'expert_academic']);
  assert.deepEqual(read('emergency physician'), ['Physician', 'expert_academic']);
});

test('a modifier that changes the position stays in the title; others do not', () => {
  assert.deepEqual(read('deputy foreign minister'), ['Deputy foreign minister', 'politician']);
  assert.deepEqual(read('former foreign minister'), ['Foreign minister', 'politician']);
  assert.deepEqual(read('China’s top diplomat'), ['Diplomat', 'government_official']);
});

test('no listed word: other without a title; no role: neither', () => {
  assert.deepEqual(read('Chinese counterpart'), [null, 'other']);
  assert.deepEqual(read(null), [null, null]);
  assert.deepEqual(read('   '), [null, null]);
});

test('every category but other has entries; no words sit under two categories', () => {
  const entries = readRoleEntries();
  const categories = new Set(entries.map((e) => e.category));
  assert.deepEqual(ROLE_CATEGORIES.filter((c) => c !== 'other' && !categories.has(c)), []);
  const byWords = new Map<string, string>();
  const clashes = entries.flatMap((e) => {
    const key = e.words.join(' ');
    const seen = byWords.get(key);
    byWords.set(key, e.category);
    return seen && seen !== e.category ? [`${key}: ${seen} and ${e.category}`] : [];
  });
  assert.deepEqual(clashes, []);
});

test('a bad line of the list is an error naming the line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'roles-'));
  try {
    writeFileSync(path.join(dir, 'role-categories.txt'), 'politician senator\nastronaut commander\n');
    assert.throws(() => readRoleEntries(pathToFileURL(dir + '/')), /line 2: unknown category "astronaut"/);
    writeFileSync(path.join(dir, 'role-categories.txt'), 'politician = senator\n');
    assert.throws(() => readRoleEntries(pathToFileURL(dir + '/')), /line 1: want/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
