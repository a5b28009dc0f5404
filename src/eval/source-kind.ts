/**
 * What an annotated Source is, read from its words alone (the corpus resolves no pronoun and names no entity type):
 *   - pronoun:      every word a pronoun ("He", "they", "who")
 *   - person:       a run of capitalised words that is a name: not only titles ("the President"), not a possessive
 *                   before a noun ("O’Malley’s campaign" is the campaign), no organisation word or acronym in it
 *                   ("the Clinton campaign", "CNN", "the State Department")
 *   - organisation: a capitalised organisation name or acronym, or a description headed by an organisation or
 *                   document noun ("the central bank", "the report", "O’Malley’s campaign")
 *   - description:  anything else ("the official", "critics", "a senior aide")
 * `names` holds the words of the person's name (titles and possessive endings stripped); `roleWords` the words of a
 * role the Source carries with the name ("Spokeswoman Haley Morris", "Haley Morris, a spokeswoman for …").
 */
export type SourceKind = 'person' | 'pronoun' | 'organisation' | 'description';

export interface SourceReading {
  kind: SourceKind;
  names: string[];
  roleWords: string[];
}

const PRONOUNS = new Set([
  'i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'he', 'him', 'his', 'she', 'her', 'they', 'them', 'their', 'it', 'its',
  'who', 'whom', 'whose', 'which', 'that', 'himself', 'herself', 'themselves', 'itself', 'myself', 'ourselves', 'yourself', 'one',
]);

/** Words that start a Source with a capital only because they start the sentence. */
const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'some', 'many', 'most', 'several', 'both', 'all', 'other', 'another',
  'each', 'every', 'few', 'no', 'one', 'two', 'three', 'four', 'five', 'of', 'and', 'or', 'for', 'at', 'in', 'on', 'to',
  'by', 'with', 'from', 'as', 'but', 'also', 'former', 'then', 'now', 'even', 'only', 'its', 'his', 'her', 'their', 'our',
  'my', 'your', 'according', 'top', 'senior', 'new', 'democratic', 'republican', 'gop', 'american', 'u.s.', 'us', 'said',
]);

/** Titles and honorifics before a name: a run of only these names no one. Abbreviations keep their full stop. */
const TITLES = new Set([
  'mr.', 'mrs.', 'ms.', 'miss', 'dr.', 'mr', 'mrs', 'ms', 'dr', 'sen.', 'senator', 'rep.', 'representative', 'gov.', 'governor',
  'president', 'vice', 'secretary', 'gen.', 'general', 'lt.', 'col.', 'sgt.', 'adm.', 'judge', 'justice', 'chief', 'mayor',
  'speaker', 'leader', 'chairman', 'chairwoman', 'chair', 'director', 'spokesman', 'spokeswoman', 'spokesperson', 'sheriff',
  'attorney', 'former', 'first', 'lady', 'prime', 'minister', 'state', 'candidate', 'nominee', 'pope', 'rev.', 'reverend',
  'prof.', 'professor', 'sir', 'dame', 'lord', 'king', 'queen', 'prince', 'princess', 'officer', 'detective', 'captain',
  'capt.', 'majority', 'minority', 'whip', 'house', 'senate', 'ambassador', 'commissioner', 'councilman', 'councilwoman',
  'assemblyman', 'assemblywoman', 'congressman', 'congresswoman', 'u.s.', 'rabbi', 'father', 'sister', 'brother', 'coach',
  'host', 'anchor', 'correspondent', 'columnist', 'editor', 'author', 'analyst', 'manager', 'strategist', 'aide', 'adviser',
  'advisor', 'pollster', 'democrat', 'republican', 'gop', 'democratic', 'presidential', 'deputy', 'press', 'campaign',
  'white', 'executive', 'ceo', 'founder', 'co-founder', 'economist', 'jr.', 'sr.', 'ii', 'iii',
]);

