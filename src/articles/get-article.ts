import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { preparedRead } from '../db/read-connection.ts';
import { Quote, toQuote } from '../quotes/quote-view.ts';
import { ArticleRef, ArticleSummary, articleRefSelect, articleSummarySelect, toArticleSummary } from './article-view.ts';
import { articleNotFound } from './article-version.ts';

export const Paragraph = z
  .object({ id: z.number().int(), position: z.number().int(), text: z.string() })
  .meta({ id: 'Paragraph' });

export const ArticlePersonView = z
  .object({
    id: z.number().int().meta({ description: 'the person id' }),
    name: z.string(),
    kind: z.enum(['person', 'organisation']).meta({ description: 'organisation: a company, agency, body or document quoted as a source' }),
    wikidataId: z.string().nullable().meta({ description: 'the Wikidata item, when an editor has set one' }),
    role: z.string().nullable().meta({ description: 'the role as written in this article' }),
    aliases: z.array(z.string()),
    paragraphs: z.array(z.number().int()).meta({ description: 'positions of the paragraphs that mention them' }),
  })
  .meta({ id: 'ArticlePerson' });

export const RelatedItem = z
  .object({
    position: z.number().int(),
    title: z.string(),
    article: ArticleRef,
    trashed: z.boolean().meta({ description: 'the related article is in the trash: the link stays, and comes back to life with it' }),
  })
  .meta({ id: 'RelatedArticle' });

export const ArticleDetail = ArticleSummary.extend({
  paragraphs: z.array(Paragraph),
  quotes: z.array(Quote),
  people: z.array(ArticlePersonView),
  related: z.array(RelatedItem),
}).meta({ id: 'ArticleDetail' });

export type ArticleDetail = z.infer<typeof ArticleDetail>;

/**
 * What a reader without a token may see of an article: its related list keeps links to published articles and to
 * stubs (headlines from a published related block). A draft's headline may be embargoed news, and an archived
 * article or one in the trash answers 404 to readers: for a reader none of them exists.
 */
export const readerView = (a: ArticleDetail): ArticleDetail => ({
  ...a,
  related: a.related.filter((r) => !r.trashed && (r.article.status === 'published' || r.article.status === 'stub')),
});
export type RelatedItem = z.infer<typeof RelatedItem>;

export interface ArticleHead {
  id: number;
  version: number;
  status: 'draft' | 'published' | 'archived' | 'stub' | 'scheduled';
}

/**
 * The cheap first read of a GET: id, version and status only, so a conditional GET (If-None-Match) and the
 * visibility check are answered without loading any nested rows. A purely numeric key is an id, then a slug.
 * On SQLite outside a transaction it is a prepared statement on the read connection (src/db/read-connection.ts):
 * with the render cache, this is the whole database cost of most reads.
 */
export async function findArticleHead(db: Db | Tx, idOrSlug: string): Promise<ArticleHead | null> {
  const id = /^\d{1,10}$/.test(idOrSlug) && Number(idOrSlug) <= 2_147_483_647 ? Number(idOrSlug) : null;
  return (id !== null ? await headBy(db, 'id', id) : null) ?? headBy(db, 'slug', idOrSlug);
}

/** One head by a unique key: the read connection's statement where there is one, else Prisma. */
async function headBy(db: Db | Tx, key: 'id' | 'slug', value: number | string): Promise<ArticleHead | null> {
  // An article in the trash is not there for any reader (GET /api/trash lists it for editors).
  const statement = preparedRead<[number | string], ArticleHead>(db, `SELECT id, version, status FROM articles WHERE ${key} = ? AND deleted_at IS NULL`);
  if (statement) return statement.get(value) ?? null;
  const where = key === 'id' ? { id: value as number, deletedAt: null } : { slug: value as string, deletedAt: null };
  return db.article.findUnique({ where, select: { id: true, version: true, status: true } });
}

/**
 * The whole article in eight flat, indexed queries whatever its size (six run at once): each table is read by
 * article id, and the people named by links and quotes in one `IN` query, joined here. Prisma would resolve every
 * nested `select` (speaker, addressee, paragraph position, mention → paragraph) as one more query of its own: 13 in
 * all before (docs/performance.md). Read after the head: if an edit lands in between, the body is newer than the
 * ETag, which errs on the safe side (the editor's next write is refused with 412, never lost).
 */
