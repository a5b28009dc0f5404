/**
 * The parser's word lists (src/ingest/parse/lists/*.txt): no word sits in two lists unless lists/overlaps.txt says why,
 * the speech verbs' forms follow the spelling rules, and a bad list line is an error naming the file and the line.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { LISTS_DIR, readListFile, SPEECH_VERB_BASES, SPEECH_VERBS, verbForms, WORD_LISTS } from '../../../src/ingest/parse/word-lists.ts';

interface Allowance { a: string; b: string; words: string[] | '*'; reason: string; line: number }

function readOverlaps(): Allowance[] {
  const out: Allowance[] = [];
  readFileSync(new URL('overlaps.txt', LISTS_DIR), 'utf8').split('\n').forEach((raw, i) => {
    const text = raw.trim();
    if (!text || text.startsWith('#')) return;
    const colon = text.indexOf(':');
    assert.ok(colon > 0, `lists/overlaps.txt line ${i + 1}: want "list-a list-b WORDS: reason"`);
    const [a, b, ...words] = text.slice(0, colon).trim().split(/\s+/);
    const reason = text.slice(colon + 1).trim();
    assert.ok(a && b && words.length && reason, `lists/overlaps.txt line ${i + 1}: want "list-a list-b WORDS: reason"`);
    out.push({ a, b, words: words.length === 1 && words[0] === '*' ? '*' : words, reason, line: i + 1 });
  });
  return out;
}

const overlap = (a: string, b: string, lists: ReadonlyMap<string, ReadonlySet<string>> = WORD_LISTS): string[] => {
  const x = lists.get(a)!, y = lists.get(b)!;
  return [...x].filter((w) => y.has(w));
};

/** "list-a and list-b: words" for every pair of lists sharing words no allowance covers. */
function undeclaredOverlaps(lists: ReadonlyMap<string, ReadonlySet<string>>, allowances: Allowance[]): string[] {
  const allowed = (a: string, b: string, word: string) =>
    allowances.some((o) => ((o.a === a && o.b === b) || (o.a === b && o.b === a)) && (o.words === '*' || o.words.includes(word)));
  const names = [...lists.keys()];
  const out: string[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const words = overlap(names[i]!, names[j]!, lists).filter((w) => !allowed(names[i]!, names[j]!, w));
      if (words.length) out.push(`${names[i]} and ${names[j]}: ${words.join(' ')}`);
    }
  }
  return out;
}

test('every word in two lists is a declared overlap, with a reason', () => {
  assert.deepEqual(undeclaredOverlaps(WORD_LISTS, readOverlaps()), [], 'undeclared overlaps: add them to lists/overlaps.txt with a reason, or drop the word from one list');
});

test('an overlap no declaration covers is reported by list and word', () => {
  const lists = new Map([['titles', new Set(['mayor', 'judge'])], ['role-nouns', new Set(['mayor', 'judge', 'nurse'])], ['verb-fillers', new Set(['later', 'judge'])]]);
  const declared: Allowance[] = [{ a: 'role-nouns', b: 'titles', words: '*', reason: 'r', line: 1 }, { a: 'role-nouns', b: 'verb-fillers', words: ['judge'], reason: 'r', line: 2 }];
  assert.deepEqual(undeclaredOverlaps(lists, declared), ['titles and verb-fillers: judge']);
  assert.deepEqual(undeclaredOverlaps(lists, declared.slice(0, 1)), ['titles and verb-fillers: judge', 'role-nouns and verb-fillers: judge']);
});

test('every declared overlap names two loaded lists and still holds', () => {
  for (const o of readOverlaps()) {
    const where = `lists/overlaps.txt line ${o.line}`;
    assert.ok(WORD_LISTS.has(o.a), `${where}: no list ${o.a}`);
    assert.ok(WORD_LISTS.has(o.b), `${where}: no list ${o.b}`);
    const shared = overlap(o.a, o.b);
    if (o.words === '*') assert.ok(shared.length > 0, `${where}: ${o.a} and ${o.b} no longer overlap`);
    else for (const w of o.words) assert.ok(shared.includes(w), `${where}: "${w}" is no longer in both ${o.a} and ${o.b}`);
  }
});

test('speech verbs are listed as base forms and every form is known', () => {
  for (const [form, base] of [['said', 'say'], ['says', 'say'], ['saying', 'say'], ['replies', 'reply'], ['replied', 'reply'],
    ['replying', 'reply'], ['argues', 'argue'], ['argued', 'argue'], ['arguing', 'argue'], ['stresses', 'stress'], ['agreed', 'agree'],
    ['agreeing', 'agree'], ['admitted', 'admit'], ['admitting', 'admit'], ['labelled', 'label'], ['labeled', 'label'], ['wrote', 'write'],
    ['writing', 'write'], ['told', 'tell']] as const) {
    assert.ok(SPEECH_VERBS.has(form), form);
    assert.equal(SPEECH_VERB_BASES.get(form), base, form);
  }
  assert.equal(SPEECH_VERBS.has('call'), false, 'a base is a form only when marked: "during a call"');
  assert.deepEqual([...verbForms(['vow']).keys()], ['vows', 'vowed', 'vowing']);
  assert.deepEqual([...verbForms(['say*', 'said']).keys()], ['say', 'says', 'said', 'saying']);
  assert.deepEqual([...verbForms(['rule', '-ruling', '-rules']).keys()], ['ruled'], 'a form marked unused is left out');
  assert.equal(SPEECH_VERBS.has('ruling'), false, '"the ruling party"');
  assert.deepEqual([...verbForms(['tie']).keys()], ['ties', 'tied', 'tying']);
  assert.deepEqual([...verbForms(['quip', 'quipped', 'quipping']).keys()], ['quips', 'quipped', 'quipping']);
});

test('a bad list line is an error naming the file and the line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'word-lists-'));
  try {
    const url = pathToFileURL(dir + path.sep);
    writeFileSync(path.join(dir, 'twice.txt'), '# comment\nalpha\n\nbeta # trailing comment\nalpha\n');
    assert.throws(() => readListFile('twice', url), /lists\/twice\.txt line 5: "alpha" repeats line 2/);
    writeFileSync(path.join(dir, 'empty.txt'), '# only a comment\n\n');
    assert.throws(() => readListFile('empty', url), /lists\/empty\.txt holds no entry/);
    writeFileSync(path.join(dir, 'fine.txt'), 'alpha\nbeta  gamma # two fields\n');
    assert.deepEqual(readListFile('fine', url), [{ line: 1, fields: ['alpha'] }, { line: 2, fields: ['beta', 'gamma'] }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
