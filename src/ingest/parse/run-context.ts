/**
 * Whether the words around a run of capitalised words say it names no person: a ship, an employer, a place, an
 * organisation. findRuns (name-runs.ts) empties such a run's name, so it is neither a person nor a mention.
 */
import type { DocParagraph } from './document.ts';
import { isFirstName, isInstitutionWord, isOrgWord, isPlaceWord, isRoleNoun } from './lexicon.ts';
import type { NameRun } from './name-runs.ts';
import type { Token } from './tokens.ts';
import { LOCALITY_WORDS, LOCATIVE_PREPOSITIONS, NAMED_PLACES, ORGANISATION_NOUNS, PLACE_PREFIXES, SETTLEMENTS, SHIP_PREFIXES, TRADE_NOUNS } from './word-lists.ts';

/**
 * Context vetoes: a run that names a ship, an employer or a place by the words around it (below), that continues an
 * organisation's name ("Centre for Ecological Sciences", "Institute of Marine Science") or follows a bare article ("the
 * Whitefield Rising residents' association"): people are not written "the Jane Smith".
 */
export function isNonPersonContext(p: DocParagraph, run: NameRun): boolean {
  if (namesShip(p, run)) return true;
  if (run.titled) return false;
  if (run.name.length >= 2 && (namesEmployer(p, run) || afterPlacePrefix(p, run) || locatedPlace(p, run) || namesPlace(p, run))) return true;
  if (run.prefix.length) return false;
  const { tokens, text } = p;
  let k = run.first - 1;
  const prev = tokens[k];
  if (!prev || prev.sentence !== tokens[run.first]!.sentence || text.slice(prev.end, tokens[run.first]!.start) !== ' ') return false;
  if (prev.lower === 'the' && !prev.quoted) return true;
  // "property agency Centaline Homes", "the campaign group Open Streets", "the distributor VeloTrade".
  // Not a trade noun that also names a person's occupation before a given name: "Florida developer Mel Sembler".
  if (!prev.cap && !prev.quoted && (ORGANISATION_NOUNS.has(prev.lower) || TRADE_NOUNS.has(prev.lower) || isInstitutionWord(prev.lower))) {
    return !(isRoleNoun(prev.lower) && run.name.length >= 2 && isFirstName(run.name[0]!.lower));
  }
  if (prev.lower === 'of' || prev.lower === 'for' || prev.lower === 'on' || prev.lower === 'and') {
    k--;
    const org = tokens[k];
    return org !== undefined && org.cap && (isOrgWord(org) || isInstitutionWord(org.lower)) && text.slice(org.end, prev.start) === ' ';
  }
  return false;
}

/**
 * A run naming where someone works, not a person: after an occupation and "at" ("lawyers at Wilson Sonsini Goodrich",
 * "a partner at Baker McKenzie"). Law firms and consultancies are named after people, so their names look like
 * people's; the words around them do not.
 */
function namesEmployer(p: DocParagraph, run: NameRun): boolean {
  const before = p.tokens[run.first - 1];
  if (!before || before.quoted || p.text.slice(before.end, p.tokens[run.first]!.start) !== ' ') return false;
  const occupation = p.tokens[run.first - 2];
  return before.lower === 'at' && occupation !== undefined && isRoleNoun(occupation);
}

/** "North Martin Luther King Jr. Drive", "the town of La Feria": a person's name that names a place. */
function namesPlace(p: DocParagraph, run: NameRun): boolean {
  const next = p.tokens[run.nameLast];
  if (next && next.cap && NAMED_PLACES.has(next.lower) && /^\.? $/.test(p.text.slice(p.tokens[run.nameLast - 1]!.end, next.start))) return true;
  const of = p.tokens[run.nameFirst - 1];
  return of?.lower === 'of' && SETTLEMENTS.has(p.tokens[run.nameFirst - 2]?.lower ?? '');
}

/** "In Orlando East", "at Victoria Park": after a preposition of place, a name ending in a place word is the place. */
function locatedPlace(p: DocParagraph, run: NameRun): boolean {
  // The preposition may open the run itself, capitalised at a sentence start ("In Orlando East, …").
  const before = p.tokens[run.nameFirst - 1];
  const lastTok = run.name[run.name.length - 1]!;
  const last = lastTok.lower;
  if (before === undefined || !LOCATIVE_PREPOSITIONS.has(before.lower) || p.text.slice(before.end, p.tokens[run.nameFirst]!.start) !== ' ') return false;
  if (isPlaceWord(last) || LOCALITY_WORDS.has(last)) return true;
  // "based in Yuen Long": a name in no given-name list, right after "in", is the place ("interest in Harry Kane" is not).
  return (before.lower === 'in' || before.lower === 'near') && !lastTok.possessive && !run.name.some((t) => isFirstName(t));
}

// The list first: upper-casing every word before a run to compare it costs more than the lookup.
const isShipPrefix = (t: Token | undefined): boolean => t !== undefined && SHIP_PREFIXES.has(t.lower) && t.text === t.text.toUpperCase();

/** Ships are named after people: "the carrier USS Carl Vinson", "HMS Queen Elizabeth", "USNS Harvey Milk". */
function namesShip(p: DocParagraph, run: NameRun): boolean {
  return isShipPrefix(p.tokens[run.first - 1]) || run.prefix.some(isShipPrefix);
}

function afterPlacePrefix(p: DocParagraph, run: NameRun): boolean {
  const before = p.tokens[run.first - 1];
  return before !== undefined && before.cap && PLACE_PREFIXES.has(before.lower) && p.text.slice(before.end, p.tokens[run.first]!.start) === '. ';
}