/** Words that make a capitalised run (or head a description) an organisation or a document. */
const ORGANISATION_WORDS = new Set([
  'party', 'committee', 'department', 'campaign', 'news', 'times', 'post', 'journal', 'association', 'institute',
  'university', 'college', 'inc.', 'inc', 'corp.', 'corp', 'co.', 'company', 'agency', 'bureau', 'council', 'commission',
  'court', 'congress', 'administration', 'foundation', 'center', 'centre', 'network', 'group', 'office', 'service',
  'ministry', 'police', 'army', 'navy', 'pentagon', 'democrats', 'republicans', 'government', 'bank', 'board', 'union',
  'coalition', 'organization', 'organisation', 'fund', 'federation', 'league', 'club', 'team', 'council', 'caucus', 'pac',
  'project', 'program', 'programme', 'report', 'statement', 'poll', 'survey', 'study', 'website', 'site', 'newspaper', 'paper',
  'magazine', 'book', 'memo', 'letter', 'document', 'documents', 'release', 'lawsuit', 'complaint', 'filing', 'ruling',
  'indictment', 'article', 'story', 'editorial', 'ad', 'advertisement', 'video', 'data', 'records', 'analysis', 'review',
  'firm', 'corporation', 'industry', 'authority', 'authorities', 'state', 'city', 'county', 'country', 'nation', 'school',
  'hospital', 'church', 'embassy', 'parliament', 'senate', 'house', 'kremlin', 'tribune', 'herald', 'gazette', 'press',
  'radio', 'television', 'tv', 'channel', 'broadcaster', 'outlet', 'publication', 'magazine', 'blog', 'twitter', 'facebook',
  'account', 'platform', 'tweet', 'email', 'e-mail', 'emails', 'transcript', 'polls', 'surveys', 'reports', 'studies',
  'statements', 'exchange', 'market', 'markets', 'movement', 'force', 'forces', 'guard', 'staff', 'cabinet', 'council',
  'watchdog', 'regulator', 'nato', 'fbi', 'cia', 'irs', 'un', 'eu', 'times', 'abc', 'cbs', 'nbc', 'cnn', 'msnbc', 'fox',
]);

/** Letters after a surname that are no part of it: Jr., Sr., II, III, IV. */
export const NAME_SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv)$/iu;
const PARTY_WORDS = new Set(['democrat', 'republican', 'democratic', 'gop', 'independent', 'libertarian']);

/** Forms of address carry no role ("Mr. Hedge" has none to score; issue 16: honorifics are not a role). */
const FORMS_OF_ADDRESS = new Set(['mr.', 'mrs.', 'ms.', 'miss', 'mr', 'mrs', 'ms', 'mx.', 'mx']);
const PREPOSITIONS = new Set(['of', 'for', 'to', 'in', 'at', 'by', 'from', 'with', 'on', 'about', 'between', 'among']);

