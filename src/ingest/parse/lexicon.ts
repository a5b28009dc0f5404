import nlp from 'compromise';
import { EXTRA_NON_PEOPLE, FUNCTION_WORDS, ROLE_NOUNS, SPEECH_VERBS } from './word-lists.ts';

/**
 * Word lookups backed by compromise's lexicon (first names, surnames, countries, cities, regions, organisations,
 * demonyms, months …): a general gazetteer maintained upstream, far wider than anything hand-written here. Only the
 * lexicon is used, not the tagger, so lookups are O(1) and the parser's behaviour does not depend on tagger heuristics.
 */

type Lex = Record<string, string | string[]>;
interface Model {
  one: { lexicon: Lex };
  two?: { orgWords?: Record<string, unknown>; placeWords?: Record<string, unknown> };
}

let cache: { lex: Lex; orgWords: Set<string>; placeWords: Set<string> } | null = null;

function load(): NonNullable<typeof cache> {
  if (cache) return cache;
  const model = (nlp.world() as { model: Model }).model;
  cache = {
    lex: model.one.lexicon,
    orgWords: new Set(Object.keys(model.two?.orgWords ?? {})),
    placeWords: new Set(Object.keys(model.two?.placeWords ?? {})),
  };
  return cache;
}

export function tagsOf(lower: string): string[] {
  const v = Object.prototype.hasOwnProperty.call(load().lex, lower) ? load().lex[lower] : undefined;
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

const has = (lower: string, ...tags: string[]): boolean => tagsOf(lower).some((t) => tags.includes(t));

const NAME_TAGS = ['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Honorific'];
const PLACE_TAGS = ['Country', 'City', 'Region', 'Place'];
const ORG_TAGS = ['Organization', 'SportsTeam'];

const MORE_DEMONYMS = new Set(
  'british english scottish welsh irish european asian african arab western eastern northern southern american canadian mexican australian chinese russian ukrainian'
    .split(' '),
);
const REGIONS = new Set(
  'europe asia africa america americas oceania antarctica arctic middle-east balkans caucasus scandinavia baltic baltics gulf pacific atlantic mediterranean west east north south latin'
    .split(' '),
);
const MORE_ORG_WORDS = new Set(
  `ministry bank party court parliament congress senate house council union league federation police army navy force forces
   agency office department university institute school hospital group inc inc. ltd ltd. plc llc corp corp. co co. fc afc
   airlines airways motors holdings capital partners ventures labs technologies systems media news times post journal
   network press daily telegraph guardian tribune herald gazette review magazine channel tv radio studios records
   games pharma pharmaceuticals bancorp trust reserve exchange commission committee conference summit forum assembly
   cabinet government administration authority service services foundation fund association society club stadium
   arena airport station street road avenue square bridge tower centre center hall palace church cathedral mosque temple
   festival awards prize cup championship tournament series olympics open logistics energy mining resources industries
   solutions software robotics therapeutics biotech retail foods brewing insurance securities investments properties
   realty construction engineering telecom communications shipping freight semiconductor electronics automotive`.split(/\s+/).filter(Boolean),
);

export const isFirstName = (l: string): boolean => has(l, 'FirstName', 'MaleName', 'FemaleName', 'Person');
export const isMaleName = (l: string): boolean => has(l, 'MaleName');
export const isFemaleName = (l: string): boolean => has(l, 'FemaleName');
export const isLastName = (l: string): boolean => has(l, 'LastName');
export const isNameWord = (l: string): boolean => has(l, ...NAME_TAGS);
export const isPlace = (l: string): boolean => has(l, ...PLACE_TAGS) || REGIONS.has(l);
export const isDemonym = (l: string): boolean => has(l, 'Demonym') || MORE_DEMONYMS.has(l);
export const isTimeWord = (l: string): boolean => has(l, 'Month', 'WeekDay', 'Date', 'Holiday');
export const isOrgWord = (l: string): boolean => load().orgWords.has(l) || MORE_ORG_WORDS.has(l);
export const isPlaceWord = (l: string): boolean => load().placeWords.has(l);

/** A whole multi-word string that is a known place or organisation ("hong kong", "goldman sachs"). */
export function isKnownNonPerson(lowerPhrase: string): boolean {
  if (EXTRA_NON_PEOPLE.has(lowerPhrase)) return true;
  return has(lowerPhrase, ...PLACE_TAGS, ...ORG_TAGS, 'Demonym');
}
export const isOrgName = (l: string): boolean => has(l, ...ORG_TAGS);

const FUNCTION_TAGS = ['Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Possessive', 'Adverb', 'Modal', 'Copula', 'QuestionWord', 'Negative', 'Condition'];
const VERB_TAGS = ['PastTense', 'PresentTense', 'Infinitive', 'Gerund', 'Modal', 'Copula', 'PhrasalVerb', 'Participle', 'Verb', 'Imperative'];
const ADJ_TAGS = ['Adjective', 'Comparative', 'Superlative'];

export const isFunctionWord = (l: string): boolean => FUNCTION_WORDS.has(l) || has(l, ...FUNCTION_TAGS);
/** Tagged as a verb and not also a name or noun of a person: used to stop walks over role phrases. */
export const isVerbWord = (l: string): boolean => SPEECH_VERBS.has(l) || (has(l, ...VERB_TAGS) && !ROLE_NOUNS.has(l) && !has(l, 'Actor'));
/** An inflected verb form ("met", "says", "meeting"): bare forms like "finance" or "state" double as nouns in roles. */
export const isInflectedVerb = (l: string): boolean =>
  SPEECH_VERBS.has(l) || (has(l, 'PastTense', 'PresentTense', 'Gerund', 'Participle', 'Modal', 'Copula') && !ROLE_NOUNS.has(l) && !has(l, 'Actor'));
export const isAdjective = (l: string): boolean => has(l, ...ADJ_TAGS);
/** Any dictionary word other than a name: a capitalised one at a sentence start is probably just capitalised. */
export function isCommonWord(l: string): boolean {
  const tags = tagsOf(l);
  if (FUNCTION_WORDS.has(l)) return true;
  return tags.length > 0 && !tags.some((t) => NAME_TAGS.includes(t) || PLACE_TAGS.includes(t) || ORG_TAGS.includes(t));
}
/** Words that cannot start a sentence-initial name: function words, verbs, adverbs, adjectives. Nouns may (Wang). */
export function isSentenceStarterWord(l: string): boolean {
  if (FUNCTION_WORDS.has(l)) return true;
  const tags = tagsOf(l);
  if (tags.some((t) => NAME_TAGS.includes(t))) return false;
  return tags.some((t) => FUNCTION_TAGS.includes(t) || VERB_TAGS.includes(t) || ADJ_TAGS.includes(t) || t === 'Expression');
}
/** Occupation suffixes catch the long tail (hydrologist, physician, engineer, administrator) no list can hold. */
const ROLE_SUFFIX = /(?:[a-z]{3}ist|ician|ologist|[a-z]{3}eer|[a-z]{2}ator)$/;
const isSimpleRoleNoun = (l: string): boolean => ROLE_NOUNS.has(l) || has(l, 'Actor') || (ROLE_SUFFIX.test(l) && !FUNCTION_WORDS.has(l));
/** A role noun, including hyphenated compounds whose head is one: co-chair, co-author, vice-captain, ex-minister. */
export const isRoleNoun = (l: string): boolean => isSimpleRoleNoun(l) || (l.includes('-') && isSimpleRoleNoun(l.slice(l.lastIndexOf('-') + 1)));
/** Heads of institution names that are never surnames (unlike Hall, Lane or Ford). */
const INSTITUTION_WORDS = new Set(
  `university college institute institution hospital clinic school academy foundation ministry council committee commission
   association department agency society federation corporation company capital holdings partners systems semiconductor
   museum library authority board trust fund bureau observatory laboratory laboratories centre center inc ltd plc llc
   group union party`.split(/\s+/).filter(Boolean),
);
export const isInstitutionWord = (l: string): boolean => INSTITUTION_WORDS.has(l);
/** Auxiliaries and copulas: "Berg was", "Smith has" — a subject followed by one of these is the sentence subject. */
export const AUXILIARIES = new Set(['is', 'was', 'are', 'were', 'has', 'had', 'have', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'does', 'did', 'remains', 'remained']);
