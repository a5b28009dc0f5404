import { loadLexiconData } from './lexicon-data.ts';
import type { Token } from './tokens.ts';
import { EXTRA_NON_PEOPLE, FUNCTION_WORDS, GENDER_FIXES, INSTITUTION_WORDS, MORE_DEMONYMS, MORE_ORG_WORDS, PARTY_PLURALS, REGIONS, ROLE_NOUNS, SPEECH_VERBS } from './word-lists.ts';

/**
 * Word lookups backed by compromise's lexicon (first names, surnames, countries, cities, regions, organisations,
 * demonyms, months …): a general gazetteer maintained upstream, far wider than anything hand-written here. Only the
 * lexicon is used, not the tagger, so lookups are O(1) and the parser's behaviour does not depend on tagger heuristics.
 * It is loaded on the first lookup (lexicon-data.ts says from where).
 */

type Lex = Record<string, string | string[]>;

let cache: { lex: Lex; orgWords: Set<string>; placeWords: Set<string> } | null = null;

function load(): NonNullable<typeof cache> {
  if (cache) return cache;
  const data = loadLexiconData();
  cache = { lex: data.lexicon, orgWords: new Set(data.orgWords), placeWords: new Set(data.placeWords) };
  return cache;
}

const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;

function lookup(lex: Lex, key: string): string[] | undefined {
  const v = Object.prototype.hasOwnProperty.call(lex, key) ? lex[key] : undefined;
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v : [v];
}

/**
 * Tags of a lower-case word. The lexicon is mostly unaccented ("maria", "lopez", "siobhan"), so a word with accents
 * that is not found as written is looked up without them (María → maria, López → lopez).
 */
export function tagsOf(lower: string): string[] {
  const { lex } = load();
  const v = lookup(lex, lower);
  if (v !== undefined) return v;
  if (!NON_ASCII.test(lower)) return [];
  const folded = lower.normalize('NFD').replace(MARKS, '');
  return folded !== lower ? (lookup(lex, folded) ?? []) : [];
}

// Every predicate below is a question about a word's tags. Each distinct word's tags are folded once into a bit mask
// (cached), so the name, role and attribution passes — which ask several questions of every capitalised word — do
// array scans and string comparisons once per word instead of once per question.
const B = {
  FIRST: 1 << 0, // FirstName, MaleName, FemaleName, Person
  MALE: 1 << 1,
  FEMALE: 1 << 2,
  LAST: 1 << 3,
  NAME: 1 << 4, // any name tag, Honorific included
  PLACE: 1 << 5, // Country, City, Region, Place (tags) or a listed region
  DEMONYM: 1 << 6,
  TIME: 1 << 7,
  ORG: 1 << 8, // Organization, SportsTeam
  FUNCTION: 1 << 9, // a function tag or a listed function word
  VERB: 1 << 10,
  INFLECTED: 1 << 11,
  ADJ: 1 << 12,
  ACTOR: 1 << 13,
  EXPRESSION: 1 << 14,
  TAGGED: 1 << 15,
  ORG_WORD: 1 << 16, // compromise's orgWords or a listed organisation word
  PLACE_WORD: 1 << 17,
  PLACE_TAG: 1 << 18, // Country, City, Region, Place tags only
  DEMONYM_TAG: 1 << 19,
  ROLE: 1 << 20, // see isRoleNoun
} as const;

const NAME_TAGS = ['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific'];
const PLACE_TAGS = ['Country', 'City', 'Region', 'Place'];
const ORG_TAGS = ['Organization', 'SportsTeam'];
const FUNCTION_TAGS = ['Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Possessive', 'Adverb', 'Modal', 'Copula', 'QuestionWord', 'Negative', 'Condition'];
const VERB_TAGS = ['PastTense', 'PresentTense', 'Infinitive', 'Gerund', 'Modal', 'Copula', 'PhrasalVerb', 'Participle', 'Verb', 'Imperative'];
const INFLECTED_TAGS = ['PastTense', 'PresentTense', 'Gerund', 'Participle', 'Modal', 'Copula'];
const ADJ_TAGS = ['Adjective', 'Comparative', 'Superlative'];
const TAG_BITS = new Map<string, number>();
const addTags = (tags: string[], bit: number) => {
  for (const t of tags) TAG_BITS.set(t, (TAG_BITS.get(t) ?? 0) | bit);
};
addTags(['FirstName', 'MaleName', 'FemaleName', 'Person'], B.FIRST);
addTags(['MaleName'], B.MALE);
addTags(['FemaleName'], B.FEMALE);
addTags(['LastName'], B.LAST);
addTags(NAME_TAGS, B.NAME);
addTags(PLACE_TAGS, B.PLACE);
addTags(['Demonym'], B.DEMONYM);
addTags(['Month', 'WeekDay', 'Date', 'Holiday'], B.TIME);
addTags(ORG_TAGS, B.ORG);
addTags(FUNCTION_TAGS, B.FUNCTION);
addTags(VERB_TAGS, B.VERB);
addTags(INFLECTED_TAGS, B.INFLECTED);
addTags(ADJ_TAGS, B.ADJ);
addTags(['Actor'], B.ACTOR);
addTags(['Expression'], B.EXPRESSION);
addTags(PLACE_TAGS, B.PLACE_TAG);
addTags(['Demonym'], B.DEMONYM_TAG);

