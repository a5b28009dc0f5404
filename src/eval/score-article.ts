/**
 * Scores the parser's reading of one annotated article against its brat annotations. How (docs/parser.md, "How the
 * harness scores"):
 *   - A gold direct quotation is a Content span holding a double quotation mark (" “ ” « » „), or one the annotator
 *     drew just inside the marks. Content spans shared by several relations count once.
 *   - A predicted quotation is a parser quote of kind direct or partial (a scare quote is the parser saying "not a
 *     quotation"), its span (the words between the marks) mapped to file offsets (offsets.ts).
 *   - A gold and a predicted quotation match when their character ranges overlap; a gold quotation takes the
 *     predicted one it overlaps most. Recall counts gold quotations matched, precision predicted ones that overlap a
 *     gold quotation.
 *   - The Source (the first relation's, or any of them when several relations share the Content) is read by
 *     source-kind.ts: person, pronoun, organisation or description.
 *   - A named source's speaker is right when the predicted person's surname (last word of the canonical name, without
 *     Jr./Sr./II/III) is one of the Source's name words, or the Source's last name word is a word of the predicted
 *     person's name or aliases (case-insensitive). Null is counted apart.
 *   - Roles (best effort): where the Source carries role words beside the name and the speaker is right, the role is
 *     right when a word of the predicted role and one of them agree in their first letters (up to four, at least
 *     three: "Sen." ~ "senator").
 *   - People (issue 16's people F1, as near as the corpus allows: it annotates sources, not every person named):
 *     the gold people of an article are the distinct persons named in full (two name words or more, each written
 *     "Xxxx": "Rich Alvarez", not "Reuters", "EXPERTS" or "Twenty-four", which the source reader cannot tell from a
 *     surname) by the Source of any attribution (quoted or not), one per last name word. Recall counts those the parser lists as a person (the speaker rule above, against its
 *     people); precision counts, among the people the parser gives a matched direct quotation whose Source is a
 *     person or a pronoun, those that some Source read as a person names (a surname alone will do). So a headline taken for a name, or a name cut short, counts
 *     against precision; a real person never quoted in the corpus does not.
 *   - An organisation source's speaker is right when the predicted speaker is an organisation (kind 'organisation')
 *     sharing a word with the Source, or the Source is a description ("the report") and the speaker is an organisation.
 */
import { parseArticle, type ParsedArticle, type ParsedPerson } from '../ingest/parse/index.ts';
import { readBrat, spanText } from './brat.ts';
import { OffsetMap } from './offsets.ts';
import { NAME_SUFFIX, readSource, type SourceKind } from './source-kind.ts';

export interface Miss {
  article: string;
  /** file offset of the gold (or predicted) quotation */
  start: number;
  what: 'missed quote' | 'extra quote' | 'wrong speaker' | 'null speaker' | 'wrong role' | 'null role' | 'missed person' | 'extra person';
  quote: string;
  goldSource: string | null;
  sourceKind: SourceKind | null;
  predicted: string | null;
}

export interface KindTally {
  quotes: number;
  found: number;
  nullSpeaker: number;
  correct: number;
}

export interface ArticleScore {
  gold: number;
  /** gold quotations that quote (GoldQuote.quoting), and those of them matched */
  goldQuoting: number;
  goldQuotingMatched: number;
  predicted: number;
  goldMatched: number;
  predictedMatched: number;
  unmapped: number;
  bySource: Record<SourceKind, KindTally>;
  roles: { scored: number; correct: number; nullRole: number };
  people: { gold: number; found: number; predicted: number; predictedRight: number };
  /** gold direct quotes with a named source, each with the parser's matching quote's index (for explanations) */
  misses: Miss[];
  failed: string | null;
}

