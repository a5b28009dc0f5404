import type { IdTable, Known, PlannedRows } from './plan-batch.ts';

/**
 * What the bulk ingest needs from a database, written once per driver (sqlite-connection.ts, postgres-connection.ts):
 * look up what a batch refers to, hand out ids, write planned rows set-based, and the transaction verbs. Savepoint
 * names are the caller's constants, never input.
 */
export interface BulkConnection {
  lookup(slugs: string[], nameKeys: string[]): Promise<Known>;
  /** `n` fresh ids of the table, never handed out before */
  allocate(table: IdTable, n: number): Promise<number[]>;
  insert(rows: PlannedRows): Promise<void>;
  /**
   * Moves the version of every article whose related list shows one of these (just filled) stubs, once per link, as
   * touchArticlesShowing does for storeParsedArticle (src/articles/article-version.ts) — except the articles written
   * in this batch, which the planner has seen to.
   */
  touchArticlesRelatedTo(stubIds: number[], except: number[]): Promise<void>;
  /** rebuilds the search documents of the articles written in this transaction (src/db/search-index.ts) */
  refreshSearch(): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  savepoint(name: string): Promise<void>;
  release(name: string): Promise<void>;
  /** undoes everything since the savepoint and drops it */
  rollbackTo(name: string): Promise<void>;
  close(): Promise<void>;
}
