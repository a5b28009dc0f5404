import { AppError } from '../errors.ts';

/**
 * ETags name an entity and its version: `"article-12-v7"`, `"person-3-v2"`. An article and everything in it
 * (paragraphs, quotes, people links, related links) share the article's version, so one ETag guards the unit.
 * The id is part of the tag so an ETag read from one article can never satisfy a write to another.
 */
export type EtagKind = 'article' | 'person';

export const formatEtag = (kind: EtagKind, id: number, version: number) => `"${kind}-${id}-v${version}"`;

function parseList(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((s) => s.trim().replace(/^W\//, ''))
    .filter(Boolean);
}

/**
 * The version the client says it edited. 428 without If-Match; 412 when the tag names another entity or is not
 * ours. `*` is refused too: it would turn off the lost-edit protection the header exists for.
 */
export function expectedVersion(ifMatch: string | undefined, kind: EtagKind, id: number): number {
  const tags = parseList(ifMatch);
  if (!tags.length) {
    throw new AppError('precondition_required', `This write needs an If-Match header with the ${kind}'s ETag; GET the ${kind} first`, {
      issues: [{ path: ['headers', 'if-match'], message: 'required' }],
    });
  }
  const pattern = new RegExp(`^"${kind}-${id}-v(\\d{1,10})"$`);
  for (const tag of tags) {
    const m = pattern.exec(tag);
    if (m) return Number(m[1]);
  }
  throw stale(kind);
}

export function stale(kind: EtagKind): AppError {
  return new AppError('precondition_failed', `The ${kind} was changed by someone else since you read it; reload it and redo your edit`);
}

/** If-None-Match on a GET: true when the client already holds the current version (→ 304). */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  const tags = parseList(ifNoneMatch);
  return tags.includes('*') || tags.includes(etag);
}

/** For writes whose entity is only known after a read (a quote's article): refuse a missing If-Match up front. */
export function assertIfMatchPresent(ifMatch: string | undefined, kind: EtagKind): void {
  if (!parseList(ifMatch).length) expectedVersion(undefined, kind, 0);
}
