import type { DocParagraph } from './document.ts';
import { isAdjective, isFunctionWord, isRoleNoun, isVerbWord } from './lexicon.ts';
import type { QuoteText } from './quote-text.ts';
import { isAdverb, tokenAt, type Attribution } from './attribution.ts';
import { wordsOf } from './tokens.ts';
import type { QuoteKind } from './types.ts';
import { ADDRESSEE_VERBS, LABEL_CUES, SPEECH_VERBS } from './word-lists.ts';

/** Where a quotation sits in its sentence: the shape cues that separate speech from labels. */
export interface QuoteShape {
  words: number;
  /** Nothing but punctuation between the sentence start and the opening mark. */
  sentenceInitial: boolean;
  /** Opened right after a colon or a speech verb with a comma: `said: “…”`, `said, “…”`. */
  introduced: boolean;
  /** A lower-case noun right after the closing mark: a “no limits” partnership. */
  modifiesNoun: boolean;
  /** Preceded by "so-called", "dubbed", "known as" … */
  labelCue: boolean;
  /** Preceded by a cue that only ever introduces a label: "so-called", "known as", "nicknamed", "titled". */
  strongLabel: boolean;
  /** Every longer word capitalised: a title (“The Crown”). */
  titleCase: boolean;
  /** Nothing in the paragraph outside quotations but punctuation. */
  paragraphIsQuote: boolean;
  /** A capitalised nickname between two name parts: Dele “Big Dee” Adebanjo. */
  insideName: boolean;
  /** Title case right after a common noun, as its name: a new single, “Ninety Miles,”; the film “Salt Roads”. */
  namesNoun: boolean;
  /**
   * Opened as the complement of a report: after "that" (warned that “…”), or after "as" with a verb's object before
   * it (described the plan as a “…”, portrayed him as “…”), not "known as" or "such as".
   */
  reportedLead: boolean;
  /**
   * A speech verb stands outside quotation marks in the quotation's sentence, within CLAUSE_REACH words of the opening
   * mark: the quoted words sit in a report (he said the deal was “hopeless”), whoever the parser found as speaker.
   */
  clauseVerb: boolean;
  /** Opened right after `=`: an attribute value of markup left in the text (`author="…"`), never speech. */
  markupValue: boolean;
}

/** Cues that introduce a label and never speech (unlike "called", which also reports words: called it “a disgrace”). */
const STRONG_LABEL_CUES = new Set(['so-called', 'nicknamed', 'titled', 'entitled', 'hashtag', 'slogan', 'motto']);


/** Plural subjects that speak: "what critics called …". */
const CALLERS = new Set(['critics', 'opponents', 'supporters', 'officials', 'analysts', 'prosecutors', 'investigators', 'activists', 'residents', 'campaigners', 'protesters', 'protestors', 'lawmakers', 'economists', 'experts', 'scientists', 'researchers', 'doctors', 'lawyers', 'diplomats', 'observers', 'rivals', 'detractors', 'allies', 'aides', 'sources', 'witnesses']);

/** Objects of "called" that make it a verdict on something already named: called it/them/this/that “…”. */
const CALLED_OBJECTS = new Set(['it', 'them', 'this', 'that', 'these', 'those']);

/** Words after which a quoted verb opens a verb phrase: "to “accelerate”", "would “make …”". */
const VERB_OPENERS = new Set(['to', 'would', 'will', 'could', 'can', 'should', 'must', 'might', 'may', 'shall']);

/** Words before "as" that make it name or list things rather than report a verdict: known as, such as. */
const AS_LABELS = new Set(['known', 'such', 'so', 'same', 'referred']);

/** Determiners and possessives between "that"/"as" and the quotation: as a “…”, that his “…”. */
const LEAD_DETERMINERS = new Set(['a', 'an', 'the', 'his', 'her', 'their', 'its', 'our', 'being']);

/** See QuoteShape.reportedLead. */
function reportedLead(p: DocParagraph, open: number): boolean {
  let k = tokenAt(p.tokens, open) - 1;
  const sentence = p.tokens[k]?.sentence;
  if (k >= 0 && LEAD_DETERMINERS.has(p.tokens[k]!.lower)) k--;
  const t = p.tokens[k];
  if (!t || t.quoted || t.sentence !== sentence || /[,;:—–―()]/.test(p.text.slice(t.end, open))) return false;
  if (t.lower === 'that') return true;
  if (t.lower !== 'as') return false;
  const before = p.tokens[k - 1];
  return before !== undefined && !before.quoted && before.sentence === sentence && !AS_LABELS.has(before.lower) && !isFunctionWord(before);
}