/** Bounded so a fuzzed text of a million distinct words cannot grow memory without limit; lookups stay pure. */
const BITS_CACHE_LIMIT = 200_000;
const bitsCache = new Map<string, number>();

function computeBits(lower: string): number {
  const tags = tagsOf(lower);
  let bits = tags.length ? B.TAGGED : 0;
  for (const t of tags) bits |= TAG_BITS.get(t) ?? 0;
  if (REGIONS.has(lower)) bits |= B.PLACE;
  if (MORE_DEMONYMS.has(lower)) bits |= B.DEMONYM;
  if (FUNCTION_WORDS.has(lower)) bits |= B.FUNCTION;
  const { orgWords, placeWords } = load();
  if (orgWords.has(lower) || MORE_ORG_WORDS.has(lower)) bits |= B.ORG_WORD;
  if (placeWords.has(lower)) bits |= B.PLACE_WORD;
  if (isSimpleRoleNoun(lower, bits) || (lower.includes('-') && isSimpleRoleNoun(lower.slice(lower.lastIndexOf('-') + 1)))) bits |= B.ROLE;
  // "Jean-Luc", "Pierre-Henri", "Anne-Marie": a compound of given names is one, of the gender its first part has.
  const hyphen = lower.indexOf('-');
  if (!tags.length && hyphen > 0 && lower.indexOf('-', hyphen + 1) < 0) {
    const head = computeBits(lower.slice(0, hyphen)), tail = computeBits(lower.slice(hyphen + 1));
    if (head & tail & B.FIRST) bits |= B.FIRST | B.NAME | (head & (B.MALE | B.FEMALE));
  }
  const gender = GENDER_FIXES.get(lower);
  if (gender !== undefined) bits = (bits & ~(B.MALE | B.FEMALE)) | (gender === 'm' ? B.MALE : gender === 'f' ? B.FEMALE : 0);
  return bits;
}

// The passes ask several questions of one word in a row (isQualifier asks six of t.lower): the last word's bits are
// kept beside the cache, so a repeat — usually the very same string — skips the Map lookup. Keyed by the word alone,
// like the cache, so no answer depends on what was asked before.
let lastWord: string | undefined;
let lastBits = 0;

function bits(lower: string): number {
  if (lower === lastWord) return lastBits;
  let v = bitsCache.get(lower);
  if (v === undefined) {
    v = computeBits(lower);
    if (bitsCache.size >= BITS_CACHE_LIMIT) bitsCache.clear();
    bitsCache.set(lower, v);
  }
  lastWord = lower;
  lastBits = v;
  return v;
}

/**
 * A word to ask about: its lower-case string, or a token, whose bits are then kept on it (Token.bits) — the name, role
 * and attribution passes ask a dozen questions of one token, and each string lookup hashes and compares the word.
 */
export type Word = string | Token;
const lowerOf = (w: Word): string => (typeof w === 'string' ? w : w.lower);
function bitsOf(w: Word): number {
  if (typeof w === 'string') return bits(w);
  if (w.bits < 0) w.bits = bits(w.lower);
  return w.bits;
}

