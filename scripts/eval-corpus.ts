/**
 * npm run eval:corpus -- <folder> [--details] [--json] [--only PREFIX] [--speed] [--candidates]
 * Scores the ingest parser on an annotated folder in the PolNeAR layout (../shared/corpus/polnear/train or dev):
 * direct-quotation recall and precision, named-speaker accuracy and null rate, roles, and sources that are pronouns,
 * descriptions or organisations counted apart. How it scores: docs/parser.md, "How the harness scores".
 */
import { Command } from 'commander';
import { runMain } from '../src/cli/run-main.ts';
import { candidateCeiling } from '../src/eval/candidate-ceiling.ts';
import { parseSpeed } from '../src/eval/parse-speed.ts';
import { figures, scoreCorpus } from '../src/eval/score-corpus.ts';

const program = new Command()
  .name('eval:corpus')
  .description('Score the parser against a folder of brat-annotated articles (text/ + attributions/).')
  .argument('<folder>', 'a split folder, e.g. ../shared/corpus/polnear/train')
  .option('--details', 'list every miss: article, quote start, gold source, predicted speaker')
  .option('--json', 'print the figures as JSON')
  .option('--only <prefix>', 'only articles whose name starts with this')
  .option('--speed', 'instead of scoring: the warm parse speed over the folder, in articles per second')
  .option('--candidates', 'instead of scoring: for named sources, how often the right speaker is among the candidates when the winner is wrong or null')
  .showHelpAfterError();

const pct = (x: number | null) => (x === null ? '   n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);

async function main(): Promise<number> {
  program.parse();
  const opts = program.opts<{ details?: boolean; json?: boolean; only?: string; speed?: boolean; candidates?: boolean }>();
  if (opts.candidates) {
    const c = candidateCeiling(program.args[0]!);
    process.stdout.write(opts.json ? `${JSON.stringify(c)}\n` : [
      `named-person sources found  ${c.found} (${c.severalCandidates} with more than one candidate)`,
      `  speaker right             ${c.right}`,
      `  wrong                     ${c.wrong} (the right person among the candidates: ${c.wrongWithRight})`,
      `  null                      ${c.nullSpeaker} (right among the candidates: ${c.nullWithRight}; no candidate: ${c.nullNoCandidate}; only candidates naming no one: ${c.nullNamesNobody})`,
      `  most a reranker could gain ${c.wrongWithRight + c.nullWithRight} (${(100 * (c.wrongWithRight + c.nullWithRight) / c.found).toFixed(1)} points)`,
    ].join('\n') + '\n');
    return 0;
  }
  if (opts.speed) {
    const s = parseSpeed(program.args[0]!);
    process.stdout.write(opts.json ? `${JSON.stringify(s)}\n` : `${s.articles} articles, warm parse ${Math.round(s.perSecond)} articles/s\n`);
    return 0;
  }
  const result = scoreCorpus(program.args[0]!, opts.only ? (n) => n.startsWith(opts.only!) : undefined);
  const f = figures(result);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(opts.details ? { ...f, failed: result.failed, misses: result.total.misses } : f)}\n`);
    return 0;
  }
  if (opts.details) {
    for (const m of result.total.misses) {
      process.stdout.write(`${m.what.padEnd(13)} ${m.article} @${m.start} ${JSON.stringify(m.quote)} gold=${JSON.stringify(m.goldSource)} (${m.sourceKind ?? '-'}) predicted=${JSON.stringify(m.predicted)}\n`);
    }
    for (const x of result.failed) process.stdout.write(`failed        ${x.article}: ${x.reason}\n`);
    process.stdout.write('\n');
  }
  const q = f.directQuotes;
  const n = f.namedSpeaker;
  const lines = [
    `articles                 ${f.articles} (${f.failedArticles} failed to parse)`,
    `direct quotations        ${q.gold} annotated, ${q.predicted} predicted (${q.unmapped} unplaced)`,
    `  recall                 ${pct(q.recall)}`,
    `  recall, quoting        ${pct(q.recallQuoting)}  (${q.quoting} Contents drawn inside the marks or more than half quoted)`,
    `  precision              ${pct(q.precision)}`,
    `  F1                     ${pct(q.f1)}`,
    `named-person sources     ${n.quotes} quotes, ${n.found} found`,
    `  speaker accuracy       ${pct(n.accuracy)}  (of found; end to end ${pct(n.endToEnd)})`,
    `  null speaker           ${pct(n.nullRate)}`,
    `  roles (source has one) ${pct(f.roles.accuracy)}  (${f.roles.correct}/${f.roles.scored}; ${f.roles.nullRole} null)`,
    `people (named sources)   ${f.people.gold} annotated, ${f.people.found} found; ${f.people.predicted} quoted people, ${f.people.predictedRight} annotated`,
    `  recall                 ${pct(f.people.recall)}`,
    `  precision              ${pct(f.people.precision)}`,
    `  F1                     ${pct(f.people.f1)}`,
    `organisation sources     ${f.organisationSpeaker.quotes} quotes, ${f.organisationSpeaker.found} found, speaker right ${pct(f.organisationSpeaker.accuracy)}`,
    ...(['pronoun', 'description', 'organisation'] as const).map((k) => {
      const s = f.bySource[k]!;
      return `${`${k} sources`.padEnd(24)} ${s.quotes} quotes, ${s.found} found, null speaker ${pct(s.nullRate)}`;
    }),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

runMain('eval:corpus', main);