const WORD = /[\p{L}\p{N}][\p{L}\p{N}.'’-]*/gu;
const stripPossessive = (w: string): string => w.replace(/['’]s?$/u, '');
const isCapitalised = (w: string): boolean => /^\p{Lu}/u.test(w);
const isAcronym = (w: string): boolean => /^(?:\p{Lu}\.?){2,6}$/u.test(stripPossessive(w)) && !/^(?:II|III|IV|JR\.?|SR\.?)$/u.test(w);

export function readSource(text: string): SourceReading {
  const found = [...text.matchAll(WORD)];
  const words = found.map((m) => m[0]);
  // A name run goes on only across spaces: "Sen. Ada Kowal (D-Ore.)" ends at the bracket, "Kowal, Duarte" at the comma.
  const joined = found.map((m, i) => i > 0 && /^\s+$/u.test(text.slice(found[i - 1]!.index + found[i - 1]![0].length, m.index)));
  const lower = words.map((w) => w.toLowerCase());
  if (!words.length) return { kind: 'description', names: [], roleWords: [] };
  if (lower.every((w) => PRONOUNS.has(stripPossessive(w)) || PRONOUNS.has(w))) return { kind: 'pronoun', names: [], roleWords: [] };

  // Runs of capitalised words, each ending where a lower-case word or a comma-like break comes.
  const runs: Array<{ from: number; to: number }> = [];
  for (let i = 0; i < words.length; i++) {
    if (!isCapitalised(words[i]!) || FUNCTION_WORDS.has(lower[i]!)) continue;
    let j = i;
    while (j + 1 < words.length && joined[j + 1] && isCapitalised(words[j + 1]!) && !/['’]s?$/u.test(words[j]!)) j++;
    runs.push({ from: i, to: j });
    i = j;
  }
  // An organisation's name ends in its organisation word or acronym ("Harbor Bank", "the Department of Labor", "CNN");
  // a name after one is a person with a title that names their body ("Senate Majority Leader Mitch McConnell").
  const organisationIn = (from: number, to: number) => {
    let last = -1;
    for (let k = from; k <= to; k++) if (ORGANISATION_WORDS.has(stripPossessive(lower[k]!)) || isAcronym(words[k]!)) last = k;
    if (last < 0) return false;
    for (let k = last + 1; k <= to; k++) if (!TITLES.has(lower[k]!) && !FUNCTION_WORDS.has(lower[k]!)) return false;
    return true;
  };
  let person: { from: number; to: number } | null = null;
  let organisation = false;
  for (const r of runs) {
    // Titles lead a name; the name starts after the last of them ("Mexican President Enrique Peña"). A title word at
    // the end is the surname after an initial or two name words ("Representative Peter T. King"), else a description
    // ("Massachusetts Secretary").
    let end = r.to;
    while (end > r.from && NAME_SUFFIX.test(lower[end]!)) end--;
    const before = [];
    for (let k = r.from; k < end; k++) if (!TITLES.has(lower[k]!)) before.push(k);
    const titledEnd = TITLES.has(lower[end]!) && !(/^\p{Lu}\.$/u.test(words[end - 1] ?? '') || before.length >= 2);
    let lead = r.from;
    for (let k = r.from; k < end; k++) if (TITLES.has(lower[k]!)) lead = k + 1;
    const nameIdx: number[] = [];
    if (!titledEnd) for (let k = lead; k <= end; k++) nameIdx.push(k);
    // A name ends in its surname; a run ending in a party word describes someone: "a Nevada Democrat", "the Wisconsin
    // Republican", "another New Hampshire Republican".
    if (!nameIdx.length || (r.to > r.from && PARTY_WORDS.has(lower[r.to]!))) continue;
    const next = r.to + 1 < words.length && joined[r.to + 1] ? lower[r.to + 1]! : null;
    // A name modifying a noun ("an Intel spokeswoman", "a Harbor Bank economist", "the Vermont senator") is not the
    // source; one modifying an organisation noun ("the Clinton campaign") makes the source that organisation.
    const modifies = next !== null && /^\p{Ll}/u.test(next) && !['and', 'or', 'of', 'with', 'who', 'said', 'says'].includes(next) && !PREPOSITIONS.has(next);
    if (modifies && !ORGANISATION_WORDS.has(next)) continue;
    // "The Daily Caller", "the American Legion": a name after "the" with no title in it is a body's, not a person's
    // ("the Rev. Al Sharpton" has one).
    if (r.from > 0 && lower[r.from - 1] === 'the' && joined[r.from] && nameIdx.length === r.to - r.from + 1) {
      organisation = true;
      continue;
    }
    // "CNN", "the State Department".
    if (modifies || organisationIn(r.from, r.to)) {
      organisation = true;
      continue;
    }
    // "O’Malley’s campaign": a possessive name before a lower-case noun is the noun's owner, not the source.
    const possessive = /['’]s?$/u.test(words[r.to]!) && r.to + 1 < words.length && !isCapitalised(words[r.to + 1]!);
    if (possessive) continue;
    // A name inside a phrase after a preposition ("a report for Oxfam", "an adviser to both Clintons") is not the
    // source's name.
    let b = r.from - 1;
    while (b >= 0 && FUNCTION_WORDS.has(lower[b]!) && !PREPOSITIONS.has(lower[b]!)) b--;
    if (b >= 0 && PREPOSITIONS.has(lower[b]!)) continue;
    // The first name wins: "Sen. Bernie Sanders (I-Vt.)", "Donald Trump, the Republican nominee".
    person = { from: nameIdx[0]!, to: nameIdx[nameIdx.length - 1]! };
    break;
  }
  if (person) {
    const names: string[] = [];
    for (let k = person.from; k <= person.to; k++) names.push(stripPossessive(words[k]!));
    const roleWords: string[] = [];
    for (let k = 0; k < words.length; k++) {
      if (k >= person.from && k <= person.to) continue;
      const w = lower[k]!;
      if (FUNCTION_WORDS.has(w) || PRONOUNS.has(w) || FORMS_OF_ADDRESS.has(w) || w.length < 3) continue;
      roleWords.push(w);
    }
    return { kind: 'person', names, roleWords };
  }
  if (organisation) return { kind: 'organisation', names: [], roleWords: [] };
  // A description headed by an organisation or document noun: "the central bank", "the report", "O’Malley’s campaign";
  // its head is the last word before a comma or a preposition ("the campaign's spokesman" is a person's description).
  const phrase = text.split(/,|\b(?:of|at|for|in|from|with|who|which|that|on|to|by)\b/u)[0]!.match(WORD) ?? [];
  const head = phrase.length ? stripPossessive(phrase[phrase.length - 1]!.toLowerCase()) : '';
  if (ORGANISATION_WORDS.has(head)) return { kind: 'organisation', names: [], roleWords: [] };
  return { kind: 'description', names: [], roleWords: [] };
}
