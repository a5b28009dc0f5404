/** A line diff (longest common subsequence): enough for the history's before/after, which are a few dozen lines. */
export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

export function diffLines(before: string[], after: string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) (out.push({ kind: 'same', text: before[i]! }), i++, j++);
    else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push({ kind: 'added', text: after[j++]! });
    else out.push({ kind: 'removed', text: before[i++]! });
  }
  return out;
}

/** A history value as lines: JSON, one field a line, so a diff shows which fields changed. */
export const toLines = (value: unknown): string[] => (value === null || value === undefined ? [] : JSON.stringify(value, null, 2).split('\n'));
