/**
 * API tokens for editors and admins.
 *   npm run --silent token -- create --name <name> --role <editor|admin>   the token alone on the last stdout line
 *   npm run --silent token -- list
 *   npm run --silent token -- revoke <id|name>
 * Only the token's sha256 is stored: a token that is lost is revoked and made again.
 */
import 'dotenv/config';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type Role, createToken, listTokens, revokeToken } from '../src/auth/tokens.ts';
import { runMain } from '../src/cli/run-main.ts';
import { withDatabase } from '../src/cli/with-database.ts';

const program = new Command('token').description('manage API tokens').showHelpAfterError();

program
  .command('create')
  .description('create a token (printed once, on the last line)')
  .requiredOption('--name <name>', 'who uses it: shown in the history of every change they make', (v) => {
    if (!v.trim() || v.length > 100) throw new InvalidArgumentError('1 to 100 characters');
    return v.trim();
  })
  .addOption(new Option('--role <role>', 'editor or admin').choices(['editor', 'admin']).makeOptionMandatory())
  .action(async (opts: { name: string; role: Role }) => {
    const created = await withDatabase((db) => createToken(db.prisma, opts));
    process.stderr.write(`Created ${created.role} token #${created.id} for ${created.name}. It is shown once; store it now.\n`);
    process.stdout.write(`${created.token}\n`);
  });

program
  .command('list')
  .description('list tokens (never the tokens themselves)')
  .action(async () => {
    const tokens = await withDatabase((db) => listTokens(db.prisma));
    if (!tokens.length) process.stdout.write('no tokens yet\n');
    for (const t of tokens) {
      const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active';
      const used = t.lastUsedAt ? `last used ${t.lastUsedAt.toISOString()}` : 'never used';
      process.stdout.write(`${t.id}\t${t.name}\t${t.role}\t${state}\t${used}\n`);
    }
  });

program
  .command('revoke')
  .description('revoke a token by id, or every active token with that name')
  .argument('<idOrName>')
  .action(async (idOrName: string) => {
    const count = await withDatabase((db) => revokeToken(db.prisma, idOrName));
    if (!count) {
      process.stderr.write(`No active token matches "${idOrName}"\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`Revoked ${count} token${count === 1 ? '' : 's'}\n`);
  });

runMain('token', async () => {
  await program.parseAsync();
  return Number(process.exitCode ?? 0);
});