export async function loadArticleDetail(db: Db | Tx, id: number): Promise<ArticleDetail> {
  const [article, paragraphs, quotes, links, mentions, related] = await Promise.all([
    db.article.findUnique({ where: { id }, select: articleSummarySelect }),
    db.paragraph.findMany({ where: { articleId: id }, orderBy: { position: 'asc' }, select: { id: true, position: true, text: true } }),
    db.quote.findMany({ where: { articleId: id }, select: quoteColumns }),
    db.articlePerson.findMany({ where: { articleId: id }, orderBy: { id: 'asc' }, select: { id: true, personId: true, role: true, aliases: true } }),
    db.mention.findMany({ where: { articlePerson: { articleId: id } }, select: { articlePersonId: true, paragraphId: true } }),
    loadRelated(db, id),
  ]);
  if (!article) throw articleNotFound(id);
  const personIds = new Set<number>(links.map((l) => l.personId));
  for (const q of quotes) for (const p of [q.speakerId, q.addresseeId]) if (p !== null) personIds.add(p);
  const people = personIds.size
    ? await db.person.findMany({ where: { id: { in: [...personIds] } }, select: { id: true, name: true, kind: true, wikidataId: true } })
    : [];
  const person = new Map(people.map((p) => [p.id, p]));
  const position = new Map(paragraphs.map((p) => [p.id, p.position]));
  const mentioned = new Map<number, number[]>();
  for (const m of mentions) mentioned.set(m.articlePersonId, [...(mentioned.get(m.articlePersonId) ?? []), position.get(m.paragraphId)!]);
  const named = (pid: number | null) => {
    const p = pid === null ? undefined : person.get(pid);
    return p ? { id: p.id, name: p.name } : null;
  };
  return {
    ...toArticleSummary(article),
    paragraphs,
    quotes: quotes
      .map(({ speakerId, addresseeId, ...q }) =>
        toQuote({ ...q, paragraph: { position: position.get(q.paragraphId)! }, speaker: named(speakerId), addressee: named(addresseeId) }),
      )
      // In reading order: by paragraph, then place in it (unknown offsets last), then id.
      .sort((a, b) => a.paragraphPosition - b.paragraphPosition || (a.startOffset ?? Infinity) - (b.startOffset ?? Infinity) || a.id - b.id),
    people: links.map((l) => ({
      id: l.personId,
      name: person.get(l.personId)!.name,
      kind: personKind(person.get(l.personId)!.kind),
      wikidataId: person.get(l.personId)!.wikidataId,
      role: l.role,
      aliases: toAliases(l.aliases),
      paragraphs: (mentioned.get(l.id) ?? []).sort((a, b) => a - b),
    })),
    related,
  };
}

const quoteColumns = {
  id: true, articleId: true, paragraphId: true, text: true, kind: true, verb: true, startOffset: true, endOffset: true,
  paragraphSpan: true, speakerId: true, addresseeId: true,
} as const;

export type ArticlePersonView = z.infer<typeof ArticlePersonView>;

export async function loadArticlePeople(db: Db | Tx, articleId: number): Promise<ArticlePersonView[]> {
  const rows = await db.articlePerson.findMany({
    where: { articleId },
    orderBy: { id: 'asc' },
    select: {
      role: true,
      aliases: true,
      person: { select: { id: true, name: true, kind: true, wikidataId: true } },
      mentions: { select: { paragraph: { select: { position: true } } } },
    },
  });
  return rows.map((r) => ({
    id: r.person.id,
    name: r.person.name,
    kind: personKind(r.person.kind),
    wikidataId: r.person.wikidataId,
    role: r.role,
    aliases: toAliases(r.aliases),
    paragraphs: r.mentions.map((m) => m.paragraph.position).sort((a, b) => a - b),
  }));
}

export async function loadRelated(db: Db | Tx, articleId: number): Promise<RelatedItem[]> {
  const rows = await db.relatedArticle.findMany({
    where: { articleId },
    orderBy: { position: 'asc' },
    select: { position: true, title: true, related: { select: { ...articleRefSelect, deletedAt: true } } },
  });
  return rows.map(({ related: { deletedAt, ...article }, ...r }) => ({ position: r.position, title: r.title, article, trashed: deletedAt !== null }));
}

const personKind = (kind: string) => (kind === 'organisation' ? ('organisation' as const) : ('person' as const));

/** article_people.aliases is a JSON array of strings; anything else (a hand-edited row) reads as no aliases. */
export function toAliases(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
