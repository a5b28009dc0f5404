/**
 * Prisma's per-call cost against the raw driver, on the same SQLite file, same process, one call at a time:
 *   tsx bench/prisma-overhead.ts [articles=300] [calls=3000]
 * A corpus is bulk-loaded into a fresh database, then each operation runs `calls` times; the median of 5 rounds of
 * µs/call is printed. This is the number behind the recommendations in docs/performance.md.
 */
import Database from 'better-sqlite3';
import { resolveDatabaseUrl } from '../src/config/database-url.ts';
import { openDatabase } from '../src/db/client.ts';
import { generateCorpus } from './corpus.ts';
import { cleanupDatabases, freshDatabase } from './lib/databases.ts';
import { loadIngest } from './lib/project.ts';
import { openRawWriter } from './lib/raw-write.ts';
import { median } from './lib/stats.ts';

const articles = Number(process.argv[2] ?? 300);
const calls = Number(process.argv[3] ?? 3000);

async function main() {
  const mods = await loadIngest();
  const target = await freshDatabase('sqlite', 'overhead');
  const writer = await openRawWriter('sqlite', target.url);
  const parsed = [...generateCorpus({ seed: 1, count: articles })].map(({ text }) => ({ parsed: mods.parseArticle(text, {}), sourceText: text, hash: mods.contentHash(text, {}) }));
  await writer.writeBatch(parsed);
  await writer.close();

  const raw = new Database(target.file!, { readonly: true });
  const db = await openDatabase(resolveDatabaseUrl(target.url));
  const slugs = raw.prepare(`SELECT slug FROM articles WHERE status = 'published' ORDER BY id`).pluck().all() as string[];
  const ids = raw.prepare(`SELECT id FROM articles WHERE status = 'published' ORDER BY id`).pluck().all() as number[];
  const bySlug = raw.prepare('SELECT id, version, status FROM articles WHERE slug = ?');
  const paragraphs = raw.prepare('SELECT id, position, text FROM paragraphs WHERE article_id = ? ORDER BY position');

  const ops: [string, (i: number) => unknown][] = [
    ['better-sqlite3: article head by slug', (i) => bySlug.get(slugs[i % slugs.length])],
    ['prisma: article.findUnique head by slug', (i) => db.prisma.article.findUnique({ where: { slug: slugs[i % slugs.length]! }, select: { id: true, version: true, status: true } })],
    ['prisma: $queryRaw head by slug', (i) => db.prisma.$queryRaw`SELECT id, version, status FROM articles WHERE slug = ${slugs[i % slugs.length]}`],
    ['better-sqlite3: paragraphs of an article', (i) => paragraphs.all(ids[i % ids.length])],
    ['prisma: paragraph.findMany of an article', (i) => db.prisma.paragraph.findMany({ where: { articleId: ids[i % ids.length]! }, orderBy: { position: 'asc' }, select: { id: true, position: true, text: true } })],
    ['prisma: empty interactive $transaction', () => db.prisma.$transaction(async () => undefined)],
  ];
  for (const [name, op] of ops) {
    for (let i = 0; i < 200; i++) await op(i); // warm-up
    const rounds: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) await op(i);
      rounds.push(Number(process.hrtime.bigint() - t) / 1e3 / calls);
    }
    console.log(`${name.padEnd(44)} ${median(rounds).toFixed(1).padStart(8)} µs/call`);
  }
  raw.close();
  await db.close();
  await target.drop();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => cleanupDatabases());
