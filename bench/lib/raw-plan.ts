import { slugify } from '../../src/articles/slugify.ts';
import type { ParsedArticle } from '../../src/ingest/parse/types.ts';
import { personNameKey } from '../../src/people/name-key.ts';

/**
 * The raw limit's plan: turns a batch of parsed articles into the rows the project's ingest would write (articles,
 * paragraphs, people, article_people, mentions, quotes, related_articles, revisions), with ids assigned up front so
 * each table is written in one set-based pass. Same decisions as storeParsedArticle/writeArticleBody: slug from
 * the headline, an existing stub is filled in (version + 1), people matched on the name key, related headlines
 * linked or made into stubs, one revision per article; identical text (same hash) is skipped.
 *
 * Written for fresh or append-only loads (the benchmark and a bulk-load path): re-ingesting CHANGED text of an
 * existing full article is left to the Prisma path (counted in `deferred`).
 */
export interface ParsedSource {
  parsed: ParsedArticle;
  sourceText: string;
  hash: string;
}

export interface ExistingArticle {
  id: number;
  slug: string;
  isStub: boolean;
  contentHash: string | null;
  version: number;
}

export interface Lookups {
  articlesBySlug(slugs: string[]): Promise<Map<string, ExistingArticle>>;
  peopleByKey(keys: string[]): Promise<Map<string, number>>;
  /** `n` fresh ids of a table's sequence */
  allocate(table: 'articles' | 'paragraphs' | 'people' | 'article_people' | 'quotes' | 'related_articles' | 'revisions', n: number): Promise<number[]>;
}

export interface ArticleRow {
  id: number;
  slug: string;
  headline: string;
  headlineDerived: boolean;
  byline: string | null;
  sourceName: string | null;
  sourceUrl: string | null;
  language: string;
  status: string;
  isStub: boolean;
  publishedAt: string | null;
  sourceText: string | null;
  contentHash: string | null;
  version: number;
}

export interface Rows {
  /** new article rows (full articles and stubs) */
  articles: ArticleRow[];
  /** existing stubs in the database that this batch fills in */
  stubFills: ArticleRow[];
  paragraphs: { id: number; articleId: number; position: number; text: string }[];
  people: { id: number; name: string; nameKey: string }[];
  articlePeople: { id: number; articleId: number; personId: number; role: string | null; aliases: string }[];
  mentions: { articlePersonId: number; paragraphId: number }[];
  quotes: {
    id: number;
    articleId: number;
    paragraphId: number;
    text: string;
    kind: string;
    speakerId: number | null;
    addresseeId: number | null;
    verb: string | null;
    startOffset: number;
    endOffset: number;
    paragraphSpan: number;
  }[];
  related: { id: number; articleId: number; relatedId: number; position: number; title: string }[];
  revisions: { id: number; entityId: number; action: string; version: number; after: string }[];
  created: number;
  unchanged: number;
  deferred: number;
}

const slugOf = (p: ParsedArticle) => p.meta.slug ?? slugify(p.headline);

