import { toAliases } from '../articles/get-article.ts';
import { articleRefSelect } from '../articles/article-view.ts';
import type { Db, Tx } from '../db/client.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { decodeCursor, encodeCursor, page } from '../http/cursor.ts';
import { quoteSelect, toQuote } from '../quotes/quote-view.ts';
import { personNameKey } from './name-key.ts';
import { PERSON_DETAIL_LIMIT, type Person, type PersonDetail, personNotFound, personSelect, toPerson } from './person-view.ts';

const appearsInPublished: Prisma.PersonWhereInput = { articles: { some: { article: { status: 'published' } } } };

/**
 * People by name, alphabetical (keyset on name key, id). The search folds case and accents the way person
 * matching does, so "zelenskyy" finds "Volodymyr Zelenskyy" on both databases.
 */
export async function listPeople(db: Db, input: { q?: string; publishedOnly: boolean; cursor?: string; limit: number }): Promise<{ data: Person[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor, 'name') : null;
  const key = input.q ? personNameKey(input.q) : '';
  const where: Prisma.PersonWhereInput = {
    ...(key ? { nameKey: { contains: key } } : {}),
    ...(input.publishedOnly ? appearsInPublished : {}),
    ...(after ? { OR: [{ nameKey: { gt: String(after.key) } }, { nameKey: String(after.key), id: { gt: after.id } }] } : {}),
  };
  const rows = await db.person.findMany({
    where,
    orderBy: [{ nameKey: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
    select: { ...personSelect, nameKey: true },
  });
  const result = page(rows, input.limit, (last) => encodeCursor('name', last.nameKey, last.id));
  return { data: result.data.map(({ nameKey: _, ...p }) => toPerson(p)), nextCursor: result.nextCursor };
}

export async function findPersonHead(db: Db | Tx, id: number, publishedOnly: boolean): Promise<{ id: number; version: number } | null> {
  return db.person.findFirst({ where: { id, ...(publishedOnly ? appearsInPublished : {}) }, select: { id: true, version: true } });
}

/**
 * A person with the articles they appear in (role, aliases, paragraphs) and their quotes, newest first and bounded:
 * a much-quoted person has thousands, which belong to the paginated lists, not to one response.
 */
export async function loadPersonDetail(db: Db | Tx, id: number, publishedOnly: boolean): Promise<PersonDetail> {
  const person = await db.person.findUnique({ where: { id }, select: personSelect });
  if (!person) throw personNotFound(id);
  const articleFilter = publishedOnly ? { article: { status: 'published' as const } } : {};
  const linkWhere = { personId: id, ...articleFilter };
  const quoteWhere = { speakerId: id, ...articleFilter };
  const [links, quotes, articleCount, quoteCount] = await Promise.all([
    db.articlePerson.findMany({
      where: linkWhere,
      orderBy: { articleId: 'desc' },
      take: PERSON_DETAIL_LIMIT,
      select: {
        role: true,
        aliases: true,
        article: { select: articleRefSelect },
        mentions: { select: { paragraph: { select: { position: true } } } },
      },
    }),
    db.quote.findMany({ where: quoteWhere, orderBy: { id: 'desc' }, take: PERSON_DETAIL_LIMIT, select: quoteSelect }),
    db.articlePerson.count({ where: linkWhere }),
    db.quote.count({ where: quoteWhere }),
  ]);
  return {
    ...toPerson(person),
    articleCount,
    quoteCount,
    articles: links.map((l) => ({
      article: l.article,
      role: l.role,
      aliases: toAliases(l.aliases),
      paragraphs: l.mentions.map((m) => m.paragraph.position).sort((a, b) => a - b),
    })),
    quotes: quotes.map(toQuote),
  };
}
