/**
 * Bulk-loads a generated corpus into a migrated database with the fastest correct path we have — parse, then the
 * raw batched writer (raw-write.ts: one transaction per batch, prepared statements / unnest inserts) — streaming:
 * the corpus is generated, parsed and written one batch at a time, so memory stays flat in the number of articles.
 * Runs as its own process so its peak RSS is the ingest's alone:
 *   node --import tsx bench/lib/bulk-load-child.ts <DATABASE_URL> <seed> <count> <batch> [raw|prisma]
 * `prisma` instead runs the project's real path (importArticle, one transaction per article) for the memory check.
 * Prints one JSON line: { articles, seconds, rate, maxRssMb, created, unchanged, deferred }.
 */
import { resolveDatabaseUrl } from '../../src/config/database-url.ts';
import { openDatabase } from '../../src/db/client.ts';
import { refreshPlannerStatistics } from '../../src/db/planner-statistics.ts';
import { generateArticle } from '../corpus.ts';
import { loadIngest } from './project.ts';
import type { ParsedSource } from './raw-write.ts';
import { openRawWriter } from './raw-write.ts';

const [url, seedArg, countArg, batchArg, mode = 'raw'] = process.argv.slice(2);
const seed = Number(seedArg);
const count = Number(countArg);
const batchSize = Number(batchArg ?? 1000);
if (!url || !Number.isInteger(seed) || !Number.isInteger(count)) {
  console.error('usage: bulk-load-child.ts <DATABASE_URL> <seed> <count> [batch]');
  process.exit(2);
}

const mods = await loadIngest();
const target = resolveDatabaseUrl(url);
const prisma = mode === 'prisma' ? await openDatabase(target, { poolSize: 4 }) : null;
const writer = prisma
  ? {
      // the real path: one importArticle (parse + one transaction) per article
      async writeBatch(batch: ParsedSource[]) {
        const out = { created: 0, unchanged: 0, deferred: 0 };
        for (const s of batch) {
          const r = await mods.importArticle(prisma.prisma, s.sourceText, {}, { name: 'bench' });
          if (r.outcome === 'unchanged') out.unchanged++;
          else out.created++;
        }
        return out;
      },
      close: () => prisma.close(),
    }
  : await openRawWriter(target.provider, url);
const totals = { created: 0, unchanged: 0, deferred: 0 };
const start = process.hrtime.bigint();
let lastReport = Date.now();
for (let i = 0; i < count; i += batchSize) {
  const batch: ParsedSource[] = [];
  for (let j = i; j < Math.min(count, i + batchSize); j++) {
    const { text } = generateArticle(seed, j, count);
    // the Prisma path parses inside importArticle; parsing here too would count it twice
    batch.push(prisma ? ({ sourceText: text } as ParsedSource) : { parsed: mods.parseArticle(text, {}), sourceText: text, hash: mods.contentHash(text, {}) });
  }
  const r = await writer.writeBatch(batch);
  totals.created += r.created;
  totals.unchanged += r.unchanged;
  totals.deferred += r.deferred;
  if (Date.now() - lastReport > 10_000) {
    lastReport = Date.now();
    process.stderr.write(`  bulk load: ${i + batch.length}/${count} articles, RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB\n`);
  }
}
await writer.close();
if (!prisma) {
  // as runIngest ends: planner statistics (and on PostgreSQL the visibility map), so the corpus is the store an ingest leaves
  const database = await openDatabase(target);
  await refreshPlannerStatistics(database.prisma, 'bulk-load');
  await database.close();
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(
  `${JSON.stringify({ articles: count, seconds, rate: count / seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, ...totals })}\n`,
);
