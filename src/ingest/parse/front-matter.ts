import { DATE_DOMAIN, inDateDomain, utcMs } from '../../dates.ts';
import type { AppError } from '../../errors.ts';
import { atLine, unprocessable } from './parse-error.ts';
import type { Line } from './hygiene.ts';
import type { ArticleStatus, ParsedMeta } from './types.ts';

export interface FrontMatter {
  headline: string | null;
  meta: ParsedMeta;
}

/** Aliases exist because exports from common CMSs say `title`/`author`; anything else is refused so typos surface. */
const KEYS: Record<string, keyof ParsedMeta | 'headline'> = {
  headline: 'headline',
  title: 'headline',
  slug: 'slug',
  byline: 'byline',
  author: 'byline',
  source: 'source',
  url: 'url',
  published: 'publishedAt',
  status: 'status',
  language: 'language',
};

const STATUSES: readonly ArticleStatus[] = ['draft', 'published', 'archived'];

export const emptyMeta = (): ParsedMeta => ({ slug: null, byline: null, source: null, url: null, publishedAt: null, status: null, language: null });

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** ISO 8601 date or date-time to a canonical UTC timestamp; null when the calendar values do not exist (2023-02-30). */
export function parseIsoDate(value: string): string | null {
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = h === undefined ? 0 : Number(h), minute = mi === undefined ? 0 : Number(mi), second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const probe = new Date(utcMs(year, month, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  let ms = utcMs(year, month, day, hour, minute, second, frac ? Math.floor(Number(frac) * 1000) : 0);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const zh = Number(digits.slice(0, 2)), zm = Number(digits.slice(2));
    if (zh > 14 || zm > 59) return null;
    ms -= sign * (zh * 60 + zm) * 60_000;
  }
  // A date-time without a zone is read as UTC: newsroom exports rarely say, and a guess that varies by server is worse.
  // Outside the store's date domain (year 0, or 9999-12-31T23:00-14:00, which is year 10000 in UTC): refused.
  return inDateDomain(ms) ? new Date(ms).toISOString() : null;
}

const LANGUAGE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

/**
 * Validates one metadata value. Shared by front matter and by the ingest options so both refuse the same bad input.
 * Returns an error message or the normalised value.
 */
export function checkMetaValue(key: keyof ParsedMeta | 'headline', raw: string): { value: string | null } | { error: string } {
  const value = raw.trim();
  if (!value) return { value: null };
  switch (key) {
    case 'publishedAt': {
      const iso = parseIsoDate(value);
      return iso ? { value: iso } : { error: `published: "${value}" is not an ISO 8601 date or date-time ${DATE_DOMAIN} (e.g. 2023-02-22 or 2023-02-22T09:30:00Z)` };
    }
    case 'status': {
      const s = value.toLowerCase();
      return (STATUSES as readonly string[]).includes(s) ? { value: s } : { error: `status: "${value}" is not one of ${STATUSES.join(', ')}` };
    }
    case 'language':
      return LANGUAGE.test(value) ? { value } : { error: `language: "${value}" is not a language tag such as en or en-GB` };
    case 'url': {
      try {
        const u = new URL(value);
        if (u.protocol === 'http:' || u.protocol === 'https:') return { value };
      } catch {
        /* fall through to the refusal */
      }
      return { error: `url: "${value}" is not an http(s) URL` };
    }
    case 'slug': {
      const s = value.toLowerCase();
      return SLUG.test(s) ? { value: s } : { error: `slug: "${value}" may hold only letters, digits, hyphens and underscores` };
    }
    default:
      return { value };
  }
}

function unquote(v: string): string {
  const t = v.trim();
  if (t.length >= 2 && ((t[0] === '"' && t.endsWith('"')) || (t[0] === "'" && t.endsWith("'")))) return t.slice(1, -1).trim();
  return t;
}

function fail(line: number, message: string): AppError {
  return unprocessable('The article front matter is invalid', atLine(line), message);
}

/**
 * Reads `---` front matter when the first line is exactly `---`. Returns the metadata and the index of the first body line.
 * Leading blank lines are not skipped: front matter must be at the very top, otherwise a `---` rule in prose would be eaten.
 */
export function readFrontMatter(lines: Line[]): { front: FrontMatter; bodyStart: number } {
  const front: FrontMatter = { headline: null, meta: emptyMeta() };
  if (lines.length === 0 || lines[0]!.text !== '---') return { front, bodyStart: 0 };
  // Without a closing fence the whole file would be misread as metadata; say so rather than blame a body line.
  if (!lines.some((l, i) => i > 0 && (l.text === '---' || l.text === '...'))) {
    throw fail(lines[0]!.n, 'front matter opened with "---" is never closed by a second "---" line');
  }
  const seen = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const { n, text } = lines[i]!;
    if (text === '---' || text === '...') return { front, bodyStart: i + 1 };
    if (text === '' || text.startsWith('#')) continue;
    const colon = text.indexOf(':');
    if (colon <= 0) throw fail(n, `expected "key: value", got "${text.slice(0, 60)}"`);
    const rawKey = text.slice(0, colon).trim().toLowerCase();
    const key = KEYS[rawKey];
    if (!key) throw fail(n, `unknown key "${text.slice(0, colon).trim().slice(0, 40)}" (allowed: ${Object.keys(KEYS).join(', ')})`);
    const prior = seen.get(key);
    if (prior !== undefined) throw fail(n, `"${rawKey}" repeats the value already given on line ${prior}`);
    seen.set(key, n);
    const checked = checkMetaValue(key, unquote(text.slice(colon + 1)));
    if ('error' in checked) throw fail(n, checked.error);
    if (key === 'headline') front.headline = checked.value;
    else if (key === 'status') front.meta.status = checked.value as ArticleStatus | null;
    else front.meta[key] = checked.value;
  }
  throw fail(lines[0]!.n, 'front matter opened with "---" is never closed by a second "---" line');
}
