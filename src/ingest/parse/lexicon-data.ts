import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The part of compromise's model the parser reads (lexicon.ts): its lexicon (word → tags) and its organisation and
 * place words. Importing compromise builds its whole model — 0.43 s of CPU in every process and in every parse worker
 * an ingest starts, more than parsing 500 articles. So what we read of it is written once, per compromise version,
 * as JSON under node_modules/.cache (where build tools keep such files), and read back from there in ~20 ms. Without
 * a cache (first run, or a read-only install) compromise is loaded as before.
 */
export interface LexiconData {
  lexicon: Record<string, string | string[]>;
  orgWords: string[];
  placeWords: string[];
}

/** Bump when what is extracted below changes: an older cache file is then ignored. */
const FORMAT = 1;

interface Model {
  one: { lexicon: Record<string, string | string[]> };
  two?: { orgWords?: Record<string, unknown>; placeWords?: Record<string, unknown> };
}

const require = createRequire(import.meta.url);

/** `cacheFile`: where the extract is kept (tests give their own); null for none. */
export function loadLexiconData(cacheFile: string | null = defaultCachePath()): LexiconData {
  if (cacheFile) {
    try {
      const data = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as LexiconData;
      if (data.lexicon && typeof data.lexicon === 'object' && Array.isArray(data.orgWords) && Array.isArray(data.placeWords)) return data;
    } catch {
      // no cache yet, or a damaged one: rebuilt below
    }
  }
  const nlp = require('compromise') as { world(): { model: Model } };
  const { model } = nlp.world();
  const data: LexiconData = {
    lexicon: model.one.lexicon,
    orgWords: Object.keys(model.two?.orgWords ?? {}),
    placeWords: Object.keys(model.two?.placeWords ?? {}),
  };
  if (cacheFile) writeAtomically(cacheFile, JSON.stringify(data));
  return data;
}

/** node_modules/.cache/news-content-store/compromise-<version>-<format>.json beside compromise, or null if unknown. */
export function defaultCachePath(): string | null {
  try {
    const entry = require.resolve('compromise');
    const packageDir = entry.slice(0, entry.lastIndexOf(`${path.sep}compromise${path.sep}`) + `${path.sep}compromise`.length);
    const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
    return path.join(path.dirname(packageDir), '.cache', 'news-content-store', `compromise-${version}-${FORMAT}.json`);
  } catch {
    return null;
  }
}

/** Written beside and renamed into place, so a parallel reader (another worker, another ingest) never sees half a file. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true }); // read-only install: every process loads compromise, as it did before
  }
}
