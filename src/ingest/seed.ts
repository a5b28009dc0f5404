import path from 'node:path';
import type { Database } from '../db/client.ts';
import { PROJECT_ROOT } from '../config/database-url.ts';
import { collectInputs } from './collect-inputs.ts';
import { type IngestReporter, type IngestSummary, runIngest } from './run-ingest.ts';

/** The bundled sample articles (a fresh clone has nothing else). */
export const SEED_DIR = path.join(PROJECT_ROOT, 'prisma/seed');

const SEED_ACTOR = { name: 'seed' };

const quiet: IngestReporter = { start() {}, file() {}, finish() {} };

/** Ingests the bundled samples, as published. Idempotent: a second run leaves them unchanged. */
export async function seed(database: Database, reporter: IngestReporter = quiet): Promise<IngestSummary> {
  return runIngest(database, await collectInputs([SEED_DIR]), { status: 'published' }, SEED_ACTOR, reporter);
}

/** `npm start` on an empty store: ingest the samples so there is something to look at. Returns how many. */
export async function seedIfEmpty(database: Database): Promise<number> {
  const existing = await database.prisma.article.count({ where: { isStub: false } });
  if (existing > 0) return 0;
  const summary = await seed(database);
  return summary.created + summary.updated;
}
