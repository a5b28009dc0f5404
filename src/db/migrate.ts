import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { PROJECT_ROOT } from '../config/database-url.ts';
import type { DatabaseTarget } from '../config/database-url.ts';
import { AppError } from '../errors.ts';

const require = createRequire(import.meta.url);

/**
 * Applies the committed migrations with the real `prisma migrate deploy` (offline, through our schema-engine shim:
 * docs/migrations.md). Used by `npm start`, the seed and the test setup so every path migrates the same way.
 */
export async function migrateDeploy(target: DatabaseTarget, options: { quiet?: boolean } = {}): Promise<void> {
  const { code, output } = await runPrismaCli(['migrate', 'deploy'], target);
  if (code !== 0) {
    throw new AppError('unavailable', `Migrating the database failed (prisma migrate deploy exited ${code}):\n${output.trim()}`);
  }
  if (!options.quiet) {
    const summary = output.split('\n').filter((l) => /migration|applied|No pending/i.test(l));
    for (const line of summary) process.stderr.write(`${line}\n`);
  }
}

export function runPrismaCli(args: string[], target: DatabaseTarget): Promise<{ code: number; output: string }> {
  const cli = require.resolve('prisma/build/index.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: target.url, PRISMA_HIDE_UPDATE_MESSAGE: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
