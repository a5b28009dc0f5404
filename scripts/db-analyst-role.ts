/**
 * npm run db:analyst-role [-- --role analyst] [--password …] [--drop]
 * Creates (or refreshes) the read-only PostgreSQL role for analysts on the DATABASE_URL database: SELECT on every
 * table and view except api_tokens, read-only sessions. The password may also come from ANALYST_PASSWORD.
 * SQLite has no roles: analysts open the file read-only instead (docs/analysts.md).
 */
import 'dotenv/config';
import { Command, Option } from 'commander';
import { runMain } from '../src/cli/run-main.ts';
import { loadConfig } from '../src/config/index.ts';
import { createAnalystRole, dropAnalystRole } from '../src/db/analyst-role.ts';
import { migrateIfNeeded } from '../src/db/migrate.ts';
import { AppError } from '../src/errors.ts';

const program = new Command()
  .name('db:analyst-role')
  .description('Create or refresh the read-only PostgreSQL role for analysts.')
  .option('--role <name>', 'role name', 'analyst')
  .addOption(new Option('--password <password>', 'login password (none: for trust/peer/cert auth)').env('ANALYST_PASSWORD'))
  .option('--drop', 'remove the role instead')
  .showHelpAfterError();

async function main(): Promise<number> {
  program.parse();
  const o = program.opts<{ role: string; password?: string; drop?: boolean }>();
  const { database } = loadConfig();
  if (database.provider !== 'postgresql') {
    throw new AppError(
      'bad_request',
      `DATABASE_URL is SQLite, which has no roles: open it read-only instead, e.g. sqlite3 -readonly ${database.file} (docs/analysts.md)`,
    );
  }
  if (o.drop) {
    await dropAnalystRole(database.url, o.role);
    process.stdout.write(`role ${o.role} dropped\n`);
    return 0;
  }
  // The grants name the tables and views: they must exist first.
  await migrateIfNeeded(database);
  await createAnalystRole(database.url, { role: o.role, password: o.password });
  process.stdout.write(`role ${o.role}: SELECT on every table and view but api_tokens, read-only sessions\n`);
  return 0;
}

runMain('db-analyst-role', main);
