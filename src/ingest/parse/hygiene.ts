import { AppError } from '../../errors.ts';
import { MAX_ARTICLE_BYTES } from './decode.ts';
import { atLine, unprocessable, type Warnings } from './parse-error.ts';

/** One physical line of the input after clean-up, with its 1-based number in the original text for error messages. */
export interface Line {
  n: number;
  text: string;
}

/** U+0800–U+FFFF take 3 bytes for one code unit; a surrogate pair takes 4 for two. */
const MAX_UTF8_BYTES_PER_UTF16_UNIT = 3;

/** UTF-8 size without allocating a buffer (a 2 MB string would otherwise be copied just to be measured). */
function utf8Length(s: string): { bytes: number; lineAtLimit: number } {
  let bytes = 0;
  let line = 1;
  let lineAtLimit = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && s.charCodeAt(i + 1) !== 0x0a)) line++;
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (!lineAtLimit && bytes > MAX_ARTICLE_BYTES) lineAtLimit = line;
  }
  return { bytes, lineAtLimit };
}

/** Lone surrogates cannot be stored as UTF-8; they become U+FFFD (what any UTF-8 encoder would write) with a warning. */
function replaceLoneSurrogates(s: string, warnings: Warnings): string {
  let out: string[] | null = null;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      i++;
      continue;
    }
    out ??= [];
    out.push(s.slice(last, i), '\uFFFD');
    last = i + 1;
  }
  if (!out) return s;
  warnings.add('the text held unpaired UTF-16 surrogates; each was replaced by U+FFFD');
  out.push(s.slice(last));
  return out.join('');
}

const WHITESPACE_RUN = /\s+/g;

/** Collapses every Unicode space (NBSP, thin space, tabs, U+2028 …) to one ASCII space, so offsets and matching see one kind. */
export function collapseSpaces(s: string): string {
  return NEEDS_COLLAPSE.test(s) ? s.replace(WHITESPACE_RUN, ' ').trim() : s;
}
/** Leading or trailing whitespace, two in a row, or any whitespace other than a plain space: most lines have none. */
const NEEDS_COLLAPSE = /^\s|\s$|\s\s|[^\S ]/;

/**
 * Size check, NUL refusal, BOM, line endings, NFC, per-line whitespace clean-up. Returns the lines with their original
 * numbers (CRLF, LF and lone CR each end one line, so numbering matches what an editor shows).
 */
export function cleanLines(input: string, warnings: Warnings): Line[] {
  // A UTF-16 code unit is at most 3 bytes of UTF-8, so only a text longer than a third of the limit needs counting.
  if (input.length * MAX_UTF8_BYTES_PER_UTF16_UNIT > MAX_ARTICLE_BYTES) {
    const { bytes, lineAtLimit } = utf8Length(input);
    if (bytes > MAX_ARTICLE_BYTES) {
      throw new AppError('payload_too_large', `The article is ${bytes} bytes; the limit is ${MAX_ARTICLE_BYTES} bytes`, {
        issues: [{ path: atLine(lineAtLimit || 1), message: `the text passes the ${MAX_ARTICLE_BYTES}-byte limit on this line` }],
      });
    }
  }
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  text = text.replace(/\r\n?/g, '\n');
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    let line = 1;
    for (let i = 0; i < nul; i++) if (text.charCodeAt(i) === 0x0a) line++;
    const column = nul - (text.lastIndexOf('\n', nul - 1) + 1) + 1;
    throw unprocessable('The article holds binary data (a NUL character), not text', atLine(line), `NUL character at column ${column}`);
  }
  text = replaceLoneSurrogates(text, warnings).normalize('NFC');
  const raw = text.split('\n');
  const lines: Line[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) lines[i] = { n: i + 1, text: collapseSpaces(raw[i]!) };
  return lines;
}
