/** Small statistics used by every benchmark: medians of repeated runs, and the harmonic combination of two rates. */

export function median(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** The q-quantile of the values (nearest rank), or null when there are none. */
export function percentile(values: number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** Two stages done one after the other by one process: 1 / (1/a + 1/b) items per second. */
export const harmonic = (a: number, b: number) => 1 / (1 / a + 1 / b);

export const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN);

export function round(x: number, digits = 0): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Runs `fn` `times` times and keeps every result; the caller takes medians field by field. */
export async function repeat<T>(times: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(await fn(i));
  return out;
}

/** Median of each numeric field across runs (non-numeric fields come from the first run). */
export function medianOf<T extends Record<string, unknown>>(runs: T[]): T {
  const first = runs[0]!;
  const out: Record<string, unknown> = { ...first };
  for (const [k, v] of Object.entries(first)) {
    if (typeof v === 'number') out[k] = median(runs.map((r) => r[k] as number));
  }
  return out as T;
}

export const fmt = (x: number | undefined | null, digits = 0) =>
  x === undefined || x === null || !Number.isFinite(x) ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
