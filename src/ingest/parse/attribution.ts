import { opensClauseAt, type DocParagraph } from './document.ts';
import { Discourse } from './discourse.ts';
import { AUXILIARIES, isAdjective, isDemonym, isFunctionWord, isInflectedVerb, isPlace, isRoleNoun, isTimeWord, isVerbWord } from './lexicon.ts';
import type { Gender, Person, PeopleResult } from './people.ts';
import type { QuoteText } from './quote-text.ts';
import type { Token } from './tokens.ts';
import { isTitleWord, POST_NOMINALS } from './name-runs.ts';
import { isOrganisationHead, organisationName } from './organisations.ts';
import { ADDRESSEE_VERBS, CLAUSE_LINKS, FEMALE_WORDS, MALE_WORDS, PERSON_NOUNS, SPEECH_VERBS, TITLES, VERB_FILLERS } from './word-lists.ts';

/** Who said a quotation, by which verb, to whom; plus the cues the kind classifier needs. */
export interface Attribution {
  speaker: number | null;
  /** Several people as one subject ("Putin and Wang vowed"): resolved later by an echo, else nobody. */
  compound: number[];
  verb: string | null;
  addressee: number | null;
  /** Where the attribution came from. */
  source: 'after' | 'before' | 'inherited' | 'echo' | null;
  /** Token distance from the speech verb to the quotation when the verb precedes it. */
  verbDistance: number;
  /** The verb introduces a "that" clause holding the quotation: "told Zhang that the bloc's patience was “…”". */
  thatClause?: boolean;
  /** No comma, semicolon, colon or dash between the verb and the quotation: one clause carries the reported words. */
  unbroken?: boolean;
  /** No person spoke, an organisation, document or group did: its name as written ("central bank", "Harbor Bank"). */
  organisation?: string | null;
}

/** Nouns that end like adverbs. */
const LY_NOUNS = new Set(['family', 'assembly', 'supply', 'monopoly', 'anomaly', 'homily', 'rally', 'ally', 'reply', 'italy', 'july', 'belly', 'jelly', 'bully', 'lily', 'folly', 'polly', 'emily', 'sally', 'holly', 'molly', 'kelly', 'valley', 'trolley', 'volley']);

/** A lower-case word that reads as an adverb: "-ly" and not an adjective, verb or noun (family, rally). */
/** A lower-case word that reads as an adverb: "-ly" and not an adjective, verb or noun (family, rally). */
export const isAdverb = (w: string): boolean => w.length > 5 && /ly$/.test(w) && !isAdjective(w) && !isVerbWord(w) && !LY_NOUNS.has(w);

const AGE = /^\d{1,3}-year-old$/;
/** Words between a name and the role it modifies: "Trump senior adviser Jason Miller". */
const MODIFIER_TITLES = new Set(['senior', 'chief', 'top', 'deputy', 'former', 'longtime', 'national', 'communications', 'press', 'policy']);
/** Heads of descriptions that introduce someone speaking for others, not a back-reference: "the spokesman said". */
const UNNAMED_HEADS = new Set(['spokesman', 'spokeswoman', 'spokesperson', 'representative', 'aide', 'aides', 'official', 'officials', 'source', 'sources']);
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you']);
/** Titles written short before a name, as "the senator" refers back to them: "Sen. Ted Cruz", "Det Supt Ó Dálaigh". */
const ABBREVIATED_TITLES = new Map(Object.entries({
  sen: 'senator', rep: 'representative', gov: 'governor', gen: 'general', lt: 'lieutenant', col: 'colonel', capt: 'captain',
  sgt: 'sergeant', cmdr: 'commander', det: 'detective', supt: 'superintendent', insp: 'inspector', coun: 'councillor',
  cllr: 'councillor', cr: 'councillor', prof: 'professor', rev: 'reverend', fr: 'father', pres: 'president', atty: 'attorney',
  adm: 'admiral', cdr: 'commander', cpl: 'corporal', pvt: 'private', brig: 'brigadier', maj: 'major', sens: 'senator',
  reps: 'representative', ald: 'alderman',
}));
const unabbreviated = (word: string): string => ABBREVIATED_TITLES.get(word.replace(/\.$/, '')) ?? word;
/** Object forms after a preposition: "according to him". */
const OBJECT_PRONOUNS = new Map([['him', 'he'], ['her', 'she'], ['them', 'they']]);
const DASHES = /[—–―]/;
/** Words a clause's subject may run to before its verb: "the Illinois Board of Elections was". */
const MAX_SUBJECT_WORDS = 8;
const AFFILIATION_LINKS = new Set(['of', 'from', 'at', 'with']);
/** Speech verbs that as often take a thing for subject: "the payments reflected", "the data suggests", "the plan promised". */
const INANIMATE_OK = new Set(['estimated', 'estimates', 'reflected', 'reflects', 'suggested', 'suggests', 'predicted', 'predicts', 'maintained', 'maintains', 'promised', 'promises', 'concluded', 'concludes', 'noted', 'notes', 'described', 'describes', 'demands', 'demanded']);
const LEAD_PREPOSITIONS = new Set(['of', 'in', 'on', 'at', 'by', 'for', 'from', 'to', 'with', 'into', 'about', 'after', 'before', 'than', 'like', 'against', 'among', 'between', 'without', 'under', 'over', 'toward', 'towards', 'despite', 'unlike', 'including', 'meeting', 'beside']);
const RELATIVES = new Set(['who', 'which', 'that']);
const TIME_LEADS = new Set(['on', 'last', 'this', 'early', 'late']);
/** Words after which a name opens a clause: the conjunctions and subordinators, and "that". */
const CLAUSE_OPENERS: ReadonlySet<string> = new Set([...CLAUSE_LINKS, 'that']);
const ABSOLUTE_LINKS: ReadonlySet<string> = new Set(['and', 'but', 'while', 'with']);
const PHRASE_OPENERS = new Set(['in', 'at', 'during', 'on', 'after', 'before', 'over', 'since']);
/** "his anti-Muslim remarks", "her long-awaited comments": compounds that only modify a noun. */
const ADJECTIVE_PREFIX = /^(?:anti|pro|non|so|well|long|self|ill|much|hard|far)-\p{L}/u;
/** "“…,” Trump went on", "“…,” Bennett shot back", "fired back": two words that report speech together. */
const PHRASAL_SPEECH = new Map([['went', 'on'], ['goes', 'on'], ['shot', 'back'], ['fired', 'back'], ['chimed', 'in'], ['pushed', 'back']]);
const phrasalSpeech = (p: DocParagraph, k: number): boolean => {
  const t = p.tokens[k]!;
  const next = p.tokens[k + 1];
  return !t.cap && next !== undefined && next.lower === PHRASAL_SPEECH.get(t.lower) && next.sentence === t.sentence && p.text.slice(t.end, next.start) === ' ' &&
    (!p.tokens[k + 2] || p.tokens[k + 2]!.sentence !== t.sentence || /^[,.:;—–―]/.test(p.text.slice(next.end, p.tokens[k + 2]!.start).trim()) || (p.tokens[k + 2]!.lower !== 'to' && LEAD_PREPOSITIONS.has(p.tokens[k + 2]!.lower)));
};
const NOUN_MARKERS = new Set(['his', 'her', 'their', 'its', 'my', 'our', 'your', 'the', 'a', 'an', 'these', 'those', 'such']);
/** "Smith told reporters", never "“…,” told Smith": after these a name is the listener. */
const NEVER_INVERTED = /^(?:told|tells?)$/;
/** A past-tense or participle form ("ordered", "denied") ends an appositive subject even inside commas. */
const isInflectedVerbPast = (l: string): boolean => /ed$/.test(l) && isInflectedVerb(l);
/** -ing forms that act as prepositions inside a subject: "strategists including Mei Tanabe wrote". */
const PREPOSITIONAL_VERBS = new Set(['including', 'excluding', 'regarding', 'concerning', 'led', 'headed']);
/** "a spokesperson for Delacroix", "a lawyer for the singer", "an aide to the mayor": someone speaking for another. */
const ON_BEHALF = new Set(['for', 'to']);
/** "a minister close to Moreau", "a source familiar with …", "a friend of Moreau": someone near another, not them. */
const NEAR_WORDS = new Set(['close', 'closest', 'loyal', 'allied', 'linked', 'near', 'familiar', 'friend', 'ally', 'associate', 'confidant', 'confidante', 'relative', 'colleague', 'supporter', 'critic', 'rival']);
const NEAR_LINKS = new Set(['to', 'with', 'of']);
/** Determiners that open an unnamed person: "a farmer", "one resident", "another man", "my father". */
const UNNAMED_OPENERS = new Set(['a', 'an', 'one', 'another', 'my', 'our']);
/** People a sentence may be about without naming them, beyond PERSON_NOUNS and the role nouns. */
const UNNAMED_PEOPLE = new Set(['man', 'woman', 'person', 'shopper', 'teenager', 'pensioner']);
const NP_END = new Set(['in', 'on', 'at', 'during', 'as', 'after', 'before', 'when', 'while', 'adding', 'who', 'which', 'from', 'to', 'with', 'for', 'about', 'because', 'but', 'and', 'last', 'this', 'earlier', 'on']);

