import type { Provider } from '../config/database-url.ts';

/**
 * Tables that migrations create but prisma/models.prisma does not model: full-text search (an FTS5 virtual table
 * and its shadow tables on SQLite, a table with a generated tsvector on PostgreSQL; the per-article index and its
 * list of articles to refresh, src/db/search-index.ts). Prisma's config lists them as
 * external (.config/prisma.ts), so migrate diff/dev leave them alone instead of planning to drop them
 * (docs/migrations.md, "SQL Prisma cannot express").
 */
export function externalTables(provider: Provider): string[] {
  const shadow = (table: string, parts: string[]) => [table, ...parts.map((s) => `${table}_${s}`)];
  return provider === 'sqlite'
    ? [
        ...shadow('search_documents', ['config', 'content', 'data', 'docsize', 'idx']),
        ...shadow('article_search', ['config', 'content', 'data', 'docsize', 'idx']),
        'article_search_pending',
      ]
    : ['public.search_documents', 'public.article_search', 'public.article_search_pending'];
}
