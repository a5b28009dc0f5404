import type { DocParagraph } from './document.ts';
import {
  isCommonWord, isDemonym, isFirstName, isFunctionWord, isInstitutionWord, isKnownNonPerson, isLastName, isOrgName, isOrgWord,
  isAdjective, isPartyMember, isPlace, isPlaceWord, isRoleNoun, isSentenceStarterWord, isTimeWord,
} from './lexicon.ts';
import { CAPITAL_PARTICLES, DATE_PREPOSITIONS, FAMILY_FIRST_SURNAMES, FUNCTION_WORDS, HONORIFICS, INNER_CAPITAL_PARTICLES, MODAL_GIVEN_NAMES, NAME_PARTICLES, POST_NOMINALS, ROLE_NOUNS, SPEECH_VERBS, STORM_WORDS, TITLES, VERB_FILLERS, WORD_GIVEN_NAMES } from './word-lists.ts';
import type { Token } from './tokens.ts';
import { isNonPersonContext } from './run-context.ts';

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
  /** Token index just past the last name part (a quoted nickname inside the name is skipped, not dropped from the range). */
  nameLast: number;
  prefix: Token[];
  name: Token[];
  sentenceInitial: boolean;
  /** The prefix holds an honorific or a title (Mr, Dr, President …). */
  titled: boolean;
  honorific: 'm' | 'f' | null | undefined;
  /** The name a whole-run veto cleared (a lone place-named word may still be the surname of someone named in full). */
  vetoed?: Token[];
}