/** No comma between token x - 1 and token x: they belong to one phrase. */
const joined = (p: DocParagraph, x: number): boolean => !p.text.slice(p.tokens[x - 1]!.end, p.tokens[x]!.start).includes(',');

/** First token index whose start is >= pos (binary search). */
export function tokenAt(tokens: Token[], pos: number): number {
  let lo = 0, hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Np {
  person: number | null;
  compound: number[];
  organisation?: string | null;
}

/** Opens with a capital letter. */
const UPPER_START = /^\p{Lu}/u;
/** Two hyphens inside a word: "one-on-one", "state-of-the-art". */
const TWO_HYPHEN_COMPOUND = /\p{L}-\p{L}+-\p{L}/u;
/** Letters and hyphens only. */
const LETTERS_AND_HYPHENS = /^[\p{L}-]+$/u;
/** Letters only. */
const LETTERS_ONLY = /^\p{L}+$/u;
/** Some word opens in lower case or with a digit. */
const LOWER_OR_DIGIT_WORD = /(?:^|\s)[\p{Ll}\d]/u;

export class Attributor {
  readonly discourse: Discourse;
  constructor(
    private readonly doc: DocParagraph[],
    private readonly people: PeopleResult,
  ) {
    this.discourse = new Discourse(doc, people);
  }

  private owner(pi: number, k: number): number {
    return this.people.tokenPerson[pi]![k] ?? -1;
  }

  /** "Sen. Marcus Bell (R-Ky.), …": token x opens a parenthetical right after a name. */
  private parenAfterName(pi: number, x: number): boolean {
    const p = this.doc[pi]!;
    return this.owner(pi, x - 1) >= 0 && p.text.slice(p.tokens[x - 1]!.end, p.tokens[x]!.start).includes('(');
  }

  /**
   * "the minister" → the one person whose role holds that word (an exact role match wins over a partial one, so "the
   * home secretary" is not the shadow home secretary). A description no role explains ("the Norwegian defender",
   * "the 24-year-old") refers back to the person the text is about: the current or previous subject.
   */
  byDescription(phrase: string, head: string, pi: number, k: number, owned = false): number | null {
    const roleOf = (x: Person) => (x.role ?? '').toLowerCase().replace(/^(?:the|a|an)\s+/, '');
    const exact = this.people.people.filter((x) => roleOf(x) === phrase);
    if (exact.length === 1) return exact[0]!.id;
    // "the Chinese foreign minister" when the article has an Australian foreign minister and "her Chinese counterpart,
    // Wang Yi": a nationality or owner in the description picks the one person whose role carries it.
    const qualifiers = phrase.split(/\s+/).filter((w) => isDemonym(w) || /['’]s$/.test(w));
    if (qualifiers.length) {
      const marked = this.people.people.filter((x) => {
        const words = roleOf(x).split(/[\s-]+/);
        return qualifiers.every((q) => words.includes(q));
      });
      if (marked.length === 1) return marked[0]!.id;
    }
    const matches = this.people.people.filter((x: Person) => roleOf(x).split(/[\s-]+/).map(unabbreviated).includes(head));
    if (matches.length === 1) return matches[0]!.id;
    if (matches.length > 1) {
      const recent = this.discourse.recentMention(pi, k, null);
      return recent !== null && matches.some((m) => m.id === recent) ? recent : null;
    }
    const d = this.discourse;
    const nobodyBefore = d.prevSubject === null && d.recentMention(pi, k, null) === null;
    if (nobodyBefore) return d.currentSubject ?? this.namedNext(phrase, pi);
    // "the Kremlin's spokesman", "the company's lawyer", "the spokeswoman": someone no role in the article explains and
    // who speaks for an organisation is a new, unnamed person — not the person the text is about.
    if (owned || UNNAMED_HEADS.has(head)) return null;
    // "The mayor said" after "Deborah Kinsella told a colleague …": an office ("mayor", "minister", "judge") that no
    // role in the article holds is someone else, unnamed. Epithets ("the 24-year-old", "the defender") stay the subject.
    if (TITLES.has(head)) return null;
    return d.currentSubject ?? (d.prevSubject && pi - d.prevSubject.paragraph <= 1 ? d.prevSubject.person : null);
  }

  /**
   * "The EU's trade chief has warned …" in a lead, then "Valdis Ozolins, the European Commission's executive
   * vice-president for trade, told …": a description before anyone is named points forward to the first person named
   * in the next paragraph, when that person's role shares a content word with it.
   */
  private namedNext(phrase: string, pi: number): number | null {
    const next = this.doc[pi + 1];
    if (!next) return null;
    const words = phrase.split(/[\s-]+/).map((w) => w.replace(/['’]s$/, '')).filter((w) => w.length > 2 && !isFunctionWord(w));
    const owners = this.people.tokenPerson[pi + 1]!;
    for (let k = 0; k < next.tokens.length && k < 60; k++) {
      const id = owners[k]!;
      if (id < 0 || next.tokens[k]!.quoted) continue;
      const role = (this.people.people[id]!.role ?? '').toLowerCase().split(/[\s-]+/).map((w) => w.replace(/['’]s$/, ''));
      return words.some((w) => role.includes(w)) ? id : null;
    }
    return null;
  }

  /**
   * "a spokesperson for Delacroix", "one of the singer's lawyers", "an aide to the mayor": an unnamed person speaking
   * for someone — the named or described person is not the speaker. An indefinite role noun then "for"/"to".
   */
  onBehalf(pi: number, a: number, b: number): boolean {
    const p = this.doc[pi]!;
    const first = p.tokens[a];
    if (!first || !/^(?:a|an|one)$/i.test(first.text)) return false;
    for (let k = a + 1; k < b - 1 && k - a <= 4; k++) {
      const t = p.tokens[k]!;
      const prev = p.tokens[k - 1]!.lower;
      if (ON_BEHALF.has(t.lower) && isRoleNoun(prev)) return true;
      if (NEAR_LINKS.has(t.lower) && NEAR_WORDS.has(prev)) return true;
    }
    return false;
  }

  /** Start of the noun phrase ending at token s: back over "the", a possessive, modifiers — at most five words. */
  private npStart(pi: number, s: number, sentence: number): number {
    const p = this.doc[pi]!;
    let a = s;
    while (a > 0 && s - a < 5 && p.tokens[a - 1]!.sentence === sentence && !p.tokens[a - 1]!.quoted && !p.text.slice(p.tokens[a - 1]!.end, p.tokens[a]!.start).includes(',') && !isVerbWord(p.tokens[a - 1]!)) a--;
    return a;
  }

  /** Resolves "the …" tokens [a, b) (a is "the") by their last role word or age. */
  private description(pi: number, a: number, b: number): number | null {
    const p = this.doc[pi]!;
    for (let k = b - 1; k > a; k--) {
      const t = p.tokens[k]!;
      if (isRoleNoun(t) || AGE.test(t.lower)) {
        const phrase = p.tokens.slice(a + 1, k + 1).map((x) => x.lower).join(' ');
        let owned = false;
        for (let j = a + 1; j < k; j++) if (p.tokens[j]!.possessive && this.owner(pi, j) < 0) owned = true;
        return this.byDescription(phrase, t.lower, pi, a, owned);
      }
    }
    return null;
  }

  /** Resolves the noun phrase tokens [a, b) of paragraph pi that is the subject of a speech verb. */
  resolveNp(pi: number, a: number, b: number, subjectPosition: boolean): Np {
    const p = this.doc[pi]!;
    if (this.onBehalf(pi, a, b)) return { person: null, compound: [] };
    const persons: number[] = [];
    let sawAnd = false;
    for (let k = a; k < b; k++) {
      const t = p.tokens[k]!;
      if (t.quoted) continue;
      const id = this.owner(pi, k);
      if (id >= 0) {
        // "Delaney's lawyer said": the owner of the subject is not the speaker.
        let e = k;
        while (e + 1 < b && this.owner(pi, e + 1) === id && !p.tokens[e]!.possessive) e++;
        if (p.tokens[e]!.possessive && e + 1 < b && !persons.length) {
          k = e;
          continue;
        }
        // "Sanders campaign manager Jeff Weaver said", "Trump senior adviser Jason Miller": a name modifying the role
        // noun after it is not the subject; the name the role heads is.
        const nx = p.tokens[e + 1];
        // "wrote a Trump supporter who runs …", "said an Obama aide": a name modifying the noun of an indefinite
        // description names whom the speaker is for, not the speaker.
        if (!persons.length && nx && e + 1 < b && !nx.cap && !nx.quoted && joined(p, e + 1) && k > a && UNNAMED_OPENERS.has(p.tokens[k - 1]!.lower) &&
          !isFunctionWord(nx) && !isVerbWord(nx) && this.owner(pi, e + 2) < 0) return { person: null, compound: [] };
        if (!persons.length && nx && e + 1 < b && !nx.cap && !nx.quoted && joined(p, e + 1) && (isRoleNoun(nx) || isOrganisationHead(nx.lower) || MODIFIER_TITLES.has(nx.lower))) {
          let r = e + 1;
          while (r < b && this.owner(pi, r) < 0) r++;
          if (r < b) {
            k = r - 1;
            continue;
          }
        }
        if (!persons.includes(id)) persons.push(id);
        continue;
      }
      if (t.lower === 'and' && persons.length) sawAnd = true;
      // An appositive or clause after the first person ends the subject: "Smith, the chief executive of Acme".
      if (persons.length && p.text.slice(p.tokens[k - 1]!.end, t.start).includes(',')) break;
    }
    if (persons.length) return sawAnd && persons.length > 1 ? { person: null, compound: persons } : { person: persons[0]!, compound: [] };
    const first = p.tokens[a];
    if (!first) return { person: null, compound: [] };
    const objectForm = subjectPosition ? undefined : OBJECT_PRONOUNS.get(first.lower);
    if (objectForm && b - a <= 2) return { person: this.discourse.resolvePronoun(objectForm, pi, a, false), compound: [] };
    if (PRONOUNS.has(first.lower) && b - a <= 2) return { person: this.discourse.resolvePronoun(first.lower, pi, a, subjectPosition), compound: [] };
    if (first.lower === 'the' && b - a <= 5) {
      const described = this.description(pi, a, b);
      if (described !== null) return { person: described, compound: [] };
    }
    // "said the central bank", "“…,” Harbor Bank said", "according to the NTSB": no person, an organisation.
    return { person: null, compound: [], organisation: organisationName(p, a, b, (k) => this.owner(pi, k)) };
  }

  /**
   * "Prof. Iyer of the institute's Centre for Ecological Sciences said", "Dr Ruiz from the University of Leeds told":
   * the subject is the person before an affiliation that runs, without a comma or verb, up to the speech verb at s + 1.
   */
  private affiliatedSubject(pi: number, s: number, sentence: number): number | null {
    const p = this.doc[pi]!;
    for (let k = s, n = 0; k > 0 && n < 10; k--, n++) {
      const t = p.tokens[k]!;
      const prev = p.tokens[k - 1]!;
      if (t.sentence !== sentence || prev.sentence !== sentence || t.quoted || prev.quoted) return null;
      // "Stacy Okafor of Columbia, South Carolina says": the state after a town's comma is part of the affiliation.
      const gap = p.text.slice(prev.end, t.start);
      const state = gap === ', ' && prev.cap && p.tokens.slice(k, s + 1).every((x) => x.cap) && isPlace(p.tokens.slice(k, s + 1).map((x) => x.lower).join(' '));
      if (/[,;:()—–―]/.test(gap) && !state) return null;
      if (!t.cap && (isVerbWord(t) || PRONOUNS.has(t.lower) || RELATIVES.has(t.lower))) return null;
      if ((t.lower === 'of' || t.lower === 'from' || t.lower === 'at') && this.owner(pi, k - 1) >= 0) return this.owner(pi, k - 1);
    }
    return null;
  }

  /**
   * "Ama Boateng, president of the dockers' union said, “…”": an appositive whose closing comma is missing. The subject
   * is the name opening the sentence when a description holding a role noun, with no verb or other punctuation, runs
   * from its comma up to the speech verb at s + 1.
   */
  private unclosedAppositive(pi: number, s: number, sentence: number): number | null {
    const p = this.doc[pi]!;
    let role = false;
    for (let k = s, n = 0; k > 0 && n < 12; k--, n++) {
      const t = p.tokens[k]!;
      const prev = p.tokens[k - 1]!;
      if (t.sentence !== sentence || prev.sentence !== sentence || t.quoted || prev.quoted || this.owner(pi, k) >= 0) return null;
      if (!t.cap && (isVerbWord(t) || PRONOUNS.has(t.lower) || RELATIVES.has(t.lower))) return null;
      role ||= isRoleNoun(t);
      const gap = p.text.slice(prev.end, t.start);
      if (gap === ', ') {
        const id = this.owner(pi, k - 1);
        let a = k - 1;
        while (a > 0 && this.owner(pi, a - 1) === id && p.tokens[a - 1]!.sentence === sentence) a--;
        const opens = a === 0 || p.tokens[a - 1]!.sentence !== sentence;
        return id >= 0 && role && opens && !p.tokens[k - 1]!.possessive ? id : null;
      }
      if (/[,;:()—–―]/.test(gap)) return null;
    }
    return null;
  }

  /**
   * "According to HuffPo: “…”": what "according to" names is a source; capitalised words there that name no person
   * the article knows name an organisation or a publication, though no list holds them.
   */
  private accordingToName(pi: number, a: number, b: number, np: Np): string | null {
    if (np.person !== null || np.compound.length || b - a < 1 || b - a > 4) return null;
    const p = this.doc[pi]!;
    const words = p.tokens.slice(a, b);
    if (words.some((t, i) => !t.cap || t.quoted || this.owner(pi, a + i) >= 0 || (i > 0 && !joined(p, a + i)))) return null;
    return p.text.slice(words[0]!.start, words[words.length - 1]!.end).replace(/['’]s$/u, '');
  }

  private addresseeAfter(pi: number, k: number): number | null {
    const p = this.doc[pi]!;
    const verb = p.tokens[k]!;
    if (!ADDRESSEE_VERBS.has(verb.lower)) return null;
    const next = p.tokens[k + 1];
    if (!next || next.quoted || p.text.slice(verb.end, next.start) !== ' ') return null;
    // "told Chinese commerce minister Zhang Hao", "told US secretary of state Antony Blinken": a title before the name.
    for (let j = k + 1; j < p.tokens.length && j - k <= 6; j++) {
      const t = p.tokens[j]!;
      if (t.quoted || (j > k + 1 && p.text.slice(p.tokens[j - 1]!.end, t.start) !== ' ')) return null;
      const id = this.owner(pi, j);
      if (id >= 0) return id;
      if (t.possessive || NP_END.has(t.lower) || RELATIVES.has(t.lower) || PRONOUNS.has(t.lower) || OBJECT_PRONOUNS.has(t.lower) || (!t.cap && isVerbWord(t) && !isRoleNoun(t))) return null;
    }
    return null;
  }

  /** "…,” Wang said" / "…,” said Wang" / "…,” the minister told reporters". */
  after(q: QuoteText): Attribution | null {
    const part = q.span.parts[q.span.parts.length - 1]!;
    if (part.closeMark < 0) return null;
    const pi = part.paragraph;
    const p = this.doc[pi]!;
    // "''They have a fraught relationship,'' said Martin Indyk": a closing mark doubled (two straight apostrophes for
    // one double mark, as archived NYT copy writes them) is one mark; the words after it attribute the quotation.
    // "''…, 'fine,''' said Senator John McCain": a nested single mark closing with the double one adds one more.
    const gap = /^['’]{0,2}[\s,—–―-]*/.exec(p.text.slice(part.closeMark + 1, part.closeMark + 8))![0];
    const from = tokenAt(p.tokens, part.closeMark + 1);
    const first = p.tokens[from];
    if (!first || first.quoted || first.start !== part.closeMark + 1 + gap.length) return null;
    const sentence = p.tokens[from - 1]?.sentence ?? first.sentence;
    // “Why not?” Smith asked. — a question or exclamation closes the quote but not the attribution after it.
    // "“They ask me, ‘Is it safe?’” Pruett said": the mark of a quotation nested at the end does not hide it.
    // So does a translation in brackets: "“Nasaan ang bawas-presyo? (Where is the price cut?)” Hontiveros said".
    const askedOrExclaimed = /[?!]$/u.test(p.text.slice(Math.max(0, part.closeMark - 4), part.closeMark).replace(/['’‘)\]]+$/u, ''));
    // "“… pay zero taxes.” - Sanders.": a name signing a quotation after a dash, whatever the stop before it.
    const signed = /[—–―]|\s-\s|^-\s/.test(gap);
    if (first.sentence !== sentence && !/,/.test(gap) && !askedOrExclaimed && !signed && !this.signingSentence(pi, from)) return null;
    // An appositive between the name and the verb ("Priya Raman, head of Asia FX strategy at …, said") needs room: real
    // copy runs to 25 words ("Trump, the 2016 GOP frontrunner nationally and current polling leader in … , said").
    const limit = Math.min(p.tokens.length, from + 32);
    // Verb first: "said Wang", "says Jane Smith, an analyst".
    let v = from;
    while (v < limit && VERB_FILLERS.has(p.tokens[v]!.lower) && v - from < 2) v++;
    if (v < limit && SPEECH_VERBS.has(p.tokens[v]!.lower) && !p.tokens[v]!.quoted && !p.tokens[v]!.lower.endsWith('ing')) {
      let e = v + 1;
      while (e < limit && !p.tokens[e]!.quoted && !NP_END.has(p.tokens[e]!.lower) && e - v <= 6) {
        const gap = p.text.slice(p.tokens[e - 1]!.end, p.tokens[e]!.start);
        // "said Dr. Leilani Kahananui": an abbreviated title's full stop does not end the subject.
        if (e > v + 1 && gap.trim() && !(gap === '. ' && isTitleWord(p.tokens[e - 1]!.lower))) break;
        e++;
      }
      if (e === v + 1) return null;
      const np = this.resolveNp(pi, v + 1, e, true);
      const named = np.person === null && !np.compound.length ? this.appositiveName(pi, e, p.tokens[v]!.sentence) : null;
      if (named !== null) return { speaker: named, compound: [], organisation: null, verb: p.tokens[v]!.lower, addressee: null, source: 'after', verbDistance: 0 };
      return { speaker: np.person, compound: np.compound, organisation: np.organisation ?? null, verb: p.tokens[v]!.lower, addressee: null, source: 'after', verbDistance: 0 };
    }
    // "“…” — Daniela Castellanos, in a text message": a statement set off on its own, signed after a dash.
    if (signed && this.owner(pi, from) >= 0 && this.opensSentence(q)) {
      let e = from;
      while (e < p.tokens.length && this.owner(pi, e) === this.owner(pi, from)) e++;
      const rest = p.tokens[e];
      if (!rest || rest.sentence !== first.sentence || /^[,;(]/.test(p.text.slice(p.tokens[e - 1]!.end, rest.start).trim())) {
        return { speaker: this.owner(pi, from), compound: [], verb: null, addressee: null, source: 'after', verbDistance: 0 };
      }
    }
    // "“…,” though she added", "“…” and accused …": a clause of the writer's own, not an attribution.
    if (CLAUSE_LINKS.has(first.lower)) return this.accordingToAfter(pi, from, first.sentence);
    // "“…”, in remarks that lifted the currency", "“…”, in comments to reporters": a prepositional phrase, not a subject.
    if (!first.cap && LEAD_PREPOSITIONS.has(first.lower)) return this.accordingToAfter(pi, from, first.sentence);
    // Subject first: the first speech verb within a short window, nothing verb-like before it.
    // Inside an appositive set off by commas after the name ("Nadia Orlov, head of rates strategy at …, said") a
    // noun that doubles as a verb ("rates", "heads") does not end the subject.
    let appositive = false;
    // "Melanne Verveer, who served as her chief of staff, told …": a relative clause set off after the name holds
    // verbs of its own.
    let relative = false;
    // "Mr. Mahaney, of RBC Capital Markets, said": an honorific before the name is the name's.
    const named = this.owner(pi, from) >= 0 || (isTitleWord(first.lower) && this.owner(pi, from + 1) >= 0);
    for (let k = from; k < limit; k++) {
      const t = p.tokens[k]!;
      if (t.quoted || t.sentence !== first.sentence) break;
      if (k > from && p.text.slice(p.tokens[k - 1]!.end, t.start).includes(',') && named) {
        appositive = !appositive;
        relative = appositive && (t.lower === 'who' || t.lower === 'whose');
      }
      if (relative) continue;
      if ((SPEECH_VERBS.has(t.lower) || phrasalSpeech(p, k)) && k > from) {
        let e = k;
        while (e > from && VERB_FILLERS.has(p.tokens[e - 1]!.lower)) e--;
        if (e === from) return null;
        const np = this.resolveNp(pi, from, e, true);
        const verb = SPEECH_VERBS.has(t.lower) ? t.lower : `${t.lower} ${p.tokens[k + 1]!.lower}`;
        return { speaker: np.person, compound: np.compound, organisation: np.organisation ?? null, verb, addressee: this.addresseeAfter(pi, k), source: 'after', verbDistance: 0 };
      }
      // Nor does a capitalised word there, a name's part that is also a verb: "a Fed governor", "of RBC Capital Markets".
      // Nor a participle after an article: "Cecelia Purner, 67, a retired customer service representative, said"; nor a
      // noun that is also a verb: "“…,” the report said", "the release added".
      const modifier = /^(?:a|an|the)$/.test(p.tokens[k - 1]!.lower);
      if (k > from && isVerbWord(t) && !VERB_FILLERS.has(t.lower) && !PREPOSITIONAL_VERBS.has(t.lower) && !modifier && !(appositive && (t.cap || !isInflectedVerbPast(t.lower)))) break;
    }
    return this.accordingToAfter(pi, from, first.sentence);
  }

  /**
   * "“… the emails that are missing.” Trump said.": a sentence of only a name and a speech verb right after a quotation
   * closed with a full stop signs it (a comma written as a full stop).
   */
  private signingSentence(pi: number, from: number): boolean {
    const p = this.doc[pi]!;
    const id = this.owner(pi, from);
    if (id < 0) return false;
    let v = from;
    while (v < p.tokens.length && this.owner(pi, v) === id) v++;
    const verb = p.tokens[v];
    if (!verb || verb.sentence !== p.tokens[from]!.sentence || !SPEECH_VERBS.has(verb.lower) || verb.lower.endsWith('ing') || NEVER_INVERTED.test(verb.lower)) return false;
    const next = p.tokens[v + 1];
    return !next || next.sentence !== verb.sentence;
  }

  /**
   * "“Great speech. She's ready.”" then a paragraph "-President Obama, tweeting after the speech.": a paragraph opening
   * with a dash and a name signs the quotation that is the whole paragraph before it.
   */
  signedBelow(q: QuoteText): number | null {
    const last = q.span.parts[q.span.parts.length - 1]!;
    const next = this.doc[last.paragraph + 1];
    if (!next || !/^\s*[-—–―]\s*\S/u.test(next.text)) return null;
    for (let k = 0; k < next.tokens.length && k < 4; k++) {
      const id = this.owner(next.index, k);
      if (id >= 0) return id;
      if (!isTitleWord(next.tokens[k]!.lower)) return null;
    }
    return null;
  }

  /**
   * Whether sentence si of paragraph pi mentions a person other than `person`, or holds a capitalised word inside it
   * that is no one read (a name the parser missed).
   */
  sentenceNamesSomeoneElse(pi: number, si: number, person: number): boolean {
    const p = this.doc[pi]!;
    for (let k = 0; k < p.tokens.length; k++) {
      const t = p.tokens[k]!;
      if (t.sentence !== si || t.quoted) continue;
      const id = this.owner(pi, k);
      if ((id >= 0 && id !== person) || (t.cap && id < 0 && k > 0 && p.tokens[k - 1]!.sentence === si)) return true;
    }
    return false;
  }

  /** s moved back over "in his speech", "at the time", "during a rally" to the name before it; s itself otherwise. */
  private pastPhrase(pi: number, s: number, sentence: number): number {
    const p = this.doc[pi]!;
    if (s < 1 || this.owner(pi, s) >= 0) return s;
    for (let j = s, n = 0; j > 0 && n < 5; j--, n++) {
      const t = p.tokens[j]!;
      if (t.sentence !== sentence || t.quoted || !joined(p, j + 1 <= s ? j + 1 : j) || (t.cap && j !== s && !isTimeWord(t)) || (!t.cap && isVerbWord(t) && !PHRASE_OPENERS.has(t.lower))) return s;
      if (PHRASE_OPENERS.has(t.lower)) return j > 0 && joined(p, j) && !p.tokens[j - 1]!.possessive && this.opensClause(pi, j - 1) ? j - 1 : s;
    }
    return s;
  }

  /** The person named by the run ending at s when it opens a clause: after "and", "but", "while", "with" or a comma. */
  private absoluteSubject(pi: number, s: number): number {
    return this.opensClause(pi, s, ABSOLUTE_LINKS) ? this.owner(pi, s) : -1;
  }

  /** Whether the name ending at s opens its clause (opensClauseAt from its first word). */
  private opensClause(pi: number, s: number, links = CLAUSE_OPENERS): boolean {
    const p = this.doc[pi]!;
    const id = this.owner(pi, s);
    if (id < 0) return false;
    let a = s;
    while (a > 0 && this.owner(pi, a - 1) === id && joined(p, a)) a--;
    return opensClauseAt(p, a, links);
  }

  /** "Spicer said on Tuesday, adding": the named subject of a finite speech verb shortly before the -ing verb at k. */
  private reportingSubject(pi: number, k: number, sentence: number): number | null {
    const p = this.doc[pi]!;
    // Back over the words quoted after that verb: "Trump told Newsmax that Romney “had a crazy policy …,” adding, …".
    for (let v = k - 1, n = 0; v > 0 && n <= 8; v--) {
      const t = p.tokens[v]!;
      if (t.sentence !== sentence) return null;
      if (t.quoted) continue;
      n++;
      if (!SPEECH_VERBS.has(t.lower) || t.lower.endsWith('ing')) continue;
      let s = v - 1;
      while (s > 0 && VERB_FILLERS.has(p.tokens[s]!.lower) && joined(p, s + 1)) s--;
      return p.tokens[s]!.sentence === sentence && joined(p, s + 1) && !p.tokens[s]!.possessive ? (this.owner(pi, s) >= 0 ? this.owner(pi, s) : null) : null;
    }
    return null;
  }

  /**
   * "said another Twitter user, Johanna Bayer", "wrote the American ambassador at the time, John E. Herbst", "said former
   * Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell": a description naming no one after the
   * verb, then the name it describes: set off by a comma, or at the end of a chain of capitalised titles joined by
   * "and". A name after a preposition and no comma is someone else's ("said a spokesman for Senator Ted Cruz").
   */
  private appositiveName(pi: number, from: number, sentence: number): number | null {
    const p = this.doc[pi]!;
    let capsOnly = p.tokens[from]?.lower === 'and';
    for (let k = from; k < p.tokens.length && k - from <= 10; k++) {
      const t = p.tokens[k]!;
      if (t.quoted || t.sentence !== sentence || SPEECH_VERBS.has(t.lower) || RELATIVES.has(t.lower)) return null;
      const gap = k > 0 ? p.text.slice(p.tokens[k - 1]!.end, t.start) : ' ';
      if (gap.includes(',')) {
        // "exhorted Clinton's introducer, actress Jamie Lee Curtis": an occupation may stand before the name.
        let n = k;
        while (n < k + 3 && n + 1 < p.tokens.length && this.owner(pi, n) < 0 && !p.tokens[n]!.cap && isRoleNoun(p.tokens[n]!) && joined(p, n + 1)) n++;
        const id = this.owner(pi, n);
        if (id < 0) return null;
        let e = n;
        while (e < p.tokens.length && this.owner(pi, e) === id) e++;
        const rest = p.tokens[e];
        const restGap = rest ? p.text.slice(p.tokens[e - 1]!.end, rest.start) : '';
        // "…, Andrew J. Pincus of the law firm Mayer Brown.": an affiliation may follow the name.
        const affiliation = restGap === ' ' && !rest!.cap && AFFILIATION_LINKS.has(rest!.lower);
        return !rest || rest.sentence !== sentence || /[,;(—–―]/.test(restGap) || affiliation ? id : null;
      }
      if (capsOnly && this.owner(pi, k) >= 0) return this.owner(pi, k);
      if (k > from && !t.cap && !isTitleWord(t.lower)) capsOnly = false;
      if (/[;:()—–―]/.test(gap)) return null;
    }
    return null;
  }

  /**
   * "“Boots on the ground” would be appropriate, Republican candidate Ben Carson said after the attacks.": a quotation
   * that is not set off, in a sentence whose last comma-separated segment is its attribution (", NAME said …" or
   * ", said NAME …"), with no other quotation after it in the sentence.
   */
  sentenceFinal(q: QuoteText): Attribution | null {
    const part = q.span.parts[q.span.parts.length - 1]!;
    if (part.closeMark < 0) return null;
    const pi = part.paragraph;
    const p = this.doc[pi]!;
    const from = tokenAt(p.tokens, part.closeMark + 1);
    const sentence = p.tokens[from]?.sentence;
    if (sentence === undefined || p.tokens[from - 1]?.sentence !== sentence) return null;
    const segs: number[] = [];
    let end = from;
    for (; end < p.tokens.length && p.tokens[end]!.sentence === sentence && end - from < 40; end++) {
      if (p.tokens[end]!.quoted) return null;
      if (end > from && !joined(p, end)) segs.push(end);
    }
    if (!segs.length) return null;
    // "…, said Steve Elmendorf, deputy campaign manager for John Kerry.": the attribution may have an appositive after it.
    let seg = segs[segs.length - 1]!;
    for (let n = segs.length - 2; n >= 0 && n >= segs.length - 3; n--) {
      const t = p.tokens[segs[n]!]!;
      if (SPEECH_VERBS.has(t.lower) && !t.lower.endsWith('ing') && !NEVER_INVERTED.test(t.lower) && this.owner(pi, segs[n]! + 1) >= 0) seg = segs[n]!;
    }
    const first = p.tokens[seg]!;
    // "…, told CBS News": a verb whose object is its listener is never inverted; the words after it are not its subject.
    if (NEVER_INVERTED.test(first.lower)) return null;
    if (SPEECH_VERBS.has(first.lower) && !first.lower.endsWith('ing')) {
      let e = seg + 1;
      while (e < end && !NP_END.has(p.tokens[e]!.lower) && e - seg <= 6 && (e === seg + 1 || joined(p, e))) e++;
      if (e === seg + 1) return null;
      const np = this.resolveNp(pi, seg + 1, e, true);
      return { speaker: np.person, compound: np.compound, organisation: np.organisation ?? null, verb: first.lower, addressee: null, source: 'after', verbDistance: 0 };
    }
    for (let v = seg + 1; v < end && v - seg <= 7; v++) {
      const t = p.tokens[v]!;
      if (SPEECH_VERBS.has(t.lower) && !t.lower.endsWith('ing')) {
        let e = v;
        while (e > seg && VERB_FILLERS.has(p.tokens[e - 1]!.lower)) e--;
        if (e === seg) return null;
        const np = this.resolveNp(pi, seg, e, true);
        return { speaker: np.person, compound: np.compound, organisation: np.organisation ?? null, verb: t.lower, addressee: this.addresseeAfter(pi, v), source: 'after', verbDistance: 0 };
      }
      if (!t.cap && isVerbWord(t) && !VERB_FILLERS.has(t.lower)) return null;
    }
    return null;
  }

  /** The person before ", a former speechwriter for NAME," when token a (NAME's first word) closes such an appositive. */
  private appositiveHead(pi: number, a: number, sentence: number): number | null {
    const p = this.doc[pi]!;
    const prev = p.tokens[a - 1];
    if (!prev || prev.sentence !== sentence || prev.cap || !joined(p, a) || !LEAD_PREPOSITIONS.has(prev.lower)) return null;
    let c = a - 1;
    for (let n = 0; c > 0 && n < 12 && p.tokens[c - 1]!.sentence === sentence && joined(p, c) && !p.tokens[c - 1]!.quoted; n++) c--;
    if (c === 0 || joined(p, c) || p.tokens[c - 1]!.sentence !== sentence) return null;
    const id = this.owner(pi, c - 1);
    return id >= 0 && !p.tokens[c - 1]!.possessive ? id : null;
  }

  /** Nothing but punctuation (a bullet, a dash) between the sentence start and the quotation's opening mark. */
  private opensSentence(q: QuoteText): boolean {
    const part = q.span.parts[0]!;
    const p = this.doc[part.paragraph]!;
    const open = part.openMark >= 0 ? part.openMark : 0;
    const k = tokenAt(p.tokens, open);
    const prev = p.tokens[k - 1];
    return !prev || prev.sentence !== p.tokens[k]?.sentence;
  }

  /** "Turnout was “steady to heavy”, according to NAME": the source named later in the same sentence. */
  private accordingToAfter(pi: number, from: number, sentence: number): Attribution | null {
    const p = this.doc[pi]!;
    for (let k = from; k < p.tokens.length && k - from < 30; k++) {
      const t = p.tokens[k]!;
      if (t.sentence !== sentence) break;
      if (t.quoted) continue;
      if (t.lower === 'according' && p.tokens[k + 1]?.lower === 'to' && !p.tokens[k + 1]!.quoted) {
        let e = k + 2;
        while (e < p.tokens.length && p.tokens[e]!.sentence === sentence && !p.tokens[e]!.quoted && !p.text.slice(p.tokens[e - 1]!.end, p.tokens[e]!.start).includes(',') && e - k < 10) e++;
        const np = this.resolveNp(pi, k + 2, e, false);
        return { speaker: np.person, compound: np.compound, organisation: np.organisation ?? this.accordingToName(pi, k + 2, e, np), verb: 'according to', addressee: null, source: 'after', verbDistance: 0 };
      }
    }
    return null;
  }

  /**
   * A quotation introduced by a colon or set off by dashes with no speech verb: "NAME put it more bluntly: “…”",
   * "Castellanos: ‘…’", "offered a blunter assessment — “…” —". The name right before the colon speaks, else the
   * person who is the sentence's subject.
   */
  introducedBy(q: QuoteText): Attribution | null {
    const part = q.span.parts[0]!;
    if (part.openMark < 0) return null;
    const p = this.doc[part.paragraph]!;
    const lead = p.text.slice(Math.max(0, part.openMark - 3), part.openMark).trimEnd();
    const colon = lead.endsWith(':');
    if (!colon && !(DASHES.test(lead.slice(-1)) && UPPER_START.test(q.text))) return null;
    const k = tokenAt(p.tokens, part.openMark) - 1;
    const t = p.tokens[k];
    if (!t || t.quoted) return null;
    const onColon = p.text.slice(t.end, part.openMark).trim();
    const id = this.owner(part.paragraph, k);
    const speaker = colon && id >= 0 && !t.possessive && onColon === ':' ? id : this.discourse.currentSubject;
    if (speaker !== null) return { speaker, compound: [], verb: null, addressee: null, source: 'before', verbDistance: 1 };
    // "The Illinois Board of Elections was conclusive in its findings: “…”": a body as the clause's subject.
    const organisation = colon ? this.clauseOrganisation(part.paragraph, k) : null;
    return organisation ? { speaker: null, compound: [], organisation, verb: null, addressee: null, source: 'before', verbDistance: 1 } : null;
  }

  /** The organisation opening the clause that ends at token k, as the subject of its first verb, or null. */
  private clauseOrganisation(pi: number, k: number): string | null {
    const p = this.doc[pi]!;
    const sentence = p.tokens[k]!.sentence;
    let a = k;
    while (a > 0 && p.tokens[a - 1]!.sentence === sentence && joined(p, a)) a--;
    for (let v = a + 1; v <= k && v - a <= MAX_SUBJECT_WORDS; v++) {
      const t = p.tokens[v]!;
      if (t.quoted) return null;
      if (!t.cap && (AUXILIARIES.has(t.lower) || isInflectedVerb(t.lower))) return organisationName(p, a, v, (x) => this.owner(pi, x));
    }
    return null;
  }

  /** "X said: “…”", "He added that … “…”", "which he said were being “…”", "according to X, “…”". */
  before(q: QuoteText): Attribution | null {
    const part = q.span.parts[0]!;
    if (part.openMark < 0) return null;
    const pi = part.paragraph;
    const p = this.doc[pi]!;
    const end = tokenAt(p.tokens, part.openMark);
    const sentence = p.tokens[end]?.sentence ?? p.tokens[end - 1]?.sentence;
    let pending: { attribution: Attribution; from: number } | null = null;
    for (let k = end - 1, steps = 0; k >= 0 && steps < 40; k--, steps++) {
      const t = p.tokens[k]!;
      if (t.sentence !== sentence) break;
      if (t.quoted) continue;
      // "according to X, “…”", "in the words of a senior adviser, “…”".
      const wordsOf = t.lower === 'words' && p.tokens[k + 1]?.lower === 'of' && p.tokens[k - 1]?.lower === 'the' && p.tokens[k - 2]?.lower === 'in';
      if ((t.lower === 'according' && p.tokens[k + 1]?.lower === 'to') || wordsOf) {
        let e = k + 2;
        while (e < end && !p.text.slice(p.tokens[e - 1]!.end, p.tokens[e]!.start).includes(',') && e - k < 8) e++;
        const np = this.resolveNp(pi, k + 2, e, false);
        return { speaker: np.person, compound: np.compound, organisation: np.organisation ?? this.accordingToName(pi, k + 2, e, np), verb: wordsOf ? 'in the words of' : 'according to', addressee: null, source: 'before', verbDistance: end - k };
      }
      // "As Akhil Amar, professor of law at Yale, put it, “…”": "put it" reports words like a speech verb.
      if (!SPEECH_VERBS.has(t.lower) && !(t.lower === 'put' && p.tokens[k + 1]?.lower === 'it' && !p.tokens[k + 1]!.quoted)) continue;
      // "called Clinton's remarks a “new low”", "his claims were “sarcasm”": after a possessive or an article the word is a
      // noun.
      const owned = p.tokens[k - 1];
      // So after an adjective: "Trump's over-the-top comments make him wish".
      const adjective = owned !== undefined && !owned.cap && (isAdjective(owned) || TWO_HYPHEN_COMPOUND.test(owned.text) || ADJECTIVE_PREFIX.test(owned.lower)) && !VERB_FILLERS.has(owned.lower) && !isAdverb(owned.lower);
      if (owned && owned.sentence === sentence && !owned.quoted && (owned.possessive || NOUN_MARKERS.has(owned.lower) || adjective) && joined(p, k)) continue;
      // "Said Dorothy Poynter, who grew up with him, “…”": a verb opening its sentence is inverted; its subject follows.
      if (t.cap && (k === 0 || p.tokens[k - 1]!.sentence !== sentence) && this.owner(pi, k + 1) >= 0 && joined(p, k + 1)) {
        return { speaker: this.owner(pi, k + 1), compound: [], verb: t.lower, addressee: null, source: 'before', verbDistance: end - k };
      }
      // "Because of how the schedule was drawn, explained Rosenberg, “…”": inverted after a comma, the name alone
      // between the verb and the quotation.
      const named = this.owner(pi, k + 1);
      const invertedMid = k > 0 && named >= 0 && end > k + 1 && !p.tokens[k + 1]!.quoted && joined(p, k + 1) && p.text.slice(p.tokens[k - 1]!.end, t.start) === ', ' &&
        p.tokens.slice(k + 1, end).every((x, i) => this.owner(pi, k + 1 + i) === named && !x.possessive) && /^,\s*$/.test(p.text.slice(p.tokens[end - 1]!.end, part.openMark));
      if (invertedMid) {
        return { speaker: named, compound: [], verb: t.lower, addressee: null, source: 'before', verbDistance: end - k };
      }
      // The subject sits just before the verb, past fillers ("also", "has") and an appositive in commas.
      let s = k - 1;
      // Not back over a comma: in "Jones, who was elected last year, said" the time words end the relative clause.
      // "Gorka similarly warned that …": an adverb in "-ly" sits between them like the fillers.
      while (s >= 0 && (VERB_FILLERS.has(p.tokens[s]!.lower) || (!p.tokens[s]!.cap && isAdverb(p.tokens[s]!.lower))) && p.tokens[s]!.sentence === sentence && joined(p, s + 1)) s--;
      // "Trump, who has been feuding with party leaders, on Friday described …": a day between the subject and its verb.
      // (The weekday itself is a filler; the preposition before it is not.)
      if (s > 0 && TIME_LEADS.has(p.tokens[s]!.lower) && isTimeWord(p.tokens[s + 1]?.lower ?? '') && p.tokens[s]!.sentence === sentence && joined(p, s + 1)) s--;
      // "Trump in his announcement speech called …", "Sanders during a Sunday rally thanked …": a short phrase
      // between a name and its verb, no comma.
      s = this.pastPhrase(pi, s, sentence!);
      // "Ama Mensah OBE said": post-nominal letters sit between the name and its verb.
      if (s > 0 && POST_NOMINALS.has(p.tokens[s]!.text) && p.tokens[s]!.sentence === sentence && this.owner(pi, s - 1) >= 0) s--;
      // "as Mrs. Kowalczyk likes to say", "she went on to say": the subject of the verb governing the infinitive.
      if (p.tokens[s]?.lower === 'to' && !t.lower.endsWith('ing')) {
        for (let j = s - 1, n = 0; j >= 0 && n < 4; j--, n++) {
          const u = p.tokens[j]!;
          if (u.sentence !== sentence || u.quoted || p.text.slice(u.end, p.tokens[j + 1]!.start).includes(',')) break;
          if (this.owner(pi, j) >= 0 || PRONOUNS.has(u.lower)) {
            s = j;
            break;
          }
        }
      }
      // "the payments reflected “…”", "the data suggests": verbs that also take things as subjects report no speech when
      // their subject is a lower-case common noun, not a person, role or pronoun; an earlier verb may still attribute.
      const subjTok = p.tokens[s];
      if (INANIMATE_OK.has(t.lower) && subjTok && subjTok.sentence === sentence && !subjTok.cap && !subjTok.quoted && this.owner(pi, s) < 0 &&
        !PRONOUNS.has(subjTok.lower) && !RELATIVES.has(subjTok.lower) && !isRoleNoun(subjTok) && !isRoleNoun(subjTok.lower.replace(/s$/, '')) && !isOrganisationHead(subjTok.lower) &&
        LETTERS_AND_HYPHENS.test(subjTok.text) && p.text.slice(subjTok.end, t.start) === ' ') continue;
      let np: Np = { person: null, compound: [] };
      // "Patricia Okonjo (D-N.Y.) told", "Marcus Bell (R-Ky.), the top Republican …, said": a parenthetical party and
      // state after the name is skipped back over.
      if (s > 0 && p.tokens[s]?.sentence === sentence && /\)/.test(p.text.slice(p.tokens[s]!.end, (p.tokens[s + 1] ?? t).start))) {
        let o = s;
        for (let n = 0; o > 0 && n < 6 && !p.text.slice(p.tokens[o - 1]!.end, p.tokens[o]!.start).includes('('); n++) o--;
        if (o > 0 && p.text.slice(p.tokens[o - 1]!.end, p.tokens[o]!.start).includes('(') && this.owner(pi, o - 1) >= 0) s = o - 1;
      }
      const subj = p.tokens[s];
      if (t.lower.endsWith('ing') || (subj && (subj.lower === 'and' || subj.lower === 'but' || subj.quoted))) {
        // "…, adding: “…”", "He said … and warned that “…”": the verb shares the clause's subject — or, after "X said,"
        // ("Ryan and Trump will meet next week, Spicer said, adding, “…”"), that verb's named subject.
        // "Ryan saying he was “very encouraged” and Trump calling it a “great meeting”": a name right before it is its own.
        // Not an object's reduced clause: "a letter to Attorney General Loretta E. Lynch asking the department …".
        const own = t.lower.endsWith('ing') && subj && subj.sentence === sentence && joined(p, s + 1) && !subj.possessive ? this.absoluteSubject(pi, s) : -1;
        np = { person: own >= 0 ? own : t.lower.endsWith('ing') ? (this.reportingSubject(pi, k, sentence!) ?? this.discourse.currentSubject) : this.discourse.currentSubject, compound: [] };
      } else if (subj && subj.sentence === sentence && !subj.quoted) {
        // "Leanne Carter, who went to school with Kayla, said", "Sørensen, who founded the company with Ostrowski, had
        // told": a name closing a relative clause set off by commas is not the subject; the name before the clause is.
        let rel = s;
        if (this.owner(pi, s) >= 0 && /,/.test(p.text.slice(p.tokens[s]!.end, (p.tokens[s + 1] ?? t).start))) {
          for (let n = 0; rel > 0 && n < 30 && p.tokens[rel - 1]!.sentence === sentence && joined(p, rel); n++) rel--;
        }
        const relStart = p.tokens[rel]!;
        // "Sen. Claire McCaskill (D-Mo.), who has endorsed Clinton, said": back over a party tag after the name.
        let named = rel - 1;
        if (rel > 1 && this.owner(pi, named) < 0 && p.text.slice(p.tokens[named]!.end, relStart.start).includes(')')) {
          for (let n = 0; named > 0 && n < 4 && !p.text.slice(p.tokens[named - 1]!.end, p.tokens[named]!.start).includes('('); n++) named--;
          named--;
        }
        // "Mr. Trump, asked about the deaths of journalists under Mr. Putin, had said": so does a participle's clause.
        const clause = relStart.lower === 'who' || relStart.lower === 'whose' || (!relStart.cap && (/ing$/.test(relStart.lower) || isInflectedVerbPast(relStart.lower)) && isInflectedVerb(relStart));
        if (rel < s && clause && named >= 0 && this.owner(pi, named) >= 0) {
          rel = named + 1;
          let a = rel - 1;
          while (a > 0 && p.tokens[a - 1]!.sentence === sentence && this.owner(pi, a - 1) === this.owner(pi, rel - 1) && joined(p, a)) a--;
          np = this.resolveNp(pi, a, rel, false);
        } else if (this.owner(pi, s) >= 0) {
          if (this.onBehalf(pi, this.npStart(pi, s, sentence!), s + 1)) {
            return { speaker: null, compound: [], verb: t.lower, addressee: this.addresseeAfter(pi, k), source: 'before', verbDistance: end - k };
          }
          let a = s;
          // Back over the name (and a coordinated one), not over a comma: "A spokeswoman for Ward, Jenna Liu, said".
          while (a > 0 && p.tokens[a - 1]!.sentence === sentence && (this.owner(pi, a - 1) >= 0 || p.tokens[a - 1]!.lower === 'and') && !p.tokens[a - 1]!.quoted && joined(p, a)) a--;
          // "Chancellor Friedrich Merz and French President Emmanuel Macron called": a title between "and" and the
          // second name does not hide the first; both are the subject.
          let c = a;
          for (let n = 0; c > 0 && n < 4 && this.owner(pi, c - 1) < 0 && p.tokens[c - 1]!.sentence === sentence && !p.tokens[c - 1]!.quoted && joined(p, c) && (p.tokens[c - 1]!.cap || isRoleNoun(p.tokens[c - 1]!)) && !p.tokens[c - 1]!.possessive && p.tokens[c - 1]!.lower !== 'and'; n++) c--;
          if (c < a && c > 1 && p.tokens[c - 1]!.lower === 'and' && joined(p, c) && this.owner(pi, c - 2) >= 0 && this.owner(pi, c - 2) !== this.owner(pi, s) && joined(p, c - 1)) {
            a = c - 2;
            while (a > 0 && p.tokens[a - 1]!.sentence === sentence && this.owner(pi, a - 1) === this.owner(pi, c - 2) && joined(p, a)) a--;
          }
          np = this.resolveNp(pi, a, s + 1, false);
          // "Mr. Frum, a former speechwriter for George W. Bush, wrote": a name ending an appositive after a preposition
          // is the appositive's object; the name before the appositive is the subject.
          const head = this.appositiveHead(pi, a, sentence!);
          if (head !== null) np = { person: head, compound: [] };
        } else if (p.text.slice(subj.end, p.tokens[s + 1]!.start).includes(',')) {
          // "Wang Yi, China’s top diplomat, vowed", "Sen. Carla Ward, R-Ariz., one of its negotiators, called": skip
          // back over up to three appositives to the name before them.
          let c = s;
          for (let seg = 0; seg < 3; seg++) {
            // "Sen. Marcus Bell (R-Ky.), the top Republican …, said": a parenthetical after the name ends the walk.
            for (let n = 0; c > 0 && n < 30 && p.tokens[c - 1]!.sentence === sentence && joined(p, c) && !this.parenAfterName(pi, c); n++) c--;
            if (c > 0 && this.parenAfterName(pi, c)) break;
            if (c === 0 || p.tokens[c - 1]!.sentence !== sentence || this.owner(pi, c - 1) >= 0) break;
            c--;
          }
          if (c > 0 && p.tokens[c - 1]!.sentence === sentence && this.owner(pi, c - 1) >= 0) {
            let a = c - 1;
            while (a > 0 && p.tokens[a - 1]!.sentence === sentence && (this.owner(pi, a - 1) >= 0 || p.tokens[a - 1]!.lower === 'and') && joined(p, a)) a--;
            // "An aide to Moreau, who asked not to be named, said": the name is whom the unnamed speaker works for.
            if (this.onBehalf(pi, this.npStart(pi, a, sentence!), c)) {
              return { speaker: null, compound: [], verb: t.lower, addressee: this.addresseeAfter(pi, k), source: 'before', verbDistance: end - k };
            }
            np = this.resolveNp(pi, a, c, a === 0 || p.tokens[a]!.start === p.sentences[sentence!]!.start);
          } else if (c < s && (c === 0 || p.tokens[c - 1]!.sentence !== sentence)) {
            // "Rep. Chip Roy of Texas, a leading member of the Freedom Caucus, said": the walk reached the sentence
            // start; the first name in the opening segment, before any verb and followed by its affiliation or the
            // comma, is the subject.
            for (let x = c; x < s; x++) {
              const t = p.tokens[x]!;
              if (t.quoted || (x > c && !joined(p, x)) || (!t.cap && isVerbWord(t))) break;
              const id = this.owner(pi, x);
              if (id < 0) continue;
              let e = x;
              while (e + 1 < s && this.owner(pi, e + 1) === id) e++;
              const after = p.tokens[e + 1];
              const gap = after ? p.text.slice(p.tokens[e]!.end, after.start) : '';
              if (!p.tokens[e]!.possessive && after && (gap.includes(',') || (gap === ' ' && (after.lower === 'of' || after.lower === 'from' || after.lower === 'at')))) np = { person: id, compound: [] };
              break;
            }
          }
        } else if (PRONOUNS.has(subj.lower)) {
          const prev = p.tokens[s - 1];
          const subjectPosition = !prev || prev.sentence !== sentence || /[,;:]\s*$/.test(p.text.slice(prev.end, subj.start)) || prev.lower === 'and' || prev.lower === 'but';
          np = { person: this.discourse.resolvePronoun(subj.lower, pi, s, subjectPosition && !RELATIVES.has(prev?.lower ?? '')), compound: [] };
        } else if (RELATIVES.has(subj.lower) && s > 0) {
          let id = this.owner(pi, s - 1);
          // "Gideon Strand, the CEO of Lexwise, who said": the relative refers back over an appositive to the name.
          if (id < 0 && !joined(p, s)) {
            let c = s - 1;
            for (let n = 0; c > 0 && n < 12 && p.tokens[c - 1]!.sentence === sentence && joined(p, c); n++) c--;
            if (c > 0 && !joined(p, c) && p.tokens[c - 1]!.sentence === sentence) id = this.owner(pi, c - 1);
          }
          np = { person: id >= 0 ? id : null, compound: [] };
        } else if (isRoleNoun(subj) || AGE.test(subj.lower)) {
          let a = s;
          while (a > 0 && s - a < 4 && p.tokens[a - 1]!.sentence === sentence && p.tokens[a]!.lower !== 'the') a--;
          if (this.onBehalf(pi, this.npStart(pi, s, sentence!), s + 1)) {
            return { speaker: null, compound: [], verb: t.lower, addressee: this.addresseeAfter(pi, k), source: 'before', verbDistance: end - k };
          }
          if (p.tokens[a]!.lower === 'the') np = this.resolveNp(pi, a, s + 1, false);
        }
        if (np.person === null && !np.compound.length) np = { person: this.affiliatedSubject(pi, s, sentence!) ?? this.unclosedAppositive(pi, s, sentence!), compound: [] };
        // "the central bank said in its report that …", "Harbor Bank noted": an organisation or document as subject.
        if (np.person === null && !np.compound.length && !np.organisation) {
          np = { person: null, compound: [], organisation: organisationName(p, this.npStart(pi, s, sentence!), s + 1, (x) => this.owner(pi, x)) };
        }
      }
      let thatClause = false;
      for (let j = k + 1; j < end; j++) if (p.tokens[j]!.lower === 'that' && !p.tokens[j]!.quoted) thatClause = true;
      const between = p.text.slice(t.end, p.tokens[end]?.start ?? p.text.length);
      const unbroken = !/[,;:—–―]/.test(between);
      const result: Attribution = { speaker: np.person, compound: np.compound, organisation: np.organisation ?? null, verb: t.lower, addressee: this.addresseeAfter(pi, k), source: 'before', verbDistance: end - k, thatClause, unbroken };
      if (pending) {
        // "Malik said negotiators had agreed on “…”": the unnamed subject's verb sits in the complement of a named
        // speaker's verb (nothing breaks the clause between them), so the words are the named speaker's report.
        return result.speaker !== null && !/[,;:—–―]/.test(p.text.slice(t.end, pending.from)) ? result : pending.attribution;
      }
      // So does a relative clause's verb whose antecedent names nobody: "the way it disparaged women who complained
      // about … ''would be …''" after "Stevens … said".
      if (result.speaker === null && !result.compound.length && subj && subj.sentence === sentence && !subj.cap && !subj.quoted &&
        !PRONOUNS.has(subj.lower) && LETTERS_ONLY.test(subj.text)) {
        pending = { attribution: result, from: subj.start };
        continue;
      }
      return result;
    }
    return pending ? pending.attribution : null;
  }

  /**
   * "Kapoor told her the government would not change course": an object "him"/"her" right after a verb whose subject is
   * the sentence subject refers to someone else (a possessive "her party" is followed by a noun, not a function word).
   */
  noteObjectPronouns(pi: number, si: number, subject: number | null): void {
    if (subject === null) return;
    const p = this.doc[pi]!;
    const s = p.sentences[si]!;
    for (let k = tokenAt(p.tokens, s.start) + 1, n = 0; k < p.tokens.length && p.tokens[k]!.start < s.end && n < 40; k++, n++) {
      const t = p.tokens[k]!;
      if (t.quoted || (t.lower !== 'him' && t.lower !== 'her')) continue;
      const prev = p.tokens[k - 1]!;
      if (prev.quoted || !isVerbWord(prev) || p.text.slice(prev.end, t.start) !== ' ') continue;
      const next = p.tokens[k + 1];
      const gap = next ? p.text.slice(t.end, next.start) : '';
      if (t.lower === 'her' && next && next.sentence === t.sentence && gap === ' ' && !isFunctionWord(next) && !next.quoted) continue;
      // Only a clause-mate: the subject's name right before the verb ("Kapoor told her", "Kapoor later told her").
      let b = k - 2;
      while (b >= 0 && VERB_FILLERS.has(p.tokens[b]!.lower)) b--;
      if (b < 0 || this.owner(pi, b) !== subject) continue;
      this.discourse.objectPronoun(subject, t.lower === 'him' ? 'm' : 'f', pi, k);
      return;
    }
  }

  /**
   * A sentence opening with an unnamed person as its subject: "A farmer in Medan, who declined to be named, …", "One
   * resident …", "My father …". The gender its noun gives ("a mother", "her son"), null when it gives none; undefined
   * when the subject is no such person.
   */
  unnamedSubject(pi: number, si: number): Gender | undefined {
    const p = this.doc[pi]!;
    const k0 = tokenAt(p.tokens, p.sentences[si]!.start);
    const first = p.tokens[k0];
    if (!first || first.quoted || first.sentence !== si || !UNNAMED_OPENERS.has(first.lower)) return undefined;
    // Up to four words to the noun, organisations' names among them: "An NBA scout", "A Goldman Sachs analyst".
    for (let k = k0 + 1; k < p.tokens.length && k - k0 <= 4; k++) {
      const t = p.tokens[k]!;
      if (t.quoted || t.sentence !== si || !joined(p, k) || this.owner(pi, k) >= 0) return undefined;
      if (t.cap) continue;
      if (PERSON_NOUNS.has(t.lower) || isRoleNoun(t) || UNNAMED_PEOPLE.has(t.lower)) {
        return FEMALE_WORDS.has(t.lower) ? 'f' : MALE_WORDS.has(t.lower) ? 'm' : null;
      }
    }
    return undefined;
  }

  /** Sentence subject for the discourse: the first person named outside quotations who is followed by a verb. */
  sentenceSubject(pi: number, si: number): number | null {
    const p = this.doc[pi]!;
    const s = p.sentences[si]!;
    for (let k = tokenAt(p.tokens, s.start); k < p.tokens.length && p.tokens[k]!.start < s.end; k++) {
      const t = p.tokens[k]!;
      if (t.quoted) continue;
      const id = this.owner(pi, k);
      if (id < 0) {
        const atStart = k === tokenAt(p.tokens, s.start);
        if ((t.lower === 'he' || t.lower === 'she') && atStart) return this.discourse.resolvePronoun(t.lower, pi, k, true);
        if (t.lower === 'the' && atStart) {
          // "The minister rejected that account."
          let e = k + 1;
          while (e < p.tokens.length && e - k <= 4 && !isRoleNoun(p.tokens[e]!)) e++;
          const verb = p.tokens[e + 1];
          if (e < p.tokens.length && e - k <= 4 && verb && (isVerbWord(verb) || AUXILIARIES.has(verb.lower) || /ed$/.test(verb.lower))) {
            const found = this.description(pi, k, e + 1);
            if (found !== null) return found;
          }
        }
        continue;
      }
      // "Mark Delaney's lawyer, Susan Price, said": a name whose last word is possessive owns the subject, is not it.
      let e = k;
      while (e + 1 < p.tokens.length && this.owner(pi, e + 1) === id && !p.tokens[e]!.possessive) e++;
      if (p.tokens[e]!.possessive) {
        k = e;
        continue;
      }
      // A name opening the sentence (after at most a title: "President Joe Biden on Friday urged") is its subject.
      const lead = p.text.slice(s.start, t.start);
      if (!LOWER_OR_DIGIT_WORD.test(lead) && !lead.includes(',')) return id;
      let n = k + 1;
      while (n < p.tokens.length && this.owner(pi, n) === id) n++;
      const next = p.tokens[n];
      if (!next || next.quoted) continue;
      if (p.text.slice(p.tokens[n - 1]!.end, next.start).includes(',')) return id; // appositive follows the subject
      let m = n;
      while (m < p.tokens.length && VERB_FILLERS.has(p.tokens[m]!.lower)) m++;
      const verb = p.tokens[m];
      if (verb && (AUXILIARIES.has(verb.lower) || ((isVerbWord(verb) || /ed$/.test(verb.lower)) && !isFunctionWord(verb)))) return id;
    }
    return this.leadingSubject(pi, si);
  }

  /**
   * "Her co-author, the economist Obinna Chukwu of the LSE, offered …": a person inside the noun phrase that opens the
   * sentence, before any verb, and not the object of a preposition.
   */
  private leadingSubject(pi: number, si: number): number | null {
    const p = this.doc[pi]!;
    const s = p.sentences[si]!;
    for (let k = tokenAt(p.tokens, s.start), n = 0; k < p.tokens.length && p.tokens[k]!.start < s.end && n < 24; k++, n++) {
      const t = p.tokens[k]!;
      if (t.quoted) return null;
      const id = this.owner(pi, k);
      if (id >= 0) {
        const prev = p.tokens[k - 1];
        let e = k;
        while (e + 1 < p.tokens.length && this.owner(pi, e + 1) === id && !p.tokens[e]!.possessive) e++;
        if (p.tokens[e]!.possessive || (prev && prev.sentence === t.sentence && !prev.cap && LEAD_PREPOSITIONS.has(prev.lower))) return null;
        return id;
      }
      if (!t.cap && (isInflectedVerb(t) || AUXILIARIES.has(t.lower) || PRONOUNS.has(t.lower) || RELATIVES.has(t.lower))) return null;
    }
    return null;
  }
}
