import { Attributor, type Attribution } from './attribution.ts';
import type { DocParagraph } from './document.ts';
import type { PeopleResult } from './people.ts';
import { classifyKind, quoteShape } from './quote-kind.ts';
import type { QuoteText } from './quote-text.ts';
import { wordsOnly } from './tokens.ts';
import type { QuoteKind } from './types.ts';
import { candidate, namesSomeone, winner, type Candidate, type SpeakerEvidence, type SpeakerRule } from './speaker-evidence.ts';
import { SPEECH_VERBS } from './word-lists.ts';

export interface AnalysedQuote {
  quote: QuoteText;
  kind: QuoteKind;
  speaker: number | null;
  verb: string | null;
  addressee: number | null;
  /** No person spoke: the organisation, document or group that did, as written (organisations.ts). */
  organisation: string | null;
  /** With `explain`: the candidates weighed, the winner, and a rule applied after reading (echo, split quotation). */
  trace?: QuoteTrace;
}

export interface QuoteTrace {
  candidates: Candidate[];
  winner: SpeakerRule | null;
  after?: 'echo' | 'split-continuation';
}

const none = (): Attribution => ({ speaker: null, compound: [], verb: null, addressee: null, source: null, verbDistance: Infinity });

/** A speech verb that takes its subject from the sentence: "went on to say", "while adding". */
const NON_FINITE = /ing$|^(?:say|tell|add|ask|note|write|argue|claim|warn|insist|explain)$/;

const normalise = (s: string): string => ` ${wordsOnly(s.toLowerCase())} `;

/** Echoes are checked against at most this many attributed quotes, so a pathological text stays linear. */
const ECHO_LIMIT = 400;

/**
 * Attributes every quotation in reading order, keeping the discourse (who the subject is) up to date sentence by
 * sentence, then resolves echoes (a partial quote repeating words someone speaks elsewhere) and decides each kind.
 */
