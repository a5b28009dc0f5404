import type { Provider } from '../../src/config/database-url.ts';
import { resolveDatabaseUrl } from '../../src/config/database-url.ts';
import { openDatabase } from '../../src/db/client.ts';
import { openBulkConnection } from '../../src/ingest/bulk/open-bulk-connection.ts';
import { storeBatch } from '../../src/ingest/bulk/store-batch.ts';
import type { ParsedSource } from '../../src/ingest/import-article.ts';

export type { ParsedSource };

/**
 * The write limit: parsed records written by the project's bulk path (src/ingest/bulk/: prepared statements /
 * unnest multi-row inserts, one transaction per batch), without reading files. Was a bench-only copy; since the
 * ingest itself writes this way, the limit and the product are the same code.
 */
export interface RawWriter {
  writeBatch(batch: ParsedSource[]): Promise<{ created: number; unchanged: number; deferred: number }>;
  close(): Promise<void>;
}

export async function openRawWriter(provider: Provider, url: string): Promise<RawWriter> {
  const database = await openDatabase(resolveDatabaseUrl(url), { poolSize: 2 });
  if (database.provider !== provider) throw new Error(`${url} is not a ${provider} URL`);
  const conn = await openBulkConnection(database);
  return {
    async writeBatch(batch) {
      const results = await storeBatch(conn, database.prisma, batch, { name: 'bench' });
      const count = (o: string) => results.filter((r) => r.outcome === o).length;
      const failed = results.find((r) => r.outcome === 'failed');
      if (failed && failed.outcome === 'failed') throw failed.error;
      return { created: count('created'), unchanged: count('unchanged'), deferred: count('updated') };
    },
    async close() {
      await conn.close();
      await database.close();
    },
  };
}