export const isFirstName = (w: Word): boolean => (bitsOf(w) & B.FIRST) !== 0;
export const isMaleName = (w: Word): boolean => (bitsOf(w) & B.MALE) !== 0;
export const isFemaleName = (w: Word): boolean => (bitsOf(w) & B.FEMALE) !== 0;
export const isLastName = (w: Word): boolean => (bitsOf(w) & B.LAST) !== 0;
export const isNameWord = (w: Word): boolean => (bitsOf(w) & B.NAME) !== 0;
export const isPlace = (w: Word): boolean => (bitsOf(w) & B.PLACE) !== 0;
export const isDemonym = (w: Word): boolean => (bitsOf(w) & B.DEMONYM) !== 0;
/** A party member's word, a demonym whose plural names a party: "Republican", "Democrat" (not "Green": no demonym). */
export const isPartyMember = (w: Word): boolean => isDemonym(w) && PARTY_PLURALS.has(`${lowerOf(w)}s`);
export const isTimeWord = (w: Word): boolean => (bitsOf(w) & B.TIME) !== 0;
export const isOrgWord = (w: Word): boolean => (bitsOf(w) & B.ORG_WORD) !== 0;
export const isPlaceWord = (w: Word): boolean => (bitsOf(w) & B.PLACE_WORD) !== 0;

/** A whole multi-word string that is a known place or organisation ("hong kong", "goldman sachs"). */
export function isKnownNonPerson(lowerPhrase: string): boolean {
  if (EXTRA_NON_PEOPLE.has(lowerPhrase)) return true;
  return (bits(lowerPhrase) & (B.PLACE_TAG | B.ORG | B.DEMONYM_TAG)) !== 0;
}
export const isOrgName = (w: Word): boolean => (bitsOf(w) & B.ORG) !== 0;

export const isFunctionWord = (w: Word): boolean => (bitsOf(w) & B.FUNCTION) !== 0;
/** Tagged as a verb and not also a name or noun of a person: used to stop walks over role phrases. */
export const isVerbWord = (w: Word): boolean => SPEECH_VERBS.has(lowerOf(w)) || ((bitsOf(w) & (B.VERB | B.ACTOR)) === B.VERB && !ROLE_NOUNS.has(lowerOf(w)));
/** An inflected verb form ("met", "says", "meeting"): bare forms like "finance" or "state" double as nouns in roles. */
export const isInflectedVerb = (w: Word): boolean => SPEECH_VERBS.has(lowerOf(w)) || ((bitsOf(w) & (B.INFLECTED | B.ACTOR)) === B.INFLECTED && !ROLE_NOUNS.has(lowerOf(w)));
export const isAdjective = (w: Word): boolean => (bitsOf(w) & B.ADJ) !== 0;
/** Any dictionary word other than a name: a capitalised one at a sentence start is probably just capitalised. */
export function isCommonWord(w: Word): boolean {
  const b = bitsOf(w);
  if (FUNCTION_WORDS.has(lowerOf(w))) return true;
  return (b & B.TAGGED) !== 0 && (b & (B.NAME | B.PLACE_TAG | B.ORG)) === 0;
}
/** Words that cannot start a sentence-initial name: function words, verbs, adverbs, adjectives. Nouns may (Wang). */
export function isSentenceStarterWord(w: Word): boolean {
  if (FUNCTION_WORDS.has(lowerOf(w))) return true;
  const b = bitsOf(w);
  if (b & B.NAME) return false;
  return (b & (B.FUNCTION | B.VERB | B.ADJ | B.EXPRESSION)) !== 0;
}
/** Occupation suffixes catch the long tail (hydrologist, physician, engineer, administrator, speechwriter) no list can hold. */
const ROLE_SUFFIX = /(?:[a-z]{3}ist|ician|ologist|[a-z]{3}eer|[a-z]{2}ator|[a-z]{3}(?:writer|maker|keeper|worker|holder|owner|leader|dealer|trader|broker))$/;
/** Nordic surnames end like occupations: Lindqvist, Blomkvist, Almquist are no -ists. */
const NORDIC_SURNAME = /(?:qv|kv|qu)ist$/;
function isSimpleRoleNoun(l: string, known?: number): boolean {
  return ROLE_NOUNS.has(l) || ((known ?? bits(l)) & B.ACTOR) !== 0 || (ROLE_SUFFIX.test(l) && !NORDIC_SURNAME.test(l) && !FUNCTION_WORDS.has(l));
}
/** A role noun, including hyphenated compounds whose head is one: co-chair, co-author, vice-captain, ex-minister. */
export const isRoleNoun = (w: Word): boolean => (bitsOf(w) & B.ROLE) !== 0;
/** Heads of institution names that are never surnames (unlike Hall, Lane or Ford). */
export const isInstitutionWord = (l: string): boolean => INSTITUTION_WORDS.has(l);
/** Auxiliaries and copulas (lists/auxiliaries.txt): a subject followed by one of these is the sentence subject. */
export { AUXILIARIES } from './word-lists.ts';
