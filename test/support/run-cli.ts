import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/config/database-url.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of scripts/*.ts the way an operator does (through tsx), with the given environment and stdin. */
export function runScript(script: string, args: string[], options: { env?: Record<string, string>; input?: string | Buffer } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