export function analyseQuotes(doc: DocParagraph[], people: PeopleResult, quotes: QuoteText[], explain = false): { quotes: AnalysedQuote[]; pronounVotes: Map<number, { m: number; f: number }> } {
  const att = new Attributor(doc, people);
  const traces: QuoteTrace[] = [];
  const results: Attribution[] = quotes.map(none);
  const shapes = quotes.map((q) => quoteShape(q, doc));
  const startsIn: number[][] = doc.map(() => []);
  quotes.forEach((q, i) => startsIn[q.firstParagraph]!.push(i));
  let lastSpeakerOfParagraph: number | null = null;

  for (let pi = 0; pi < doc.length; pi++) {
    const p = doc[pi]!;
    const here = startsIn[pi]!.sort((a, b) => quotes[a]!.start - quotes[b]!.start);
    let qi = 0;
    let lastSpeakerHere: number | null = null;
    // "“…,” ESPN said in a statement. “…”": an organisation's quotation goes on in the next sentence as a person's does.
    let lastOrganisationHere: string | null = null;
    let lastSpeakerSentence = -1;
    // The person the previous paragraph was about when it ended ("Did she ever think of leaving? Ruth laughs."): a
    // paragraph that is only an unattributed quotation right after it is theirs (interview convention).
    const prev = att.discourse.prevSubject;
    const narrated: number | null = prev && prev.paragraph === pi - 1 && lastSpeakerOfParagraph === null ? prev.person : null;
    for (let si = 0; si < p.sentences.length; si++) {
      const s = p.sentences[si]!;
      att.discourse.currentSubject = att.sentenceSubject(pi, si);
      const unnamed = att.discourse.currentSubject === null ? att.unnamedSubject(pi, si) : undefined;
      att.noteObjectPronouns(pi, si, att.discourse.currentSubject);
      while (qi < here.length) {
        const idx = here[qi]!;
        const q = quotes[idx]!;
        const open = q.span.parts[0]!.openMark >= 0 ? q.span.parts[0]!.openMark : q.start;
        if (open >= s.end && si < p.sentences.length - 1) break;
        qi++;
        const shape = shapes[idx]!;
        const last = q.span.parts[q.span.parts.length - 1]!;
        const lp = doc[last.paragraph]!;
        const trailing = last.closeMark >= 0 ? lp.text.slice(last.closeMark - 1, last.closeMark + 2) : '';
        const setOff = /[,?!—–―]/.test(trailing[0] ?? '') || trailing[2] === ',';
        // Every rule that finds an attribution is a candidate; evidence weighs them (speaker-evidence.ts).
        const candidates: Candidate[] = [];
        const opener = shape.sentenceInitial || setOff;
        const b = att.before(q);
        // A rule that cannot outscore a 'before' naming someone is not run (unless explaining): with no set-off,
        // 'after' (1.0) and 'colon-or-dash' (1.6) stay below 'before' (2.0), whatever their evidence.
        const settled = !explain && b !== null && namesSomeone(b);
        const afterIt = settled && !opener ? null : att.after(q);
        if (b) candidates.push(candidate('before', b, []));
        const colon = settled ? null : att.introducedBy(q);
        if (colon) candidates.push(candidate('colon-or-dash', colon, []));
        if (afterIt) {
          const evidence: SpeakerEvidence[] = opener ? ['set-off-then-attributed'] : [];
          if (!shape.sentenceInitial && afterIt.verb === 'according to' && b && b.speaker !== null && (afterIt.speaker === null || b.verb !== null)) evidence.push('according-to-sources-the-report');
          candidates.push(candidate('after', afterIt, evidence));
        }
        if (!candidates.some((c) => namesSomeone(c.attribution))) {
          const final = att.sentenceFinal(q);
          if (final) candidates.push(candidate('sentence-final', final, []));
        }
        // A speech verb whose subject no rule could name ("… went on to say, “…”", "… while adding, “…”"), or none at
        // all: the sentence's subject, when a person, is the likeliest speaker.
        const subject = att.discourse.currentSubject;
        // Not where the verb is finite with a subject of its own ("a deckhand who spoke later said the boats were “…”").
        const nobody = winner(candidates)?.attribution ?? null;
        if (!shape.sentenceInitial && subject !== null && !candidates.some((c) => namesSomeone(c.attribution)) && (nobody === null || nobody.verb === null || NON_FINITE.test(nobody.verb))) {
          candidates.push(candidate('sentence-subject', { ...(nobody ?? none()), speaker: subject, source: nobody?.source ?? 'inherited' }, []));
        }
        const best = winner(candidates);
        let a: Attribution | null = best ? best.attribution : null;
        if (!a || (a.speaker === null && !a.compound.length && a.verb === null)) {
          // No attribution of its own: a quote continuing its paragraph's speaker, or a paragraph that is only a quote
          // right after one whose speaker is known.
          // "Okafor said rate rises had begun to work. “The worst is behind us.”": an unattributed quotation opening a
          // sentence after one whose subject is a person, in the same paragraph, is that person's.
          const before = att.discourse.prevSubject;
          const below = shape.paragraphIsQuote ? att.signedBelow(q) : null;
          const inherit: number | null =
            shape.sentenceInitial && lastSpeakerHere !== null ? lastSpeakerHere
            // "“…,” Bill Clinton has said. That makes her “by definition a trustworthy person.”": words quoted in the
            // sentence right after a signed quotation, with no verb of their own, go on in its speaker's voice.
            : lastSpeakerHere !== null && lastSpeakerSentence === si - 1 && !att.sentenceNamesSomeoneElse(pi, si, lastSpeakerHere) ? lastSpeakerHere
            : shape.sentenceInitial && shape.words >= 3 && before !== null && before.paragraph === pi && q.span.parts[0]!.openMark > 0 ? before.person
            : open <= 1 && lastSpeakerOfParagraph !== null && shape.sentenceInitial ? lastSpeakerOfParagraph
            : open <= 1 && shape.paragraphIsQuote && lastSpeakerHere === null && narrated !== null ? narrated
            : null;
          if (below !== null) {
            const c = candidate('signed-below', { ...none(), speaker: below, source: 'after' }, []);
            candidates.push(c);
            a = c.attribution;
          } else if (inherit !== null) {
            const c = candidate('inherited', { ...none(), speaker: inherit, source: 'inherited' }, []);
            candidates.push(c);
            a = c.attribution;
          } else if (shape.sentenceInitial && lastSpeakerHere === null && lastOrganisationHere !== null) {
            const c = candidate('inherited', { ...none(), organisation: lastOrganisationHere, source: 'inherited' }, []);
            candidates.push(c);
            a = c.attribution;
          } else a ??= none();
        }
        results[idx] = a;
        if (explain) traces[idx] = { candidates, winner: candidates.find((c) => c.attribution === a)?.rule ?? null };
        if (a.speaker === null && a.organisation) lastOrganisationHere = a.organisation;
        if (a.speaker !== null) {
          lastOrganisationHere = null;
          lastSpeakerHere = a.speaker;
          lastSpeakerSentence = si;
          att.discourse.currentSubject = a.speaker;
        }
      }
      att.discourse.endSentence(pi, unnamed);
    }
    if (here.length) lastSpeakerOfParagraph = lastSpeakerHere;
    else if (p.tokens.length) lastSpeakerOfParagraph = null;
  }

  // Echoes: the same words spoken elsewhere by a named person make this quote theirs. The attributed quotes are
  // normalised only when some quote needs an echo: most articles attribute every quotation and never look.
  let spoken: SpokenQuote[] | null = null;
  const out: AnalysedQuote[] = [];
  quotes.forEach((q, i) => {
    let a = results[i]!;
    const shape = shapes[i]!;
    if (a.speaker === null && shape.words >= 2 && (spoken ??= spokenQuotes(quotes, results)).length) {
      const needle = normalise(q.text);
      const hit = spoken.find((x) => x.i !== i && x.text.length > needle.length && x.text.includes(needle));
      if (hit && (a.compound.length ? a.compound.includes(hit.speaker) : shape.words >= 3 || a.verb !== null)) {
        a = { ...a, speaker: hit.speaker, compound: [], source: a.verb ? a.source : 'echo' };
        if (traces[i]) traces[i]!.after = 'echo';
      }
    }
    let kind = classifyKind(q, shape, a.source === null && a.speaker === null && a.verb === null ? none() : a);
    // "“We were told the same thing,” she said, “and we are still cleaning up the mess.”": the second half of a direct
    // quotation split by its attribution is direct too, and has the same speaker.
    const prev = out[i - 1];
    if (prev && prev.kind === 'direct' && kind !== 'direct' && splitContinuation(doc, prev.quote, q)) {
      kind = 'direct';
      if (a.speaker === null) {
        a = { ...a, speaker: prev.speaker };
        if (traces[i]) traces[i]!.after = 'split-continuation';
      }
    }
    if (kind === 'scare') out.push({ quote: q, kind, speaker: null, verb: null, addressee: null, organisation: null, trace: traces[i] });
    else out.push({ quote: q, kind, speaker: a.speaker, verb: a.verb, addressee: a.addressee, organisation: a.speaker === null && !a.compound.length ? (a.organisation ?? null) : null, trace: traces[i] });
  });
  return { quotes: out, pronounVotes: att.discourse.pronounVotes };
}