/** The sentence holding offset `pos` (binary search: a paragraph may hold thousands). */
export function sentenceAt(p: DocParagraph, pos: number): DocParagraph['sentences'][number] {
  let lo = 0, hi = p.sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.sentences[mid]!.start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return p.sentences[lo]!;
}

/** What may stand between "said" and its words: said in a statement, said on Tuesday, said later. */
const SAID_LINKS = new Set(['in', 'on', 'at', 'during', 'after', 'before', 'from', 'to', 'via', 'through', 'later', 'earlier', 'afterwards', 'yesterday', 'today', 'last', 'this', 'when']);

/** Opens with a capital letter. */
const UPPER_START = /^\p{Lu}/u;

/**
 * `told reporters, “We will …”`, `said in a statement, “…”`: a speech verb a few words back, its object or a
 * phrase of time or place after it, then a comma or colon and a quotation that opens like a sentence.
 */
function verbThenComma(p: DocParagraph, open: number, text: string): boolean {
  if (!UPPER_START.test(text) || !/[,:]\s*$/.test(p.text.slice(Math.max(0, open - 3), open))) return false;
  const at = tokenAt(p.tokens, open);
  const sentence = p.tokens[at - 1]?.sentence;
  for (let k = at - 2, n = 1; k >= 0 && n <= 5; k--, n++) {
    const t = p.tokens[k]!;
    if (t.quoted || t.sentence !== sentence || p.text.slice(t.end, p.tokens[k + 1]!.start).includes(',')) return false;
    if (!SPEECH_VERBS.has(t.lower)) continue;
    // A verb with the person spoken to (told reporters, asked the panel) or a phrase of time or place after "said".
    return ADDRESSEE_VERBS.has(t.lower) || SAID_LINKS.has(p.tokens[k + 1]!.lower);
  }
  return false;
}

/** How far (in words, each way) a speech verb still governs quoted words in its sentence (QuoteShape.clauseVerb). */
const CLAUSE_REACH = 15;

/** See QuoteShape.clauseVerb. */
function clauseVerb(p: DocParagraph, open: number): boolean {
  const at = tokenAt(p.tokens, open);
  const sentence = p.tokens[at]?.sentence ?? p.tokens[at - 1]?.sentence;
  for (const step of [-1, 1]) {
    for (let k = step < 0 ? at - 1 : at, n = 0; k >= 0 && k < p.tokens.length && n < CLAUSE_REACH; k += step, n++) {
      const t = p.tokens[k]!;
      if (t.sentence !== sentence) break;
      if (!t.quoted && SPEECH_VERBS.has(t.lower)) return true;
    }
  }
  return false;
}

