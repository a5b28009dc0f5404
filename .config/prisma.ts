// Configuration of the Prisma CLI (`npx prisma …`, `npm run db:*`). DATABASE_URL picks the provider folder, so
// `prisma migrate dev|deploy|status` act on whichever database the app is configured for.
import 'dotenv/config';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PROJECT_ROOT, resolveDatabaseUrl } from '../src/config/database-url.ts';
import { externalTables } from '../src/db/external-tables.ts';

// Prisma's native schema engine cannot be downloaded on our machines: the CLI drives Prisma's own WebAssembly
// engine through this shim instead (see scripts/prisma-schema-engine and docs/migrations.md).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(PROJECT_ROOT, 'scripts/prisma-schema-engine');

const target = resolveDatabaseUrl(process.env.DATABASE_URL);
const dir = path.join(PROJECT_ROOT, 'prisma', target.provider);

export default defineConfig({
  schema: dir,
  migrations: {
    path: path.join(dir, 'migrations'),
    seed: 'tsx scripts/seed.ts',
  },
  datasource: { url: target.url },
  // Tables migrations create that the model does not describe (full-text search): src/db/external-tables.ts.
  experimental: { externalTables: true },
  tables: { external: externalTables(target.provider) },
});
