import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { QuoteKindEnum } from '../http/schemas.ts';
import { ArticleSummary } from '../articles/article-view.ts';
import type { ArticleDetail } from '../articles/get-article.ts';
import { loadArticleDetail } from '../articles/get-article.ts';

/**
 * An article's content as it stood at one version, kept with the history entry that made that version
 * (revisions.snapshot): what GET /api/articles/:id/revisions/:n shows and its restore writes back. Compact: no row
 * ids (paragraphs and quotes get new ones when restored), paragraphs by position, people and related articles by id
 * with the name and title they had then. No timestamps, so the bulk ingest's snapshot (built from its plan,
 * src/ingest/bulk/plan-batch.ts) and the one read back from the tables are equal, and a test holds them to it.
 */
const PersonAtTheTime = z.object({ id: z.number().int(), name: z.string() });

export const ArticleSnapshot = z.object({
  article: ArticleSummary.pick({
    slug: true, headline: true, headlineDerived: true, standfirst: true, byline: true, sourceName: true, sourceUrl: true,
    language: true, status: true, isStub: true, publishedAt: true,
  }),
  /** the text of paragraph 1, 2, … */
  paragraphs: z.array(z.string()),
  people: z.array(
    PersonAtTheTime.extend({ role: z.string().nullable(), aliases: z.array(z.string()), paragraphs: z.array(z.number().int()) }),
  ),
  /** in reading order; `paragraph` is the position of the paragraph where the quote starts */
  quotes: z.array(
    z.object({
      paragraph: z.number().int(),
      text: z.string(),
      kind: QuoteKindEnum,
      speaker: PersonAtTheTime.nullable(),
      addressee: PersonAtTheTime.nullable(),
      verb: z.string().nullable(),
      startOffset: z.number().int().nullable(),
      endOffset: z.number().int().nullable(),
      paragraphSpan: z.number().int(),
    }),
  ),
  /** in order (position = index + 1); `title` as it stood in the block */
  related: z.array(z.object({ id: z.number().int(), title: z.string() })),
});
export type ArticleSnapshot = z.infer<typeof ArticleSnapshot>;

export function snapshotOfDetail(a: ArticleDetail): ArticleSnapshot {
  // Positions are 1…n in practice; numbering by order makes the snapshot's references hold even if they were not.
  const order = new Map(a.paragraphs.map((p, i) => [p.position, i + 1]));
  const at = (position: number) => order.get(position) ?? position;
  return {
    article: {
      slug: a.slug,
      headline: a.headline,
      headlineDerived: a.headlineDerived,
      standfirst: a.standfirst,
      byline: a.byline,
      sourceName: a.sourceName,
      sourceUrl: a.sourceUrl,
      language: a.language,
      status: a.status,
      isStub: a.isStub,
      publishedAt: a.publishedAt,
    },
    paragraphs: a.paragraphs.map((p) => p.text),
    people: a.people.map((p) => ({ id: p.id, name: p.name, role: p.role, aliases: p.aliases, paragraphs: p.paragraphs.map(at) })),
    quotes: a.quotes.map((q) => ({
      paragraph: at(q.paragraphPosition),
      text: q.text,
      kind: q.kind,
      speaker: q.speaker,
      addressee: q.addressee,
      verb: q.verb,
      startOffset: q.startOffset,
      endOffset: q.endOffset,
      paragraphSpan: q.paragraphSpan,
    })),
    related: a.related.map((r) => ({ id: r.article.id, title: r.title })),
  };
}

/** The article as it stands in this transaction. */
export async function loadArticleSnapshot(db: Db | Tx, articleId: number): Promise<ArticleSnapshot> {
  return snapshotOfDetail(await loadArticleDetail(db, articleId));
}

/** A quote's place in reading order, as loadArticleDetail sorts them (unknown offsets last; then as written). */
export const readingOrder = (a: { paragraph: number; startOffset: number | null }, b: { paragraph: number; startOffset: number | null }) =>
  a.paragraph - b.paragraph || (a.startOffset ?? Infinity) - (b.startOffset ?? Infinity);
