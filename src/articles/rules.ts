import type { ErrorIssue } from '../errors.ts';
import { DATE_DOMAIN, inDateDomain } from '../dates.ts';
import { AppError } from '../errors.ts';
import { refKey } from '../people/resolve-people.ts';
import type { CreateArticleBody, PatchArticleBody } from './schemas.ts';

/**
 * Cross-field rules of a structured article, as named functions over the parsed body. They run after the schema
 * and before any database work; a broken rule is a 422 with the path of each offending field.
 */
type Rule<T> = (body: T) => ErrorIssue[];

export function assertRules<T>(body: T, rules: Rule<T>[]): void {
  const issues = rules.flatMap((rule) => rule(body));
  if (issues.length) throw new AppError('unprocessable', 'The request breaks rules that span several fields', { issues });
}

export const quotesPointAtParagraphs: Rule<CreateArticleBody> = (b) =>
  (b.quotes ?? []).flatMap((q, i) =>
    q.paragraph + (q.paragraphSpan ?? 1) - 1 > b.paragraphs.length
      ? [{ path: ['body', 'quotes', i, 'paragraph'], message: `the article has ${b.paragraphs.length} paragraphs` }]
      : [],
  );

export const mentionsPointAtParagraphs: Rule<CreateArticleBody> = (b) =>
  (b.people ?? []).flatMap((p, i) =>
    (p.paragraphs ?? []).flatMap((pos, j) =>
      pos > b.paragraphs.length ? [{ path: ['body', 'people', i, 'paragraphs', j], message: `the article has ${b.paragraphs.length} paragraphs` }] : [],
    ),
  );

export const peopleListedOnce: Rule<CreateArticleBody> = (b) => {
  const seen = new Set<string>();
  return (b.people ?? []).flatMap((p, i) => {
    const key = refKey(p.person);
    if (seen.has(key)) return [{ path: ['body', 'people', i, 'person'], message: 'this person is already listed' }];
    seen.add(key);
    return [];
  });
};

export const quotesKeepTheirShape: Rule<CreateArticleBody> = (b) =>
  (b.quotes ?? []).flatMap((q, i) => {
    const paragraph = b.paragraphs[q.paragraph - 1];
    return quoteShapeIssues({ ...q, paragraphText: paragraph }, ['body', 'quotes', i]);
  });

/**
 * The rules a quote keeps wherever it is written (create, POST or PATCH a quote): scare quotes have no speaker;
 * offsets come as a pair, in order, and — for a quote within one paragraph — frame exactly its text.
 */
export function quoteShapeIssues(
  q: { kind?: string; speaker?: unknown; startOffset?: number | null; endOffset?: number | null; paragraphSpan?: number; text?: string; paragraphText?: string },
  path: (string | number)[],
): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  if (q.kind === 'scare' && q.speaker) issues.push({ path: [...path, 'speaker'], message: 'a scare quote has no speaker' });
  const hasStart = q.startOffset !== undefined && q.startOffset !== null;
  const hasEnd = q.endOffset !== undefined && q.endOffset !== null;
  if (hasStart !== hasEnd) issues.push({ path: [...path, hasStart ? 'endOffset' : 'startOffset'], message: 'give both offsets or neither' });
  if (hasStart && hasEnd && (q.paragraphSpan ?? 1) === 1) {
    if (q.startOffset! >= q.endOffset!) issues.push({ path: [...path, 'endOffset'], message: 'must be after startOffset' });
    else if (q.paragraphText !== undefined && q.text !== undefined && q.paragraphText.slice(q.startOffset!, q.endOffset!) !== q.text) {
      issues.push({ path: [...path, 'startOffset'], message: 'the offsets do not frame the quote text in its paragraph' });
    }
  }
  return issues;
}

export const createArticleRules = [quotesPointAtParagraphs, mentionsPointAtParagraphs, peopleListedOnce, quotesKeepTheirShape];

/** A schedule is one decision: status "scheduled" and its publishAt come together, and the time is still ahead. */
export const scheduleIsWholeAndAhead: Rule<PatchArticleBody> = (b) => {
  const path = ['body', 'publishAt'];
  if (b.status === 'scheduled' && b.publishAt === undefined) return [{ path, message: 'status "scheduled" needs publishAt' }];
  if (b.publishAt !== undefined && b.status !== 'scheduled') return [{ path, message: 'publishAt goes with status "scheduled"' }];
  if (b.publishAt !== undefined && Date.parse(b.publishAt) <= Date.now()) return [{ path, message: `must be in the future (it is ${new Date().toISOString()} now)` }];
  // 9999-12-31T23:00:00-14:00 is well-formed but year 10000 in UTC.
  if (b.publishAt !== undefined && !inDateDomain(Date.parse(b.publishAt))) return [{ path, message: `must be ${DATE_DOMAIN}` }];
  return [];
};
