/**
 * The store's one date domain: years 1–9999 in UTC, the years both databases and JavaScript agree on. PostgreSQL
 * holds years far beyond, SQLite holds any text, and JavaScript turns year 10000 into "+010000-…" that sorts wrongly
 * and makes `toISOString()` throw for dates beyond ±275 760: a date outside this domain is refused where it comes in
 * (API schemas, front matter, the ingest's fields) and by the database itself (migration …_date_domain).
 */
export const MIN_DATE_MS = Date.parse('0001-01-01T00:00:00.000Z');
export const MAX_DATE_MS = Date.parse('9999-12-31T23:59:59.999Z');

export const DATE_DOMAIN = 'between 0001-01-01 and 9999-12-31 in UTC';

export const inDateDomain = (ms: number) => Number.isFinite(ms) && ms >= MIN_DATE_MS && ms <= MAX_DATE_MS;

/**
 * Date.UTC reads years 0–99 as 1900–1999 (so "0050-03-04" would become 1950): the calendar values are set with
 * setUTCFullYear, which takes the year as given.
 */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}
