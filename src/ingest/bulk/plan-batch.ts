import { type RoleReading, readRole } from '../../article-people/role-category.ts';
import { slugify } from '../../articles/slugify.ts';
import { type ArticleSnapshot, readingOrder } from '../../history/article-snapshot.ts';
import { type Actor, type RevisionInput, type RevisionRow, revisionRow } from '../../history/record-revision.ts';
import { type PersonKind, type Pronoun, choosePerson, namesakeDescription } from '../../people/identity.ts';
import { personNameKey } from '../../people/name-key.ts';
import { articleFields, slugOf } from '../article-fields.ts';
import type { ParsedSource } from '../import-article.ts';
import type { ParsedArticle } from '../parse/index.ts';
import { type PlannedDelivery, type PlannedEvent, type Subscriber, articleEventData, deliveriesOf, planEvent } from '../../webhooks/outbox-rows.ts';

/**
 * The bulk ingest's planner: turns a batch of parsed articles into the rows storeParsedArticle would write for them,
 * one after the other, without touching the database — so the writers can send each table in one set-based pass.
 * It replays storeParsedArticle's decisions on an in-memory view of the articles and people tables (what the
 * database held at the start plus what earlier articles of the batch add): slug from the front matter or headline,
 * a stub found by slug or by the headline's slug is filled (version + 1), identical text is left alone, a name joins
 * a person with its name key when the evidence agrees (src/people/identity.ts) and is a new person otherwise,
 * related headlines link to what exists or become stubs, one revision per article and the outbox rows of the event
 * it announces (src/webhooks/outbox-rows.ts), when an endpoint subscribes to it.
 *
 * Rows refer to each other through objects (`Ref`), not ids: ids are allocated after planning, for exactly the rows
 * planned, and every writer reads `.id` when it writes.
 *
 * The plan stops before an article that would UPDATE a full article (re-ingest of changed text) or meets one in the
 * trash: the update deletes derived rows first and checks it is the same story, is rare in a bulk load, and
 * storeParsedArticle does it — with this same planner (planArticle) — so it goes there, after the rows planned before
 * it are committed, and planning resumes after it (`stoppedAt`).
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
  /** an ingest keeps it (the text has none): the snapshot shows it */
  standfirst: string | null;
  /** in the trash: no ingest writes to it until it is restored (storeParsedArticle says so) */
  trashed: boolean;
}

/** The columns a lookup reads for an article, and what the planner makes of them (every writer's lookup uses this). */
export const KNOWN_ARTICLE_COLUMNS = 'id, slug, is_stub, content_hash, version, standfirst, deleted_at';
export interface KnownArticleRow {
  id: number;
  slug: string;
  is_stub: boolean | number;
  content_hash: string | null;
  version: number;
  standfirst: string | null;
  deleted_at: unknown;
}
export const toKnownArticle = (r: KnownArticleRow): KnownArticle => ({
  ref: { id: r.id },
  slug: r.slug,
  isStub: r.is_stub === true || r.is_stub === 1,
  contentHash: r.content_hash,
  version: r.version,
  standfirst: r.standfirst,
  trashed: r.deleted_at !== null,
});

/** A person as the article shows them: the stored name, which may be spelt otherwise than this text's. */
export interface PersonRef extends Ref {
  name: string;
}

/** A person the planner can join a name to: what identity matching weighs (src/people/identity.ts). */
export interface KnownPerson extends PersonRef {
  kind: PersonKind;
  pronoun: Pronoun | null;
  /** roles as written in their articles, newest first (the lookups read at most KNOWN_ROLES_LIMIT) */
  roles: string[];
}

/**
 * How many of a person's most recent roles a lookup reads: enough evidence to recognise them, bounded for the person
 * quoted in thousands of articles. Every lookup (SQLite, PostgreSQL, Prisma) reads the same ones.
 */
export const KNOWN_ROLES_LIMIT = 200;

/** The people rows a lookup reads, and what the planner makes of them. */
export interface KnownPersonRow {
  id: number;
  name: string;
  name_key: string;
  kind: string;
  pronoun: string | null;
}
export const toKnownPerson = (r: KnownPersonRow, roles: string[]): KnownPerson => ({
  id: r.id,
  name: r.name,
  kind: r.kind === 'organisation' ? 'organisation' : 'person',
  pronoun: r.pronoun as Pronoun | null,
  roles,
});

