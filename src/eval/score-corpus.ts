/**
 * Scores a folder in the PolNeAR layout (`text/NAME.txt`, `attributions/NAME_ANNOTATOR.ann`). Where an article was
 * annotated by several annotators, the first .ann file in name order is used (deterministic, and no annotator is
 * favoured by anything but the order of their ids). The corpus is read at run time and never copied.
 */
import fs from 'node:fs';
import { AppError } from '../errors.ts';
import path from 'node:path';
import { addScore, emptyScore, scoreArticle, type ArticleScore } from './score-article.ts';
import type { SourceKind } from './source-kind.ts';

export interface CorpusArticle {
  name: string;
  textFile: string;
  annFile: string;
}

export function listArticles(folder: string): CorpusArticle[] {
  const textDir = path.join(folder, 'text');
  const annDir = path.join(folder, 'attributions');
  for (const dir of [textDir, annDir]) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new AppError('bad_request', `${folder}: no ${path.basename(dir)}/ folder (expected text/ and attributions/)`);
  }
  const anns = fs.readdirSync(annDir).filter((f) => f.endsWith('.ann')).sort();
  const out: CorpusArticle[] = [];
  for (const txt of fs.readdirSync(textDir).filter((f) => f.endsWith('.txt')).sort()) {
    const name = txt.slice(0, -4);
    const ann = anns.find((a) => a.startsWith(`${name}_`) && !a.slice(name.length + 1, -4).includes('_'));
    if (!ann) throw new AppError('bad_request', `${path.join(textDir, txt)}: no annotation file ${name}_ANNOTATOR.ann in ${annDir}`);
    out.push({ name, textFile: path.join(textDir, txt), annFile: path.join(annDir, ann) });
  }
  if (!out.length) throw new AppError('bad_request', `${textDir}: no .txt articles`);
  return out;
}

export interface CorpusScore {
  articles: number;
  failed: Array<{ article: string; reason: string }>;
  total: ArticleScore;
}

export function scoreCorpus(folder: string, only?: (name: string) => boolean): CorpusScore {
  const total = emptyScore();
  const failed: CorpusScore['failed'] = [];
  let articles = 0;
  for (const a of listArticles(folder)) {
    if (only && !only(a.name)) continue;
    articles++;
    const s = scoreArticle(a.name, fs.readFileSync(a.textFile, 'utf8'), fs.readFileSync(a.annFile, 'utf8'), a.annFile);
    if (s.failed) failed.push({ article: a.name, reason: s.failed });
    addScore(total, s);
  }
  return { articles, failed, total };
}

const ratio = (n: number, d: number): number | null => (d ? n / d : null);

/** The figures the harness reports (fractions 0–1; null where nothing was there to score). */
export function figures(c: CorpusScore) {
  const t = c.total;
  const recall = ratio(t.goldMatched, t.gold);
  const precision = ratio(t.predictedMatched, t.predicted - t.unmapped);
  const named = t.bySource.person;
  const bySource = Object.fromEntries(
    (Object.keys(t.bySource) as SourceKind[]).map((k) => {
      const x = t.bySource[k];
      return [k, { quotes: x.quotes, found: x.found, nullSpeaker: x.nullSpeaker, correct: x.correct, nullRate: ratio(x.nullSpeaker, x.found) }];
    }),
  );
  return {
    articles: c.articles,
    failedArticles: c.failed.length,
    directQuotes: { gold: t.gold, quoting: t.goldQuoting, recallQuoting: ratio(t.goldQuotingMatched, t.goldQuoting), predicted: t.predicted, unmapped: t.unmapped, recall, precision, f1: recall !== null && precision !== null && recall + precision ? (2 * recall * precision) / (recall + precision) : null },
    namedSpeaker: {
      quotes: named.quotes,
      found: named.found,
      correct: named.correct,
      accuracy: ratio(named.correct, named.found),
      endToEnd: ratio(named.correct, named.quotes),
      nullRate: ratio(named.nullSpeaker, named.found),
    },
    roles: { scored: t.roles.scored, correct: t.roles.correct, nullRole: t.roles.nullRole, accuracy: ratio(t.roles.correct, t.roles.scored) },
    people: peopleFigures(t.people),
    organisationSpeaker: { quotes: bySource.organisation!.quotes, found: bySource.organisation!.found, correct: bySource.organisation!.correct, accuracy: ratio(t.bySource.organisation.correct, t.bySource.organisation.found) },
    bySource,
  };
}

/** People recall, precision and F1 (how they are counted: score-article.ts). */
function peopleFigures(p: ArticleScore['people']) {
  const recall = ratio(p.found, p.gold);
  const precision = ratio(p.predictedRight, p.predicted);
  return { ...p, recall, precision, f1: recall !== null && precision !== null && recall + precision ? (2 * recall * precision) / (recall + precision) : null };
}
