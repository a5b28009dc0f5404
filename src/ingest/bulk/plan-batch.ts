import { slugify } from '../../articles/slugify.ts';
import type { Actor } from '../../history/record-revision.ts';
import { personNameKey } from '../../people/name-key.ts';
import { articleFields, slugOf } from '../article-fields.ts';
import type { ParsedSource } from '../import-article.ts';
import type { ParsedArticle } from '../parse/index.ts';

/**
 * The bulk ingest's planner: turns a batch of parsed articles into the rows storeParsedArticle would write for them,
 * one after the other, without touching the database — so the writers can send each table in one set-based pass.
 * It replays storeParsedArticle's decisions on an in-memory view of the articles and people tables (what the
 * database held at the start plus what earlier articles of the batch add): slug from the front matter or headline,
 * a stub found by slug or by the headline's slug is filled (version + 1), identical text is left alone, people are
 * matched on the name key, related headlines link to what exists or become stubs, one revision per article.
 *
 * Rows refer to each other through objects (`Ref`), not ids: ids are allocated after planning, for exactly the rows
 * planned, and every writer reads `.id` when it writes.
 *
 * The plan stops before an article that would UPDATE a full article (re-ingest of changed text): that path deletes
 * and rewrites derived rows, is rare in a bulk load, and storeParsedArticle already does it — so it goes there, after
 * the rows planned before it are committed, and planning resumes after it (`stoppedAt`).
 */
export interface Ref {
  /** 0 until allocated */
  id: number;
}

export interface KnownArticle {
  ref: Ref;
  slug: string;
  isStub: boolean;
  contentHash: string | null;
  version: number;
}

export interface Known {
  /** slug → article, for the slugs `wanted` asked for */
  articles: Map<string, KnownArticle>;
  /** name key → person */
  people: Map<string, Ref>;
}

export interface ArticleFields {
  headline: string;
  headlineDerived: boolean;
  byline: string | null;
  sourceName: string | null;
  sourceUrl: string | null;
  language: string;
  status: 'draft' | 'published' | 'archived' | 'stub' | 'scheduled';
  isStub: boolean;
  /** ISO 8601 (UTC) */
  publishedAt: string | null;
  sourceText: string | null;
  contentHash: string | null;
  version: number;
}

export interface NewArticle extends Ref, ArticleFields {
  slug: string;
}

export interface StubFill extends ArticleFields {
  article: Ref;
}

export interface PlannedRows {
  articles: NewArticle[];
  fills: StubFill[];
  paragraphs: (Ref & { article: Ref; position: number; text: string })[];
  people: (Ref & { name: string; nameKey: string })[];
  links: (Ref & { article: Ref; person: Ref; role: string | null; aliases: string })[];
  mentions: { link: Ref; paragraph: Ref }[];
  quotes: (Ref & {
    article: Ref;
    paragraph: Ref;
    text: string;
    kind: string;
    speaker: Ref | null;
    addressee: Ref | null;
    verb: string | null;
    startOffset: number;
    endOffset: number;
    paragraphSpan: number;
  })[];
  related: (Ref & { article: Ref; related: Ref; position: number; title: string })[];
  revisions: (Ref & { article: Ref; action: string; actor: string; tokenId: number | null; version: number; after: string })[];
}

export interface ArticlePlan {
  outcome: 'created' | 'unchanged';
  article: Ref;
  slug: string;
  rows: PlannedRows;
}

export interface BatchPlan {
  /** one per article of the batch, in order, up to `stoppedAt` */
  articles: ArticlePlan[];
  /** index of the first article left to storeParsedArticle, or null when the whole batch is planned */
  stoppedAt: number | null;
}

/** Tables whose ids the writers allocate (mentions have a composite key). */
export type IdTable = 'articles' | 'paragraphs' | 'people' | 'article_people' | 'quotes' | 'related_articles' | 'revisions';

