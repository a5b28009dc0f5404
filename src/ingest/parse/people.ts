import { opensClauseAt, type DocParagraph } from './document.ts';
import { isCommonWord, isDemonym, isFemaleName, isFirstName, isLastName, isMaleName, isPlace, isPlaceWord, isInstitutionWord, isOrgName, isRoleNoun, isInflectedVerb, isFunctionWord } from './lexicon.ts';
import { findRuns, isTitleWord, type NameRun } from './name-runs.ts';
import type { Token } from './tokens.ts';
import { findDescriptions, roleAfter, roleAt, roleBefore, type Description } from './roles.ts';
import { CREDIT_LABEL, FEMALE_WORDS, FUNCTION_WORDS, LOCATIVE_PREPOSITIONS, MALE_WORDS, NAME_PARTICLES, ORGANISATION_NOUNS, PARTY_PLURALS, PERSON_NOUNS, SPEECH_VERBS, TITLES, TRADE_NOUNS, VERB_FILLERS } from './word-lists.ts';

export type Gender = 'm' | 'f' | null;

export interface Person {
  id: number;
  /** Name parts of the fullest form seen. */
  parts: string[];
  name: string;
  role: string | null;
  aliases: Set<string>;
  paragraphs: Set<number>;
  gender: Gender;
  /** Document order of the first mention, for output order. */
  order: number;
}

export interface Mention {
  person: number;
  paragraph: number;
  /** Token indices [first, last) of the words naming the person (titles excluded). */
  first: number;
  last: number;
  full: boolean;
}

export interface PeopleResult {
  people: Person[];
  /** Per paragraph, token index → person id (or -1). Plain arrays: a typed array this size costs an off-heap allocation. */
  tokenPerson: number[][];
  mentions: Mention[];
  descriptions: Description[];
}