/** A letter or a digit. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export function quoteShape(q: QuoteText, doc: DocParagraph[]): QuoteShape {
  const words = wordsOf(q.text);
  const firstPart = q.span.parts[0]!;
  const lastPart = q.span.parts[q.span.parts.length - 1]!;
  const p = doc[firstPart.paragraph]!;
  const open = firstPart.openMark >= 0 ? firstPart.openMark : 0;
  const sentence = sentenceAt(p, open);
  const lead = p.text.slice(sentence.start, open);
  const sentenceInitial = !LETTER_OR_DIGIT.test(lead);
  const trimmedLead = lead.trimEnd();
  const prevTok = p.tokens[tokenAt(p.tokens, open) - 1];
  // Set off by dashes as a statement of its own: "offered a blunter assessment — “The pledges …” — and said".
  const lastPartText = doc[lastPart.paragraph]!.text;
  const dashIntroduced = /[—–―]$/.test(trimmedLead) && UPPER_START.test(q.text) && (lastPart.closeMark < 0 || /^\s*(?:[—–―]|$)/.test(lastPartText.slice(lastPart.closeMark + 1, lastPart.closeMark + 4)));
  const introduced =
    trimmedLead.endsWith(':') ||
    dashIntroduced ||
    verbThenComma(p, open, q.text) ||
    (prevTok !== undefined && !prevTok.quoted && SPEECH_VERBS.has(prevTok.lower) && /^[\s,:]*$/.test(p.text.slice(prevTok.end, open)) && UPPER_START.test(q.text) &&
      // "a scheme called “Streets for People”": a naming verb with no comma or colon names, it does not introduce.
      !(LABEL_CUES.has(prevTok.lower) && p.text.slice(prevTok.end, open) === ' '));
  let labelCue = false;
  let strongLabel = false;
  for (let k = tokenAt(p.tokens, open) - 1, n = 0; k >= 0 && n < 2; k--, n++) {
    const t = p.tokens[k]!;
    // "what prosecutors called “…”", "a plan she called “…”": someone calling it so is speaking; "a policy called “…”"
    // (no one doing the calling) is a label.
    const caller = p.tokens[k - 1];
    const someoneCalls = (t.lower === 'called' || t.lower === 'calls') && caller !== undefined && !caller.quoted && caller.sentence === t.sentence && p.text.slice(caller.end, t.start) === ' ' &&
      (['he', 'she', 'they', 'we', 'i'].includes(caller.lower) || isRoleNoun(caller) || isRoleNoun(caller.lower.replace(/s$/, '')) || CALLERS.has(caller.lower));
    // "Oxfam called it “a race to the bottom”": calling something (an object pronoun between verb and quotation) so is
    // a judgement someone voices, not the name of a thing.
    const obj = p.tokens[k + 1];
    const callsItSo = (t.lower === 'called' || t.lower === 'calls' || t.lower === 'call') && n === 1 && obj !== undefined && CALLED_OBJECTS.has(obj.lower) && p.text.slice(t.end, obj.start) === ' ';
    if ((LABEL_CUES.has(t.lower) && !someoneCalls && !callsItSo) || (t.lower === 'as' && p.tokens[k - 1]?.lower === 'known')) labelCue = true;
    if (STRONG_LABEL_CUES.has(t.lower) || (t.lower === 'as' && p.tokens[k - 1]?.lower === 'known')) strongLabel = true;
  }
  let modifiesNoun = false;
  const lp = doc[lastPart.paragraph]!;
  if (lastPart.closeMark >= 0 && lp.text[lastPart.closeMark + 1] === ' ') {
    const next = lp.tokens[tokenAt(lp.tokens, lastPart.closeMark + 1)];
    // An adverb or an adverb-led verb cannot modify a noun: would “almost certainly” sign, “categorically denies” billing.
    const lastWord = (words[words.length - 1] ?? '').toLowerCase();
    const firstWord = (words[0] ?? '').toLowerCase();
    const adverbial = isAdverb(lastWord) || (words.length === 2 && isAdverb(firstWord) && /s$/.test(lastWord) && isVerbWord(lastWord)) ||
      // “never accept”, “not tolerate”: a negated verb is what someone said they would (not) do.
      (words.length === 2 && (firstWord === 'never' || firstWord === 'not') && isVerbWord(lastWord)) ||
      // "ready to “accelerate” negotiations", "would “make the numbers disappear” weeks before": a verb phrase after
      // "to" or a modal; the word after it is its object or an adverbial, not a noun it labels.
      (VERB_OPENERS.has(prevTok?.lower ?? '') && isVerbWord(firstWord));
    if (next && next.start === lastPart.closeMark + 2 && !next.cap && !adverbial && !isFunctionWord(next) && !isVerbWord(next) && !isAdjective(next) && !/(?:ed|ly|able|ible|ous|ful|less|ive)$/.test(next.lower)) {
      modifiesNoun = true;
    }
  }
  const long = words.filter((w) => w.length >= 4);
  const titleCase = long.length > 0 && long.every((w) => UPPER_START.test(w));
  const paragraphIsQuote = q.span.parts.length > 1 ? true : !p.wordsOutsideQuotes;
  let insideName = false;
  if (q.span.parts.length === 1 && firstPart.closeMark >= 0 && words.length <= 3 && words.every((w) => UPPER_START.test(w)) && p.text[open - 1] === ' ' && p.text[firstPart.closeMark + 1] === ' ') {
    const before = prevTok;
    const after = p.tokens[tokenAt(p.tokens, firstPart.closeMark + 1)];
    insideName = before !== undefined && after !== undefined && before.cap && after.cap && !before.quoted && !after.quoted && before.end === open - 1 && after.start === firstPart.closeMark + 2 && !isFunctionWord(before) && !isFunctionWord(after);
  }
  const gapBefore = prevTok ? p.text.slice(prevTok.end, open) : '';
  const namesNoun =
    titleCase && !sentenceInitial && words.length <= 6 && prevTok !== undefined && !prevTok.quoted && !prevTok.cap &&
    (gapBefore === ' ' || gapBefore === ', ') && !SPEECH_VERBS.has(prevTok.lower) && !isFunctionWord(prevTok) && !isVerbWord(prevTok);
  const markupValue = /=\s*$/.test(p.text.slice(Math.max(0, open - 2), open));
  return { clauseVerb: clauseVerb(p, open), markupValue, reportedLead: reportedLead(p, open), words: words.length, sentenceInitial, introduced, modifiesNoun, labelCue, strongLabel, titleCase, paragraphIsQuote, insideName, namesNoun };
}

/**
 * direct: a statement set off on its own (opens the sentence or follows a colon) and attributed or sentence-like.
 * scare: a label — short, not governed by a speech verb, or glued to a noun, or introduced as "so-called".
 * partial: the rest — the speaker's words woven into the writer's sentence.
 */