/** What the planner needs to know from the database about a batch: every slug it may meet and every name key. */
export function wanted(batch: ParsedSource[]): { slugs: string[]; nameKeys: string[] } {
  const slugs = new Set<string>();
  const nameKeys = new Set<string>();
  for (const { parsed } of batch) {
    slugs.add(slugOf(parsed));
    slugs.add(slugify(parsed.headline));
    for (const r of parsed.related) slugs.add(slugify(r.title));
    for (const person of parsed.people) {
      const key = personNameKey(person.name);
      if (key) nameKeys.add(key);
    }
  }
  return { slugs: [...slugs], nameKeys: [...nameKeys] };
}

export function emptyRows(): PlannedRows {
  return { articles: [], fills: [], paragraphs: [], people: [], links: [], mentions: [], quotes: [], related: [], revisions: [] };
}

export function planBatch(batch: ParsedSource[], known: Known, actor: Actor): BatchPlan {
  // The view changes as the batch goes: later articles see what earlier ones created, as they would in sequence.
  const articles = new Map(known.articles);
  const people = new Map(known.people);
  const plans: ArticlePlan[] = [];

  for (const [index, source] of batch.entries()) {
    const { parsed, hash } = source;
    const slug = slugOf(parsed);
    const target = findTarget(articles, slug, parsed.headline);
    if (target && !target.isStub && target.contentHash === hash) {
      plans.push({ outcome: 'unchanged', article: target.ref, slug: target.slug, rows: emptyRows() });
      continue;
    }
    if (target && !target.isStub) return { articles: plans, stoppedAt: index };

    const rows = emptyRows();
    const fields = bulkArticleFields(source);
    let article: Ref;
    let articleSlug: string;
    let version: number;
    if (target) {
      // A stub becomes the article: same row (incoming links hold), same slug, version + 1.
      version = target.version + 1;
      article = target.ref;
      articleSlug = target.slug;
      rows.fills.push({ article, ...fields, version });
      touchPlannedRelating(plans, article, articles);
    } else {
      version = 1;
      articleSlug = slug;
      const row: NewArticle = { id: 0, slug, ...fields, version };
      rows.articles.push(row);
      article = row;
    }
    articles.set(articleSlug, { ref: article, slug: articleSlug, isStub: false, contentHash: hash, version });
    planBody(rows, article, parsed, people, articles);
    rows.revisions.push({
      id: 0,
      article,
      action: 'ingest.create',
      actor: actor.name,
      tokenId: actor.tokenId ?? null,
      version,
      after: JSON.stringify({ headline: parsed.headline, slug: articleSlug, contentHash: hash, paragraphs: parsed.paragraphs.length }),
    });
    plans.push({ outcome: 'created', article, slug: articleSlug, rows });
  }
  return { articles: plans, stoppedAt: null };
}

/**
 * storeParsedArticle moves the version of every article whose related list shows a stub it fills
 * (touchArticlesShowing): here for the articles planned earlier in this batch; the writer does it for those stored
 * before the batch (BulkConnection.touchArticlesRelatedTo). An article links to a target at most once.
 */
function touchPlannedRelating(plans: ArticlePlan[], stub: Ref, articles: Map<string, KnownArticle>): void {
  for (const plan of plans) {
    if (!plan.rows.related.some((r) => r.related === stub)) continue;
    const row = plan.rows.articles.find((a) => a === plan.article) ?? plan.rows.fills.find((f) => f.article === plan.article)!;
    row.version++;
    articles.get(plan.slug)!.version = row.version;
  }
}

/** storeParsedArticle's findTarget on the view: the article with this slug, else a stub made from the headline. */
function findTarget(articles: Map<string, KnownArticle>, slug: string, headline: string): KnownArticle | undefined {
  const bySlug = articles.get(slug);
  if (bySlug) return bySlug;
  const stubSlug = slugify(headline);
  if (stubSlug === slug) return undefined;
  const stub = articles.get(stubSlug);
  return stub?.isStub ? stub : undefined;
}

/** The bulk writer binds dates as ISO text. */
function bulkArticleFields(source: ParsedSource): Omit<ArticleFields, 'version'> {
  const fields = articleFields(source);
  return { ...fields, publishedAt: fields.publishedAt?.toISOString() ?? null };
}

