/**
 * Prints per-fixture and aggregate parser quality metrics (the same tally the golden test asserts).
 *   node --import tsx test/unit/ingest/metrics.ts            # table
 *   node --import tsx test/unit/ingest/metrics.ts --details  # plus every miss
 *   node --import tsx test/unit/ingest/metrics.ts --only a,b  # only fixtures whose names start with a or b
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArticle } from '../../../src/ingest/parse/index.ts';
import { acceptedKinds, emptyTally, metrics, peopleOnly, readExpected, tally, type Expected, type Tally } from './expected.ts';
import type { ParsedArticle } from '../../../src/ingest/parse/index.ts';

const ROOT = new URL('../../../', import.meta.url);
const DIR = new URL('test/fixtures/articles/', ROOT);

export function fixtureCases(): Array<[string, URL, URL]> {
  return [
    ['sample', new URL('prisma/seed/000_478f7331f7189e3f.txt', ROOT), new URL('test/fixtures/sample/000_478f7331f7189e3f.expected.json', ROOT)],
    ...readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort()
      .map((f): [string, URL, URL] => [f.replace(/\.txt$/, ''), new URL(f, DIR), new URL(f.replace(/\.txt$/, '.expected.json'), DIR)]),
  ];
}

const accepted = <T>(main: T, more?: T[]) => [main, ...(more ?? [])];

/** Human-readable list of what differs between a parse and its expected file (semantic parts only). */
export function misses(a: ParsedArticle, e: Expected): string[] {
  const out: string[] = [];
  for (const q of a.quotes) {
    if (!e.quotes.some((x) => x.paragraph === q.paragraph && x.text === q.text)) out.push(`extra quote  p${q.paragraph} ${JSON.stringify(q.text)} (${q.kind}, ${q.speaker})`);
  }
  for (const eq of e.quotes) {
    const q = a.quotes.find((x) => x.paragraph === eq.paragraph && x.text === eq.text);
    const t = `p${eq.paragraph} ${JSON.stringify(eq.text.slice(0, 50))}`;
    if (!q) { out.push(`missed quote ${t}`); continue; }
    if (!acceptedKinds(eq).includes(q.kind)) out.push(`kind         ${t}: got ${q.kind}, want ${eq.kind}`);
    if (!accepted(eq.speaker, eq.acceptableSpeakers).includes(q.speaker)) out.push(`speaker      ${t}: got ${q.speaker}, want ${eq.speaker}`);
  }
  for (const p of a.people) if (!e.people.some((x) => x.name === p.name)) out.push(`extra person ${p.name} (${p.role})`);
  for (const ep of e.people) {
    const p = a.people.find((x) => x.name === ep.name);
    if (!p) { out.push(`missed person ${ep.name}`); continue; }
    if (!accepted(ep.role, ep.acceptableRoles).includes(p.role)) out.push(`role         ${ep.name}: got ${JSON.stringify(p.role)}, want ${JSON.stringify(ep.role)}`);
    if (JSON.stringify(p.paragraphs) !== JSON.stringify(ep.paragraphs)) out.push(`paragraphs   ${ep.name}: got ${p.paragraphs}, want ${ep.paragraphs}`);
  }
  if (JSON.stringify(a.paragraphs) !== JSON.stringify(e.paragraphs)) out.push('paragraphs differ');
  if (JSON.stringify(a.related.map((r) => r.title)) !== JSON.stringify(e.related)) out.push(`related: got ${JSON.stringify(a.related.map((r) => r.title))}`);
  return out;
}

const fmt = (m: ReturnType<typeof metrics>) => Object.values(m).map((v) => v.toFixed(3).padStart(7)).join(' ');

if (import.meta.url === `file://${process.argv[1]}`) {
  const details = process.argv.includes('--details');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt > 0 ? (process.argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : [];
  const all: Tally = emptyTally();
  console.log(`${'fixture'.padEnd(36)} quoteF1 speaker    kind peopleF1  roles`);
  for (const [name, textUrl, expectedUrl] of fixtureCases()) {
    if (only.length && !only.some((o) => name.startsWith(o))) continue;
    const a = peopleOnly(parseArticle(readFileSync(textUrl, 'utf8')));
    const e = readExpected(expectedUrl.pathname);
    const t = emptyTally();
    tally(t, a, e);
    tally(all, a, e);
    console.log(`${name.padEnd(36)}${fmt(metrics(t))}`);
    if (details) for (const m of misses(a, e)) console.log(`    ${m}`);
  }
  console.log(`${'AGGREGATE'.padEnd(36)}${fmt(metrics(all))}`);
  console.log(JSON.stringify(all));
}