/** A run of letters. */
const LETTER_RUN = /[\p{L}]+/gu;

interface SpokenQuote {
  i: number;
  text: string;
  speaker: number;
}

/** The attributed quotes (at most ECHO_LIMIT), their text normalised for the echo check. */
function spokenQuotes(quotes: QuoteText[], results: Attribution[]): SpokenQuote[] {
  const out: SpokenQuote[] = [];
  for (let i = 0; i < quotes.length && out.length < ECHO_LIMIT; i++) {
    const speaker = results[i]!.speaker;
    if (speaker !== null) out.push({ i, text: normalise(quotes[i]!.text), speaker });
  }
  return out;
}

/** `“…,” she said, “…` — only a short attribution clause ending in a comma between the two quotations. */
function splitContinuation(doc: DocParagraph[], prev: QuoteText, q: QuoteText): boolean {
  const a = prev.span.parts[prev.span.parts.length - 1]!;
  const b = q.span.parts[0]!;
  if (a.paragraph !== b.paragraph || a.closeMark < 0 || b.openMark < 0 || b.openMark <= a.closeMark) return false;
  const p = doc[a.paragraph]!;
  if (!/[,—–―]/.test(p.text[a.closeMark - 1] ?? '') && p.text[a.closeMark + 1] !== ',') return false;
  const between = p.text.slice(a.closeMark + 1, b.openMark);
  if (between.length > 80 || !/,\s*$/.test(between) || /[.!?;:]/.test(between.replace(/\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|St)\.\s/g, ''))) return false;
  const words = between.toLowerCase().match(LETTER_RUN) ?? [];
  return words.length <= 10 && words.some((w) => SPEECH_VERBS.has(w));
}
