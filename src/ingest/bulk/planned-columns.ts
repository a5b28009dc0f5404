import { orderingKeyOfEvent, payloadOf } from '../../webhooks/outbox-rows.ts';
import { type ArticleFields, type PlannedRows, plannedRevisionRow } from './plan-batch.ts';

/**
 * The columns each planned row is written to, once for both bulk writers (sqlite-connection.ts sends a table as one
 * JSON array, postgres-connection.ts as one array per column). A type says what the value is; each writer gives it
 * its driver's form: SQLite 0/1 for booleans and Prisma's "+00:00" time text, PostgreSQL the casts to its enums and
 * jsonb. `stamped` columns take the batch's time.
 */
export type ColumnType = 'int' | 'text' | 'bool' | 'time' | 'json' | 'article_status' | 'quote_kind';

export interface Column<R> {
  name: string;
  type: ColumnType;
  // A method, so that a table's columns are usable where the row type is not known (the writers loop over tables).
  value(row: R): unknown;
}

export interface TableWrite<R> {
  table: string;
  columns: Column<R>[];
  stamped: string[];
}

const col = <R>(name: string, type: ColumnType, value: (row: R) => unknown): Column<R> => ({ name, type, value });
const write = <R>(table: string, columns: Column<R>[], stamped: string[] = ['created_at', 'updated_at']): TableWrite<R> => ({ table, columns, stamped });

type Row<K extends keyof PlannedRows> = PlannedRows[K][number];

/** The article's own fields, written by an insert (a new article) and by a stub fill alike. */
const fieldColumns = <R extends ArticleFields>(): Column<R>[] => [
  col('headline', 'text', (a) => a.headline),
  col('headline_derived', 'bool', (a) => a.headlineDerived),
  col('byline', 'text', (a) => a.byline),
  col('source_name', 'text', (a) => a.sourceName),
  col('source_url', 'text', (a) => a.sourceUrl),
  col('language', 'text', (a) => a.language),
  col('status', 'article_status', (a) => a.status),
  col('is_stub', 'bool', (a) => a.isStub),
  col('published_at', 'time', (a) => a.publishedAt),
  col('source_text', 'text', (a) => a.sourceText),
  col('content_hash', 'text', (a) => a.contentHash),
  col('version', 'int', (a) => a.version),
];

