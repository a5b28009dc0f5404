import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { type ArticleDetail, loadArticleDetail } from '../../src/articles/get-article.ts';
import { ROLE_CATEGORIES, readRole } from '../../src/article-people/role-category.ts';
import { importArticle } from '../../src/ingest/import-article.ts';
import { sampleText } from '../support/articles.ts';
import { describeEachDatabase } from '../support/databases.ts';

/** Raw rows with integers as numbers (SQLite's CAST AS INTEGER and PostgreSQL's counts can come back as bigint). */
const plain = (rows: Record<string, unknown>[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString() : v])));

describeEachDatabase('analyst views', (ctx) => {
  let article: ArticleDetail;
  const query = async (sql: string) => plain(await ctx.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql));

  before(async () => {
    const { articleId } = await importArticle(ctx.db.prisma, sampleText(), {}, { name: 'views-test', tokenId: null });
    article = await loadArticleDetail(ctx.db.prisma, articleId);
  });

  test('quote_details: every quote with headline, paragraph position, kind, speaker and the speaker’s role in the article', async () => {
    const rows = await query('SELECT * FROM quote_details ORDER BY quote_id');
    const roleOf = new Map(article.people.map((p) => [p.id, p.role]));
    const people = await ctx.db.prisma.person.findMany({ select: { id: true, kind: true, pronoun: true } });
    const personOf = new Map(people.map((p) => [p.id, p]));
    // The whole view, row for row, as the API's independent reading of the same article has it.
    assert.deepEqual(
      rows,
      article.quotes
        .map((q) => ({
          quote_id: q.id,
          article_id: article.id,
          article_slug: article.slug,
          headline: article.headline,
          article_status: 'published',
          is_stub: 0,
          published_at: null,
          paragraph_id: q.paragraphId,
          paragraph_position: q.paragraphPosition,
          start_offset: q.startOffset,
          end_offset: q.endOffset,
          paragraph_span: q.paragraphSpan,
          kind: q.kind,
          text: q.text,
          verb: q.verb,
          speaker_id: q.speaker?.id ?? null,
          speaker_name: q.speaker?.name ?? null,
          speaker_kind: q.speaker ? personOf.get(q.speaker.id)!.kind : null,
          speaker_pronoun: q.speaker ? personOf.get(q.speaker.id)!.pronoun : null,
          speaker_role: q.speaker ? (roleOf.get(q.speaker.id) ?? null) : null,
          speaker_role_title: q.speaker ? readRole(roleOf.get(q.speaker.id)).roleTitle : null,
          speaker_role_category: q.speaker ? readRole(roleOf.get(q.speaker.id)).roleCategory : null,
          addressee_id: q.addressee?.id ?? null,
          addressee_name: q.addressee?.name ?? null,
        }))
        .sort((a, b) => a.quote_id - b.quote_id),
    );
    // And fixed facts of the sample.
    const prepared = rows.find((r) => String(r.text).startsWith('We are prepared to maintain our strategic focus'))!;
    assert.deepEqual(
      [prepared.paragraph_position, prepared.start_offset, prepared.kind, prepared.speaker_name, prepared.speaker_role, prepared.speaker_role_title, prepared.speaker_role_category, prepared.verb],
      [3, 1, 'direct', 'Wang Yi', 'China’s top diplomat', 'Diplomat', 'government_official', 'said'],
    );
    const told = rows.find((r) => String(r.text).startsWith('China-Russia relations have withstood'))!;
    assert.deepEqual([told.paragraph_position, told.kind, told.speaker_name], [5, 'direct', 'Wang Yi']);
    const scare = rows.filter((r) => r.kind === 'scare').map((r) => [r.text, r.paragraph_position, r.speaker_id]);
    assert.deepEqual(scare, [['zero Covid', 6, null], ['no limits', 12, null]]);
  });

  test('person_mentions: one row per person, article and paragraph', async () => {
    const rows = await query('SELECT * FROM person_mentions ORDER BY person_id, paragraph_position');
    const quotedIn = (personId: number, position: number) =>
      article.quotes.filter((q) => q.speaker?.id === personId && q.paragraphPosition === position).length;
    const positionToId = new Map(article.paragraphs.map((p) => [p.position, p.id]));
    const pronounOf = new Map((await ctx.db.prisma.person.findMany({ select: { id: true, pronoun: true } })).map((p) => [p.id, p.pronoun]));
    assert.deepEqual(
      rows,
      article.people
        .flatMap((p) =>
          p.paragraphs.map((position) => ({
            person_id: p.id,
            person_name: p.name,
            person_kind: p.kind,
            pronoun: pronounOf.get(p.id),
            wikidata_id: p.wikidataId,
            article_id: article.id,
            article_slug: article.slug,
            headline: article.headline,
            article_status: 'published',
            is_stub: 0,
            published_at: null,
            role: p.role,
            role_title: readRole(p.role).roleTitle,
            role_category: readRole(p.role).roleCategory,
            paragraph_id: positionToId.get(position),
            paragraph_position: position,
            quotes_in_paragraph: quotedIn(p.id, position),
          })),
        )
        .sort((a, b) => a.person_id - b.person_id || a.paragraph_position - b.paragraph_position),
    );
    const blinken = rows.filter((r) => r.person_name === 'Antony Blinken');
    assert.deepEqual(
      blinken.map((r) => [r.paragraph_position, r.role, r.role_title, r.role_category, r.quotes_in_paragraph]),
      [[7, 'US secretary of state', 'Secretary of state', 'politician', 0]],
    );
    const wangIn3 = rows.find((r) => r.person_name === 'Wang Yi' && r.paragraph_position === 3)!;
    assert.equal(wangIn3.quotes_in_paragraph, 2, 'the direct quote and the partial one');
  });

  test('article_stats: one row per article with its counts', async () => {
    const rows = await query('SELECT * FROM article_stats ORDER BY article_id');
    const sample = rows.find((r) => r.article_id === article.id)!;
    const speakers = [...new Set(article.quotes.flatMap((q) => (q.speaker ? [q.speaker.id] : [])))];
    // Wang Yi (China's top diplomat) and Nikolai Patrushev (security council secretary): two officials.
    assert.deepEqual([sample.speakers, sample.speakers_government_official, sample.partial_quotes, sample.scare_quotes], [2, 2, 3, 2]);
    const categoryOf = (id: number) => readRole(article.people.find((p) => p.id === id)?.role).roleCategory;
    assert.deepEqual(sample, {
      article_id: article.id,
      article_slug: article.slug,
      headline: article.headline,
      article_status: 'published',
      is_stub: 0,
      published_at: null,
      paragraphs: 13,
      quotes: article.quotes.length,
      direct_quotes: article.quotes.filter((q) => q.kind === 'direct').length,
      partial_quotes: article.quotes.filter((q) => q.kind === 'partial').length,
      scare_quotes: article.quotes.filter((q) => q.kind === 'scare').length,
      people: article.people.length,
      speakers: speakers.length,
      ...Object.fromEntries(ROLE_CATEGORIES.map((c) => [`speakers_${c}`, speakers.filter((id) => categoryOf(id) === c).length])),
      speakers_without_role: speakers.filter((id) => categoryOf(id) === null).length,
      related: 5,
    });
    assert.ok(sample.direct_quotes as number >= 2 && (sample.people as number) >= 7);
    // The five related articles exist as stubs with nothing in them.
    const stubs = rows.filter((r) => r.article_status === 'stub');
    assert.equal(stubs.length, 5);
    assert.deepEqual(rows.filter((r) => r.is_stub === 1), stubs);
    assert.ok(stubs.every((s) => s.paragraphs === 0 && s.quotes === 0 && s.people === 0 && s.related === 0));
  });

  test('the views follow edits at once (they are views, not copies)', async () => {
    const quote = article.quotes.find((q) => q.kind === 'scare')!;
    await ctx.db.prisma.quote.delete({ where: { id: quote.id } });
    const [stats] = await query(`SELECT quotes FROM article_stats WHERE article_id = ${article.id}`);
    assert.equal(stats!.quotes, article.quotes.length - 1);
    assert.deepEqual(await query(`SELECT * FROM quote_details WHERE quote_id = ${quote.id}`), []);
  });
});