const nameKey = (parts: string[]): string => parts.join(' ');
/** "Al-Obeidi" opening a sentence is the "al-Obeidi" of the full name: a particle surname capitalised by position. */
const PARTICLE_CAPITALISED = /^(?:Al|El|Bin|Ibn|Abu|Da|De|Di|Du|Van|Von)-\p{Lu}|^(?:D|Dell|Dall|L)['’]\p{Lu}/u;
const particleLower = (w: string): string | null => (PARTICLE_CAPITALISED.test(w) ? w[0]!.toLowerCase() + w.slice(1) : null);
/** ASCII is its own NFC form, and most name parts are ASCII: normalize() would copy them through ICU for nothing. */
const BEYOND_ASCII = /[^\x00-\x7f]/;
const norm = (s: string): string => (BEYOND_ASCII.test(s) ? s.normalize('NFC') : s);
/** The parts of a name as written: "Jr." and "Sr." keep their full stop, as initials do ("Michael G. Whitaker Jr."). */
const namePartsOf = (p: DocParagraph, name: Token[]): string[] =>
  name.map((t) => norm(/^(?:jr|sr)$/.test(t.lower) && p.text[t.end] === '.' ? `${t.text}.` : t.text));

/**
 * A Chinese or Korean given name written after the surname, hyphenated with a lower-case second syllable: Chan
 * Siu-fong, Ho Kin-wah, Moon Jae-in. Western double names capitalise both halves (Jean-Luc, Feldt-Olsen).
 */
const SINITIC_GIVEN = /^\p{Lu}\p{Ll}*-\p{Ll}+$/u;

/** The part a person is called by alone: the last, or the one before a trailing Sinitic given name. */
export function surnameOf(parts: string[]): string {
  // "Francisco Tiu Laurel Jr.", "Martin Luther King III": a generational suffix is not the surname.
  const n = parts.length >= 2 && GENERATIONAL.test(parts[parts.length - 1]!) ? parts.length - 1 : parts.length;
  const last = parts[n - 1]!;
  return n >= 2 && SINITIC_GIVEN.test(last) ? parts[n - 2]! : last;
}
const GENERATIONAL = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;

const withoutGenerational = (x: string[]): string[] => (x.length >= 2 && GENERATIONAL.test(x[x.length - 1]!) ? x.slice(0, -1) : x);

/** Two written forms can name one person: same surname and compatible first parts (same, or one an initial of the other). */
function compatible(a: string[], b: string[]): boolean {
  if (surnameOf(a) !== surnameOf(b)) return false;
  // "Chan Siu-fong" after "Winnie Chan Siu-fong", "Tiu Laurel" after "Francisco Tiu Laurel Jr.": the shorter form is
  // the end of the longer one, less a generational suffix.
  const [short, long] = a.length <= b.length ? [withoutGenerational(a), withoutGenerational(b)] : [withoutGenerational(b), withoutGenerational(a)];
  if (short.length >= 2 && short.join(' ') === long.slice(-short.length).join(' ')) return true;
  const fa = a[0]!, fb = b[0]!;
  if (fa === fb) return true;
  const ia = fa.replace(/\.$/, ''), ib = fb.replace(/\.$/, '');
  return (ia.length === 1 && fb.startsWith(ia)) || (ib.length === 1 && fa.startsWith(ib));
}

function genderOf(parts: string[], honorific: 'm' | 'f' | null | undefined, role: string | null): Gender {
  if (honorific === 'm' || honorific === 'f') return honorific;
  const roleWords = (role ?? '').toLowerCase().split(/\s+/);
  if (roleWords.some((w) => FEMALE_WORDS.has(w))) return 'f';
  if (roleWords.some((w) => MALE_WORDS.has(w))) return 'm';
  const first = parts[0]!.toLowerCase();
  const m = isMaleName(first), f = isFemaleName(first);
  if (m && !f) return 'm';
  if (f && !m) return 'f';
  return null;
}

/** The word after token `k - 1` is a speech verb, directly ("Wang said") or after fillers ("Wang also said"). */
function speaksNext(p: DocParagraph, k: number): boolean {
  const prev = p.tokens[k - 1];
  let t = p.tokens[k];
  if (!prev || !t) return false;
  if (p.text.slice(prev.end, t.start) !== ' ') return false;
  for (let n = 0; t && n < 2 && VERB_FILLERS.has(t.lower); n++) t = p.tokens[++k];
  return t !== undefined && SPEECH_VERBS.has(t.lower);
}

const COORDINATORS: ReadonlySet<string> = new Set(['and', 'but']);

/**
 * How often each lone capitalised word is a clause's subject: opening its clause (sentence start, after a comma or
 * "and") and followed, past fillers, by an inflected lower-case verb ("Sanders compared", "Sanders also said").
 */
function surnameSubjects(doc: DocParagraph[], runsBy: NameRun[][]): Map<string, number> {
  const uses = new Map<string, number>();
  for (const runs of runsBy) {
    for (const r of runs) {
      if (r.name.length !== 1 || r.prefix.length || r.first !== r.last - 1) continue;
      const p = doc[r.paragraph]!;
      const tok = r.name[0]!;
      if (tok.possessive || tok.quoted || !opensClauseAt(p, r.first, COORDINATORS)) continue;
      let k = r.last;
      while (k < p.tokens.length && k - r.last < 2 && VERB_FILLERS.has(p.tokens[k]!.lower)) k++;
      const verb = p.tokens[k];
      if (!verb || verb.cap || verb.quoted || verb.sentence !== tok.sentence || !(isInflectedVerb(verb) || /[^e]ed$/.test(verb.lower)) || p.text.slice(p.tokens[k - 1]!.end, verb.start) !== ' ') continue;
      uses.set(tok.text, (uses.get(tok.text) ?? 0) + 1);
    }
  }
  return uses;
}

/** "The party's co-leader, Tilo Grünberg, said": a name set off by commas right before a speech verb. */
function appositiveSpeaker(p: DocParagraph, run: NameRun): boolean {
  const first = p.tokens[run.first]!;
  const verb = p.tokens[run.last];
  if (!verb || run.first === 0 || !p.text.slice(0, first.start).endsWith(', ')) return false;
  return p.text.slice(p.tokens[run.last - 1]!.end, verb.start) === ', ' && SPEECH_VERBS.has(verb.lower) && !verb.lower.endsWith('ing');
}

/**
 * "Einav Zangauker, whose son is among the hostages,", "Marcus Ellison, 51,": a relative "who"/"whose" or an age set
 * off after a two-part name — what writers attach to people, not to organisations ("which") or places.
 */
function personalAppositive(p: DocParagraph, run: NameRun): boolean {
  if (run.name.length < 2) return false;
  const last = p.tokens[run.last - 1]!;
  if (last.possessive) return false;
  return /^, (?:who|whose|\d{1,3},) /.test(p.text.slice(last.end, last.end + 8));
}

/** What ends right before a name or verb that signs a quotation: a closing mark after a comma, `?` or `!`. */
const SIGNED_AFTER = /[,?!]\s?(?:["”’]|'')\s$/u;
const ACRONYM_WORD = /^[\p{Lu}\d&.]{2,}$/u;

/** A capital and lower-case letters. */
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}+$/u;

/**
 * For each capitalised word, the capitalised word right before its first such use, when that one can be a given name
 * (no title, function word, place, organisation or demonym, no possessive, same sentence): "Rich" of "Rich Álvarez".
 */
function precedingGivenNames(doc: DocParagraph[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of doc) {
    for (let k = 1; k < p.tokens.length; k++) {
      const t = p.tokens[k]!;
      const prev = p.tokens[k - 1]!;
      if (!t.cap || !prev.cap || t.quoted || prev.quoted || prev.possessive || prev.sentence !== t.sentence || p.text.slice(prev.end, t.start) !== ' ') continue;
      const w = norm(t.text);
      if (out.has(w)) continue;
      const l = prev.lower;
      if (isTitleWord(l) || isFunctionWord(l) || isPlace(l) || isOrgName(l) || isDemonym(l) || !CAPITALISED_WORD.test(prev.text)) continue;
      out.set(w, norm(prev.text));
    }
  }
  return out;
}

/** "…,” said Wang": a speech verb right before token `k`. */
function speaksBefore(p: DocParagraph, k: number): boolean {
  const prev = p.tokens[k - 1];
  const t = p.tokens[k];
  return prev !== undefined && t !== undefined && SPEECH_VERBS.has(prev.lower) && p.text.slice(prev.end, t.start) === ' ';
}

/** Determiners of a person noun set off before a name: "her husband, Pieter", "another patient, Kayla", "one resident, Tom". */
const POSSESSIVE_DETERMINERS = new Set(['her', 'his', 'their', 'my', 'our', 'your', 'another', 'one', 'a', 'the']);

/** Token k is directly preceded by a lower-case person noun: "pupil Osian", or "her husband, Pieter" set off by commas. */
function introducedSingle(p: DocParagraph, k: number): boolean {
  const prev = p.tokens[k - 1];
  if (!prev || prev.cap || prev.quoted || prev.sentence !== p.tokens[k]!.sentence) return false;
  if (!(PERSON_NOUNS.has(prev.lower) || isRoleNoun(prev))) return false;
  const gap = p.text.slice(prev.end, p.tokens[k]!.start);
  if (gap === ' ') return true;
  return gap === ', ' && POSSESSIVE_DETERMINERS.has(p.tokens[k - 2]?.lower ?? '');
}

/** What follows a single name confirms a person: an age (", 15,"), an appositive (", a seaman"), or a speech verb. */
function confirmedSingle(p: DocParagraph, end: number): boolean {
  const last = p.tokens[end - 1]!;
  if (ageFollows(p, end) || /^, (?:a|an|the|who) /.test(p.text.slice(last.end, last.end + 12))) return true;
  // "whose late husband Keith transferred his pension": the name is the subject of a verb of its own.
  const next = p.tokens[end];
  if (next && !next.cap && !next.quoted && p.text.slice(last.end, next.start) === ' ' && isInflectedVerb(next) && !isFunctionWord(next) && /(?:ed|s)$/.test(next.lower)) return true;
  return speaksNext(p, end);
}

/** ", 68," or ", 68." right after a name: an age. */
function ageFollows(p: DocParagraph, end: number): boolean {
  const last = p.tokens[end - 1]!;
  return /^, \d{1,3}(?:[,.]|$)/.test(p.text.slice(last.end, last.end + 6));
}

/** ", a …", ", an …", ", 58," right after a single name. */
function appositiveFollows(p: DocParagraph, end: number): boolean {
  const last = p.tokens[end - 1]!;
  return /^, (?:a|an|\d{1,3},) /.test(p.text.slice(last.end, last.end + 8));
}

interface Candidate {
  run: NameRun;
  parts: string[];
  role: string | null;
}

/** Holds a letter. */
const HAS_LETTER = /\p{L}/u;
/** Opens with a capital, after an opening quotation mark or not. */
const CAPITAL_START = /^["“‘']?\p{Lu}/u;
/** A capital, then lower-case letters only. */
const CAPITAL_THEN_LOWER = /^\p{Lu}\p{Ll}*$/u;

/**
 * A headline, subhead or summary line written in Title Case ("Mayor Said Of The Budget Gap", "Governor Tells Voters
 * The Wrong Polling Day"): no full stop at its end, four words or more nearly all capitalised, among them a function
 * word no running sentence capitalises mid-line. Its capitalised runs are headline style, not names.
 */
export function isTitleCaseLine(text: string): boolean {
  const t = text.trim();
  if (t.length > 160 || /[.!?:;]["”’']?$/u.test(t)) return false;
  const words = t.split(/\s+/).filter((w) => HAS_LETTER.test(w));
  if (words.length < 4) return false;
  const capitalised = words.filter((w) => CAPITAL_START.test(w)).length;
  if (capitalised < words.length - 1) return false;
  return words.slice(1).some((w) => CAPITAL_THEN_LOWER.test(w) && FUNCTION_WORDS.has(w.toLowerCase()));
}

/** "(Reporting by …", "Editing: …". */
const CREDIT_BY = /^\(?\s*(?:(?:additional\s+)?reporting|writing|written|editing|edited|compiled|produced|research|graphics?|fact-checking)(?:\s+by\s*:?|\s*:)\s*\p{Lu}/iu;
/** "— With assistance from …". */
const WITH_ASSISTANCE = /^[-–—―]*\s*with (?:assistance|additional reporting) from\s+\p{Lu}/iu;
/** "Write to …", "Contact …" (with an address). */
const STAFF_CONTACT = /^(?:write to|contact|e-?mail|reach|follow)\s+\p{Lu}/iu;
/** "About the author:", "About Kendra Aiello:". */
const ABOUT_AUTHOR = /^[Aa]bout\s+(?:the\s+authors?|\p{Lu}[\p{L}\p{M}'’-]+(?:\s+\p{Lu}[\p{L}\p{M}'’-]+){0,3})\s*:/u;
/** "By …" and a capital. */
const BYLINE_START = /^By\s+\p{Lu}/u;
/** Opens with a capital letter. */
const UPPER_START = /^\p{Lu}/u;

/**
 * Credits, not the story: "(Reporting by William Schomberg; Editing by Alex Richardson)", "Associated Press writer Lisa
 * Mascaro contributed to this report.", a byline "By Jane Holloway", "Photograph: Sarah Lee/The Guardian". The names in
 * them are the publication's staff, like the names in related headlines — not people of this article.
 */
export function isCreditLine(text: string): boolean {
  const t = text.trim();
  if (t.length > 300) return false;
  if (CREDIT_BY.test(t)) return true;
  if (WITH_ASSISTANCE.test(t)) return true;
  // The staff line at the foot of a story: "Write to Hannah Lutz at hannah.lutz@wsj.com", "Contact Elliot Hanrahan at …",
  // "About Kendra Aiello: Kendra Aiello is a reporter covering the Navy."
  if (STAFF_CONTACT.test(t) && t.includes('@')) return true;
  if (ABOUT_AUTHOR.test(t)) return true;
  // (The literal test first: the pattern is not anchored, and most paragraphs never say "contributed".)
  if (t.includes('contributed') && /\bcontributed\s+(?:to\s+this\s+(?:report|story|article)|(?:additional\s+)?reporting(?:\s+from\s+[^.]+)?)\.?\)?$/u.test(t) && !/[“”"]/.test(t)) return true;
  if (CREDIT_LABEL.test(t)) return true;
  // A link to another story inside the body ("READ MORE: …", "Related: …"): its names belong to that story.
  if (/^(?:read more|related|also read|see also|more on this|watch|listen)\s*[:|]/iu.test(t) && !/[“”"]\s*,?\s*(?:he|she|they)\s+said/iu.test(t)) return true;
  if (BYLINE_START.test(t) && t.length <= 100 && !/[.!?“”"]$/.test(t.replace(/\b(?:Jr|Sr|[A-Z])\.$/, ''))) {
    const words = t.slice(3).split(/[\s,]+/).filter(Boolean);
    return words.length <= 10 && words.every((w) => UPPER_START.test(w) || /^(?:and|in|of|for|the|at|&|-|—|–|\|)$/.test(w));
  }
  return false;
}

/** A surname opened by the Arabic article: "al-Mutairi", "el-Sayed" (the rest captured). */
const ARABIC_ARTICLE_SURNAME = /^(?:al|el|Al|El)-(\p{Lu}[\p{L}'’-]+)$/u;

/** Two runs written as items of one list: "Kwame Asante and Tom Whitlock", "Okafor, Eze". */
function listedTogether(p: DocParagraph, a: NameRun | undefined, b: NameRun | undefined): boolean {
  return a !== undefined && b !== undefined && /^(?:,? and |, )$/.test(p.text.slice(p.tokens[a.last - 1]!.end, p.tokens[b.first]!.start));
}

/** The people so far by the part they are called by alone (surnameOf). */
function indexBySurname(people: Person[]): Map<string, Person[]> {
  const m = new Map<string, Person[]>();
  for (const x of people) {
    const key = surnameOf(x.parts);
    m.set(key, [...(m.get(key) ?? []), x]);
  }
  return m;
}

/**
 * Finds the people of an article: multi-part names backed by some evidence that they are people (a known first name or
 * surname, a title or role, a speech verb, a particle, or the surname used alone elsewhere), plus single names carrying
 * a title or honorific. Then links every later mention (full name, surname, first name) and reads roles.
 */
export function findPeople(doc: DocParagraph[]): PeopleResult {
  const runsBy = doc.map((p) => (isCreditLine(p.text) || isTitleCaseLine(p.text) ? [] : findRuns(p)));
  // A surname used alone is evidence of a person only where it acts like one: it speaks ("Wang said", "said Wang") or
  // carries an honorific ("Mr Wang"). Company names are also used alone ("Northwind’s shares"), so bare use is not enough.
  const singles = new Set<string>();
  for (const runs of runsBy) {
    for (const r of runs) {
      if (r.name.length !== 1) continue;
      const p = doc[r.paragraph]!;
      const tok = r.name[0]!;
      if (r.honorific !== undefined || (!tok.possessive && speaksNext(p, r.last)) || speaksBefore(p, r.nameFirst) || appositiveSpeaker(p, r)) singles.add(tok.text);
    }
  }

  const candidates: Candidate[] = [];
  // Runs that passed every veto but showed no evidence of their own: a name in a list with a person's is one too.
  const unproven: Array<{ candidate: Candidate; runs: NameRun[]; at: number }> = [];
  const proven = new Set<NameRun>();
  for (const runs of runsBy) {
    for (const [ri, run] of runs.entries()) {
      if (run.name.length < 2) continue;
      const p = doc[run.paragraph]!;
      const parts = namePartsOf(doc[run.paragraph]!, run.name);
      if (departmentBeforeName(p, run, runs[ri + 1]) || ownerOfNextRole(p, run, runs[ri + 1])) continue;
      // "the European Automobile Manufacturers' Association", "the Mobile Money Agents' Union": a plural possessive
      // glued to an institution word is part of an organisation's name.
      const lastTok = run.name[run.name.length - 1]!;
      const after = p.tokens[run.nameLast];
      if (lastTok.possessive && /s['’]\s?$/.test(p.text.slice(lastTok.start, lastTok.end + 1)) && after && after.cap && (isInstitutionWord(after.lower) || isOrgName(after)) && p.text.slice(lastTok.end, after.start).trim().length <= 1) continue;
      // "the pro-business Free Democrats", "the opposition Christian Democrats", "the Scottish Greens": parties named
      // by their members in the plural are organisations.
      if (PARTY_PLURALS.has(run.name[run.name.length - 1]!.lower)) continue;
      const role = roleAt(p, run);
      // Not for an affiliation ("Dewi Anggraini of the Institute for …"): the organisation is where the person is from.
      const affiliated = p.text.startsWith(' of ', p.tokens[run.nameLast - 1]!.end);
      if (!run.titled && role !== null && !affiliated && describesBusiness(role)) continue;
      const lowers = run.name.map((t) => t.lower);
      // Every part a dictionary word ("Open Streets", "Golden Boot"): a name only with a title or role to vouch for it,
      // or a surname that speaks on its own elsewhere ("Al Gore’s exile …", then "Gore insisted").
      // A particle inside the run makes it a name whatever its parts mean: "Marine Le Pen".
      if (!run.titled && role === null && lowers.every((l) => isCommonWord(l)) && !lowers.slice(1, -1).some((l) => NAME_PARTICLES.has(l)) && !singles.has(surnameOf(parts))) continue;
      // "Southern Vale Water", "Northern Rail Freight": a place or demonym qualifier before words that are no given
      // name or surname and end in a dictionary noun is a company's name, even when it "said" something.
      if (!run.titled && role === null && run.prefix.length && run.prefix.every((t) => isPlace(t) || isDemonym(t)) &&
        !isFirstName(lowers[0]!) && !lowers.some((l) => isLastName(l)) && isCommonWord(lowers[lowers.length - 1]!)) continue;
      const evidence =
        isFirstName(lowers[0]!) ||
        lowers.some((l) => isLastName(l)) ||
        run.titled ||
        role !== null ||
        lowers.some((l) => NAME_PARTICLES.has(l)) ||
        speaksNext(p, run.last) ||
        appositiveSpeaker(p, run) ||
        personalAppositive(p, run) ||
        speaksBefore(p, run.first) ||
        singles.has(surnameOf(parts)) ||
        singles.has(parts[0]!) ||
        aged(p, run) ||
        signsQuotation(p, run) ||
        namesRole(p, run);
      if (evidence) {
        candidates.push({ run, parts, role });
        proven.add(run);
      } else unproven.push({ candidate: { run, parts, role }, runs, at: ri });
    }
  }
  // "compete with Kwame Asante and Tom Whitlock", "Chidi Okafor and Ngozi Eze joined him": names the lexicon does not
  // know, listed with one it does.
  for (const { candidate, runs, at } of unproven) {
    const p = doc[candidate.run.paragraph]!;
    if ((proven.has(runs[at - 1]!) && listedTogether(p, runs[at - 1], candidate.run)) || (proven.has(runs[at + 1]!) && listedTogether(p, candidate.run, runs[at + 1]))) candidates.push(candidate);
  }

  const people: Person[] = [];
  // Indexed by surname: a fuzzed text can hold thousands of candidate names, and a linear search per name is quadratic.
  const bySurname = new Map<string, Person[]>();
  const findCompatible = (parts: string[]): Person | undefined =>
    bySurname.get(surnameOf(parts))?.find((x) => compatible(x.parts, parts)) ?? particleSurname(parts) ?? leadingForm(parts);
  // "Nik Amran" after "Nik Amran Nik Hassan", "Ana Lucía" after "Ana Lucía Torres Medina": Malay, Spanish and other
  // multi-part names are shortened to their leading parts, which no surname index can find.
  const byLeading = new Map<string, Person[]>();
  const leadingForm = (parts: string[]): Person | undefined => {
    if (parts.length < 2) return undefined;
    const key = nameKey(parts);
    return byLeading.get(`${parts[0]} ${parts[1]}`)?.find((x) => x.parts.length > parts.length + 0 && nameKey(x.parts.slice(0, parts.length)) === key);
  };
  // "Van der Berg" after "Ruben van der Berg": a surname opened by a particle, capitalised at a sentence start.
  const particleSurname = (parts: string[]): Person | undefined => {
    if (!NAME_PARTICLES.has(parts[0]!.toLowerCase())) return undefined;
    const tail = parts.join(' ').toLowerCase();
    return bySurname.get(surnameOf(parts))?.find((x) => x.parts.length > parts.length && x.parts.slice(-parts.length).join(' ').toLowerCase() === tail);
  };
  for (const c of candidates) {
    const existing = findCompatible(c.parts);
    if (existing && existing.parts.length > c.parts.length && NAME_PARTICLES.has(c.parts[0]!.toLowerCase())) continue;
    if (existing) {
      // A fuller form with the same first name and surname only inserts middle names ("Dorothy Margaret Fenwick" after
      // "Dorothy Fenwick", as in an obituary's closing line): the name the article introduced stays the name.
      const insertsMiddle = existing.parts.length >= 2 && c.parts[0] === existing.parts[0] && surnameOf(c.parts) === surnameOf(existing.parts);
      if (!insertsMiddle && (c.parts.length > existing.parts.length || (c.parts.length === existing.parts.length && nameKey(c.parts).length > existing.name.length))) {
        existing.parts = c.parts;
        existing.name = nameKey(c.parts);
      }
      continue;
    }
    const person: Person = { id: people.length, parts: c.parts, name: nameKey(c.parts), role: null, aliases: new Set(), paragraphs: new Set(), gender: null, order: 0 };
    people.push(person);
    const surname = surnameOf(c.parts);
    bySurname.set(surname, [...(bySurname.get(surname) ?? []), person]);
    if (c.parts.length >= 3) {
      const lead = `${c.parts[0]} ${c.parts[1]}`;
      byLeading.set(lead, [...(byLeading.get(lead) ?? []), person]);
    }
  }

  // Single names with a title or honorific and no fuller form: "President Trump", "Mr Smith".
  const firstParts = new Set(people.map((x) => x.parts[0]!));
  const lastIndex = indexBySurname(people);
  for (const runs of runsBy) {
    for (const run of runs) {
      if (run.name.length !== 1 || !run.titled) continue;
      const word = norm(run.name[0]!.text);
      const lower = word.toLowerCase();
      if (lastIndex.has(word) || firstParts.has(word) || isPlace(lower) || isOrgName(lower)) continue;
      const person: Person = { id: people.length, parts: [word], name: word, role: null, aliases: new Set(), paragraphs: new Set(), gender: null, order: 0 };
      people.push(person);
      lastIndex.set(word, [person]);
    }
  }

  // Single names introduced by a role or kinship noun and confirmed by what follows: "Year 10 pupil Osian, 15,",
  // "her husband, Pieter, a Dutch merchant seaman,", "his daughter Ana said". Children, relatives and interviewees in
  // features are often given one name only.
  for (const runs of runsBy) {
    for (const run of runs) {
      if (run.name.length !== 1 || run.titled || run.prefix.length) continue;
      const p = doc[run.paragraph]!;
      const tok = run.name[0]!;
      const word = norm(tok.text);
      const lower = word.toLowerCase();
      if (tok.quoted || tok.possessive || lastIndex.has(word) || firstParts.has(word) || isPlace(lower) || isOrgName(lower) || (isCommonWord(lower) && !isFirstName(lower))) continue;
      // "Renata, a 58-year-old school librarian, …" and later "Renata said": a known first name, set off with an
      // appositive or an age, that speaks somewhere in the article — a person the article names by first name only.
      // Or one whose appositive gives them a role ("Jessica, a first-time mother who asked …"): people are described so.
      const knownFirst = isFirstName(lower) && !isPlace(lower) && appositiveFollows(p, run.last) && (singles.has(word) || roleAfter(p, run.last) !== null);
      // Indonesian and other single-named people: "Sutrisno, a 54-year-old driver," (an age in a role appositive), or
      // "The head of the agency, Wahyudi, said" (a role set off before the name, and the name speaks).
      const aged = /^, (?:a|an) \d{1,3}-year-old /.test(p.text.slice(tok.end, tok.end + 20)) && roleAfter(p, run.last) !== null;
      const namedOffice = singles.has(word) && /^, /.test(p.text.slice(tok.end, tok.end + 2)) && roleBefore(p, run) !== null;
      // "His wife, Ishbel, has some ideas": set off by commas on both sides after "his wife", the name is confirmed.
      const enclosed = p.text.slice(p.tokens[run.first - 1]?.end ?? 0, tok.start) === ', ' && p.text.startsWith(', ', tok.end);
      const kin = !run.sentenceInitial && introducedSingle(p, run.first) && (confirmedSingle(p, run.last) || singles.has(word) || enclosed);
      if ((knownFirst || aged || namedOffice || kin) && !placeOfInstitution(p, run.first)) {
        const person: Person = { id: people.length, parts: [word], name: word, role: null, aliases: new Set(), paragraphs: new Set(), gender: null, order: 0 };
        people.push(person);
        lastIndex.set(word, [person]);
      }
    }
  }

  const firstIndex = new Map<string, Person[]>();
  for (const x of people) if (x.parts.length > 1) firstIndex.set(x.parts[0]!, [...(firstIndex.get(x.parts[0]!) ?? []), x]);
  // Inner parts of longer names: Spanish and Portuguese double surnames are shortened to the first one (Luis Fernando
  // Garza Treviño → "Garza", María José García López → "García"); a second given name may be used alone too.
  const innerIndex = new Map<string, Person[]>();
  for (const x of people) {
    if (x.parts.length < 3) continue;
    const surname = surnameOf(x.parts);
    for (let i = 1; i < x.parts.length; i++) {
      const w = x.parts[i]!;
      if (w === surname || NAME_PARTICLES.has(w.toLowerCase()) || !UPPER_START.test(w)) continue;
      innerIndex.set(w, [...(innerIndex.get(w) ?? []), x]);
    }
  }

  // "Mutairi" after "Faisal al-Mutairi", "Sayed" after "Amr el-Sayed": Arabic surnames are often shortened by dropping
  // the article particle in later references (wire and broadsheet style).
  const articleIndex = new Map<string, Person[]>();
  for (const x of people) {
    if (x.parts.length < 2) continue;
    const m = ARABIC_ARTICLE_SURNAME.exec(surnameOf(x.parts));
    if (m) articleIndex.set(m[1]!, [...(articleIndex.get(m[1]!) ?? []), x]);
  }

  // "Joko Widodo, widely known as Jokowi,", "Edson Arantes do Nascimento, known as Pelé": a name used alone later.
  for (const runs of runsBy) {
    for (let ri = 1; ri < runs.length; ri++) {
      const run = runs[ri]!;
      const prev = runs[ri - 1]!;
      if (run.name.length !== 1 || prev.name.length < 2 || run.nameFirst - prev.nameLast > 6) continue;
      const p = doc[run.paragraph]!;
      const between = p.text.slice(p.tokens[prev.nameLast - 1]!.end, p.tokens[run.nameFirst]!.start);
      if (!/^,?\s(?:(?:widely|popularly|better|commonly|universally)\s)?(?:known as|nicknamed)\s$/.test(between)) continue;
      const owner = findCompatible(namePartsOf(p, prev.name));
      const w = norm(run.name[0]!.text);
      if (owner && !lastIndex.has(w) && !firstIndex.has(w) && !isPlace(w.toLowerCase()) && !isOrgName(w.toLowerCase())) lastIndex.set(w, [owner]);
    }
  }

  // `signed-single`: a lone name signing a quotation — "“…,” Hale said.", "“…,” said Okonkwo." — where the article
  // never gives the full name (or gives it only in a headline). A capitalised word in that slot is a person unless it
  // is a place, an organisation or a plain dictionary word ("“…,” Reuters reported" stays an organisation). Where the
  // word follows a capitalised word somewhere ("Rich Álvarez scored twice", the run lost to "rich" being an adjective),
  // that word is the given name. So is a known surname the article uses as a clause's subject twice or more.
  let givenOf: Map<string, string> | null = null;
  let subjectUses: Map<string, number> | null = null;
  for (const runs of runsBy) {
    for (const run of runs) {
      if (run.name.length !== 1 || run.titled || run.prefix.length) continue;
      const p = doc[run.paragraph]!;
      const tok = run.name[0]!;
      const word = norm(tok.text);
      const lower = word.toLowerCase();
      // "Sanders compared himself to Clinton. … Sanders said": a known surname that is a verb's subject twice or more.
      const subjectOften = isLastName(lower) && !isCommonWord(lower) && ((subjectUses ??= surnameSubjects(doc, runsBy)).get(tok.text) ?? 0) >= 2;
      if (tok.quoted || tok.possessive || (!singles.has(tok.text) && !subjectOften) || lastIndex.has(word) || firstParts.has(word) || firstIndex.has(word) || innerIndex.has(word) || articleIndex.has(word) || ACRONYM_WORD.test(word)) continue;
      if (isPlace(lower) || isOrgName(lower) || isDemonym(lower) || isInstitutionWord(lower) || (isPlaceWord(lower) && !isLastName(lower)) || (isCommonWord(lower) && !isFirstName(lower) && !isLastName(lower))) continue;
      const prev = p.tokens[run.first - 1];
      const before = p.text.slice(Math.max(0, tok.start - 4), tok.start);
      const signsAfter = SIGNED_AFTER.test(before) && speaksNext(p, run.last);
      const signsBefore = prev !== undefined && speaksBefore(p, run.first) && SIGNED_AFTER.test(p.text.slice(Math.max(0, prev.start - 4), prev.start));
      // "said Oversight ranking Democrat Elijah Cummings": a word running on into a lower-case noun qualifies what follows.
      const next = p.tokens[run.last];
      const qualifies = next !== undefined && !next.cap && p.text.slice(tok.end, next.start) === ' ' && !isFunctionWord(next) && !SPEECH_VERBS.has(next.lower) && !VERB_FILLERS.has(next.lower);
      if ((!signsAfter && !signsBefore && !subjectOften) || (signsBefore && !signsAfter && qualifies)) continue;
      const given = (givenOf ??= precedingGivenNames(doc)).get(word);
      const parts = given === undefined ? [word] : [given, word];
      const person: Person = { id: people.length, parts, name: parts.join(' '), role: null, aliases: new Set(), paragraphs: new Set(), gender: null, order: 0 };
      people.push(person);
      lastIndex.set(word, [person]);
      if (given !== undefined) firstIndex.set(given, [...(firstIndex.get(given) ?? []), person]);
    }
  }

  // Mentions, in document order, so an ambiguous surname goes to the person named most recently.
  const lastSeen = new Map<number, number>();
  let clock = 0;
  const mentions: Mention[] = [];
  const tokenPerson = doc.map((p) => new Array<number>(p.tokens.length).fill(-1));
  const honorificOf = new Map<number, 'm' | 'f' | null | undefined>();
  // "Mr. Kowalczyk" is the husband and "Mrs. Kowalczyk" the wife when a couple shares a surname.
  const pick = (list: Person[] | undefined, honorific?: 'm' | 'f' | null): Person | undefined => {
    if (!list?.length) return undefined;
    if (list.length === 1) return list[0];
    let pool = list;
    if (honorific && list.length > 1) {
      const fitting = list.filter((x) => genderOf(x.parts, honorificOf.get(x.id), x.role) !== (honorific === 'm' ? 'f' : 'm'));
      if (fitting.length) pool = fitting;
    }
    return [...pool].sort((a, b) => (lastSeen.get(b.id) ?? -1) - (lastSeen.get(a.id) ?? -1) || a.id - b.id)[0];
  };
  for (const runs of runsBy) {
    for (let ri = 0; ri < runs.length; ri++) {
      let run = runs[ri]!;
      if (!run.name.length) {
        const surname = placeSurname(run);
        if (!surname) {
          coupleMention(run, runs[ri + 1]);
          continue;
        }
        run = { ...run, name: [surname], nameFirst: run.last - 1, nameLast: run.last };
      }
      const parts = namePartsOf(doc[run.paragraph]!, run.name);
      let person: Person | undefined;
      let full = false;
      if (parts.length >= 2) {
        person = findCompatible(parts);
        full = person !== undefined && !(NAME_PARTICLES.has(parts[0]!.toLowerCase()) && person.parts.length > parts.length);
      }
      if (!person && parts.length === 1) {
        const w = parts[0]!;
        const folded = particleLower(w);
        person =
          pick(lastIndex.get(w), run.honorific) ?? (folded ? pick(lastIndex.get(folded), run.honorific) : undefined) ??
          pick(firstIndex.get(w), run.honorific) ?? pick(innerIndex.get(w), run.honorific) ??
          (lastIndex.has(w) ? undefined : pick(articleIndex.get(w), run.honorific));
        full = person !== undefined && person.parts.length === 1;
      }
      if (!person) continue;
      const m: Mention = { person: person.id, paragraph: run.paragraph, first: run.nameFirst, last: run.nameLast, full };
      mentions.push(m);
      for (let k = m.first; k < m.last; k++) tokenPerson[run.paragraph]![k] = person.id;
      person.paragraphs.add(run.paragraph + 1);
      if (!lastSeen.has(person.id)) person.order = clock;
      lastSeen.set(person.id, clock++);
      if (!full && parts.length === 1) person.aliases.add(parts[0]!);
      else if (parts.length >= 2 && nameKey(parts) !== person.name) person.aliases.add(nameKey(parts));
      if (run.honorific !== undefined && !honorificOf.has(person.id)) honorificOf.set(person.id, run.honorific);
      if (!person.role) {
        const p = doc[run.paragraph]!;
        person.role = roleAt(p, run);
      }
    }
  }

  /**
   * "Albuquerque, a former academic, …" after "Renata Albuquerque", "Cuban said" after "Mark Cuban": a lone word
   * vetoed as a place or demonym is the surname of the one person introduced in full with it — unless a locative
   * preposition makes it a place ("in Albuquerque"). Only whole-word surnames of full names, never organisations.
   */
  function placeSurname(run: NameRun): Token | undefined {
    // The lone word is either the cleared name or, when it read as a leading place qualifier, the whole prefix.
    const tok = run.vetoed?.length === 1 ? run.vetoed[0]! : !run.titled && run.prefix.length === 1 ? run.prefix[0]! : undefined;
    if (!tok || tok.quoted || run.first !== run.last - 1 || isOrgName(tok) || !(isPlace(tok) || isDemonym(tok))) return undefined;
    const owners = lastIndex.get(norm(tok.text));
    if (owners?.length !== 1 || owners[0]!.parts.length < 2) return undefined;
    const p = doc[run.paragraph]!;
    const prev = p.tokens[run.first - 1];
    if (prev && prev.sentence === tok.sentence && LOCATIVE_PREPOSITIONS.has(prev.lower)) return undefined;
    // "Cuban said" after "Mark Cuban", not "the Cuban government": a demonym is a surname only where no noun follows.
    const next = p.tokens[run.last];
    if (isDemonym(tok) && next && next.sentence === tok.sentence && p.text.slice(tok.end, next.start) === ' ' && !SPEECH_VERBS.has(next.lower) && !isInflectedVerb(next)) return undefined;
    return tok;
  }

  /** "Mr. and Mrs. Kowalczyk": the lone honorific names the partner of the same surname. */
  function coupleMention(run: NameRun, next: NameRun | undefined): void {
    if (run.prefix.length !== 1 || run.honorific === undefined || run.honorific === null || !next || next.name.length !== 1) return;
    const p = doc[run.paragraph]!;
    const and = p.tokens[run.last];
    if (!and || and.lower !== 'and' || next.first !== run.last + 1 || next.honorific === undefined) return;
    const person = pick(lastIndex.get(norm(next.name[0]!.text)), run.honorific);
    if (!person) return;
    mentions.push({ person: person.id, paragraph: run.paragraph, first: run.first, last: run.last, full: false });
    tokenPerson[run.paragraph]![run.first] = person.id;
    person.paragraphs.add(run.paragraph + 1);
    if (!lastSeen.has(person.id)) person.order = clock;
    lastSeen.set(person.id, clock++);
  }

  const descriptions = doc.flatMap(findDescriptions);
  ledeRole(doc, people, mentions, descriptions);
  assignDescriptionRoles(doc, people, mentions, descriptions);
  for (const x of people) x.gender = genderOf(x.parts, honorificOf.get(x.id), x.role);
  const kept = people.filter((x) => x.paragraphs.size > 0);
  return { people: kept, tokenPerson, mentions, descriptions };
}

/**
 * The description ending before token `end` is set off with a name of its own: "The ferry's operator, Western Isles
 * Ferries, said", or after its complement, "The council's cabinet member for leisure, Dev Raghunathan, said". Its
 * complement is read up to the first comma, never across a verb ("the minister met Smith, …").
 */
function namedInApposition(p: DocParagraph, end: number): boolean {
  for (let k = end; k < p.tokens.length && k < end + 8; k++) {
    const prev = p.tokens[k - 1];
    const t = p.tokens[k]!;
    if (!prev || t.sentence !== prev.sentence) return false;
    const gap = p.text.slice(prev.end, t.start);
    if (gap === ', ') return t.cap && !t.quoted;
    if (gap !== ' ' || t.cap || t.quoted || isInflectedVerb(t)) return false;
  }
  return false;
}

/**
 * "Executive Vice President, Global Sales, Keiko Tanaka": a title's department set off by commas between the title
 * and the name. Words that are neither a given name nor a surname, between a comma after a title word and a comma
 * before a name with a known given name or surname, complete the title.
 */
function departmentBeforeName(p: DocParagraph, run: NameRun, next: NameRun | undefined): boolean {
  const before = p.tokens[run.first - 1];
  if (!before || !isTitleWord(before.lower) || p.text.slice(before.end, p.tokens[run.first]!.start) !== ', ') return false;
  if (run.name.some((t) => isFirstName(t) || isLastName(t))) return false;
  if (!next || next.first !== run.last || next.name.length < 2) return false;
  if (!isFirstName(next.name[0]!) && !isLastName(next.name[next.name.length - 1]!)) return false;
  return p.text.slice(p.tokens[run.last - 1]!.end, p.tokens[next.first]!.start) === ', ';
}

/** Lower-case words between spaces. */
const LOWER_WORDS_BETWEEN = /^ [\p{Ll} -]+ $/u;

/**
 * "said Judicial Watch president Tom Fitton", "Latino Decisions researcher Sylvia Manzano": a run followed by one or
 * two lower-case role words and then a name owns that role (an organisation, or the person someone works for); it is
 * not the speaker, however near the speech verb it stands. Two words of the run neither a given name nor a surname.
 */
function ownerOfNextRole(p: DocParagraph, run: NameRun, next: NameRun | undefined): boolean {
  if (run.titled || !next || next.name.length < 2 || run.name.some((t) => isFirstName(t))) return false;
  const between = p.tokens.slice(run.last, next.first);
  if (!between.length || between.length > 2 || between.some((t) => t.cap || t.quoted)) return false;
  if (!isRoleNoun(between[between.length - 1]!)) return false;
  const gap = p.text.slice(p.tokens[run.last - 1]!.end, p.tokens[next.first]!.start);
  return LOWER_WORDS_BETWEEN.test(gap);
}

/** Heads a person may take too ("a crane operator", "a property developer"): a business only when described as one. */
const COMPANY_IF_DESCRIBED = new Set([...TRADE_NOUNS, 'owner', 'investor', 'designer']);
const DESCRIBED_AS_COMPANY = /-based\b|\bprivately held\b|\bpublicly (?:traded|listed)\b|\bstate-owned\b|\bfamily-(?:owned|run)\b|\blisted\b/;

/** The description is an organisation's: its head noun (before "of", "in" …) is one (word-lists' ORGANISATION_NOUNS). */
function describesBusiness(role: string): boolean {
  // "the Bank of England’s governor": what follows the owner is the head; but in "director of Rutgers University's
  // Eagleton Institute" (no organisation noun before "of") the owner sits inside the complement, and the head comes
  // before the link.
  const LINK = /^(?:of|for|to|at|in|with|on|from|based)$/;
  const all = role.toLowerCase().split(/\s+/);
  const firstLink = all.findIndex((w, i) => i > 0 && LINK.test(w));
  const ownerFirst = all.findIndex((w) => /['’]s$/.test(w));
  const insideComplement = firstLink > 0 && ownerFirst > firstLink && !ORGANISATION_NOUNS.has(all[firstLink - 1]!);
  const owned = insideComplement ? [all.join(' ')] : role.toLowerCase().split(/['’]s\s+/);
  const words = owned[owned.length - 1]!.split(/\s+/);
  const link = words.findIndex((w, i) => i > 0 && LINK.test(w));
  const head = words[(link > 0 ? link : words.length) - 1]!.replace(/['’]s$/, '');
  return ORGANISATION_NOUNS.has(head) || (COMPANY_IF_DESCRIBED.has(head) && DESCRIBED_AS_COMPANY.test(role.toLowerCase()));
}

/** "the Federal University of Agriculture, Abeokuta,": a word set off after an institution's name is where it is. */
function placeOfInstitution(p: DocParagraph, k: number): boolean {
  if (p.text.slice(p.tokens[k - 1]?.end ?? 0, p.tokens[k]!.start) !== ', ') return false;
  for (let j = k - 1, n = 0; j >= 0 && n < 8; j--, n++) {
    const t = p.tokens[j]!;
    if (isInstitutionWord(t.lower) && t.cap) return true;
    if (j > 0 && p.text.slice(p.tokens[j - 1]!.end, t.start).includes(',')) return false;
  }
  return false;
}

/**
 * "“…” — Ama Boateng", "“…” ― Carla Sanchez.": a name signing a quotation after a dash, ending its sentence, is the
 * speaker's whatever the lexicon knows of it.
 */
function signsQuotation(p: DocParagraph, run: NameRun): boolean {
  const first = p.tokens[run.first]!;
  const last = p.tokens[run.last - 1]!;
  const next = p.tokens[run.last];
  return /[”"’']\s*[—–―-]\s*$/.test(p.text.slice(Math.max(0, first.start - 6), first.start)) && (!next || next.sentence !== last.sentence);
}

/** "said Ms. Merkel’s spokesman, Steffen Seibert", "the union’s chief negotiator, Ama Boateng,": a name in apposition to a role noun. */
function namesRole(p: DocParagraph, run: NameRun): boolean {
  const prev = p.tokens[run.first - 1];
  return prev !== undefined && !prev.cap && !prev.quoted && isRoleNoun(prev) && p.text.slice(prev.end, p.tokens[run.first]!.start) === ', ';
}

/** "Thandi Nkosi, 68, waited", "68-year-old Thandi Nkosi": an age belongs to a person. */
function aged(p: DocParagraph, run: NameRun): boolean {
  return ageFollows(p, run.last) || /^\d{1,3}-year-old$/.test(p.tokens[run.first - 1]?.lower ?? '');
}

/**
 * News ledes often name a person by office first and by name in the next paragraph: "The Taoiseach has rejected …" /
 * "Declan Furlong was responding to …". The office opening the article goes to the person who opens paragraph 2.
 */
function ledeRole(doc: DocParagraph[], people: Person[], mentions: Mention[], descriptions: Description[]): void {
  const d = descriptions[0];
  if (!d || d.paragraph !== 0 || d.tokenStart !== 0 || doc.length < 2) return;
  if (!(TITLES.has(d.head) || d.specific) || mentions.some((m) => m.paragraph === 0)) return;
  const m = mentions.find((x) => x.paragraph === 1);
  if (!m || m.first !== 0 || !m.full) return;
  const person = people[m.person]!;
  if (!person.role) person.role = d.text;
}

/**
 * "the Russian president" names someone already introduced without a role. It goes to the person mentioned most
 * recently before it (this or the previous paragraph) — but not one in the same clause, who is then someone else
 * ("Smith met the Russian president").
 */
function assignDescriptionRoles(doc: DocParagraph[], people: Person[], mentions: Mention[], descriptions: Description[]): void {
  // Both lists are in document order: one merge-like sweep finds the mention just before each description.
  let mi = 0;
  let latest: Mention | undefined;
  for (const d of descriptions) {
    while (mi < mentions.length) {
      const m = mentions[mi]!;
      if (m.paragraph > d.paragraph || (m.paragraph === d.paragraph && m.last > d.tokenStart)) break;
      latest = m;
      mi++;
    }
    if (!d.specific) continue;
    const p = doc[d.paragraph]!;
    const dStart = p.tokens[d.tokenStart]!.start;
    // "The ferry's operator, Western Isles Ferries, said": a description set off with a name of its own in apposition
    // names that (often an organisation), not someone mentioned before.
    if (namedInApposition(p, d.tokenEnd)) continue;
    const best = latest && latest.paragraph >= d.paragraph - 1 ? latest : undefined;
    if (!best) continue;
    const person = people[best.person]!;
    if (person.role) continue;
    if (best.paragraph === d.paragraph) {
      const mTok = p.tokens[best.last - 1]!;
      if (mTok.sentence === p.tokens[d.tokenStart]!.sentence && !p.text.slice(mTok.end, dStart).includes(',')) continue;
    }
    person.role = d.text;
  }
}