/** writeArticleBody's rows, in its order and with its choices (see write-article-body.ts). */
function planBody(rows: PlannedRows, article: Ref, parsed: ParsedArticle, people: Map<string, Ref>, articles: Map<string, KnownArticle>) {
  const paragraphByPosition = new Map<number, Ref>();
  for (const p of parsed.paragraphs) {
    const row = { id: 0, article, position: p.position, text: p.text };
    rows.paragraphs.push(row);
    paragraphByPosition.set(p.position, row);
  }

  const byKey = new Map<string, ParsedArticle['people'][number]>();
  for (const person of parsed.people) {
    const key = personNameKey(person.name);
    if (key && !byKey.has(key)) byKey.set(key, person);
  }
  for (const [key, person] of byKey) {
    let ref = people.get(key);
    if (!ref) {
      const row = { id: 0, name: person.name, nameKey: key };
      rows.people.push(row);
      people.set(key, row);
      ref = row;
    }
    const link = { id: 0, article, person: ref, role: person.role, aliases: JSON.stringify(person.aliases) };
    rows.links.push(link);
    for (const position of new Set(person.paragraphs)) {
      const paragraph = paragraphByPosition.get(position);
      if (paragraph) rows.mentions.push({ link, paragraph });
    }
  }
  // Quotes name people by their full name as the parser wrote it; only names of this article's people resolve.
  const byName = new Map<string, Ref | undefined>();
  for (const person of parsed.people) byName.set(person.name, byKey.has(personNameKey(person.name)) ? people.get(personNameKey(person.name)) : undefined);
  const personRef = (name: string | null) => (name === null ? null : (byName.get(name) ?? null));
  for (const q of parsed.quotes) {
    const paragraph = paragraphByPosition.get(q.paragraph);
    if (!paragraph) continue;
    rows.quotes.push({
      id: 0,
      article,
      paragraph,
      text: q.text,
      kind: q.kind,
      speaker: personRef(q.speaker),
      addressee: personRef(q.addressee),
      verb: q.verb,
      startOffset: q.start,
      endOffset: q.end,
      paragraphSpan: q.paragraphSpan,
    });
  }

  const seen = new Set<string>();
  const targets: { ref: Ref; title: string }[] = [];
  for (const { title } of parsed.related) {
    const slug = slugify(title);
    if (seen.has(slug)) continue;
    seen.add(slug);
    let target = articles.get(slug)?.ref;
    if (!target) {
      const stub: NewArticle = {
        id: 0, slug, headline: title, headlineDerived: false, byline: null, sourceName: null, sourceUrl: null, language: 'en',
        status: 'stub', isStub: true, publishedAt: null, sourceText: null, contentHash: null, version: 1,
      };
      rows.articles.push(stub);
      articles.set(slug, { ref: stub, slug, isStub: true, contentHash: null, version: 1 });
      target = stub;
    }
    targets.push({ ref: target, title });
  }
  let position = 0;
  for (const t of targets) {
    if (t.ref === article) continue;
    rows.related.push({ id: 0, article, related: t.ref, position: ++position, title: t.title });
  }
}

/** The rows of several planned articles as one set per table, in batch order. */
export function mergeRows(plans: ArticlePlan[]): PlannedRows {
  const merged = emptyRows();
  for (const { rows } of plans) {
    for (const table of Object.keys(merged) as (keyof PlannedRows)[]) (merged[table] as unknown[]).push(...rows[table]);
  }
  return merged;
}

/** Every row of the plan that needs an id, by table. */
export function rowsNeedingIds(rows: PlannedRows): [IdTable, Ref[]][] {
  return [
    ['articles', rows.articles],
    ['paragraphs', rows.paragraphs],
    ['people', rows.people],
    ['article_people', rows.links],
    ['quotes', rows.quotes],
    ['related_articles', rows.related],
    ['revisions', rows.revisions],
  ];
}

export const hasRows = (rows: PlannedRows) => rows.articles.length > 0 || rows.fills.length > 0;
