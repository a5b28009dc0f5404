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
  const add = (file: string, name = file) => {
    const abs = path.resolve(cwd, file);
    if (!seen.has(abs)) {
      seen.add(abs);
      inputs.push({ name, path: abs });
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
      const files = fs
        .readdirSync(abs, { recursive: true, encoding: 'utf8' })
        .filter((f) => TEXT_EXTENSIONS.includes(path.extname(f).toLowerCase()))
        .filter((f) => !f.split(path.sep).some((part) => part.startsWith('.')))
        .sort();
      if (files.length === 0) {
        throw new AppError('bad_request', `${arg}: the directory holds no text files (${TEXT_EXTENSIONS.join(', ')})`);
      }
      for (const f of files) add(path.join(abs, f), path.join(arg, f));
    } else if (stat) {
      add(abs, arg);
    } else if (isDynamicPattern(arg)) {
      const files = (await glob(arg, { cwd, onlyFiles: true, absolute: true })).sort();
      if (files.length === 0) throw new AppError('bad_request', `${arg}: the pattern matches no file`);
      for (const f of files) add(f, path.relative(cwd, f));
    } else {
      throw new AppError('not_found', `${arg}: no such file or directory`);
    }
  }
  return inputs;
}