/** Adds a person to the name key's candidates, kept in id order (the order identity matching breaks ties by). */
export function addKnownPerson(people: Map<string, KnownPerson[]>, key: string, person: KnownPerson): void {
  const list = people.get(key);
  if (list) list.push(person);
  else people.set(key, [person]);
}

export interface Known {
  /** slug → article, for the slugs `wanted` asked for */
  articles: Map<string, KnownArticle>;
  /** name key → the people with that name key, oldest first */
  people: Map<string, KnownPerson[]>;
  /** the enabled webhook endpoints: who hears of what the plan writes */
  subscribers: Subscriber[];
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

export interface PlannedParagraph extends Ref {
  article: Ref;
  position: number;
  text: string;
}

export interface PlannedRows {
  articles: NewArticle[];
  fills: StubFill[];
  paragraphs: PlannedParagraph[];
  /** `pronoun` is what later articles of the batch see; `givenPronoun` the one the row is inserted with */
  people: (KnownPerson & { nameKey: string; description: string | null; givenPronoun: Pronoun | null })[];
  /** pronouns learnt for people who had none (the writers set it only while it is still null) */
  pronouns: { person: Ref; pronoun: Pronoun }[];
  links: (Ref & { article: Ref; person: PersonRef; role: string | null; aliases: string } & RoleReading)[];
  mentions: { link: Ref; paragraph: PlannedParagraph }[];
  quotes: (Ref & {
    article: Ref;
    paragraph: PlannedParagraph;
    text: string;
    kind: string;
    speaker: PersonRef | null;
    addressee: PersonRef | null;
    verb: string | null;
    startOffset: number | null;
    endOffset: number | null;
    paragraphSpan: number;
  })[];
  related: (Ref & { article: Ref; related: Ref; position: number; title: string })[];
  revisions: PlannedRevision[];
  /** webhook_events and webhook_deliveries: the outbox, written in the same transaction as the revisions */
  events: PlannedEvent[];
  deliveries: PlannedDelivery[];
}

/** A history entry (src/history/record-revision.ts), completed with ids once they are allocated. */
export interface PlannedRevision extends Ref {
  article: Ref;
  entry: Omit<RevisionInput, 'entityId' | 'snapshot'>;
  snapshot(): ArticleSnapshot;
}

const rowsOfRevisions = new WeakMap<PlannedRevision, RevisionRow>();
/** The revisions row of a planned entry, made once (the writers read it column by column). */
export function plannedRevisionRow(v: PlannedRevision): RevisionRow {
  let row = rowsOfRevisions.get(v);
  if (!row) rowsOfRevisions.set(v, (row = revisionRow({ ...v.entry, entityId: v.article.id, snapshot: v.snapshot() })));
  return row;
}

/** What an update replaces (storeParsedArticle reads it before deleting the derived rows). */
export interface Replaced {
  headline: string;
  sourceText: string | null;
  status: ArticleFields['status'];
  standfirst: string | null;
}

export interface ArticlePlan {
  outcome: 'created' | 'updated' | 'unchanged';
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
export type IdTable = 'articles' | 'paragraphs' | 'people' | 'article_people' | 'quotes' | 'related_articles' | 'revisions' | 'webhook_events';

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
  return { articles: [], fills: [], paragraphs: [], people: [], pronouns: [], links: [], mentions: [], quotes: [], related: [], revisions: [], events: [], deliveries: [] };
}

export function planBatch(batch: ParsedSource[], known: Known, actor: Actor): BatchPlan {
  // The view changes as the batch goes: later articles see what earlier ones created, as they would in sequence.
  const view: Known = { ...known, articles: new Map(known.articles), people: copyPeople(known.people) };
  const plans: ArticlePlan[] = [];
  for (const [index, source] of batch.entries()) {
    const target = findTarget(view.articles, slugOf(source.parsed), source.parsed.headline);
    const unchanged = target && !target.isStub && target.contentHash === source.hash;
    if (!unchanged && target && (!target.isStub || target.trashed)) return { articles: plans, stoppedAt: index };
    plans.push(planArticle(source, view, actor, null, plans));
  }
  return { articles: plans, stoppedAt: null };
}

/** A view of the people the planner may change (roles and pronouns learnt) without changing the lookup's. */
export function copyPeople(people: Map<string, KnownPerson[]>): Map<string, KnownPerson[]> {
  return new Map([...people].map(([key, list]) => [key, list.map((p) => ({ ...p, roles: [...p.roles] }))]));
}

/**
 * What storing one parsed article writes, for both paths: the bulk ingest (planBatch, on its view of the batch) and
 * storeParsedArticle (the per-article import, on what it read in its transaction). Updates `view` with what it adds.
 * `replacing` is given for the update of a full article, whose derived rows the caller has deleted; `earlier` are
 * the plans before this one in the same transaction (a stub they link to, filled here, moves their version).
 */
export function planArticle(source: ParsedSource, view: Known, actor: Actor, replacing: Replaced | null, earlier: ArticlePlan[] = []): ArticlePlan {
  const { parsed, hash } = source;
  const slug = slugOf(parsed);
  const target = findTarget(view.articles, slug, parsed.headline);
  if (target && !target.isStub && target.contentHash === hash) return { outcome: 'unchanged', article: target.ref, slug: target.slug, rows: emptyRows() };

  const rows = emptyRows();
  const given = bulkArticleFields(source);
  // Changed text is a correction, not a decision to publish: an article keeps its status unless the text gives one.
  const fields = replacing && !parsed.meta.status ? { ...given, status: replacing.status } : given;
  let article: Ref;
  let articleSlug: string;
  let version: number;
  let standfirst: string | null = null;
  if (target) {
    // A stub becomes the article, an article its new text: same row (incoming links hold), same slug, version + 1.
    version = target.version + 1;
    article = target.ref;
    articleSlug = target.slug;
    standfirst = target.standfirst;
    rows.fills.push({ article, ...fields, version });
    touchPlannedRelating(earlier, article, view.articles);
  } else {
    version = 1;
    articleSlug = slug;
    const row: NewArticle = { id: 0, slug, ...fields, version };
    rows.articles.push(row);
    article = row;
  }
  view.articles.set(articleSlug, { ref: article, slug: articleSlug, isStub: false, contentHash: hash, version, standfirst, trashed: false });
  planBody(rows, article, parsed, view);
  const outcome = target && !target.isStub ? 'updated' : 'created';
  // The status on both sides, so that an import that publishes or unpublishes announces it as a PATCH does.
  const after = { headline: parsed.headline, slug: articleSlug, status: fields.status, contentHash: hash, paragraphs: parsed.paragraphs.length };
  const snapshotFields = { ...fields, slug: articleSlug, standfirst };
  const entry: PlannedRevision['entry'] = {
    entityType: 'article',
    action: outcome === 'updated' ? 'ingest.update' : 'ingest.create',
    actor,
    version,
    // What an update replaces, for the history: the text it was read from (its rows follow from that text and the
    // edits recorded since).
    before: replacing
      ? { headline: replacing.headline, status: replacing.status, contentHash: target!.contentHash, version: target!.version, sourceText: replacing.sourceText }
      : undefined,
    after,
  };
  rows.revisions.push({ id: 0, article, entry, snapshot: () => snapshotOfPlan(snapshotFields, rows) });
  const event = planEvent(entry, { type: 'article', ref: article }, view.subscribers, () => articleEventData(entry, article.id, { slug: articleSlug, status: fields.status }));
  if (event) {
    rows.events.push(event);
    rows.deliveries.push(...deliveriesOf([event]));
  }
  return { outcome, article, slug: articleSlug, rows };
}

/**
 * storeParsedArticle moves the version of every article whose related list shows a stub it fills
 * (touchArticlesShowing): here for the articles planned earlier in this batch; the writer does it for those stored
 * before the batch (BulkConnection.touchArticlesRelatedTo). An article links to a target at most once.
 */
function touchPlannedRelating(plans: ArticlePlan[], stub: Ref, articles: Map<string, KnownArticle>): void {
  // (the snapshot lists related articles by id only, so it does not change)
  for (const plan of plans) {
    if (!plan.rows.related.some((r) => r.related === stub)) continue;
    const row = plan.rows.articles.find((a) => a === plan.article) ?? plan.rows.fills.find((f) => f.article === plan.article)!;
    row.version++;
    articles.get(plan.slug)!.version = row.version;
  }
}

/** The article a text belongs to: the one with its slug, else a stub made from its headline elsewhere. */
export function findTarget(articles: Map<string, KnownArticle>, slug: string, headline: string): KnownArticle | undefined {
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
function planBody(rows: PlannedRows, article: Ref, parsed: ParsedArticle, { people, articles }: Known) {
  const paragraphByPosition = new Map<number, PlannedParagraph>();
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
  // Who each name is: a known person when the evidence agrees, else a new one (src/people/identity.ts).
  const chosen = new Map<string, KnownPerson>();
  for (const [key, person] of byKey) {
    const kind = person.kind ?? 'person';
    const candidates = people.get(key) ?? [];
    let ref = choosePerson(candidates, { kind, role: person.role });
    if (!ref) {
      const namesake = candidates.some((c) => c.kind === kind);
      const row = {
        id: 0, name: person.name, nameKey: key, kind, pronoun: person.pronoun ?? null, givenPronoun: person.pronoun ?? null, roles: [],
        description: namesake ? namesakeDescription(person.role) : null,
      };
      rows.people.push(row);
      addKnownPerson(people, key, row);
      ref = row;
    } else if (person.pronoun && ref.pronoun === null) {
      rows.pronouns.push({ person: ref, pronoun: person.pronoun });
      ref.pronoun = person.pronoun;
    }
    // Later articles (of the batch, in the view) weigh this article's role too, newest first, as a lookup reads them.
    if (person.role) ref.roles.unshift(person.role);
    chosen.set(key, ref);
    const link = { id: 0, article, person: ref, role: person.role, ...readRole(person.role), aliases: JSON.stringify(person.aliases) };
    rows.links.push(link);
    for (const position of new Set(person.paragraphs)) {
      const paragraph = paragraphByPosition.get(position);
      if (paragraph) rows.mentions.push({ link, paragraph });
    }
  }
  // Quotes name people by their full name as the parser wrote it; only names of this article's people resolve.
  const byName = new Map<string, PersonRef | undefined>();
  for (const person of parsed.people) byName.set(person.name, chosen.get(personNameKey(person.name)));
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
      const stub = stubArticle(slug, title);
      rows.articles.push(stub);
      articles.set(slug, { ref: stub, slug, isStub: true, contentHash: null, version: 1, standfirst: null, trashed: false });
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

/**
 * The snapshot of a planned article (history/article-snapshot.ts) from its rows, once their ids are allocated: what
 * loadArticleSnapshot reads back after the rows are written (the bulk-ingest test holds the two equal).
 */
function snapshotOfPlan(fields: Omit<ArticleFields, 'version'> & { slug: string; standfirst: string | null }, rows: PlannedRows): ArticleSnapshot {
  const paragraphs = [...rows.paragraphs].sort((a, b) => a.position - b.position);
  const order = new Map(paragraphs.map((p, i) => [p.position, i + 1]));
  const positionOf = (p: { position: number }) => order.get(p.position)!;
  const named = (p: PersonRef | null) => (p ? { id: p.id, name: p.name } : null);
  return {
    article: {
      slug: fields.slug,
      headline: fields.headline,
      headlineDerived: fields.headlineDerived,
      standfirst: fields.standfirst,
      byline: fields.byline,
      sourceName: fields.sourceName,
      sourceUrl: fields.sourceUrl,
      language: fields.language,
      status: fields.status,
      isStub: fields.isStub,
      publishedAt: fields.publishedAt,
    },
    paragraphs: paragraphs.map((p) => p.text),
    people: rows.links.map((l) => ({
      id: l.person.id,
      name: l.person.name,
      role: l.role,
      aliases: JSON.parse(l.aliases) as string[],
      paragraphs: [...new Set(rows.mentions.filter((m) => m.link === l).map((m) => positionOf(m.paragraph)))].sort((a, b) => a - b),
    })),
    quotes: rows.quotes
      .map((q) => ({
        paragraph: positionOf(q.paragraph),
        text: q.text,
        kind: q.kind as ArticleSnapshot['quotes'][number]['kind'],
        speaker: named(q.speaker),
        addressee: named(q.addressee),
        verb: q.verb,
        startOffset: q.startOffset,
        endOffset: q.endOffset,
        paragraphSpan: q.paragraphSpan,
      }))
      .sort(readingOrder),
    related: rows.related.map((r) => ({ id: r.related.id, title: r.title })),
  };
}

/** A stub for a related headline the store does not have: found again by its slug when that article arrives. */
export const stubArticle = (slug: string, title: string): NewArticle => ({
  id: 0, slug, headline: title, headlineDerived: false, byline: null, sourceName: null, sourceUrl: null, language: 'en',
  status: 'stub', isStub: true, publishedAt: null, sourceText: null, contentHash: null, version: 1,
});

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
    ['webhook_events', rows.events],
  ];
}

export const hasRows = (rows: PlannedRows) => rows.articles.length > 0 || rows.fills.length > 0;
