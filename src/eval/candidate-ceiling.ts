import fs from 'node:fs';
import { parseArticle } from '../ingest/parse/index.ts';
import { bestMatch, goldQuotes, predictedQuotes, speakerMatches } from './score-article.ts';
import { listArticles } from './score-corpus.ts';
import { readSource } from './source-kind.ts';

/**
 * How much a better choice among the speaker candidates could gain (issue 16, point 3: learned weights). For every
 * found gold quotation with a named source (as score-article.ts matches them), the parser's candidates (`explain`) are
 * checked: is the right person among them when the winner is wrong or null? A reranker — rules or a learned model —
 * can only ever pick a candidate that is there, so `wrongWithRight + nullWithRight` is the most it could gain.
 */
export interface CandidateCeiling {
  found: number;
  right: number;
  wrong: number;
  wrongWithRight: number;
  nullSpeaker: number;
  nullWithRight: number;
  /** null speaker with no candidate at all, or only candidates naming no one */
  nullNoCandidate: number;
  nullNamesNobody: number;
  /** quotations with more than one candidate */
  severalCandidates: number;
}

export function candidateCeiling(folder: string, parse = parseArticle): CandidateCeiling {
  const c: CandidateCeiling = { found: 0, right: 0, wrong: 0, wrongWithRight: 0, nullSpeaker: 0, nullWithRight: 0, nullNoCandidate: 0, nullNamesNobody: 0, severalCandidates: 0 };
  for (const a of listArticles(folder)) {
    const text = fs.readFileSync(a.textFile, 'utf8');
    let parsed;
    try {
      parsed = parse(text, { headline: text.split('\n', 1)[0]!.trim(), explain: true });
    } catch {
      continue; // the scorer reports refusals
    }
    const predicted = predictedQuotes(text, parsed);
    const people = new Map(parsed.people.map((p) => [p.name, p]));
    for (const g of goldQuotes(text, fs.readFileSync(a.annFile, 'utf8'), a.annFile)) {
      const named = g.sources.map(readSource).filter((r) => r.kind === 'person');
      if (!named.length) continue;
      const best = bestMatch(g, predicted);
      if (!best) continue;
      c.found++;
      const isRight = (name: string | null) => {
        const person = name === null ? undefined : people.get(name);
        return person !== undefined && named.some((r) => speakerMatches(r.names, person));
      };
      const candidates = best.quote.explain?.candidates ?? [];
      if (candidates.length > 1) c.severalCandidates++;
      if (isRight(best.quote.speaker)) {
        c.right++;
        continue;
      }
      const there = candidates.some((x) => x.speaker !== null && x.speaker.split(' and ').some(isRight));
      if (best.quote.speaker === null) {
        c.nullSpeaker++;
        if (there) c.nullWithRight++;
        if (!candidates.length) c.nullNoCandidate++;
        else c.nullNamesNobody++;
      } else {
        c.wrong++;
        if (there) c.wrongWithRight++;
      }
    }
  }
  return c;
}
