import fs from 'node:fs';
import { AppError } from '../errors.ts';
import { MAX_ARTICLE_BYTES, decodeArticleBytes } from './parse/index.ts';
import type { IngestInput } from './collect-inputs.ts';

/** Reads one input's bytes, refusing oversized files before reading them, and decodes them as UTF-8 text. */
export async function readInput(input: IngestInput, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const bytes = input.path === null ? await readStream(stdin) : readFile(input.path);
  return decodeArticleBytes(bytes, input.name);
}

function readFile(file: string): Uint8Array {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new AppError('bad_request', 'not a regular file');
  if (stat.size > MAX_ARTICLE_BYTES) throw tooLarge(stat.size);
  return fs.readFileSync(file);
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buf.length;
    if (size > MAX_ARTICLE_BYTES) throw tooLarge(size);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function tooLarge(size: number) {
  return new AppError(
    'payload_too_large',
    `the text is ${size} bytes; the limit for one article is ${MAX_ARTICLE_BYTES} bytes`,
  );
}
