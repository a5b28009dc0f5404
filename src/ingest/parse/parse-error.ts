import { AppError, type ErrorIssue } from '../../errors.ts';

/** Every refusal of an article names the line (or field) at fault, so an editor can fix the file without guessing. */
export function unprocessable(detail: string, where: ErrorIssue['path'], message: string): AppError {
  return new AppError('unprocessable', detail, { issues: [{ path: where, message }] });
}

export const atLine = (line: number): ErrorIssue['path'] => ['line', line];

/** Collects warnings with a cap: a fuzzed text with thousands of stray marks must not produce a megabyte of warnings. */
export class Warnings {
  private readonly list: string[] = [];
  private dropped = 0;
  constructor(private readonly cap = 50) {}
  /** Takes a thunk so that messages past the cap are never even built. */
  add(message: string | (() => string)): void {
    if (this.list.length < this.cap) this.list.push(typeof message === 'string' ? message : message());
    else this.dropped++;
  }
  toArray(): string[] {
    return this.dropped ? [...this.list, `${this.dropped} further warnings omitted`] : [...this.list];
  }
}
