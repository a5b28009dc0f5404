import { contentHash } from './content-hash.ts';
import type { ParsedSource } from './import-article.ts';
import { type ParseOptions, parseArticle } from './parse/index.ts';
import { ParsePool } from './parse-pool.ts';

/**
 * Texts at least this long are parsed on a worker thread. The parser reads about 150 characters a millisecond on a
 * busy core, so a 2 MB import held the server's only thread for seconds (issue 21) while /healthz and every reader
 * waited. A text under this size parses in a few milliseconds here, less than the round trip to a worker costs.
 */
export const OFF_THREAD_CHARS = 16_384;

/** One worker for the process, started by the first long text and kept (unref'd: it never keeps the process alive). */
let pool: ParsePool | undefined;

/**
 * Parses a text the server received (the API's import) without holding the event loop: long texts on a worker
 * thread, short ones here. The parser is deterministic, so where it ran cannot be told from the result, and an
 * AppError it throws arrives as itself (parse-pool.ts carries errors across threads). If the worker cannot start,
 * the pool parses here: slower for everyone else, never wrong.
 */
export async function parseSource(text: string, options: ParseOptions): Promise<ParsedSource> {
  if (text.length < OFF_THREAD_CHARS) return { parsed: parseArticle(text, options), sourceText: text, hash: contentHash(text, options) };
  pool ??= new ParsePool({ size: 1, chunk: 1, unref: true });
  const pending = await pool.submit([{ name: 'body', path: null }], options, [text]);
  const [outcome] = await pending.collect({ helpHere: false });
  if (!outcome) throw new Error('the parse worker returned no outcome');
  if ('error' in outcome) throw outcome.error;
  return outcome.source;
}
