import type { Db } from '../../db/client.ts';
import { translateDbError } from '../../db/errors.ts';
import { AppError, isAppError } from '../../errors.ts';
import type { Actor } from '../../history/record-revision.ts';
import { type ImportOutcome, type ParsedSource, storeParsedArticle } from '../import-article.ts';
import type { BulkConnection } from './bulk-connection.ts';
import { type ArticlePlan, hasRows, mergeRows, planBatch, rowsNeedingIds, wanted } from './plan-batch.ts';

export type StoreResult = { outcome: ImportOutcome; articleId: number; slug: string } | { outcome: 'failed'; error: AppError };

/**
 * Stores a batch of parsed articles as storeParsedArticle would one by one, in ONE transaction on the bulk
 * connection. Isolation is per article: the batch's rows go in under one savepoint; only if that fails is each
 * article written again under its own savepoint, which finds the culprit, reports it (nothing of it stays) and lets
 * the rest of the batch go on, re-planned without it. That keeps the common case at one statement per table on
 * PostgreSQL instead of ten round trips per article.
 *
 * Two kinds of article leave the bulk path, after the rows before them are committed, for storeParsedArticle (its
 * own transaction, on Prisma's connection): an update of a full article (rare here; it rewrites derived rows), and
 * an article whose rows met a unique conflict — another writer (the API, a second ingest) committed the same slug or
 * person first. storeParsedArticle re-reads, converges on the winner's rows and retries, so no duplicate is made.
 * Committing first matters: its connection would otherwise wait for locks our open transaction holds.
 */
export async function storeBatch(conn: BulkConnection, db: Db, batch: ParsedSource[], actor: Actor): Promise<StoreResult[]> {
  const results: StoreResult[] = [];
  while (results.length < batch.length) {
    let handOver = false;
    await conn.begin();
    try {
      while (results.length < batch.length && !handOver) {
        const rest = batch.slice(results.length);
        const { slugs, nameKeys } = wanted(rest);
        const plan = planBatch(rest, await conn.lookup(slugs, nameKeys), actor);
        await allocateIds(conn, plan.articles);
        const failure = await writePlans(conn, plan.articles);
        const written = plan.articles.slice(0, failure ? failure.at : plan.articles.length);
        await touchStoredRelating(conn, written);
        for (const p of written) results.push({ outcome: p.outcome, articleId: p.article.id, slug: p.slug });
        if (failure?.error.code === 'conflict') handOver = true;
        else if (failure) results.push({ outcome: 'failed', error: failure.error });
        else handOver = plan.stoppedAt !== null;
      }
      await conn.refreshSearch();
      await conn.commit();
    } catch (e) {
      await conn.rollback().catch(() => {});
      throw translateDbError(e);
    }
    if (handOver) results.push(await storeOne(db, batch[results.length]!, actor));
  }
  return results;
}

/** Stubs stored before this batch and filled in it: the articles stored before that show them move (plan-batch.ts). */
async function touchStoredRelating(conn: BulkConnection, written: ArticlePlan[]): Promise<void> {
  const created = new Set<object>(written.flatMap((p) => p.rows.articles));
  const stubs = written.flatMap((p) => p.rows.fills.filter((f) => !created.has(f.article)).map((f) => f.article.id));
  const except = written.filter((p) => p.outcome === 'created').map((p) => p.article.id);
  await conn.touchArticlesRelatedTo(stubs, except);
}

async function allocateIds(conn: BulkConnection, plans: ArticlePlan[]): Promise<void> {
  for (const [table, rows] of rowsNeedingIds(mergeRows(plans))) {
    const ids = await conn.allocate(table, rows.length);
    rows.forEach((row, i) => (row.id = ids[i]!));
  }
}

/** null when every plan is written; else the first article whose rows the database refused (nothing of it kept). */
async function writePlans(conn: BulkConnection, plans: ArticlePlan[]): Promise<{ at: number; error: AppError } | null> {
  if (!plans.some((p) => hasRows(p.rows))) return null;
  // The search documents are built inside the attempt: an article the search index refuses (PostgreSQL's tsvector
  // holds at most 1 MB) is found and reported like one the tables refuse, not failing the batch at commit.
  if ((await attempt(conn, 'bulk_batch', () => insertAndIndex(conn, mergeRows(plans)))) === true) return null;
  for (const [at, plan] of plans.entries()) {
    if (!hasRows(plan.rows)) continue;
    const error = await attempt(conn, 'bulk_article', () => insertAndIndex(conn, plan.rows));
    if (error !== true) return { at, error };
  }
  return null;
}

async function insertAndIndex(conn: BulkConnection, rows: Parameters<BulkConnection['insert']>[0]): Promise<void> {
  await conn.insert(rows);
  await conn.refreshSearch();
}

/** true, or the error as an AppError. A database that is gone, and bugs, are not an article's fault: they stop. */
async function attempt(conn: BulkConnection, savepoint: string, write: () => Promise<void>): Promise<true | AppError> {
  await conn.savepoint(savepoint);
  try {
    await write();
    await conn.release(savepoint);
    return true;
  } catch (e) {
    const error = translateDbError(e);
    if (!isAppError(error) || error.code === 'unavailable') throw error;
    await conn.rollbackTo(savepoint);
    return error;
  }
}

async function storeOne(db: Db, source: ParsedSource, actor: Actor): Promise<StoreResult> {
  try {
    const r = await storeParsedArticle(db, source, actor, { onlySameStory: true });
    return { outcome: r.outcome, articleId: r.articleId, slug: r.slug };
  } catch (e) {
    const error = translateDbError(e);
    if (!isAppError(error) || error.code === 'unavailable') throw error;
    return { outcome: 'failed', error };
  }
}
