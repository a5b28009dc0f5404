/**
 * Name-swap generalisation (issue 16, point 5): every given name (or surname) of the people in a fixture's expected
 * file is replaced, consistently in the text and in the expected file, by a name from a pool — names the lexicon does
 * not know, from many languages, or names that are also English words — and the fixtures are scored again. A parser
 * that finds people by the shape of the sentence and not by its name lists loses little.
 *   node --import tsx test/unit/ingest/name-swap.ts   # the figures for each swap beside the fixtures' own
 */
import { readFileSync } from 'node:fs';
import { parseArticle } from '../../../src/ingest/parse/index.ts';
import { isFirstName, isLastName } from '../../../src/ingest/parse/lexicon.ts';
import { emptyTally, metrics, peopleOnly, tally, type Expected, type Tally } from './expected.ts';
import { fixtureCases } from './metrics.ts';

/** Given names from many languages; the swap keeps only those the lexicon does not know as names. */
export const UNKNOWN_GIVEN = `Oluwaseun Siobhán Thandiwe Bartholomew Zhivko Nkechi Eero Teodora Chidera Anahera Tsering Bongani Ngozi Yerlan
  Aigerim Ilkka Radomir Wairimu Kaveh Nilufar Dagny Sigrún Ifeoma Mthunzi Lowanna Kalani Xiomara Yusra Bolat Dumisani Chiamaka
  Oksana Tariku Zainabu Ebru Nnamdi Saoirse Tavita Mele Hekla Jurgis Vaiva Dorje Pemba Sefa Kwabena Amaru Itzel`.split(/\s+/);
/** Given names that are also English words. */
export const WORD_GIVEN = 'Rich Will Sunny Hope Grant Faith Bill Amber Joy Rose Mark Frank Dawn Penny Ivy Pearl Chase Hunter Drew Gene Sky River Brook Summer Rocky Sterling Destiny Honor Autumn'.split(' ');
/** Surnames from many languages; the swap keeps only those the lexicon does not know as names. */
export const UNKNOWN_SURNAMES = `Adeyemi Okonkwo Nwachukwu Vähäsöyrinki Tshabalala Przybylski Dzhumabaev Quispe Rakotomalala Ngata Sithole Oyelaran
  Ekwueme Haddadi Kowalczyk Mwangi Tuilagi Okafor Baptiste Ramanathan Nakamura Zhakupov Öztürk Szabó Wiśniewska Moldoveanu
  Abubakar Tjahjono Fonoti Kariuki Mbeki Hakobyan Gvozdev Ibragimova Tarkovsky Uwimana Nyambura Quaresma Eskildsen Ólafsdóttir`.split(/\s+/);
/** Surnames that are also English words. */
export const WORD_SURNAMES = 'Baker Wood Green Strong Black Young Hill Best Sharp Bird Fox Stone Field Little Power Wise Moody Cash Bright Swift Rice Rush Lamb Frost Hope Brown Small Fields Banks Holmes'.split(' ');

export type Part = 'given' | 'surname';
export interface Swap { part: Part; pool: string[]; label: string }

export const SWAPS: Swap[] = [
  { part: 'given', pool: UNKNOWN_GIVEN.filter((n) => !isFirstName(n.toLowerCase())), label: 'given names the lexicon does not know' },
  { part: 'given', pool: WORD_GIVEN, label: 'given names that are also words' },
  { part: 'surname', pool: UNKNOWN_SURNAMES.filter((n) => !isLastName(n.toLowerCase()) && !isFirstName(n.toLowerCase())), label: 'surnames the lexicon does not know' },
  { part: 'surname', pool: WORD_SURNAMES, label: 'surnames that are also words' },
];

