import { type ChildProcess, spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/config/database-url.ts';

/**
 * Entry points run as real processes (through tsx, as an operator runs them): for the tests that run a command to
 * its end (runScript), kill it, start it against a database that is not there, or measure its memory apart from the
 * test's own.
 */
export interface Spawned {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** resolves with the exit code (or the signal's name) when the process ends */
  exited: Promise<number | string>;
  /** like `exited`, once its output has been read to the end too */
  closed: Promise<number | string>;
  /** resolves with the first match of `pattern` in stdout+stderr; rejects on exit or after `timeoutMs` */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGKILL (no cleanup, no flushing: a crash) unless told otherwise; resolves once it is gone */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** `input`, when given, is the process's standard input; otherwise it has none. */
function spawnEntryPoint(file: string, args: string[], env: Record<string, string>, input?: string | Buffer): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) child.stdin!.end(input);
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (d: Buffer) => ((out += d.toString()), listeners.forEach((l) => l())));
  child.stderr!.on('data', (d: Buffer) => ((err += d.toString()), listeners.forEach((l) => l())));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const closed = new Promise<number | string>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    closed,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = (out + err).match(pattern);
          if (m) finish(() => resolve(m));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${out}${err}`))), timeoutMs);
        const finish = (f: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          f();
        };
        listeners.add(check);
        void exited.then((code) => setTimeout(() => finish(() => reject(new Error(`exited (${code}) before ${pattern}; output:\n${out}${err}`))), 50));
        check();
      });
    },
    async kill(signal = 'SIGKILL') {
      if (done) return;
      child.kill(signal);
      await exited;
    },
  };
}

export const spawnScript = (script: string, args: string[], env: Record<string, string>, input?: string | Buffer) =>
  spawnEntryPoint(`scripts/${script}.ts`, args, env, input);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of scripts/*.ts to its end, the way an operator does, with the given environment and standard input. */
export async function runScript(script: string, args: string[], options: { env?: Record<string, string>; input?: string | Buffer } = {}): Promise<CliResult> {
  const p = spawnScript(script, args, options.env ?? {}, options.input ?? '');
  const code = await p.closed;
  return { code: typeof code === 'number' ? code : 1, stdout: p.stdout(), stderr: p.stderr() };
}

/** `npm start` (scripts/serve.ts) on a free port. Resolves with its URL once it is serving. */
export async function startServe(databaseUrl: string, env: Record<string, string> = {}): Promise<Spawned & { url: string }> {
  const p = spawnScript('serve', [], { DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', ...env });
  try {
    const m = await p.waitFor(/Serving (http:\/\/\S+)/, 180_000);
    return { ...p, url: m[1]! };
  } catch (e) {
    await p.kill();
    throw e;
  }
}
