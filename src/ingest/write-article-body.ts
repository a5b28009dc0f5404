import type { Tx } from '../db/client.ts';
import { slugify } from '../articles/slugify.ts';
import { personNameKey } from '../people/name-key.ts';
import type { ParsedArticle } from './parse/index.ts';

/**
 * Writes everything derived from an article's text — paragraphs, people and their mentions, quotes, related
 * links — for an article that has none of them yet. A handful of set-based statements per article, whatever its
 * size: Prisma's per-call overhead dominates bulk writes (docs/performance.md).
 */
export async function writeArticleBody(tx: Tx, articleId: number, parsed: ParsedArticle): Promise<void> {
  const paragraphIds = await writeParagraphs(tx, articleId, parsed);
  const personIds = await writePeople(tx, articleId, parsed, paragraphIds);
  await writeQuotes(tx, articleId, parsed, paragraphIds, personIds);
  await writeRelated(tx, articleId, parsed);
}

/** position → paragraph id */
async function writeParagraphs(tx: Tx, articleId: number, parsed: ParsedArticle): Promise<Map<number, number>> {
  const rows = await tx.paragraph.createManyAndReturn({
    data: parsed.paragraphs.map((p) => ({ articleId, position: p.position, text: p.text })),
    select: { id: true, position: true },
  });
  return new Map(rows.map((r) => [r.position, r.id]));
}

/** One `people` row per real person across articles, matched on the normalised name. Returns name → person id. */
async function writePeople(
  tx: Tx,
  articleId: number,
  parsed: ParsedArticle,
  paragraphIds: Map<number, number>,
): Promise<Map<string, number>> {
  const byKey = new Map<string, ParsedArticle['people'][number]>();
  for (const person of parsed.people) {
    const key = personNameKey(person.name);
    if (key && !byKey.has(key)) byKey.set(key, person);
  }
  if (byKey.size === 0) return new Map();
  const keys = [...byKey.keys()];
  const found = await tx.person.findMany({ where: { nameKey: { in: keys } }, select: { id: true, nameKey: true } });
  const idByKey = new Map(found.map((p) => [p.nameKey, p.id]));
  const missing = keys.filter((k) => !idByKey.has(k));
  if (missing.length) {
    const created = await tx.person.createManyAndReturn({
      data: missing.map((k) => ({ name: byKey.get(k)!.name, nameKey: k })),
      select: { id: true, nameKey: true },
    });
    for (const p of created) idByKey.set(p.nameKey, p.id);
  }

  const links = await tx.articlePerson.createManyAndReturn({
    data: keys.map((k) => {
      const person = byKey.get(k)!;
      return { articleId, personId: idByKey.get(k)!, role: person.role, aliases: person.aliases };
    }),
    select: { id: true, personId: true },
  });
  const linkByPerson = new Map(links.map((l) => [l.personId, l.id]));
  const mentions = keys.flatMap((k) => {
    const articlePersonId = linkByPerson.get(idByKey.get(k)!)!;
    return [...new Set(byKey.get(k)!.paragraphs)]
      .map((position) => paragraphIds.get(position))
      .filter((id): id is number => id !== undefined)
      .map((paragraphId) => ({ articlePersonId, paragraphId }));
  });
  if (mentions.length) await tx.mention.createMany({ data: mentions });

  const idByName = new Map<string, number>();
  for (const person of parsed.people) idByName.set(person.name, idByKey.get(personNameKey(person.name))!);
  return idByName;
}

async function writeQuotes(
  tx: Tx,
  articleId: number,
  parsed: ParsedArticle,
  paragraphIds: Map<number, number>,
  personIds: Map<string, number>,
): Promise<void> {
  const personId = (name: string | null) => (name === null ? null : (personIds.get(name) ?? null));
  const data = parsed.quotes.flatMap((q) => {
    const paragraphId = paragraphIds.get(q.paragraph);
    if (paragraphId === undefined) return [];
    return [
      {
        articleId,
        paragraphId,
        text: q.text,
        kind: q.kind,
        speakerId: personId(q.speaker),
        addresseeId: personId(q.addressee),
        verb: q.verb,
        startOffset: q.start,
        endOffset: q.end,
        paragraphSpan: q.paragraphSpan,
      },
    ];
  });
  if (data.length) await tx.quote.createMany({ data });
}

/**
 * Related headlines become links to the articles they name. A headline not in the store yet becomes a stub article
 * (status 'stub', is_stub), found again by its slug when that article is ingested, so the link fills in by itself.
 */
async function writeRelated(tx: Tx, articleId: number, parsed: ParsedArticle): Promise<void> {
  const wanted: { slug: string; title: string }[] = [];
  const seen = new Set<string>();
  for (const { title } of parsed.related) {
    const slug = slugify(title);
    if (!seen.has(slug)) {
      seen.add(slug);
      wanted.push({ slug, title });
    }
  }
  if (wanted.length === 0) return;
  const found = await tx.article.findMany({
    where: { slug: { in: wanted.map((w) => w.slug) } },
    select: { id: true, slug: true },
  });
  const idBySlug = new Map(found.map((a) => [a.slug, a.id]));
  const missing = wanted.filter((w) => !idBySlug.has(w.slug));
  if (missing.length) {
    const stubs = await tx.article.createManyAndReturn({
      data: missing.map((w) => ({ slug: w.slug, headline: w.title, status: 'stub' as const, isStub: true })),
      select: { id: true, slug: true },
    });
    for (const s of stubs) idBySlug.set(s.slug, s.id);
  }
  const links = wanted
    .map((w) => ({ relatedId: idBySlug.get(w.slug)!, title: w.title }))
    .filter((l) => l.relatedId !== articleId)
    .map((l, i) => ({ articleId, relatedId: l.relatedId, position: i + 1, title: l.title }));
  if (links.length) await tx.relatedArticle.createMany({ data: links });
}