export function classifyKind(q: QuoteText, shape: QuoteShape, a: Attribution): QuoteKind {
  // A long "that" clause still carries a named speaker's words: "X told Y during a call on Monday that … was “…”" —
  // and an unnamed source's (a company, a ministry) when nothing breaks the clause: "The company said in a statement
  // that it would comply … and did not expect a “meaningful near-term impact”".
  const longThat = a.thatClause === true && a.verbDistance <= 30 && (a.speaker !== null || a.unbroken === true);
  const spoken = a.source === 'after' || (a.source === 'before' && (a.verbDistance <= 14 || longThat)) || a.source === 'echo';
  const multi = q.span.parts.length > 1;
  if (shape.insideName || shape.namesNoun) return 'scare';
  if ((shape.sentenceInitial || shape.introduced) && (a.source === 'after' || shape.introduced || q.endsWithPunct || shape.words >= 4 || multi || shape.paragraphIsQuote)) {
    if (!(shape.words <= 3 && !spoken && !q.endsWithPunct && !shape.introduced)) return 'direct';
  }
  if (shape.markupValue) return 'scare';
  if (shape.labelCue && shape.words <= 6 && a.speaker === null) return 'scare';
  // Words quoted inside an attributed statement are the source's, however short: He called the plan “a disaster”,
  // she warned that the bill was “dead on arrival”. A label needs a "so-called" or a noun after it to stay one there.
  // A speech verb far before the quotation still governs it when nothing breaks the clause or it names a person; "The
  // band said in a statement that …, following criticism of “dynamic pricing”" is the writer's label.
  const attributed = a.verb !== null && (a.source === 'after' || (a.source === 'before' && (a.verbDistance <= 14 || a.unbroken === true || a.speaker !== null)));
  if (!shape.strongLabel && !shape.modifiesNoun && (shape.reportedLead || attributed)) return 'partial';
  // "the so-called “peace dividend”", "the bill, known as the “Kids Online Safety Act”": a label, whoever is talking.
  if (shape.strongLabel && shape.words <= 6 && !shape.introduced) return 'scare';
  // A label is one phrase ("no limits" partnership); coordinated modifiers inside a named person's reported speech are
  // their words: he said it backed "sensible, targeted" rules, she promised a "leaner, faster" company.
  const coordinated = shape.words <= 3 && /,|\s(?:and|or|but)\s/.test(q.text);
  if (shape.modifiesNoun && shape.words <= 4 && !(coordinated && spoken && a.speaker !== null)) return 'scare';
  // `in-report`: quoted words, not a title nor glued to a noun, in a sentence whose speech verb stands outside the
  // marks (within CLAUSE_REACH words) are the reported speaker's, even where no attribution rule found who: "the
  // senator, who said the bill was “dead”, left", "“Brutal,” the coach later said of the loss".
  if (!shape.strongLabel && !shape.titleCase && shape.clauseVerb) return 'partial';
  if (shape.words <= 3 && !spoken) return 'scare';
  if (shape.titleCase && !spoken && shape.words <= 8) return 'scare';
  return 'partial';
}
