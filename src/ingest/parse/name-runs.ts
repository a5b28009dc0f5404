import type { DocParagraph } from './document.ts';
import {
  isCommonWord, isDemonym, isFirstName, isFunctionWord, isKnownNonPerson, isLastName, isOrgName, isOrgWord, isPlace,
  isPlaceWord, isRoleNoun, isSentenceStarterWord, isTimeWord,
} from './lexicon.ts';
import { HONORIFICS, NAME_PARTICLES, TITLES } from './word-lists.ts';
import type { Token } from './tokens.ts';

/**
 * A run is a stretch of capitalised words separated by single spaces ("US Secretary", "State Antony Blinken", "Xi’s").
 * Splitting a run into leading qualifiers (titles, places, acronyms) and a trailing name is how people are found.
 */
export interface NameRun {
  paragraph: number;
  /** Token indices [first, last) of the whole run. */
  first: number;
  last: number;
  /** Token index where the name part starts (== last when the run holds no name). */
  nameFirst: number;
  prefix: Token[];
  name: Token[];
  sentenceInitial: boolean;
  /** The prefix holds an honorific or a title (Mr, Dr, President …). */
  titled: boolean;
  honorific: 'm' | 'f' | null | undefined;
}

const INITIAL = /^\p{Lu}\.(?:\p{Lu}\.)*$/u;
const HAS_LOWER = /\p{Ll}/u;
const PARTICLE_HYPHEN = /^(?:al|el|bin|ibn|abu|da|de|di|du|van|von)-\p{Lu}/u;
const ACRONYM = /^[\p{Lu}\d&.]{2,}$/u;

export const isAcronym = (t: Token): boolean => ACRONYM.test(t.text) && !INITIAL.test(t.text);
export const isTitleWord = (lower: string): boolean => TITLES.has(lower) || HONORIFICS.has(lower);

function isNameShaped(t: Token): boolean {
  if (INITIAL.test(t.text)) return true;
  if (PARTICLE_HYPHEN.test(t.text)) return true;
  return t.cap && HAS_LOWER.test(t.text);
}

function startsRun(t: Token): boolean {
  return t.cap || PARTICLE_HYPHEN.test(t.text);
}

/** Leading words that qualify a name rather than belong to it. */
function isQualifier(t: Token): boolean {
  const l = t.lower;
  if (isTitleWord(l) || isAcronym(t) || isDemonym(l) || isTimeWord(l)) return true;
  // Georgia, Chelsea, Jordan: places and organisations that are also common first names stay name parts.
  return (isPlace(l) || isOrgName(l) || isOrgWord(l)) && !isFirstName(l);
}

function splitRun(tokens: Token[], first: number, last: number, p: DocParagraph): NameRun | null {
  const toks = tokens.slice(first, last);
  const sentence = p.sentences[toks[0]!.sentence]!;
  const before = p.text.slice(sentence.start, toks[0]!.start);
  const sentenceInitial = !/[\p{L}\p{N}]/u.test(before);
  let i = 0;
  const prefix: Token[] = [];
  let titled = false;
  let honorific: 'm' | 'f' | null | undefined;
  while (i < toks.length) {
    const t = toks[i]!;
    const remaining = toks.length - i - 1;
    if (!t.cap && !PARTICLE_HYPHEN.test(t.text)) {
      i++; // a particle with nothing capitalised before it
      continue;
    }
    if (HONORIFICS.has(t.lower)) {
      honorific = HONORIFICS.get(t.lower);
      titled = true;
      prefix.push(t);
      i++;
      continue;
    }
    // "Hydrologist Beatriz Lemos", "Striker Harry Kane": an occupation word capitalised only because it opens the sentence.
    if (isQualifier(t) || (remaining >= 1 && i === 0 && sentenceInitial && isRoleNoun(t.lower) && !isFirstName(t.lower))) {
      if (TITLES.has(t.lower)) titled = true;
      prefix.push(t);
      i++;
      if (t.possessive) break;
      continue;
    }
    if (i === 0 && sentenceInitial && isSentenceStarterWord(t.lower)) {
      i++;
      continue;
    }
    if (isFunctionWord(t.lower)) {
      i++;
      continue;
    }
    // A dictionary word before at least two more words ("State Antony Blinken") is a qualifier, not a first name.
    if (remaining >= 2 && isCommonWord(t.lower) && !isFirstName(t.lower)) {
      prefix.push(t);
      i++;
      continue;
    }
    break;
  }
  const name = toks.slice(i);
  // Drop a trailing particle and anything that is not shaped like a name part.
  while (name.length && !name[name.length - 1]!.cap) name.pop();
  if (name.some((t) => t.cap && !isNameShaped(t))) return null;
  return { paragraph: p.index, first, last, nameFirst: first + i, prefix, name, sentenceInitial, titled, honorific };
}

/** Whole-run vetoes: a known place or organisation, or a run ending in an organisation/place word ("Munich Security Conference"). */
function isNonPersonRun(name: Token[], titled: boolean): boolean {
  if (!name.length) return true;
  const phrase = name.map((t) => t.lower).join(' ');
  if (isKnownNonPerson(phrase)) return true;
  const lastTok = name[name.length - 1]!;
  const firstTok = name[0]!;
  // A title vouches for a person whose surname is also a word like Lane, Hall or Ford.
  if (!titled && name.length >= 2 && (isOrgWord(lastTok.lower) || isPlaceWord(lastTok.lower)) && !isFirstName(firstTok.lower)) return true;
  return name.some((t) => isTimeWord(t.lower) || (isPlace(t.lower) && !isLastName(t.lower) && !isFirstName(t.lower)) || isDemonym(t.lower));
}

export function findRuns(p: DocParagraph): NameRun[] {
  const out: NameRun[] = [];
  const { tokens, text } = p;
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!startsRun(t)) {
      i++;
      continue;
    }
    let j = i + 1;
    if (!t.possessive) {
      while (j < tokens.length) {
        const prev = tokens[j - 1]!;
        const cur = tokens[j]!;
        const gap = text.slice(prev.end, cur.start);
        // "Sen. Kyrsten Lane", "Dr. Maria Gonzalez": an abbreviated title's full stop does not end the run.
        const abbreviatedTitle = gap === '. ' && isTitleWord(prev.lower);
        if (cur.quoted !== prev.quoted || (gap !== ' ' && !abbreviatedTitle) || (cur.sentence !== prev.sentence && !abbreviatedTitle)) break;
        if (!cur.cap && !PARTICLE_HYPHEN.test(cur.text)) {
          // A particle joins only when a capitalised word follows it: "Ludwig van Beethoven", not "Putin and".
          const after = tokens[j + 1];
          if (NAME_PARTICLES.has(cur.lower) && after && after.cap && text.slice(cur.end, after.start) === ' ') {
            j++;
            continue;
          }
          break;
        }
        j++;
        if (cur.possessive) break;
      }
    }
    const run = splitRun(tokens, i, j, p);
    if (run) {
      if (isNonPersonRun(run.name, run.titled)) {
        run.name = [];
        run.nameFirst = run.last;
      }
      out.push(run);
    }
    i = j;
  }
  return out;
}
