/**
 * npm run db:backfill-roles
 * Fills article_people.role_title and role_category from each role as written (src/article-people/role-category.ts):
 * once after the migration that added them, and again after a change to the role word lists. Safe to repeat.
 */
import 'dotenv/config';
import { backfillRoleReadings } from '../src/article-people/backfill-roles.ts';
import { runMain } from '../src/cli/run-main.ts';
import { withDatabase } from '../src/cli/with-database.ts';

runMain('db:backfill-roles', () =>
  withDatabase(async (db) => {
    const { read, changed } = await backfillRoleReadings(db.prisma);
    process.stdout.write(`article_people: ${read} rows read, ${changed} role titles and categories updated\n`);
    return 0;
  }),
);