export async function planBatch(batch: ParsedSource[], lookups: Lookups): Promise<Rows> {
  const wantedSlugs = new Set<string>();
  const wantedKeys = new Set<string>();
  for (const { parsed } of batch) {
    wantedSlugs.add(slugOf(parsed));
    wantedSlugs.add(slugify(parsed.headline));
    for (const r of parsed.related) wantedSlugs.add(slugify(r.title));
    for (const person of parsed.people) {
      const key = personNameKey(person.name);
      if (key) wantedKeys.add(key);
    }
  }
  // one after the other: a pg client runs one query at a time anyway
  const existing = await lookups.articlesBySlug([...wantedSlugs]);
  const peopleFound = await lookups.peopleByKey([...wantedKeys]);

  // In-memory view of the articles table for this batch: slug → row being written (new or filled stub).
  const pending = new Map<string, ArticleRow>();
  const rows: Rows = { articles: [], stubFills: [], paragraphs: [], people: [], articlePeople: [], mentions: [], quotes: [], related: [], revisions: [], created: 0, unchanged: 0, deferred: 0 };
  const personId = new Map(peopleFound);
  const newArticles: ArticleRow[] = [];

  // Pass 1: decide each article's row and count the ids every table needs.
  interface Work { source: ParsedSource; row: ArticleRow; byKey: Map<string, ParsedArticle['people'][number]> }
  const work: Work[] = [];
  const needPeople: { name: string; nameKey: string }[] = [];
  let paragraphCount = 0;
  let quoteCount = 0;
  let linkCount = 0;
  let relatedCount = 0;
  const stubTitles = new Map<string, string>();

  // `pending` holds only full articles of this batch; stubs are made after pass 1 (an article later in the batch
  // fills its own slug directly, so it is written once as a full row).
  const findTarget = (slug: string, headline: string): ExistingArticle | undefined => {
    const hit = pending.get(slug) ?? existing.get(slug);
    if (hit) return hit;
    const stubSlug = slugify(headline);
    if (stubSlug === slug) return undefined;
    const stub = existing.get(stubSlug);
    return stub?.isStub ? stub : undefined;
  };

  for (const source of batch) {
    const { parsed, hash } = source;
    const slug = slugOf(parsed);
    const target = findTarget(slug, parsed.headline);
    if (target && !target.isStub && target.contentHash === hash) {
      rows.unchanged++;
      continue;
    }
    if (target && !target.isStub) {
      rows.deferred++;
      continue;
    }
    const { meta } = parsed;
    const fields = {
      headline: parsed.headline,
      headlineDerived: parsed.headlineDerived,
      byline: meta.byline,
      sourceName: meta.source,
      sourceUrl: meta.url,
      language: meta.language ?? 'en',
      status: meta.status ?? 'published',
      isStub: false,
      publishedAt: meta.publishedAt ? new Date(meta.publishedAt).toISOString() : null,
      sourceText: source.sourceText,
      contentHash: hash,
    };
    let row: ArticleRow;
    if (target) {
      // a stub in the database becomes the article (an UPDATE, version + 1, as storeParsedArticle does)
      row = { id: target.id, slug: target.slug, version: target.version + 1, ...fields };
      rows.stubFills.push(row);
      pending.set(slug, row);
    } else {
      row = { id: 0, slug, version: 1, ...fields };
      newArticles.push(row);
      pending.set(slug, row);
    }
    rows.created++;
    const byKey = new Map<string, ParsedArticle['people'][number]>();
    for (const person of parsed.people) {
      const key = personNameKey(person.name);
      if (key && !byKey.has(key)) byKey.set(key, person);
    }
    for (const [key, person] of byKey) {
      if (!personId.has(key)) {
        personId.set(key, -1);
        needPeople.push({ name: person.name, nameKey: key });
      }
    }
    paragraphCount += parsed.paragraphs.length;
    quoteCount += parsed.quotes.length;
    linkCount += byKey.size;
    relatedCount += parsed.related.length;
    for (const { title } of parsed.related) {
      const s = slugify(title);
      if (!pending.has(s) && !existing.has(s) && !stubTitles.has(s)) stubTitles.set(s, title);
    }
    work.push({ source, row, byKey });
  }
  // Stubs for related headlines nobody in the store (or this batch) has; an article later in the batch with the
  // same slug has already claimed it in `pending`, so only true unknowns remain.
  for (const [slug, title] of stubTitles) {
    if (pending.has(slug) || existing.has(slug)) continue;
    const stub: ArticleRow = { id: 0, slug, headline: title, headlineDerived: false, byline: null, sourceName: null, sourceUrl: null, language: 'en', status: 'stub', isStub: true, publishedAt: null, sourceText: null, contentHash: null, version: 1 };
    newArticles.push(stub);
    pending.set(slug, stub);
  }

  // Ids for every table, one round trip each.
  const articleIds = await lookups.allocate('articles', newArticles.length);
  const paragraphIds = await lookups.allocate('paragraphs', paragraphCount);
  const peopleIds = await lookups.allocate('people', needPeople.length);
  const linkIds = await lookups.allocate('article_people', linkCount);
  const quoteIds = await lookups.allocate('quotes', quoteCount);
  const relatedIds = await lookups.allocate('related_articles', relatedCount);
  const revisionIds = await lookups.allocate('revisions', work.length);
  newArticles.forEach((a, i) => (a.id = articleIds[i]!));
  rows.articles = newArticles;
  needPeople.forEach((p, i) => {
    personId.set(p.nameKey, peopleIds[i]!);
    rows.people.push({ id: peopleIds[i]!, ...p });
  });
  let pi = 0, li = 0, qi = 0, ri = 0, vi = 0;

  // Pass 2: the body rows.
  for (const { source, row, byKey } of work) {
    const { parsed } = source;
    const paragraphId = new Map<number, number>();
    for (const p of parsed.paragraphs) {
      const id = paragraphIds[pi++]!;
      paragraphId.set(p.position, id);
      rows.paragraphs.push({ id, articleId: row.id, position: p.position, text: p.text });
    }
    for (const [key, person] of byKey) {
      const id = linkIds[li++]!;
      rows.articlePeople.push({ id, articleId: row.id, personId: personId.get(key)!, role: person.role, aliases: JSON.stringify(person.aliases) });
      for (const position of new Set(person.paragraphs)) {
        const pid = paragraphId.get(position);
        if (pid !== undefined) rows.mentions.push({ articlePersonId: id, paragraphId: pid });
      }
    }
    const speaker = (name: string | null) => (name === null ? null : (personId.get(personNameKey(name)) ?? null));
    for (const q of parsed.quotes) {
      const pid = paragraphId.get(q.paragraph);
      const id = quoteIds[qi++]!;
      if (pid === undefined) continue;
      rows.quotes.push({ id, articleId: row.id, paragraphId: pid, text: q.text, kind: q.kind, speakerId: speaker(q.speaker), addresseeId: speaker(q.addressee), verb: q.verb, startOffset: q.start, endOffset: q.end, paragraphSpan: q.paragraphSpan });
    }
    const seen = new Set<string>();
    let position = 0;
    for (const { title } of parsed.related) {
      const id = relatedIds[ri++]!;
      const s = slugify(title);
      if (seen.has(s)) continue;
      seen.add(s);
      const target = pending.get(s) ?? existing.get(s);
      const relatedId = target?.id;
      if (relatedId === undefined || relatedId === row.id) continue;
      rows.related.push({ id, articleId: row.id, relatedId, position: ++position, title });
    }
    rows.revisions.push({
      id: revisionIds[vi++]!,
      entityId: row.id,
      action: 'ingest.create',
      version: row.version,
      after: JSON.stringify({ headline: parsed.headline, slug: row.slug, contentHash: source.hash, paragraphs: parsed.paragraphs.length }),
    });
  }
  return rows;
}
