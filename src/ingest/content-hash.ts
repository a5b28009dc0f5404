import crypto from 'node:crypto';
import type { ParseOptions } from './parse/index.ts';

/**
 * Identifies one ingest input: the text plus the options that change what is stored. Re-ingesting with the same
 * hash is a no-op; a different headline option on the same text is a change.
 */
export function contentHash(text: string, options: ParseOptions): string {
  const relevant = Object.entries(options)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .sort(([a], [b]) => a.localeCompare(b));
  return crypto.createHash('sha256').update(text).update('\0').update(JSON.stringify(relevant)).digest('hex');
}
