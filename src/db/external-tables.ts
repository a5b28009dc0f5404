import type { Provider } from '../config/database-url.ts';

/**
 * Tables that migrations create but prisma/models.prisma does not model: full-text search (an FTS5 virtual table
 * and its shadow tables on SQLite, a table with a generated tsvector on PostgreSQL). Prisma's config lists them as
 * external (.config/prisma.ts), so migrate diff/dev leave them alone instead of planning to drop them
 * (docs/migrations.md, "SQL Prisma cannot express").
 */
export function externalTables(provider: Provider): string[] {
  return provider === 'sqlite'
    ? ['search_documents', ...['config', 'content', 'data', 'docsize', 'idx'].map((s) => `search_documents_${s}`)]
    : ['public.search_documents'];
}