const NAME_WORD = /^\p{Lu}[\p{Ll}\p{M}]+(?:[-'’]\p{Lu}?[\p{Ll}\p{M}]+)*$/u;
const SUFFIXES = new Set(['Jr', 'Jr.', 'Sr', 'Sr.', 'II', 'III', 'IV']);

/** mulberry32: a small seeded generator, so a swap is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const hash = (s: string): number => [...s].reduce((h, c) => Math.imul(h ^ c.codePointAt(0)!, 16777619) >>> 0, 2166136261);

/** The given names and surnames of the people an expected file lists (names of two words or more). */
export function nameParts(e: Expected): Record<Part, string[]> {
  const given = new Set<string>(), surname = new Set<string>();
  for (const p of e.people) {
    const words = p.name.split(/\s+/).filter((w) => !SUFFIXES.has(w));
    if (words.length < 2) continue;
    given.add(words[0]!);
    surname.add(words[words.length - 1]!);
  }
  // A word that is one person's given name and another's surname is left alone: no swap could be consistent.
  const both = new Set([...given].filter((w) => surname.has(w)));
  const keep = (s: Set<string>) => [...s].filter((w) => NAME_WORD.test(w) && !both.has(w));
  return { given: keep(given), surname: keep(surname) };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The mapping of one fixture's names for a swap: seeded by the fixture's name and the swap, skipping pool names that
 * already appear capitalised in the text (they would merge two people) and names of the other part.
 */
export function swapMap(fixture: string, text: string, e: Expected, swap: Swap): Map<string, string> {
  const parts = nameParts(e);
  const rnd = random(hash(`${fixture}|${swap.label}`));
  const pool = swap.pool.filter((n) => !new RegExp(`(?<![\\p{L}\\p{M}])${escape(n)}(?![\\p{L}\\p{M}])`, 'u').test(text) && !parts.given.includes(n) && !parts.surname.includes(n));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const map = new Map<string, string>();
  parts[swap.part].forEach((name, i) => {
    if (i < pool.length) map.set(name, pool[i]!);
  });
  return map;
}

/** Replaces whole words (case as written; a possessive or hyphenated ending stays) in a string. */
export function replaceNames(s: string, map: Map<string, string>): string {
  if (!map.size) return s;
  const re = new RegExp(`(?<![\\p{L}\\p{M}\\-'’])(${[...map.keys()].sort((a, b) => b.length - a.length).map(escape).join('|')})(?![\\p{L}\\p{M}])`, 'gu');
  return s.replace(re, (m) => map.get(m)!);
}

function deepReplace<T>(v: T, map: Map<string, string>): T {
  if (typeof v === 'string') return replaceNames(v, map) as T;
  if (Array.isArray(v)) return v.map((x) => deepReplace(x, map)) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepReplace(x, map)])) as T;
  return v;
}

/** The fixtures' tally with the swap applied (null: as written), and how many names it replaced. */
export function swappedTally(swap: Swap | null): { tally: Tally; replaced: number } {
  const all = emptyTally();
  let replaced = 0;
  for (const [name, textUrl, expectedUrl] of fixtureCases()) {
    let text = readFileSync(textUrl, 'utf8');
    let e = JSON.parse(readFileSync(expectedUrl, 'utf8')) as Expected;
    if (swap) {
      const map = swapMap(name, text, e, swap);
      replaced += map.size;
      text = replaceNames(text, map);
      e = deepReplace(e, map);
    }
    tally(all, peopleOnly(parseArticle(text)), e);
  }
  return { tally: all, replaced };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = metrics(swappedTally(null).tally);
  const fmt = (m: ReturnType<typeof metrics>) => `speaker ${(100 * m.speakerAccuracy).toFixed(1)}  people F1 ${(100 * m.peopleF1).toFixed(1)}  roles ${(100 * m.roleRecall).toFixed(1)}`;
  console.log(`${'as written'.padEnd(40)} ${fmt(base)}`);
  for (const swap of SWAPS) {
    const { tally: t, replaced } = swappedTally(swap);
    console.log(`${swap.label.padEnd(40)} ${fmt(metrics(t))}  (${replaced} names replaced)`);
  }
}
