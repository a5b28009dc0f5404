/**
 * Desk accounts (editors and admins who sign in at /desk with an email and a password).
 *   printf '%s\n' "$PASSWORD" | npm run --silent user -- create --email E --name N --role editor|admin --password-stdin
 *   npm run --silent user -- list
 *   npm run --silent user -- disable <email>                      ends the account's sessions at once
 *   printf '%s\n' "$PASSWORD" | npm run --silent user -- reset-password <email> --password-stdin
 * The password is read from standard input only, never from an argument (arguments show in `ps` and shell history).
 */
import 'dotenv/config';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createAccount, disableAccount, listAccounts, resetPassword } from '../src/accounts/accounts.ts';
import type { Role } from '../src/auth/tokens.ts';
import { runMain } from '../src/cli/run-main.ts';
import { withDatabase } from '../src/cli/with-database.ts';
import { AppError } from '../src/errors.ts';

/** The first line of standard input, without its line ending. */
async function passwordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new AppError('bad_request', '--password-stdin reads the password from a pipe: printf \'%s\\n\' "$PASSWORD" | npm run --silent user -- …');
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new AppError('bad_request', 'No password on standard input');
  return line;
}

const requireStdin = (opts: { passwordStdin?: boolean }) => {
  if (!opts.passwordStdin) throw new AppError('bad_request', 'Give the password on standard input with --password-stdin');
};

const program = new Command('user').description('manage desk accounts').showHelpAfterError();

program
  .command('create')
  .description('create an account')
  .requiredOption('--email <email>', 'the sign-in address')
  .requiredOption('--name <name>', 'shown in the history of every change they make', (v) => {
    if (!v.trim() || v.length > 100) throw new InvalidArgumentError('1 to 100 characters');
    return v.trim();
  })
  .addOption(new Option('--role <role>', 'editor or admin').choices(['editor', 'admin']).makeOptionMandatory())
  .option('--password-stdin', 'read the password from standard input')
  .action(async (opts: { email: string; name: string; role: Role; passwordStdin?: boolean }) => {
    requireStdin(opts);
    const password = await passwordFromStdin();
    const account = await withDatabase((db) => createAccount(db.prisma, { ...opts, password }));
    process.stdout.write(`Created ${account.role} account #${account.id} for ${account.name} <${account.email}>\n`);
  });

program
  .command('list')
  .description('list accounts')
  .action(async () => {
    const accounts = await withDatabase((db) => listAccounts(db.prisma));
    if (!accounts.length) process.stdout.write('no accounts yet\n');
    for (const a of accounts) {
      const state = a.disabledAt ? `disabled ${a.disabledAt.toISOString()}` : 'active';
      process.stdout.write(`${a.id}\t${a.email}\t${a.name}\t${a.role}\t${state}\n`);
    }
  });

program
  .command('disable')
  .description('disable an account and end its sessions')
  .argument('<email>')
  .action(async (email: string) => {
    const account = await withDatabase((db) => disableAccount(db.prisma, email));
    process.stdout.write(`Disabled ${account.email}; its sessions have ended\n`);
  });

program
  .command('reset-password')
  .description('set a new password (from standard input); its sessions end')
  .argument('<email>')
  .option('--password-stdin', 'read the password from standard input')
  .action(async (email: string, opts: { passwordStdin?: boolean }) => {
    requireStdin(opts);
    const password = await passwordFromStdin();
    const account = await withDatabase((db) => resetPassword(db.prisma, email, password));
    process.stdout.write(`New password set for ${account.email}; its sessions have ended\n`);
  });

runMain('user', async () => {
  await program.parseAsync();
  return Number(process.exitCode ?? 0);
});
