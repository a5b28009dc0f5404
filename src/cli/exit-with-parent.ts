import fs from 'node:fs';

/** A process's parent id and command name from /proc (Linux), or null where there is none. */
function procStat(pid: number): { ppid: number; comm: string } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    return { comm: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(stat.slice(close + 2).split(' ')[1]) };
  } catch {
    return null;
  }
}

/**
 * Who started us, read when this module is first evaluated (scripts/ingest.ts imports it first, before the slow
 * imports): our parent, and when that is the `sh -c` npm runs scripts through, npm itself above it.
 */
const PARENT = process.ppid;
const GRANDPARENT = /^(sh|dash|bash)$/.test(procStat(PARENT)?.comm ?? '') ? (procStat(PARENT)?.ppid ?? null) : null;

const orphaned = () => process.ppid !== PARENT || (GRANDPARENT !== null && procStat(PARENT)?.ppid !== GRANDPARENT);

/**
 * Ends this process when the one that started it dies. `npm run ingest` is npm → sh → node; a SIGKILL of npm (a
 * supervisor's timeout, a `kill -9` of the job) cannot be passed on, and the node child would keep writing with
 * nobody to report to. Linux has no parent-death signal for Node, so the parents are polled: when we or the shell
 * between us are re-parented (to init or a subreaper), the starter is gone. Exiting mid-batch is safe: an
 * uncommitted transaction writes nothing (test/reliability/crash-ingest.test.ts).
 */
export function exitWithParent(intervalMs = 250, code = 129): void {
  if (PARENT <= 1) return; // started by init (a container's entry point): nothing to watch
  const stop = () => {
    process.stderr.write('ingest: the process that started this one is gone; stopping (nothing uncommitted is kept)\n');
    process.exit(code);
  };
  if (orphaned()) stop();
  setInterval(() => orphaned() && stop(), intervalMs).unref();
}
