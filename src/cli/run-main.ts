import { translateDbError } from '../db/errors.ts';
import { isAppError } from '../errors.ts';

/**
 * The one way command-line entry points end: the exit code main() returns, or for an error its message on stderr —
 * an AppError as its detail and issues (exit 2: the input or configuration was refused), anything else with its
 * stack (exit 1: a bug). An unreachable database is one clear line, not a driver's stack.
 */
export function runMain(name: string, main: () => Promise<number>): void {
  main().then(
    // Exit once what was written has reached the OS: stdout through a pipe (`npm run … | sort`) is flushed
    // asynchronously, and an exit before that cuts the output short.
    (code) => process.stdout.write('', () => process.exit(code)),
    (thrown: unknown) => {
      const e = translateDbError(thrown);
      if (isAppError(e)) {
        process.stderr.write(`${name}: ${e.describe()}\n`);
        process.exit(e.status >= 500 ? 1 : 2);
      }
      process.stderr.write(`${name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
