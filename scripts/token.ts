/**
 * API tokens for editors and admins.
 *   npm run --silent token -- create --name <name> --role <editor|admin> [--expires-in 30d]
 *                                                      the token alone on the last stdout line
 *   npm run --silent token -- list
 *   npm run --silent token -- revoke <id|name>        exactly one active token, else it names the candidates
 *   npm run --silent token -- revoke --id <id>   |   revoke --name <name>
 * Only the token's sha256 is stored: a token that is lost is revoked and made again.
 */
import 'dotenv/config';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type Role, type TokenRef, createToken, listTokens, revokeToken } from '../src/auth/tokens.ts';
import { loadConfig } from '../src/config/index.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrateIfNeeded } from '../src/db/migrate.ts';
import { runMain } from '../src/cli/run-main.ts';

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const { database } = loadConfig();
  // A token is often the first thing made on a new store, before `npm start` ever ran.
  await migrateIfNeeded(database);
  const db = await openDatabase(database);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const program = new Command('token').description('manage API tokens').showHelpAfterError();

program
  .command('create')
  .description('create a token (printed once, on the last line)')
  .requiredOption('--name <name>', 'who uses it: shown in the history of every change they make', (v) => {
    if (!v.trim() || v.length > 100) throw new InvalidArgumentError('1 to 100 characters');
    return v.trim();
  })
  .addOption(new Option('--role <role>', 'editor or admin').choices(['editor', 'admin']).makeOptionMandatory())
  .option('--expires-in <duration>', 'the token stops working after this long: 90m, 12h, 30d or 8w (default: never)', parseDuration)
  .action(async (opts: { name: string; role: Role; expiresIn?: number }) => {
    const expiresAt = opts.expiresIn === undefined ? null : new Date(Date.now() + opts.expiresIn);
    const created = await withDb((db) => createToken(db.prisma, { name: opts.name, role: opts.role, expiresAt }));
    const until = expiresAt ? `, valid until ${expiresAt.toISOString()}` : '';
    process.stderr.write(`Created ${created.role} token #${created.id} for ${created.name}${until}. It is shown once; store it now.\n`);
    process.stdout.write(`${created.token}\n`);
  });

program
  .command('list')
  .description('list tokens (never the tokens themselves)')
  .action(async () => {
    const tokens = await withDb((db) => listTokens(db.prisma));
    if (!tokens.length) process.stdout.write('no tokens yet\n');
    for (const t of tokens) {
      const expired = t.expiresAt && t.expiresAt.getTime() <= Date.now();
      const state = t.revokedAt
        ? `revoked ${t.revokedAt.toISOString()}`
        : expired
          ? `expired ${t.expiresAt!.toISOString()}`
          : t.expiresAt
            ? `active until ${t.expiresAt.toISOString()}`
            : 'active';
      const used = t.lastUsedAt ? `last used ${t.lastUsedAt.toISOString()}` : 'never used';
      process.stdout.write(`${t.id}\t${t.name}\t${t.role}\t${state}\t${used}\n`);
    }
  });

program
  .command('revoke')
  .description('revoke one active token: by id, by name, or by a bare argument that names exactly one of them')
  .argument('[idOrName]')
  .option('--id <id>', 'the token with this id', (v) => {
    if (!/^\d{1,10}$/.test(v)) throw new InvalidArgumentError('a token id (see `token list`)');
    return Number(v);
  })
  .option('--name <name>', 'the one active token with this name')
  .action(async (idOrName: string | undefined, opts: { id?: number; name?: string }) => {
    const given = [idOrName !== undefined, opts.id !== undefined, opts.name !== undefined].filter(Boolean).length;
    if (given !== 1) throw new InvalidArgumentError('name the token once: revoke <id|name>, --id <id> or --name <name>');
    const ref: TokenRef = opts.id !== undefined ? { id: opts.id } : opts.name !== undefined ? { name: opts.name } : { idOrName: idOrName! };
    const token = await withDb((db) => revokeToken(db.prisma, ref));
    process.stdout.write(`Revoked token #${token.id} "${token.name}" (${token.role})\n`);
  });

/** "90m", "12h", "30d", "8w" in milliseconds. */
function parseDuration(value: string): number {
  const m = /^(\d{1,6})([mhdw])$/.exec(value.trim());
  if (!m || Number(m[1]) === 0) throw new InvalidArgumentError('a positive duration such as 90m, 12h, 30d or 8w');
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[m[2] as 'm' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}

runMain('token', async () => {
  await program.parseAsync();
  return Number(process.exitCode ?? 0);
});