const DOUBLE_MARK = /["“”«»„]|''/u;
const WORDS = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const words = (s: string): string[] => (s.match(WORDS) ?? []).map((w) => w.toLowerCase().replace(/['’]s$/u, ''));

export const emptyKindTally = (): KindTally => ({ quotes: 0, found: 0, nullSpeaker: 0, correct: 0 });
export const emptyScore = (): ArticleScore => ({
  gold: 0, goldQuoting: 0, goldQuotingMatched: 0, predicted: 0, goldMatched: 0, predictedMatched: 0, unmapped: 0,
  bySource: { person: emptyKindTally(), pronoun: emptyKindTally(), organisation: emptyKindTally(), description: emptyKindTally() },
  roles: { scored: 0, correct: 0, nullRole: 0 },
  people: { gold: 0, found: 0, predicted: 0, predictedRight: 0 },
  misses: [],
  failed: null,
});

const overlap = (a: Array<[number, number]>, s: number, e: number): number =>
  a.reduce((n, [x, y]) => n + Math.max(0, Math.min(y, e) - Math.max(x, s)), 0);

function surnameOf(name: string): string {
  const w = words(name).filter((x) => !NAME_SUFFIX.test(x));
  return w[w.length - 1] ?? '';
}

/** The person-speaker rule described at the top of the file. */
export function speakerMatches(names: string[], person: ParsedPerson): boolean {
  const gold = names.map((n) => n.toLowerCase());
  if (!gold.length) return false;
  if (gold.includes(surnameOf(person.name))) return true;
  const own = new Set([person.name, ...person.aliases].flatMap(words));
  const goldLast = gold.filter((x) => !NAME_SUFFIX.test(x)).pop();
  return goldLast !== undefined && own.has(goldLast);
}

export function roleMatches(roleWords: string[], role: string | null): boolean {
  if (!role) return false;
  const stem = (w: string) => w.toLowerCase().replace(/[^\p{L}]/gu, '').slice(0, 4);
  const stems = words(role).map(stem).filter((w) => w.length >= 3);
  return roleWords.map(stem).some((w) => w.length >= 3 && stems.some((x) => x.startsWith(w) || w.startsWith(x)));
}

export interface GoldQuote {
  pieces: Array<[number, number]>;
  sources: string[];
  /**
   * The Content quotes its source: drawn inside the marks, or more than half its letters inside them. The rest are
   * paraphrases holding a quoted term ("denounced the nascent “Neocons For Hillary” movement"), which a parser reading
   * the term as a label (scare quote) rightly does not count as a quotation; recall is reported on both.
   */
  quoting: boolean;
}

const QUOTED_RUN = /(?:["“„«]|'')([\s\S]*?)(?:["”»]|'')/gu;
const LETTERS = /\p{L}/gu;
const letters = (s: string): number => s.match(LETTERS)?.length ?? 0;

/** Gold direct quotations of an annotated text, in file order. */
export function goldQuotes(text: string, ann: string, file: string): GoldQuote[] {
  const brat = readBrat(ann, file);
  const byKey = new Map<string, GoldQuote>();
  for (const r of brat.relations) {
    const content = r.args.Content ? brat.spans.get(r.args.Content) : undefined;
    if (!content) continue;
    const first = content.pieces[0]!;
    const last = content.pieces[content.pieces.length - 1]!;
    const body = spanText(text, content);
    const inside = DOUBLE_MARK.test(text.slice(Math.max(0, first[0] - 2), first[0])) && DOUBLE_MARK.test(text.slice(last[1], last[1] + 2));
    if (!DOUBLE_MARK.test(body) && !inside) continue;
    const key = content.pieces.map((p) => p.join('-')).join(';');
    const quoted = [...body.matchAll(QUOTED_RUN)].reduce((n, m) => n + letters(m[1]!), 0);
    const g = byKey.get(key) ?? { pieces: content.pieces, sources: [], quoting: inside || 2 * quoted > letters(body) };
    const source = r.args.Source ? brat.spans.get(r.args.Source) : undefined;
    if (source) g.sources.push(spanText(text, source));
    byKey.set(key, g);
  }
  return [...byKey.values()].sort((a, b) => a.pieces[0]![0] - b.pieces[0]![0]);
}

const FULL_NAME_WORD = /^(?:\p{Lu}[\p{Ll}'’-]*\p{Ll}[\p{L}'’-]*|\p{Lu}\.|[Jj]r\.|[Ss]r\.|I{2,3}|IV)$/u;

/**
 * The persons named by the Sources of every attribution of an annotated text, one per last name word: `full`, those
 * named in full (the recall's gold), and `any`, every Source read as a person (what a quoted person may match).
 */
export function goldPeople(text: string, ann: string, file: string): { full: string[][]; any: string[][] } {
  const brat = readBrat(ann, file);
  const full = new Map<string, string[]>();
  const any = new Map<string, string[]>();
  for (const r of brat.relations) {
    const source = r.args.Source ? brat.spans.get(r.args.Source) : undefined;
    if (!source) continue;
    const reading = readSource(spanText(text, source));
    if (reading.kind !== 'person') continue;
    const last = reading.names.map((n) => n.toLowerCase()).filter((x) => !NAME_SUFFIX.test(x)).pop();
    if (!last) continue;
    if (!any.has(last)) any.set(last, reading.names);
    if (reading.names.length >= 2 && reading.names.every((n) => FULL_NAME_WORD.test(n)) && !full.has(last)) full.set(last, reading.names);
  }
  return { full: [...full.values()], any: [...any.values()] };
}

/** Parser quotes that are quotations, with their file ranges (null where a paragraph could not be placed). */
export function predictedQuotes(text: string, parsed: ParsedArticle) {
  const map = new OffsetMap(text, parsed.paragraphs.map((p) => p.text));
  return parsed.quotes.filter((q) => q.kind !== 'scare').map((q) => {
    const s = map.fileOffset(q.paragraph - 1, q.start);
    const e = map.fileOffset(q.paragraph - 1 + q.paragraphSpan - 1, q.end, true);
    return { quote: q, start: s, end: e };
  });
}

type PlacedQuote = ReturnType<typeof predictedQuotes>[number];

/** The predicted quotation a gold one overlaps most (null when none overlaps it). */
export function bestMatch(g: GoldQuote, predicted: PlacedQuote[]): PlacedQuote | null {
  let best: PlacedQuote | null = null;
  let most = 0;
  for (const p of predicted) {
    if (p.start === null || p.end === null) continue;
    const o = overlap(g.pieces, p.start, p.end);
    if (o > most) [best, most] = [p, o];
  }
  return best;
}

const snippet = (text: string, pieces: Array<[number, number]>) => text.slice(pieces[0]![0], Math.min(pieces[0]![1], pieces[0]![0] + 60));

export function scoreArticle(article: string, text: string, ann: string, annFile: string, parse = parseArticle): ArticleScore {
  const score = emptyScore();
  const gold = goldQuotes(text, ann, annFile);
  score.gold = gold.length;
  let parsed: ParsedArticle;
  try {
    const headline = text.split('\n', 1)[0]!.trim();
    parsed = parse(text, headline ? { headline } : {});
  } catch (e) {
    score.failed = e instanceof Error ? e.message : String(e);
    return score;
  }
  const predicted = predictedQuotes(text, parsed);
  score.predicted = predicted.length;
  const people = new Map(parsed.people.map((p) => [p.name, p]));
  const quotedPeople = new Set<string>();
  const used = new Set<number>();
  for (const [i, p] of predicted.entries()) {
    if (p.start === null || p.end === null) {
      score.unmapped++;
      continue;
    }
    if (gold.some((g) => overlap(g.pieces, p.start!, p.end!) > 0)) {
      score.predictedMatched++;
      used.add(i);
    } else {
      score.misses.push({ article, start: p.start, what: 'extra quote', quote: p.quote.text.slice(0, 60), goldSource: null, sourceKind: null, predicted: p.quote.speaker });
    }
  }
  for (const g of gold) {
    if (g.quoting) score.goldQuoting++;
    const readings = g.sources.map(readSource);
    const named = readings.filter((r) => r.kind === 'person');
    const kind: SourceKind = named.length ? 'person' : (readings[0]?.kind ?? 'description');
    const tally = score.bySource[kind];
    tally.quotes++;
    const best = bestMatch(g, predicted);
    const goldSource = g.sources.join(' | ') || null;
    const miss = (what: Miss['what'], predictedSpeaker: string | null) =>
      score.misses.push({ article, start: g.pieces[0]![0], what, quote: snippet(text, g.pieces), goldSource, sourceKind: kind, predicted: predictedSpeaker });
    if (!best) {
      miss('missed quote', null);
      continue;
    }
    score.goldMatched++;
    if (g.quoting) score.goldQuotingMatched++;
    tally.found++;
    const speaker = best.quote.speaker;
    const person = speaker === null ? undefined : people.get(speaker);
    if (person && person.kind !== 'organisation' && (kind === 'person' || kind === 'pronoun')) quotedPeople.add(person.name);
    if (!person) {
      tally.nullSpeaker++;
      if (kind === 'person' || kind === 'organisation') miss('null speaker', null);
      continue;
    }
    if (kind === 'person') {
      const right = named.find((r) => speakerMatches(r.names, person));
      if (!right) {
        miss('wrong speaker', speaker);
        continue;
      }
      tally.correct++;
      if (right.roleWords.length) {
        score.roles.scored++;
        if (roleMatches(right.roleWords, person.role)) score.roles.correct++;
        else {
          if (person.role === null) score.roles.nullRole++;
          miss(person.role === null ? 'null role' : 'wrong role', `${speaker} (${person.role ?? 'no role'})`);
        }
      }
    } else if (kind === 'organisation') {
      const sourceWords = new Set(g.sources.flatMap(words));
      const shares = words(person.name).some((w) => w.length > 2 && sourceWords.has(w));
      const described = !g.sources.some((s) => /\p{Lu}/u.test(s.replace(/^\P{L}*\p{Lu}/u, '')));
      if (person.kind === 'organisation' && (shares || described)) tally.correct++;
      else miss('wrong speaker', speaker);
    }
  }
  scorePeople(score, article, text, ann, annFile, parsed, quotedPeople);
  return score;
}

/** The people figures described at the top of the file. */
function scorePeople(score: ArticleScore, article: string, text: string, ann: string, annFile: string, parsed: ParsedArticle, quoted: Set<string>): void {
  const gold = goldPeople(text, ann, annFile);
  const persons = parsed.people.filter((p) => p.kind !== 'organisation');
  score.people.gold += gold.full.length;
  for (const names of gold.full) {
    if (persons.some((p) => speakerMatches(names, p))) score.people.found++;
    else score.misses.push({ article, start: 0, what: 'missed person', quote: '', goldSource: names.join(' '), sourceKind: 'person', predicted: null });
  }
  for (const p of persons) {
    if (!quoted.has(p.name)) continue;
    score.people.predicted++;
    if (gold.any.some((names) => speakerMatches(names, p))) score.people.predictedRight++;
    else score.misses.push({ article, start: 0, what: 'extra person', quote: '', goldSource: null, sourceKind: null, predicted: p.name });
  }
}

/** Adds one article's score into a running total (misses are concatenated). */
export function addScore(total: ArticleScore, s: ArticleScore): void {
  total.gold += s.gold;
  total.goldQuoting += s.goldQuoting;
  total.goldQuotingMatched += s.goldQuotingMatched;
  total.predicted += s.predicted;
  total.goldMatched += s.goldMatched;
  total.predictedMatched += s.predictedMatched;
  total.unmapped += s.unmapped;
  for (const k of Object.keys(total.bySource) as SourceKind[]) {
    for (const f of Object.keys(total.bySource[k]) as Array<keyof KindTally>) total.bySource[k][f] += s.bySource[k][f];
  }
  total.roles.scored += s.roles.scored;
  total.roles.correct += s.roles.correct;
  total.roles.nullRole += s.roles.nullRole;
  for (const f of Object.keys(total.people) as Array<keyof ArticleScore['people']>) total.people[f] += s.people[f];
  total.misses.push(...s.misses);
}