const INITIAL = /^\p{Lu}\.(?:\p{Lu}\.)*$/u;
const HAS_LOWER = /\p{Ll}/u;
/** A surname opened by a lower-case particle joined to it: al-Obeidi, el-Sayed, d’Aubigné, dell’Orto. */
const PARTICLE_HYPHEN = /^(?:(?:al|el|bin|ibn|abu|da|de|di|du|van|von)-|(?:d|dell|dall|l)['’])\p{Lu}/u;
export const isParticleSurname = (text: string): boolean => PARTICLE_HYPHEN.test(text);
const ACRONYM = /^[\p{Lu}\d&.]{2,}$/u;

export const isAcronym = (t: Token): boolean => ACRONYM.test(t.text) && !INITIAL.test(t.text);
export const isTitleWord = (lower: string): boolean => TITLES.has(lower) || HONORIFICS.has(lower);

/**
 * Token index just past a short quoted nickname that starts at token `j` and is followed by a capitalised name part
 * (“Big Dee” Adebanjo), or `j` when there is none. Only 1–3 quoted words, opened right after a space.
 */
function nicknameEnd(p: DocParagraph, j: number): number {
  const { tokens, text } = p;
  const prev = tokens[j - 1]!;
  const open = text.slice(prev.end, tokens[j]!.start);
  if (!/^ [“"‘']$/.test(open)) return j;
  let e = j;
  while (e < tokens.length && tokens[e]!.quoted && e - j < 4) e++;
  if (e === j || e - j > 3) return j;
  const next = tokens[e];
  if (!next || next.quoted || !next.cap || !/^[”"’'] $/.test(text.slice(tokens[e - 1]!.end, next.start))) return j;
  if (tokens.slice(j, e).some((t) => !t.cap)) return j;
  return e;
}

const GENERATIONAL_NUMERAL = /^(?:II|III|IV)$/;

function isNameShaped(t: Token): boolean {
  if (INITIAL.test(t.text) || CAPITAL_PARTICLES.has(t.lower)) return true;
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

/** Letters written after a name (lists/post-nominals.txt). */
export { POST_NOMINALS } from './word-lists.ts';

const PORTFOLIO_LINKS = new Set(['for', 'of']);
const PAST_SPEECH = new Set(['said', 'told', 'added', 'says', 'tells', 'adds', 'wrote', 'writes']);

/** A word quoted inside an unquoted run (or the reverse) is a nickname: Dele “Big Dee” Adebanjo. */
const isNickname = (t: Token, run: Token[]): boolean => t.quoted !== run[0]!.quoted;

/** A letter or a digit. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** `spoken`: speakerContext of the run, which findRuns needs as well (computed once there). */
function splitRun(tokens: Token[], first: number, last: number, p: DocParagraph, spoken: boolean): NameRun | null {
  const toks = tokens.slice(first, last);
  const sentence = p.sentences[toks[0]!.sentence]!;
  const before = p.text.slice(sentence.start, toks[0]!.start);
  const sentenceInitial = !LETTER_OR_DIGIT.test(before);
  let i = 0;
  const prefix: Token[] = [];
  let titled = false;
  let honorific: 'm' | 'f' | null | undefined;
  // A title, honorific or capitalised occupation inside the run marks where the name starts: everything before it
  // qualifies the name ("Co-author Dr. Rafael Ibáñez-Soto", "Opposition Leader Angus Ward", "Assistant U.S. Attorney
  // Rebecca Stein"). An occupation word counts only before two more name words, so "Julie Bishop" keeps its surname.
  // capsAfter[k]: capitalised name words after position k (one backward pass keeps this linear in the run).
  const capsAfter = new Int32Array(toks.length + 1);
  for (let k = toks.length - 1; k >= 0; k--) capsAfter[k] = capsAfter[k + 1]! + (toks[k + 1] && toks[k + 1]!.cap && !isNickname(toks[k + 1]!, toks) ? 1 : 0);
  let cut = -1;
  for (let k = 0; k < toks.length - 1; k++) {
    const t = toks[k]!;
    if (isNickname(t, toks) || t.possessive) continue;
    const after = capsAfter[k]!;
    if (after < 1) break;
    if (HONORIFICS.has(t.lower) || (after >= 2 && (TITLES.has(t.lower) || isRoleNoun(t)) && !isFirstName(t))) cut = k;
  }
  for (let k = 0; k <= cut; k++) {
    const t = toks[k]!;
    if (isNickname(t, toks)) continue;
    // "Since President Barack Obama took office", "When Prime Minister …": a capitalised word opening the sentence
    // before the title is no part of the role.
    if (k === 0 && sentenceInitial && isFunctionWord(t) && !isAcronym(t) && !isTitleWord(t.lower) && !HONORIFICS.has(t.lower)) {
      i = 1;
      continue;
    }
    if (HONORIFICS.has(t.lower)) honorific = HONORIFICS.get(t.lower);
    if (TITLES.has(t.lower) || HONORIFICS.has(t.lower)) titled = true;
    prefix.push(t);
    i = k + 1;
  }
  // "Premier Will Cook", "Agriculture Secretary Frank Tiu Laurel Jr.": the word right after a title is the given name,
  // whatever else it means, unless it is a title, a place or an organisation word itself.
  const afterTitle = cut >= 0 && isTitleWord(toks[cut]!.lower) ? cut + 1 : -1;
  // wordsAfter[k]: name words after position k, a quoted nickname not counted ("Ray “Sweet Pea” Hollins" is two).
  const wordsAfter = new Int32Array(toks.length + 1);
  for (let k = toks.length - 1; k >= 0; k--) wordsAfter[k] = wordsAfter[k + 1]! + (toks[k + 1] && !isNickname(toks[k + 1]!, toks) ? 1 : 0);
  while (i < toks.length) {
    const t = toks[i]!;
    const remaining = wordsAfter[i]!;
    if (!t.cap && !PARTICLE_HYPHEN.test(t.text)) {
      i++; // a particle with nothing capitalised before it
      continue;
    }
    // "Mr. English", "Ms. May": the last word after an honorific is the surname, whatever else it is.
    if (honorific !== undefined && remaining === 0 && isNameShaped(t) && !isTitleWord(t.lower)) break;
    // "Said Dorothy Poynter, who grew up with him, “…”": a speech verb opening the sentence before a full name is the
    // verb, inverted, not a given name.
    if (i === 0 && sentenceInitial && remaining >= 2 && SPEECH_VERBS.has(t.lower) && !t.possessive) {
      i++;
      continue;
    }
    // "Van der Berg", "De la Cruz": a capitalised particle before another particle opens a surname.
    if (NAME_PARTICLES.has(t.lower) && NAME_PARTICLES.has(toks[i + 1]?.lower ?? '') && !toks[i + 1]!.cap) break;
    // "Petty Officer 2nd Class Jasmine Reyes": the class of a rank.
    if (i === 0 && t.lower === 'class' && /^(?:\d+(?:st|nd|rd|th)|first|second|third)$/.test(tokens[first - 1]?.lower ?? '')) {
      prefix.push(t);
      titled = true;
      i++;
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
    // A word before a lower-case particle is a given name, whatever else it means: Marine le Pen, Joris van den Berg.
    // So is a word before a capitalised particle and a surname: "Marine Le Pen", "Jean-Yves Le Drian".
    const particle = toks[i + 1];
    const beforeParticle = !isTitleWord(t.lower) && particle !== undefined && NAME_PARTICLES.has(particle.lower) &&
      (!particle.cap || (INNER_CAPITAL_PARTICLES.has(particle.lower) && toks[i + 2] !== undefined && toks[i + 2]!.cap && i + 3 === toks.length && !isFunctionWord(t)));
    // A month before a surname, or after an honorific, is a given name: "June Carter", "Aunty June Oscar" — but not
    // after a preposition of time ("In June Smith said nothing").
    // So is one where a speaker's name stands ("said April Mellody", "Jan Brewer, an early supporter, …").
    const monthGiven = isTimeWord(t) && remaining === 1 && toks[i + 1]!.cap && (honorific !== undefined || isLastName(toks[i + 1]!) || (spoken && isNameShaped(toks[i + 1]!) && !isTimeWord(toks[i + 1]!) && !isPlace(toks[i + 1]!))) &&
      !DATE_PREPOSITIONS.has((i > 0 ? toks[i - 1] : tokens[first - 1])?.lower ?? '');
    if (monthGiven) break;
    // "Tan Wei Ming", "Faith Njeri Wambugu", "DSP Sunday Olaniyan": a surname written first, or a given name that is
    // also a word or a weekday, before name words no dictionary knows — and not after "on" ("On Sunday Adeyemi said").
    const unknownRest = remaining >= 1 && toks.slice(i + 1).every((x) => !isCommonWord(x) && !isPlace(x) && !isTimeWord(x));
    if ((FAMILY_FIRST_SURNAMES.has(t.lower) && remaining >= 2) || (WORD_GIVEN_NAMES.has(t.lower) && unknownRest && !DATE_PREPOSITIONS.has((i > 0 ? toks[i - 1] : tokens[first - 1])?.lower ?? ''))) break;
    // Not before a lone surname where a speaker's name stands: "Dean Johnson, a salesman from Sumter, says" (news
    // writes an occupation before a full name, "Hydrologist Beatriz Lemos", and a title before a surname).
    const occupationGiven = remaining === 1 && spoken && !isTitleWord(t.lower);
    if ((isQualifier(t) && !beforeParticle) || (remaining >= 1 && i === 0 && sentenceInitial && isRoleNoun(t) && !isFirstName(t) && !occupationGiven)) {
      if (TITLES.has(t.lower)) titled = true;
      prefix.push(t);
      i++;
      if (t.possessive) break;
      continue;
    }
    // "Rich Santa, president of the union, said": a word that could open any sentence is a given name when one more
    // name word follows and an appositive description ("president of", "a nurse", "who") is set off after them.
    const modalName = MODAL_GIVEN_NAMES.has(t.lower);
    const describedName = remaining === 1 && /^, [a-z]/.test(p.text.slice(toks[toks.length - 1]!.end, toks[toks.length - 1]!.end + 3)) && (modalName || !isFunctionWord(t));
    // "Will Osei", "May Chen", "Can Dündar": a modal is capitalised only to open a sentence ("Will Osei attend?"). Before
    // one more name word it is a given name anywhere else, and at a sentence's start when a description or a past
    // speech verb follows ("Will Osei said": a modal takes the bare verb).
    if (modalName && remaining === 1 && (!(i === 0 && sentenceInitial) || describedName || PAST_SPEECH.has(tokens[last]?.lower ?? ''))) break;
    // "said Rich Marsh", "Frank Tiu Laurel said", "Rose Whitaker, a former airline executive,": a run right after or
    // before a speech verb, or set off by an appositive, is a speaker's name, and its first word the given name even
    // when it is also a word or in no list of names. That outweighs "could open any sentence" and "is a dictionary
    // word", though not a title, a place, a time or an organisation word, nor an adjective before a known given name
    // ("Conservative Kemi Badenoch").
    if ((i === 0 ? spoken : i === afterTitle) && remaining >= 1 && remaining <= (i === 0 ? 2 : 3) && isPlainNameWord(t, toks.slice(i + 1))) break;
    if (i === 0 && sentenceInitial && isSentenceStarterWord(t) && !describedName) {
      i++;
      continue;
    }
    if (isFunctionWord(t)) {
      i++;
      continue;
    }
    // A dictionary word before at least two more words ("State Antony Blinken") is a qualifier, not a first name.
    // Plural portfolio words count too: "Commissioner for Home Affairs Ylva Johansson", "Minister of Foreign Relations".
    // A run that is the complement of "for"/"of" (a portfolio after a title) names the portfolio until a given name.
    // After a title's "for" ("Secretary of State for Health Wes Streeting", "MEC for Infrastructure Tertuis Simmers")
    // the words before the last two name the portfolio, unless one of them is a given name.
    // A surname opened by a particle ("Aoife Ní Mhurchú") makes the name three words long.
    const office = tokens[first - 2];
    const nameStart = toks.length - (NAME_PARTICLES.has(toks[toks.length - 2]?.lower ?? '') ? 3 : 2);
    const portfolio = PORTFOLIO_LINKS.has(tokens[first - 1]?.lower ?? '') &&
      ((t.lower.endsWith('s') && t.lower.length > 4 && !isLastName(t)) ||
        (tokens[first - 1]!.lower === 'for' && office !== undefined && (office.cap || isRoleNoun(office)) && i < nameStart && !toks.slice(i, nameStart).some((x) => isFirstName(x))));
    if (remaining >= 2 && (isCommonWord(t) || portfolio) && !isFirstName(t) && !beforeParticle && !FAMILY_FIRST_SURNAMES.has(t.lower)) {
      prefix.push(t);
      i++;
      continue;
    }
    break;
  }
  // A quoted nickname inside the name ("Dele “Big Dee” Adebanjo") is skipped.
  const name = toks.slice(i).filter((t) => !isNickname(t, toks));
  // Drop a trailing particle and anything that is not shaped like a name part; a particle joined to a capitalised
  // surname ("Rashid Hamid al-Obeidi") is the surname itself.
  while (name.length && !name[name.length - 1]!.cap && !PARTICLE_HYPHEN.test(name[name.length - 1]!.text)) name.pop();
  // Post-nominal letters after a full name are not part of it: "Sarah Drummond KC", "Ama Mensah OBE", "Tom Reid MP".
  while (name.length > 2 && POST_NOMINALS.has(name[name.length - 1]!.text)) name.pop();
  if (name.length === 2 && POST_NOMINALS.has(name[1]!.text) && isNameShaped(name[0]!)) name.pop();
  // "Brent Bozell III", "Joe Manchin III": a generational numeral after a full name belongs to it (people.ts reads
  // the surname before it), though it is no name-shaped word. Not after a dictionary word unless a given name or a
  // title opens the name: "World War II".
  const named = name.slice(0, -1);
  const generational = name.length > 2 && GENERATIONAL_NUMERAL.test(name[name.length - 1]!.text) && named.every(isNameShaped) &&
    (titled || isFirstName(named[0]!) || !named.some((t) => isCommonWord(t)));
  if (name.some((t, k) => t.cap && !isNameShaped(t) && !(generational && k === name.length - 1))) return null;
  const lastTok = name[name.length - 1];
  const nameLast = lastTok ? first + toks.indexOf(lastTok) + 1 : last;
  return { paragraph: p.index, first, last, nameFirst: first + i, nameLast, prefix, name, sentenceInitial, titled, honorific };
}

/** Tokens a and b are in one sentence with one space between them. (Module level: a closure per call costs tsx's naming.) */
function joinedBySpace(p: DocParagraph, a: Token, b: Token): boolean {
  return a.sentence === b.sentence && p.text.slice(a.end, b.start) === ' ';
}

/**
 * Whether a run stands where a speaker's name stands: right after a speech verb ("said Rich Marsh") or an occupation
 * ("bassist Leanne Morrow"), right before a speech verb ("Rich Marsh said", "Rich Marsh also said") or before an
 * appositive set off by a comma ("Rich Marsh, an economist", "Colleen Marsh, chief strategist at …").
 * Not after "of" or "for", where a run is a portfolio ("Secretary of State Antony Blinken said").
 */
function speakerContext(tokens: Token[], first: number, last: number, p: DocParagraph): boolean {
  const before = tokens[first - 1];
  if (before && (before.lower === 'of' || before.lower === 'for')) return false;
  const sentence = tokens[first]!.sentence;
  if (before && !before.cap && !before.quoted && SPEECH_VERBS.has(before.lower) && joinedBySpace(p, before, tokens[first]!)) return true;
  // "bassist Leanne Morrow", "economist Rich Alvarez": an occupation written in lower case right before the run.
  if (before && !before.cap && !before.quoted && isRoleNoun(before) && !isFunctionWord(before) && joinedBySpace(p, before, tokens[first]!)) return true;
  let k = last;
  while (tokens[k] && VERB_FILLERS.has(tokens[k]!.lower) && k - last < 2) k++;
  const after = tokens[k];
  if (after && after.sentence === sentence && !after.cap && SPEECH_VERBS.has(after.lower) && !after.lower.endsWith('ing') && p.text.slice(tokens[last - 1]!.end, tokens[last]!.start) === ' ') return true;
  if (/^, (?:a|an|the|who|whose|[a-z]+ (?:of|at|for|with))\b/.test(p.text.slice(tokens[last - 1]!.end, tokens[last - 1]!.end + 40))) return true;
  // "Colleen Marsh, chief fixed-income strategist at Charles Schwab,": lower-case words after the comma, up to an
  // occupation.
  if (p.text.slice(tokens[last - 1]!.end, tokens[last]?.start ?? 0) !== ', ') return false;
  for (let k = last; k < last + 4 && tokens[k] && tokens[k]!.sentence === sentence && !tokens[k]!.cap && !tokens[k]!.quoted; k++) {
    if (isRoleNoun(tokens[k]!) && !SPEECH_VERBS.has(tokens[k]!.lower)) return true;
  }
  return false;
}

/**
 * A word that can be a given name when the context says a name stands here (see speakerContext), before the rest of
 * the run: no title, role, place, organisation, demonym or time word, and no title or role after it ("Senior Sergeant
 * Kerr").
 */
function isPlainNameWord(t: Token, rest: Token[]): boolean {
  const l = t.lower;
  if (!t.cap || !HAS_LOWER.test(t.text) || t.possessive || t.quoted) return false;
  if (FUNCTION_WORDS.has(l) || isTitleWord(l) || isRoleNoun(l) || isPlace(l) || isOrgWord(l) || isOrgName(l) || isDemonym(l) || isTimeWord(l)) return false;
  if (rest.some((x) => isTitleWord(x.lower) || isRoleNoun(x) || isOrgWord(x) || isInstitutionWord(x.lower))) return false;
  return !(isAdjective(l) && rest[0] !== undefined && isFirstName(rest[0]) && !isFirstName(l));
}

/** A month as a given name: "June Carter", "Aunty June Oscar" (a surname or a title vouches), never "June 5". */
function monthAsGivenName(name: Token[], i: number, titled: boolean, spoken: boolean): boolean {
  return i === 0 && name.length >= 2 && (titled || spoken || isLastName(name[1]!) || (WORD_GIVEN_NAMES.has(name[0]!.lower) && name.slice(1).every((t) => !isCommonWord(t))));
}

/** A party letter and a district: "R-Fort Worth", "D-Calif". */
const PARTY_AND_DISTRICT = /^[RDIL]-\p{Lu}/u;

/** Whole-run vetoes: a known place or organisation, or a run ending in an organisation/place word ("Munich Security Conference"). */
function isNonPersonRun(name: Token[], titled: boolean, spoken: boolean): boolean {
  if (!name.length) return true;
  const phrase = name.map((t) => t.lower).join(' ');
  if (isKnownNonPerson(phrase)) return true;
  const lastTok = name[name.length - 1]!;
  const firstTok = name[0]!;
  // "Rep. Gary Lindqvist, R-Fort Worth,": a party and district, not a name.
  if (PARTY_AND_DISTRICT.test(firstTok.text)) return true;
  // Institution heads that are never surnames: "James Cook University", "Harbor Ridge Capital".
  if (name.length >= 2 && isInstitutionWord(lastTok.lower)) return true;
  // A title vouches for a person whose surname is also a word like Lane, Hall or Ford.
  // So does a speaker's place ("said Xiomara Marsh, head of research": speakerContext) for a surname that is also a
  // place's name, after a first word that can be a given name.
  const spokenName = spoken && name.length <= 3 && isPlainNameWord(firstTok, name.slice(1));
  if (!titled && name.length >= 2 && (isOrgWord(lastTok) || (isPlaceWord(lastTok) && !spokenName)) && !isFirstName(firstTok)) return true;
  // After a known given name that is not itself a place, a place-named part is a surname: Ana Lucía Torres Medina,
  // Carlos Toledo, Maria Córdoba.
  // Named storms: "Hurricane Lorena", "Tropical Storm Alberto", "Typhoon Haiyan", "Cyclone Freddy".
  if (name.length >= 2 && name.slice(0, 2).some((t) => STORM_WORDS.has(t.lower))) return true;
  // "Chief Executive Officer", "Chief Technology Officer", "Executive Vice President": a title of several words ends
  // in its head noun, where a name ends in a surname (Julie Bishop and John Major have given names to vouch for them).
  // A surname that only ends like an occupation (Verveer, like "engineer") is no title where a speaker's name stands.
  const occupationShaped = spoken && !TITLES.has(lastTok.lower) && !ROLE_NOUNS.has(lastTok.lower) && !isCommonWord(lastTok) && !isCommonWord(firstTok) && !isTitleWord(firstTok.lower);
  if (name.length >= 2 && (TITLES.has(lastTok.lower) || isRoleNoun(lastTok)) && !isLastName(lastTok) && !isFirstName(firstTok) && !occupationShaped) return true;
  const givenFirst = (isFirstName(firstTok) || spokenName) && !isPlace(firstTok);
  // A lower-case particle is part of a surname (Joris van den Berg), never a place of its own ("Den" Haag).
  // A demonym after a given name is a surname: Mark Cuban, David French, Bryan English — not a party's member
  // ("South Carolina Republican").
  if (!titled && name.length >= 2 && (isPartyMember(lastTok) || lastTok.lower === 'democratic')) return true;
  return name.some((t, i) => t.cap && ((isTimeWord(t) && !monthAsGivenName(name, i, titled, spoken)) || (isPlace(t) && !isLastName(t) && !isFirstName(t) && !(givenFirst && i > 0)) || (isDemonym(t) && (!(i > 0 && givenFirst) || isPartyMember(t)) && !titled)));
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
        if (cur.quoted && !prev.quoted && prev.cap && isNameShaped(prev)) {
          // A nickname between first name and surname: Dele “Big Dee” Adebanjo, Graham "Gaffer" Lyttle.
          const nick = nicknameEnd(p, j);
          if (nick > j) {
            j = nick + 1;
            if (tokens[nick]!.possessive) break;
            continue;
          }
        }
        if (cur.quoted !== prev.quoted || (gap !== ' ' && !abbreviatedTitle) || (cur.sentence !== prev.sentence && !abbreviatedTitle)) break;
        if (!cur.cap && !PARTICLE_HYPHEN.test(cur.text)) {
          // Particles join only when a capitalised word follows them: "Ludwig van Beethoven", "Miriam de la Cruz",
          // not "Putin and".
          let e = j;
          while (e < tokens.length && e - j < 3 && NAME_PARTICLES.has(tokens[e]!.lower) && text.slice(tokens[e - 1]!.end, tokens[e]!.start) === ' ') e++;
          const after = tokens[e];
          if (e > j && after && after.cap && !after.quoted && text.slice(tokens[e - 1]!.end, after.start) === ' ') {
            j = e;
            continue;
          }
          break;
        }
        j++;
        if (cur.possessive) break;
      }
    }
    // A lone capitalised function word ("The", "He", "But" opening a sentence) can never hold a name: no run.
    if (j === i + 1 && FUNCTION_WORDS.has(t.lower) && !isTitleWord(t.lower)) {
      i = j;
      continue;
    }
    const spoken = speakerContext(tokens, i, j, p);
    const run = splitRun(tokens, i, j, p, spoken);
    if (run) {
      if (isNonPersonRun(run.name, run.titled, spoken) || isNonPersonContext(p, run)) {
        run.vetoed = run.name;
        run.name = [];
        run.nameFirst = run.last;
        run.nameLast = run.last;
      }
      out.push(run);
    }
    i = j;
  }
  return out;
}
