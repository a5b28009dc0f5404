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
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The version the client says it edited. 428 without If-Match, or with `*` (it would turn off the lost-edit
 * protection the header exists for); 412 when no tag is this entity's: another entity's, another representation's
 * ("….jsonld"), or a weak one (If-Match compares strongly). A tag of the right entity but an old version passes
 * here and fails at the write (bumpArticleVersion): 412, edited by someone else.
 */
export function expectedVersion(ifMatch: string | undefined, kind: EtagKind, id: number): number {
  const tags = parseList(ifMatch);
  const required = (message: string, issue: string) => new AppError('precondition_required', message, { issues: [{ path: ['headers', 'if-match'], message: issue }] });
  if (!tags.length) throw required(`This write needs an If-Match header with the ${kind}'s ETag; GET the ${kind} first`, 'required');
  if (tags.includes('*')) throw required(`If-Match: * is not accepted (it would switch off the lost-edit check); send the ${kind}'s ETag`, 'must be an ETag, not *');
  // Strong comparison: the tag must be the one we send, character for character ("…-v04" is not "…-v4").
  const pattern = new RegExp(`^"${kind}-${id}-v([1-9]\\d{0,9})"$`);
  for (const tag of tags) {
    const m = pattern.exec(tag);
    if (m) return Number(m[1]);
  }
  const sent = tags.join(', ').slice(0, 200);
  const weak = tags.some((t) => t.startsWith('W/') && pattern.test(t.slice(2)));
  throw new AppError(
    'precondition_failed',
    weak
      ? `If-Match ${sent} is a weak ETag, which cannot guard a write; send it without W/`
      : `If-Match ${sent} is not an ETag of ${kind} ${id} (its JSON representation's ETag looks like "${kind}-${id}-v1"); GET the ${kind} and send its ETag`,
  );
}

export function stale(kind: EtagKind): AppError {
  return new AppError('precondition_failed', `The ${kind} was changed by someone else since you read it; reload it and redo your edit`);
}

/** If-None-Match on a GET: true when the client already holds the current version (→ 304). */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  // If-None-Match compares weakly: W/"x" and "x" are the same tag here.
  const tags = parseList(ifNoneMatch).map((t) => t.replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
}

/** For writes whose entity is only known after a read (a quote's article): refuse a missing If-Match up front. */
export function assertIfMatchPresent(ifMatch: string | undefined, kind: EtagKind): void {
  if (!parseList(ifMatch).length) expectedVersion(undefined, kind, 0);
}
