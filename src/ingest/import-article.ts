import { type Db, type Tx, isClient } from '../db/client.ts';
import { transaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../history/record-revision.ts';
import { slugOf } from './article-fields.ts';
import { type Replaced, findTarget, planArticle, wanted } from './bulk/plan-batch.ts';
import { contentHash } from './content-hash.ts';
import { SAME_STORY, paragraphSketch, sharedParagraphs } from './same-story.ts';
import { type ParseOptions, type ParsedArticle, parseArticle } from './parse/index.ts';
import { lookupKnown, lookupKnownPeople, writePlannedRows } from './write-planned-rows.ts';
import { touchArticlesShowing } from '../articles/article-version.ts';

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

export interface ImportResult {
  articleId: number;
  slug: string;
  outcome: ImportOutcome;
  warnings: string[];
}

/**
 * Parses raw article text and stores it: the article, its paragraphs, people, mentions, quotes and related links,
 * in one transaction (joining the caller's when given one). Re-importing identical text changes nothing; changed
 * text updates the article in place (same id and slug, so links to it hold) and replaces everything derived from
 * the old text. A stub made earlier from another article's related block is filled in.
 */
export async function importArticle(db: Db | Tx, text: string, options: ParseOptions, actor: Actor): Promise<ImportResult> {
  // All parsing and validation happen before the database is touched.
  const parsed = parseArticle(text, options);
  return storeParsedArticle(db, { parsed, sourceText: text, hash: contentHash(text, options) }, actor);
}

export interface ParsedSource {
  parsed: ParsedArticle;
  /** the raw text as received, kept on the article */
  sourceText: string;
  /** identifies text + options: equal hash means nothing to do */
  hash: string;
}

export interface StoreOptions {
  /**
   * The ingest of files: an article on the same slug is replaced only by a new version of its story (shared
   * paragraphs, same-story.ts), never by a different story that happens to get the same slug. The API's import, where
   * an editor names the article with If-Match, replaces whatever it holds.
   */
  onlySameStory?: boolean;
}

/**
 * One article through the ingest's planner (src/ingest/bulk/plan-batch.ts, planArticle — the same decisions, rows and
 * history entry as the bulk ingest) and written through Prisma in one transaction. An update of a full article first
 * checks it is the same story (when asked), then deletes what was derived from the old text: the article row stays,
 * so links to it hold.
 */
export async function storeParsedArticle(db: Db | Tx, source: ParsedSource, actor: Actor, options: StoreOptions = {}): Promise<ImportResult> {
  const { parsed, hash } = source;
  const run = () =>
    transaction(db, async (tx) => {
      const known = await lookupKnown(tx, wanted([source]));
      const target = findTarget(known.articles, slugOf(parsed), parsed.headline);
      if (target && !target.isStub && target.contentHash === hash) {
        return { articleId: target.ref.id, slug: target.slug, outcome: 'unchanged' as const, warnings: parsed.warnings };
      }
      assertWriteBudget(parsed);
      if (target?.trashed) {
        const { id } = target.ref;
        throw new AppError('unprocessable', `article ${id} ("${target.slug}") is in the trash: restore it (POST /api/articles/${id}/restore) to update it, or empty it from the trash (DELETE /api/trash/${id}) to store this text as a new article`);
      }
      let replacing: Replaced | null = null;
      if (target && !target.isStub) {
        if (options.onlySameStory) await assertSameStory(tx, { id: target.ref.id, slug: target.slug }, parsed);
        replacing = await tx.article.findUniqueOrThrow({ where: { id: target.ref.id }, select: { headline: true, sourceText: true, status: true, standfirst: true } });
        // Derived rows go and come back from the new text; the article row stays so incoming links hold.
        await tx.articlePerson.deleteMany({ where: { articleId: target.ref.id } });
        await tx.paragraph.deleteMany({ where: { articleId: target.ref.id } });
        await tx.relatedArticle.deleteMany({ where: { articleId: target.ref.id } });
        // Who the names are is weighed without the roles the old text gave (they are gone with its rows).
        const { nameKeys } = wanted([source]);
        if (nameKeys.length) known.people = await lookupKnownPeople(tx, nameKeys);
      }
      // A stub filled in (or an article re-ingested) looks different in the related lists that show it.
      if (target) await touchArticlesShowing(tx, { articleId: target.ref.id });
      const plan = planArticle(source, known, actor, replacing);
      await writePlannedRows(tx, plan.rows);
      return { articleId: plan.article.id, slug: plan.slug, outcome: plan.outcome as ImportOutcome, warnings: parsed.warnings };
    });
  // Inside a caller's transaction a failed statement has already doomed it: only a transaction we own is retried.
  return isClient(db) ? withConflictRetry(run) : run();
}

async function assertSameStory(tx: Tx, existing: { id: number; slug: string }, parsed: ParsedArticle): Promise<void> {
  const stored = await tx.paragraph.findMany({ where: { articleId: existing.id }, select: { text: true } });
  const shared = sharedParagraphs(paragraphSketch(stored.map((p) => p.text)), paragraphSketch(parsed.paragraphs.map((p) => p.text)));
  if (shared >= SAME_STORY) return;
  // 422, not 409: a conflict would be retried, and this is no race.
  throw new AppError('unprocessable', `article ${existing.id} ("${existing.slug}") is a different story with the same slug (they share no paragraphs); give this text its own slug (front matter "slug:", or --slug), or delete that article first`);
}

/**
 * Two ingests of the same new article (or of two articles naming the same new person) can race: the loser's
 * transaction fails on a unique key. Running it again sees the winner's rows and converges, so retry a few times.
 */
export async function withConflictRetry<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const retryable = e instanceof AppError && (e.code === 'conflict' || e.code === 'unavailable');
      if (!retryable || i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 20 * i + Math.floor(Math.random() * 20)));
    }
  }
}

/**
 * The write budget of one article. An article's rows are written in one transaction, which holds SQLite's write lock
 * (and, for 37 000 quotes, the process: 17.5 s in issue 21) for as long as it takes. A cap keeps every import short
 * and the refusal clear and immediate, where slices that yield would still hold the lock (an article is atomic) and
 * only spread the stall. The caps are far above real articles (the longest in the fixtures have under 200 paragraphs).
 */
export const WRITE_BUDGET = { paragraphs: 2_000, quotes: 5_000 } as const;

function assertWriteBudget(parsed: ParsedArticle): void {
  const over = (['paragraphs', 'quotes'] as const).filter((k) => parsed[k].length > WRITE_BUDGET[k]);
  if (!over.length) return;
  const said = over.map((k) => `${parsed[k].length} ${k} (at most ${WRITE_BUDGET[k]})`).join(' and ');
  throw new AppError('payload_too_large', `The article is too large to store in one piece: ${said}; split it into several articles`, {
    issues: over.map((k) => ({ path: ['body', k], message: `${parsed[k].length} ${k}; at most ${WRITE_BUDGET[k]}` })),
  });
}
