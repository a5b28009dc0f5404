import fs from 'node:fs';
import { parseArticle } from '../ingest/parse/index.ts';
import { listArticles } from './score-corpus.ts';

/**
 * Warm parse speed over a folder's articles, in this process: the texts are read first, one untimed pass warms the
 * JIT, then `passes` timed passes. Articles per second of parse alone (no file reading, no scoring), timed in CPU
 * seconds of this process: on a machine shared with other work the wall clock measures the neighbours.
 */
export function parseSpeed(folder: string, passes = 3): { articles: number; perSecond: number } {
  const texts = listArticles(folder).map((a) => fs.readFileSync(a.textFile, 'utf8'));
  const parseAll = () => {
    for (const t of texts) {
      try {
        parseArticle(t, { headline: t.split('\n', 1)[0]!.trim() });
      } catch {
        // A refused article costs its parse time like any other; the scorer reports refusals.
      }
    }
  };
  parseAll();
  const t0 = process.cpuUsage();
  for (let i = 0; i < passes; i++) parseAll();
  const used = process.cpuUsage(t0);
  const seconds = (used.user + used.system) / 1e6;
  return { articles: texts.length, perSecond: (texts.length * passes) / seconds };
}
