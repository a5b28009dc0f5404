import fs from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { AppError } from '../errors.ts';

/** One article to ingest: a file, or standard input (`-`). */
export interface IngestInput {
  /** what to call it in messages: the path as given, or "stdin" */
  name: string;
  path: string | null;
}

/** Files taken from a directory: plain-text articles. */
const TEXT_EXTENSIONS = ['.txt', '.text', '.md'];

/**
 * Expands the command line's files, directories and globs into the list of articles, in a stable order, each once.
 * Anything that names nothing is refused before any article is read, naming the argument.
 */
export async function collectInputs(args: string[], cwd = process.cwd()): Promise<IngestInput[]> {
  if (args.length === 0) throw new AppError('bad_request', 'Name at least one file, directory, glob or - (standard input)');
  const inputs: IngestInput[] = [];
  const seen = new Set<string>();
  // Each real file once, however it was reached: a link to a file beside it, a directory and a glob that overlap.
  const add = (file: string, name = file) => {
    const abs = path.resolve(cwd, file);
    const real = realPath(abs);
    if (!seen.has(real)) {
      seen.add(real);
      inputs.push({ name: printable(name), path: abs });
    }
  };
  for (const arg of args) {
    if (arg === '-') {
      inputs.push({ name: 'stdin', path: null });
      continue;
    }
    const abs = path.resolve(cwd, arg);
    const stat = fs.statSync(abs, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      const files = walk(abs)
        .filter((f) => TEXT_EXTENSIONS.includes(path.extname(f).toLowerCase()))
        .sort();
      if (files.length === 0) {
        throw new AppError('bad_request', `${arg}: the directory holds no text files (${TEXT_EXTENSIONS.join(', ')})`);
      }
      for (const f of files) add(path.join(abs, f), path.join(arg, f));
    } else if (stat) {
      add(abs, arg);
    } else if (isDynamicPattern(arg)) {
      // A glob does not follow symbolic links. tinyglobby follows them by default, and its walker stops a loop only
      // where a link points at an ancestor: five directories linked to each other gave 1,655 paths for 5 files, and
      // each directory more multiplies them. Naming the directory itself follows each link once (walk, below).
      const files = (await glob(arg, { cwd, onlyFiles: true, absolute: true, followSymbolicLinks: false })).sort();
      if (files.length === 0) throw new AppError('bad_request', `${arg}: the pattern matches no file`);
      for (const f of files) add(f, path.relative(cwd, f));
    } else {
      throw new AppError('not_found', `${arg}: no such file or directory`);
    }
  }
  return inputs;
}

/**
 * The files under `root`, relative to it, skipping hidden entries. A symbolic link to a directory is followed once:
 * each real directory is read at most once, so a link to itself or to an ancestor (`ln -s .. loop`) ends the walk
 * instead of reading the same files until the path is too long. (fs.readdirSync's `recursive` follows such links.)
 */
function walk(root: string): string[] {
  const files: string[] = [];
  const visited = new Set<string>();
  const visit = (dir: string, rel: string) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return; // a dangling link
    }
    if (visited.has(real)) return;
    visited.add(real);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      const relative = rel ? path.join(rel, entry.name) : entry.name;
      const stat = entry.isSymbolicLink() ? fs.statSync(full, { throwIfNoEntry: false }) : entry;
      if (!stat) continue;
      if (stat.isDirectory()) visit(full, relative);
      else if (stat.isFile()) files.push(relative);
    }
  };
  visit(root, '');
  return files;
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file; // reading it will say what is wrong
  }
}

/** A file name as it is shown in reports, one line each: control characters (a newline in a name) escaped. */
function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1).replace(/^\\u00/, '\\x'));
}