/** The inserts, by the plan's name for their rows. */
export const INSERTS: Record<Exclude<keyof PlannedRows, 'fills' | 'pronouns'>, TableWrite<unknown>> = {
  articles: write<Row<'articles'>>('articles', [col('id', 'int', (a) => a.id), col('slug', 'text', (a) => a.slug), ...fieldColumns()]),
  paragraphs: write<Row<'paragraphs'>>('paragraphs', [
    col('id', 'int', (p) => p.id),
    col('article_id', 'int', (p) => p.article.id),
    col('position', 'int', (p) => p.position),
    col('text', 'text', (p) => p.text),
  ]),
  people: write<Row<'people'>>('people', [
    col('id', 'int', (p) => p.id),
    col('name', 'text', (p) => p.name),
    col('name_key', 'text', (p) => p.nameKey),
    col('kind', 'text', (p) => p.kind),
    col('description', 'text', (p) => p.description),
    col('pronoun', 'text', (p) => p.givenPronoun),
  ]),
  links: write<Row<'links'>>(
    'article_people',
    [
      col('id', 'int', (l) => l.id),
      col('article_id', 'int', (l) => l.article.id),
      col('person_id', 'int', (l) => l.person.id),
      col('role', 'text', (l) => l.role),
      col('role_title', 'text', (l) => l.roleTitle),
      col('role_category', 'text', (l) => l.roleCategory),
      col('aliases', 'json', (l) => l.aliases),
    ],
    ['created_at'],
  ),
  mentions: write<Row<'mentions'>>('mentions', [col('article_person_id', 'int', (m) => m.link.id), col('paragraph_id', 'int', (m) => m.paragraph.id)], []),
  quotes: write<Row<'quotes'>>('quotes', [
    col('id', 'int', (q) => q.id),
    col('article_id', 'int', (q) => q.article.id),
    col('paragraph_id', 'int', (q) => q.paragraph.id),
    col('text', 'text', (q) => q.text),
    col('kind', 'quote_kind', (q) => q.kind),
    col('speaker_id', 'int', (q) => q.speaker?.id ?? null),
    col('addressee_id', 'int', (q) => q.addressee?.id ?? null),
    col('verb', 'text', (q) => q.verb),
    col('start_offset', 'int', (q) => q.startOffset),
    col('end_offset', 'int', (q) => q.endOffset),
    col('paragraph_span', 'int', (q) => q.paragraphSpan),
  ]),
  related: write<Row<'related'>>(
    'related_articles',
    [
      col('id', 'int', (r) => r.id),
      col('article_id', 'int', (r) => r.article.id),
      col('related_id', 'int', (r) => r.related.id),
      col('position', 'int', (r) => r.position),
      col('title', 'text', (r) => r.title),
    ],
    [],
  ),
  // The row is history's own (revisionRow in src/history/record-revision.ts), as recordRevision stores it.
  revisions: write<Row<'revisions'>>(
    'revisions',
    [
      col('id', 'int', (v) => v.id),
      col('entity_type', 'text', (v) => plannedRevisionRow(v).entityType),
      col('entity_id', 'int', (v) => plannedRevisionRow(v).entityId),
      col('action', 'text', (v) => plannedRevisionRow(v).action),
      col('actor', 'text', (v) => plannedRevisionRow(v).actor),
      col('token_id', 'int', (v) => plannedRevisionRow(v).tokenId),
      col('version', 'int', (v) => plannedRevisionRow(v).version),
      col('before', 'json', (v) => plannedRevisionRow(v).before),
      col('after', 'json', (v) => plannedRevisionRow(v).after),
      col('snapshot', 'json', (v) => plannedRevisionRow(v).snapshot),
    ],
    ['created_at'],
  ),
  // The outbox (src/webhooks/outbox-rows.ts), as emitEvents stores it; deliveries are pending and due at once.
  events: write<Row<'events'>>(
    'webhook_events',
    [
      col('id', 'int', (e) => e.id),
      col('message_id', 'text', (e) => e.messageId),
      col('type', 'text', (e) => e.type),
      col('payload', 'json', (e) => JSON.stringify(payloadOf(e))),
    ],
    ['created_at'],
  ),
  deliveries: write<Row<'deliveries'>>(
    'webhook_deliveries',
    [col('endpoint_id', 'int', (d) => d.endpointId), col('event_id', 'int', (d) => d.event.id), col('ordering_key', 'text', (d) => orderingKeyOfEvent(d.event))],
    ['created_at', 'next_attempt_at'],
  ),
};

/** A stub filled: `UPDATE articles SET <columns>, updated_at = <the batch's time> WHERE id = <key>`. */
export const STUB_FILL: TableWrite<unknown> & { key: Column<unknown> } = {
  ...write<Row<'fills'>>('articles', fieldColumns<Row<'fills'>>(), ['updated_at']),
  key: col<Row<'fills'>>('id', 'int', (f) => f.article.id),
};

/**
 * A pronoun learnt for a known person: `UPDATE people SET pronoun = <pronoun>, version = version + 1 WHERE id = <key>
 * AND pronoun IS NULL` (an editor's pronoun, or one an earlier article gave, stays).
 */
export const PRONOUN_FILL = {
  table: 'people',
  key: col<Row<'pronouns'>>('id', 'int', (f) => f.person.id),
  pronoun: col<Row<'pronouns'>>('pronoun', 'text', (f) => f.pronoun),
} as const;

/** The plan's rows in an order the foreign keys accept: the stubs a batch fills right after its new articles. */
export const WRITE_ORDER = ['articles', 'fills', 'paragraphs', 'people', 'pronouns', 'links', 'mentions', 'quotes', 'related', 'revisions', 'events', 'deliveries'] as const satisfies (keyof PlannedRows)[];
