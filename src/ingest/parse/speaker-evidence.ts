import type { Attribution } from './attribution.ts';
import type { QuoteTrace } from './quote-analysis.ts';
import type { SpeakerExplanation } from './types.ts';

/**
 * Who said a quotation is decided by weighing candidates, not by the first rule that answers. Each way of finding a
 * speaker is a rule with an id and a base weight; evidence about the quotation adds or takes away weight; the
 * candidate with the highest score wins (the earlier listed on a tie). A candidate may name nobody (a speech verb
 * whose subject is no person or organisation: "a source familiar with the talks said"): when it wins, the quotation
 * has a speaker the text does not name.
 *
 * To add a rule: give it an id and a weight here, with a real example, produce its candidate in quote-analysis.ts,
 * and check `npm run eval:corpus -- ../shared/corpus/polnear/train` and the fixture floors (docs/parser.md).
 */
export const SPEAKER_RULES = {
  /** "X said: “…”", "He added that … “…”", "according to X, “…”": the speech verb before the quotation. */
  before: 2.0,
  /** "Castellanos: ‘…’", "offered a blunter assessment — “…” —": a colon or a dash and no verb. */
  'colon-or-dash': 1.6,
  /** "“…,” Wang said", "“…,” said Jane Smith, an analyst", "…”, according to NAME". */
  after: 1.0,
  /** "“Boots on the ground” would be appropriate, candidate Ben Carson said after the attacks." */
  'sentence-final': 1.2,
  /** "Okafor said rate rises had begun to work. “The worst is behind us.”": the speaker kept from before. */
  inherited: 0.5,
  /** A paragraph that is only a quotation, signed by the next one: "-President Obama, tweeting after the speech." */
  'signed-below': 0.5,
  /**
   * "Ramos believes in journalism that “takes sides”", "Gore insisted it was premature, while adding, “…”": a quotation
   * inside a sentence whose subject is a person, where no rule names anyone, is that person's words. Above a candidate
   * that names nobody after a verb before the quotation (0.5), below one set off and signed by nobody (1.0).
   */
  'sentence-subject': 0.6,
} as const;

/** Evidence for or against a candidate, added to its rule's weight when it fires. */
export const SPEAKER_EVIDENCE = {
  /** A quotation opening its sentence or set off by a comma, "?", "!" or a dash is followed by its attribution. */
  'set-off-then-attributed': 1.5,
  /** "X told Y that the bloc's patience was “not unlimited”, according to two people briefed": the named subject of the
   * verb before said the words; the trailing "according to" only sources the report. */
  'according-to-sources-the-report': -1.0,
  /** A speech verb whose subject is no one the text names: weaker than a rule that finds someone. */
  'names-nobody': -1.5,
} as const;

export type SpeakerRule = keyof typeof SPEAKER_RULES;
export type SpeakerEvidence = keyof typeof SPEAKER_EVIDENCE;

export interface Candidate {
  rule: SpeakerRule;
  attribution: Attribution;
  evidence: SpeakerEvidence[];
  score: number;
}

export const namesSomeone = (a: Attribution): boolean => a.speaker !== null || a.compound.length > 0 || !!a.organisation;

export function candidate(rule: SpeakerRule, attribution: Attribution, evidence: SpeakerEvidence[]): Candidate {
  if (!namesSomeone(attribution)) evidence.push('names-nobody');
  let score: number = SPEAKER_RULES[rule];
  for (const e of evidence) score += SPEAKER_EVIDENCE[e];
  return { rule, attribution, evidence, score };
}

/** The highest score; the first listed on a tie. */
export function winner(candidates: Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const c of candidates) if (!best || c.score > best.score) best = c;
  return best;
}

/** The trace as the dry-run JSON prints it, people by name. */
export function explainSpeaker(trace: QuoteTrace, nameOf: (id: number) => string | null): SpeakerExplanation {
  return {
    candidates: trace.candidates.map((c) => ({
      rule: c.rule,
      weight: SPEAKER_RULES[c.rule],
      evidence: c.evidence.map((id) => ({ id, weight: SPEAKER_EVIDENCE[id] })),
      score: Math.round(c.score * 100) / 100,
      speaker: c.attribution.speaker !== null ? nameOf(c.attribution.speaker) : c.attribution.compound.length ? c.attribution.compound.map(nameOf).join(' and ') : (c.attribution.organisation ?? null),
      verb: c.attribution.verb,
    })),
    winner: trace.winner,
    after: trace.after ?? null,
  };
}
