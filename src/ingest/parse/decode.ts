import { AppError } from '../../errors.ts';
import { unprocessable } from './parse-error.ts';

/** 2 MiB: a long-read feature is ~100 KB, so anything near this is a dump or a wrong file, not an article. */
export const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

function tooLarge(size: number, where: string | undefined, line: number): AppError {
  return new AppError('payload_too_large', `${where ?? 'The article'} is ${size} bytes; the limit is ${MAX_ARTICLE_BYTES} bytes`, {
    issues: [{ path: ['line', line], message: `the text passes the ${MAX_ARTICLE_BYTES}-byte limit on this line` }],
  });
}

/** Line (1-based) holding byte `offset`, counting LF and lone CR as line ends, as the text parser does. */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  return placeOfByte(bytes, offset).line;
}

/** Line and column (1-based, in bytes) of byte `offset`. */
function placeOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** "byte 33 of the file (column 12 of its line)": the path says the line; an editor's column finds the byte. */
function byteAt(bytes: Uint8Array, offset: number): string {
  return `byte ${offset} of the file (column ${placeOfByte(bytes, offset).column} of its line)`;
}

/**
 * Strict UTF-8 validation by hand rather than TextDecoder({fatal}) because the refusal must say where the bad byte is.
 * Returns the offset of the first invalid sequence, or -1.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are all invalid UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/** Control bytes that never occur in prose; tab, LF, CR, FF and VT are allowed. A NUL or one of these means binary. */
function isBinaryByte(b: number): boolean {
  return b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b) || b === 0x7f;
}

/**
 * Turns uploaded bytes into text. Accepts UTF-8 with or without a BOM; refuses binary data and invalid UTF-8 with the
 * byte offset and line, because silently replacing bytes would corrupt names and quotes.
 */
export function decodeArticleBytes(bytes: Uint8Array, where?: string): string {
  const label = where ?? 'The article';
  if (bytes.length > MAX_ARTICLE_BYTES) throw tooLarge(bytes.length, where, lineOfByte(bytes, MAX_ARTICLE_BYTES));
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw unprocessable(`${label} is UTF-16, not UTF-8`, ['line', 1], 'byte 0: UTF-16 byte-order mark; save the file as UTF-8');
  }
  for (let i = start; i < bytes.length; i++) {
    if (isBinaryByte(bytes[i]!)) {
      const line = lineOfByte(bytes, i);
      throw unprocessable(`${label} looks like binary data, not text`, ['line', line], `${byteAt(bytes, i)}: control byte 0x${bytes[i]!.toString(16).padStart(2, '0')}`);
    }
  }
  const body = bytes.subarray(start);
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) {
    const offset = bad + start;
    throw unprocessable(`${label} is not valid UTF-8`, ['line', lineOfByte(bytes, offset)], `${byteAt(bytes, offset)}: invalid UTF-8 sequence starting 0x${bytes[offset]!.toString(16).padStart(2, '0')}`);
  }
  return new TextDecoder('utf-8').decode(body);
}
