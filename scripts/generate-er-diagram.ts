/**
 * npm run docs:er-diagram            rewrites the Mermaid ER diagram in docs/analysts.md from prisma/models.prisma
 * npm run docs:er-diagram -- --check exit 1 when the committed diagram is stale (the tests check this too)
 */
import fs from 'node:fs';
import path from 'node:path';
import { erDiagram, withDiagram } from '../src/analysts/er-diagram.ts';
import { parsePrismaSchema } from '../src/analysts/prisma-schema.ts';
import { runMain } from '../src/cli/run-main.ts';
import { PROJECT_ROOT } from '../src/config/database-url.ts';

const DOC = path.join(PROJECT_ROOT, 'docs/analysts.md');

async function main(): Promise<number> {
  const schema = parsePrismaSchema(fs.readFileSync(path.join(PROJECT_ROOT, 'prisma/models.prisma'), 'utf8'));
  const current = fs.readFileSync(DOC, 'utf8');
  const fresh = withDiagram(current, erDiagram(schema));
  if (process.argv.includes('--check')) {
    if (fresh === current) return 0;
    process.stderr.write('docs/analysts.md: the ER diagram is stale; run `npm run docs:er-diagram`\n');
    return 1;
  }
  if (fresh !== current) fs.writeFileSync(DOC, fresh);
  process.stdout.write(fresh === current ? 'docs/analysts.md: the ER diagram is up to date\n' : 'docs/analysts.md: ER diagram regenerated\n');
  return 0;
}

runMain('generate-er-diagram', main);
