import { readRole } from '../article-people/role-category.ts';
import { bumpArticleVersion, shownAsRelated, touchArticlesShowing } from '../articles/article-version.ts';
import { slugify } from '../articles/slugify.ts';
import type { Db, Tx } from '../db/client.ts';
import { transaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import { type PersonRef, type PlannedParagraph, type PlannedRows, type Ref, emptyRows, stubArticle } from '../ingest/bulk/plan-batch.ts';
import { writePlannedRows } from '../ingest/write-planned-rows.ts';
import { personNameKey } from '../people/name-key.ts';
import type { ArticleSnapshot } from './article-snapshot.ts';
import { findSnapshot } from './article-revision.ts';
import { type Actor, recordRevision } from './record-revision.ts';

/**
 * POST /api/articles/:id/revisions/:n/restore: the content of version n — its own fields, paragraphs, quotes,
 * people and related links — becomes the current content, as a new version (from `expected`, the If-Match) whose
 * history entry is an `article.revision.restore` naming n. The rows are written by the ingest's writer
 * (writePlannedRows), from rows planned here out of the snapshot. What has gone since is found again or made again:
 * a person deleted or merged away by their name (the same person row if one has it), a related article deleted for
 * good by its headline (a stub, as the ingest would). The text the article was ingested from (source_text,
 * content_hash) is left as it is, as any edit leaves it.
 */
export async function restoreRevision(db: Db, articleId: number, n: number, expected: number, actor: Actor): Promise<{ version: number }> {
  return transaction(db, async (tx) => {
    const { snapshot } = await findSnapshot(tx, articleId, n);
    const before = await tx.article.findUnique({ where: { id: articleId }, select: { slug: true, headline: true, status: true, isStub: true } });
    const version = await bumpArticleVersion(tx, articleId, expected); // 404 (or in the trash), 412
    const { article } = snapshot;
    if (article.slug !== before!.slug) {
      const holder = await tx.article.findUnique({ where: { slug: article.slug }, select: { id: true } });
      if (holder) throw new AppError('conflict', `Version ${n} had the slug "${article.slug}", which article ${holder.id} has now; give one of them another slug first`);
    }
    await tx.articlePerson.deleteMany({ where: { articleId } });
    await tx.paragraph.deleteMany({ where: { articleId } });
    await tx.relatedArticle.deleteMany({ where: { articleId } });
    await tx.article.update({
      where: { id: articleId },
      data: { ...article, publishedAt: article.publishedAt === null ? null : new Date(article.publishedAt) },
      select: { id: true },
    });
    await writePlannedRows(tx, await planSnapshotRows(tx, articleId, snapshot));
    if (shownAsRelated(article) !== shownAsRelated(before!)) await touchArticlesShowing(tx, { articleId });
    await recordRevision(tx, {
      entityType: 'article',
      entityId: articleId,
      action: 'article.revision.restore',
      actor,
      version,
      before: { version: expected },
      after: { restoredVersion: n },
    });
    return { version };
  });
}

/** The snapshot's rows as the writer takes them, every person and related article resolved to a row that exists. */
async function planSnapshotRows(tx: Tx, articleId: number, snapshot: ArticleSnapshot): Promise<PlannedRows> {
  const rows = emptyRows();
  const article: Ref = { id: articleId };
  const paragraphs: PlannedParagraph[] = snapshot.paragraphs.map((text, i) => ({ id: 0, article, position: i + 1, text }));
  rows.paragraphs.push(...paragraphs);

  const person = await personResolver(tx, snapshot, rows);
  for (const p of snapshot.people) {
    const link = { id: 0, article, person: person(p), role: p.role, ...readRole(p.role), aliases: JSON.stringify(p.aliases) };
    // A person deleted and a namesake both in the snapshot resolve to one row: one link.
    if (rows.links.some((l) => l.person === link.person)) continue;
    rows.links.push(link);
    for (const position of p.paragraphs) if (paragraphs[position - 1]) rows.mentions.push({ link, paragraph: paragraphs[position - 1]! });
  }
  for (const q of snapshot.quotes) {
    const paragraph = paragraphs[q.paragraph - 1];
    if (!paragraph) continue;
    const { paragraph: _, speaker, addressee, ...fields } = q;
    rows.quotes.push({ id: 0, article, paragraph, ...fields, speaker: speaker && person(speaker), addressee: addressee && person(addressee) });
  }

  const existing = new Set(
    (await tx.article.findMany({ where: { id: { in: snapshot.related.map((r) => r.id) } }, select: { id: true } })).map((a) => a.id),
  );
  const lostSlugs = snapshot.related.filter((r) => !existing.has(r.id)).map((r) => slugify(r.title));
  const bySlug = new Map<string, Ref>(
    lostSlugs.length ? (await tx.article.findMany({ where: { slug: { in: lostSlugs } }, select: { id: true, slug: true } })).map((a) => [a.slug, { id: a.id }]) : [],
  );
  const linked = new Set<number | Ref>();
  for (const r of snapshot.related) {
    let target: Ref | undefined = existing.has(r.id) ? { id: r.id } : bySlug.get(slugify(r.title));
    if (!target) {
      const slug = slugify(r.title);
      const stub = stubArticle(slug, r.title);
      rows.articles.push(stub);
      bySlug.set(slug, stub);
      target = stub;
    }
    const key = target.id || target;
    if (target.id === articleId || linked.has(key)) continue;
    linked.add(key);
    rows.related.push({ id: 0, article, related: target, position: rows.related.length + 1, title: r.title });
  }
  return rows;
}

/** People of the snapshot → rows that exist now: by id, else by the name's key, else a new person with that name. */
async function personResolver(tx: Tx, snapshot: ArticleSnapshot, rows: PlannedRows): Promise<(p: { id: number; name: string }) => PersonRef> {
  const named = [...snapshot.people, ...snapshot.quotes.flatMap((q) => [q.speaker, q.addressee].filter((p) => p !== null))];
  const found = new Map((await tx.person.findMany({ where: { id: { in: named.map((p) => p.id) } }, select: { id: true, name: true } })).map((p) => [p.id, p]));
  const lostKeys = named.filter((p) => !found.has(p.id)).map((p) => personNameKey(p.name));
  // A namesake stands in for a person deleted since: the oldest of them (name keys are not unique).
  const byKey = new Map<string, PersonRef>(
    lostKeys.length
      ? (await tx.person.findMany({ where: { nameKey: { in: lostKeys } }, orderBy: { id: 'desc' }, select: { id: true, name: true, nameKey: true } })).map((p) => [p.nameKey, { id: p.id, name: p.name }])
      : [],
  );
  const byId = new Map<number, PersonRef>();
  return (p) => {
    let ref = byId.get(p.id);
    if (ref) return ref;
    const key = personNameKey(p.name);
    ref = found.get(p.id) ?? byKey.get(key);
    if (!ref) {
      const row = { id: 0, name: p.name, nameKey: key, kind: 'person' as const, description: null, pronoun: null, givenPronoun: null, roles: [] };
      rows.people.push(row);
      byKey.set(key, row);
      ref = row;
    }
    byId.set(p.id, ref);
    return ref;
  };
}
