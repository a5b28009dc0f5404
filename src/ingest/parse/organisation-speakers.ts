import type { AnalysedQuote } from './quote-analysis.ts';
import type { ParsedPerson } from './types.ts';

/** Lower-case letters only. */
const LOWER_ONLY = /^\p{Ll}+$/u;
/** Opens with a capital letter. */
const UPPER_START = /^\p{Lu}/u;

/**
 * Lists the organisations, documents and groups that quotations are attributed to as entries of `people` with kind
 * 'organisation' (appended after the people, in order of first quotation), and returns each quotation's organisation
 * speaker by name (null where a person or nobody spoke). "Harbor Bank said …" then "the bank said …": a bare noun that
 * is the last word of an organisation already listed is that organisation.
 */
export function organisationSpeakers(analysed: AnalysedQuote[], people: ParsedPerson[]): Array<string | null> {
  const byKey = new Map<string, ParsedPerson>();
  const taken = new Set(people.map((p) => p.name.toLowerCase()));
  return analysed.map((a) => {
    if (a.speaker !== null || !a.organisation || a.kind === 'scare') return null;
    let name = a.organisation;
    // Only the bare noun: "the central bank" is not Harbor Bank.
    if (LOWER_ONLY.test(name)) {
      const head = name;
      const named = [...byKey.values()].find((o) => UPPER_START.test(o.name) && o.name.toLowerCase().split(/\s+/).pop() === head);
      if (named) name = named.name;
    }
    const key = name.toLowerCase();
    // An organisation named like a person of the article would make its speaker ambiguous: a person's name wins.
    if (taken.has(key) && !byKey.has(key)) return null;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { name, role: null, aliases: [], paragraphs: [], kind: 'organisation', pronoun: null };
      byKey.set(key, entry);
      people.push(entry);
    }
    const paragraph = a.quote.firstParagraph + 1;
    if (!entry.paragraphs.includes(paragraph)) entry.paragraphs.push(paragraph);
    return entry.name;
  });
}
