import { readFileSync } from 'node:fs';

/**
 * Closed word classes and newsroom vocabulary the person/quote heuristics depend on. These are general English and
 * general news terms; place and organisation names come from compromise's lexicon (see lexicon.ts).
 *
 * The words live in data files beside the parser, lists/<name>.txt: one entry a line, `#` starts a comment, blank
 * lines are skipped. They are read once, synchronously, when this module loads (a few kilobytes), so a list can be
 * read and extended by someone who does not read TypeScript, and the overlap test (test/unit/ingest/word-lists.test.ts)
 * sees every list. Allowed overlaps between lists are declared, with their reasons, in lists/overlaps.txt.
 */

export const LISTS_DIR = new URL('./lists/', import.meta.url);

/** A list file's entries, each with its line number; a bad line is an error naming the file and the line. */
export function readListFile(name: string, dir: URL = LISTS_DIR): Array<{ line: number; fields: string[] }> {
  const file = new URL(`${name}.txt`, dir);
  const out: Array<{ line: number; fields: string[] }> = [];
  const seen = new Map<string, number>();
  readFileSync(file, 'utf8').split('\n').forEach((raw, i) => {
    const text = raw.replace(/#.*$/, '').trim();
    if (!text) return;
    const key = text.replace(/\s+/g, ' ');
    const first = seen.get(key);
    if (first !== undefined) throw new Error(`lists/${name}.txt line ${i + 1}: "${key}" repeats line ${first}`);
    seen.set(key, i + 1);
    out.push({ line: i + 1, fields: key.split(' ') });
  });
  if (!out.length) throw new Error(`lists/${name}.txt holds no entry`);
  return out;
}

/** Every list loaded, by file name: what the overlap test checks. */
export const WORD_LISTS = new Map<string, ReadonlySet<string>>();

/** A list of single words (or, for `phrases`, of phrases: the whole line is the entry). */
function words(name: string, { phrases = false } = {}): Set<string> {
  const entries = readListFile(name).map(({ line, fields }) => {
    if (!phrases && fields.length !== 1) throw new Error(`lists/${name}.txt line ${line}: one word a line, found "${fields.join(' ')}"`);
    return fields.join(' ');
  });
  const set = new Set(entries);
  WORD_LISTS.set(name, set);
  return set;
}

/** A list of words each with a gender: m, f or - (none). */
function gendered(name: string): Map<string, 'm' | 'f' | null> {
  const map = new Map<string, 'm' | 'f' | null>();
  for (const { line, fields } of readListFile(name)) {
    const [word, gender] = fields;
    if (fields.length !== 2 || (gender !== 'm' && gender !== 'f' && gender !== '-')) {
      throw new Error(`lists/${name}.txt line ${line}: want "word m|f|-", found "${fields.join(' ')}"`);
    }
    map.set(word!, gender === '-' ? null : gender);
  }
  WORD_LISTS.set(name, new Set(map.keys()));
  return map;
}

const VOWEL = /[aeiou]/;
/**
 * The forms of a verb given as `base [past [gerund]]`: the -s form, the past and the -ing form, by the regular spelling
 * rules (argue → argues, argued, arguing; reply → replies, replied, replying; stress → stresses) unless the line says
 * otherwise, and the base itself when it is written `base*` (most bases are also nouns: a call, a note); a form
 * written `-form` is left out ("rule -ruling": the ruling party). Returns form → base.
 */
export function verbForms(line: string[]): Map<string, string> {
  const fields = line.filter((f) => !f.startsWith('-'));
  const unused = new Set(line.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
  const [written, pastGiven, gerundGiven] = fields as [string, string?, string?];
  const bare = written.endsWith('*');
  const base = bare ? written.slice(0, -1) : written;
  const last = base.at(-1)!, beforeLast = base.at(-2) ?? '';
  const consonantY = last === 'y' && !VOWEL.test(beforeLast);
  const third = /(?:s|sh|ch|x|z)$/.test(base) ? `${base}es` : consonantY ? `${base.slice(0, -1)}ies` : `${base}s`;
  const past = pastGiven ?? (last === 'e' ? `${base}d` : consonantY ? `${base.slice(0, -1)}ied` : `${base}ed`);
  const gerund = gerundGiven ?? (base.endsWith('ie') ? `${base.slice(0, -2)}ying` : last === 'e' && beforeLast !== 'e' ? `${base.slice(0, -1)}ing` : `${base}ing`);
  return new Map([...(bare ? [base] : []), third, past, gerund].filter((form) => !unused.has(form)).map((form) => [form, base]));
}

/** A list of verbs as base forms (see verbForms), as a map from every form to its base. */
function verbs(name: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const { line, fields } of readListFile(name)) {
    if (fields.filter((f) => !f.startsWith('-')).length > 3) throw new Error(`lists/${name}.txt line ${line}: want "base [past [gerund]] [-unused …]", found "${fields.join(' ')}"`);
    for (const [form, base] of verbForms(fields)) map.set(form, base);
  }
  WORD_LISTS.set(name, new Set(map.keys()));
  return map;
}

/** Function words: never part of a name, never a role. */
export const FUNCTION_WORDS = words('function-words');

/** Honorifics: mark a person, give a gender hint, but are not a role. */
export const HONORIFICS = gendered('honorifics');

/** Capitalised titles written before a name ("Chancellor Olaf Scholz"); they are the role as written. */
export const TITLES = words('titles');

/** Nouns that name a position or occupation; a phrase holding one is a role. Complements compromise's Actor tag. */
export const ROLE_NOUNS = words('role-nouns');

/**
 * Nouns only an organisation is. A capitalised name right after one is the organisation's ("the distributor VeloTrade",
 * "the consultancy Oliver Wyman": name-runs.ts), and a description headed by one describes an organisation, not a person
 * ("Majid Al Futtaim, the Dubai-based retail chain": people.ts).
 */
export const ORGANISATION_NOUNS = words('organisation-nouns');
/** Nouns for a business or for a person in its trade ("the developer Meridian", "a property developer"). */
export const TRADE_NOUNS = words('trade-nouns');

/** Prepositions that make a following capitalised word a place rather than a person. */
export const LOCATIVE_PREPOSITIONS = words('locative-prepositions');

/** A line opening with a picture's credit: "Photo: …", "Illustration by …", "Credit: …" (masthead, captions, credits). */
export const CREDIT_LABEL = /^(?:photo(?:graph)?s?|photography|pics?|pictures?|images?|illustrations?|videos?|graphics?|credits?)(?:\s+by\b\s*:?|\s*:)/iu;

/** Verbs that attribute speech, every form of them, mapped to the base form. */
export const SPEECH_VERB_BASES: ReadonlyMap<string, string> = verbs('speech-verbs');
/** Every form of a verb that attributes speech ("said", "says", "telling"). */
export const SPEECH_VERBS: ReadonlySet<string> = new Set(SPEECH_VERB_BASES.keys());

/** Speech verbs whose object is the person spoken to: "Wang told Putin". */
export const ADDRESSEE_VERBS: ReadonlySet<string> = new Set(verbs('addressee-verbs').keys());

/** Words that turn a short quotation into a label rather than speech: the so-called “Trump trade”. */
export const LABEL_CUES = words('label-cues');

/** Adverbs and auxiliaries that sit between a subject and its speech verb: "Wang also said", "she has repeatedly said". */
export const VERB_FILLERS = words('verb-fillers');

/** Words that open a clause of their own: after a quotation they continue the writer's sentence, not attribute it. */
export const CLAUSE_LINKS = words('clause-links');

/** Lowercase words that cannot be inside a role phrase (verbs of the surrounding sentence, prepositions …). */
export const ROLE_STOP = new Set([...FUNCTION_WORDS].filter((w) => w !== 'of'));

/** Name particles allowed between capitalised name parts: Ludwig van Beethoven, Mohammed bin Salman. */
export const NAME_PARTICLES = words('name-particles');
/** Irish surname particles, written capitalised and standing alone: Eoin Ó Súilleabháin, Aoife Ní Bhriain. */
export const CAPITAL_PARTICLES = words('capital-particles');
/** Particles also written with a capital inside a name, before the surname: Marine Le Pen, Jean-Yves Le Drian, De Niro. */
export const INNER_CAPITAL_PARTICLES = words('inner-capital-particles');

/** People named by what they are to someone or where they are: "her husband, Pieter", "a resident". */
export const PERSON_NOUNS = words('person-nouns');

/** Clear gender words in roles: "the spokeswoman", "Queen". */
export const FEMALE_WORDS = words('female-words');
export const MALE_WORDS = words('male-words');

/** Multi-word places and organisations compromise's lexicon lacks and that look like "First Last" names. */
export const EXTRA_NON_PEOPLE = words('non-people', { phrases: true });

// The lexicon's own additions (lexicon.ts): demonyms, regions, organisation and institution words, gender fixes.
export const MORE_DEMONYMS = words('demonyms');
export const REGIONS = words('regions');
export const MORE_ORG_WORDS = words('organisation-words');
export const INSTITUTION_WORDS = words('institution-words');
export const GENDER_FIXES = gendered('gender-fixes');
/** Auxiliaries and copulas: "Berg was", "Smith has" — a subject followed by one of these is the sentence subject. */
export const AUXILIARIES = words('auxiliaries');

// Names and the words around them (name-runs.ts, run-context.ts, people.ts).
/** Letters written after a name: honours, silk, parliamentary seats (as written: "MP", not "mp"). */
export const POST_NOMINALS = words('post-nominals');
/** Chinese, Korean and Vietnamese surnames that are also English words, written first: Tan Wei Ming, Long Yun. */
export const FAMILY_FIRST_SURNAMES = words('family-first-surnames');
/** Given names that are also words or weekdays: West African day names, virtue names (Faith, Blessing, Sunday Adeyemi). */
export const WORD_GIVEN_NAMES = words('word-given-names');
/** Given names that are also modal verbs. */
export const MODAL_GIVEN_NAMES = words('modal-given-names');
/** Words before a date: a month after one is the month, not a given name. */
export const DATE_PREPOSITIONS = words('date-prepositions');
/** Heads of storm names, which look like "Title Firstname" runs. */
export const STORM_WORDS = words('storm-words');
export const NAMED_PLACES = words('named-places');
export const SETTLEMENTS = words('settlements');
export const LOCALITY_WORDS = words('locality-words');
export const SHIP_PREFIXES = words('ship-prefixes');
export const PLACE_PREFIXES = words('place-prefixes');
export const PARTY_PLURALS = words('party-plurals');

// Roles (roles.ts).
export const ROLE_MODIFIERS = words('role-modifiers');
export const FIELD_GERUNDS = words('field-gerunds');
export const TITLE_MODIFIERS = words('title-modifiers');
export const RANKS = words('ranks');
