import type { ArticleDetail } from '../articles/get-article.ts';
import type { Quote } from '../quotes/quote-view.ts';
import { type Uris, articleBody, wikidataUrl, wordCount } from './uris.ts';

/**
 * IPTC ninjs 3.1 (validated against the official schema in the tests). ninjs has no quote object: quotes live in
 * the HTML body as <span class="quote" data-kind data-speaker data-speaker-uri>. People carry `rel` "quoted" or
 * "mentioned" and, as `literal`, the name with the role as written in this article ("Wang Yi, China’s top
 * diplomat"); ninjs people have no role field. Organisations quoted as sources are `organisations`. ninjs has no
 * sameAs: an entity with a Wikidata item has its page as `uri` (in the HTML's data-speaker-uri too), others the
 * store's own URI. Related articles are associations with rel "related".
 */
export const NINJS_MEDIA_TYPE = 'application/ninjs+json';

const PUB_STATUS = { published: 'usable', archived: 'usable', draft: 'withheld', stub: 'withheld', scheduled: 'withheld' } as const;

export function toNinjs(article: ArticleDetail, uris: Uris): Record<string, unknown> {
  const plain = articleBody(article.paragraphs);
  const quoted = new Set(article.quotes.flatMap((q) => (q.speaker ? [q.speaker.id] : [])));
  const uri = entityUri(article, uris);
  const entity = (p: ArticleDetail['people'][number]) => ({
    name: p.name,
    rel: quoted.has(p.id) ? 'quoted' : 'mentioned',
    uri: uri(p.id),
    ...(p.role ? { literal: `${p.name}, ${p.role}` } : {}),
  });
  const organisations = article.people.filter((p) => p.kind === 'organisation');
  return compact({
    uri: uris.article(article.id),
    type: 'text',
    profile: 'news-store-article',
    version: String(article.version),
    firstCreated: article.createdAt,
    versionCreated: article.updatedAt,
    contentCreated: article.publishedAt,
    pubStatus: PUB_STATUS[article.status],
    language: article.language,
    slugline: article.slug,
    by: article.byline,
    headlines: [{ role: 'main', contentType: 'text/plain', value: article.headline }],
    descriptions: article.standfirst ? [{ role: 'summary', contentType: 'text/plain', value: article.standfirst }] : null,
    bodies: [
      { role: 'main', contentType: 'text/plain', charCount: plain.length, wordCount: wordCount(plain), value: plain },
      { role: 'main', contentType: 'text/html', value: htmlBody(article, uris) },
    ],
    people: article.people.filter((p) => p.kind !== 'organisation').map(entity),
    organisations: organisations.length ? organisations.map(entity) : null,
    infoSources: article.sourceName
      ? [{ name: article.sourceName, role: 'originating source', ...(article.sourceUrl ? { uri: article.sourceUrl } : {}) }]
      : null,
    altIds: [{ role: 'slug', value: article.slug }, { role: 'id', value: String(article.id) }],
    associations: article.related.length
      ? article.related.map((r) => ({
          name: r.title,
          rel: 'related',
          uri: uris.article(r.article.id),
          type: 'text',
          slugline: r.article.slug,
          pubStatus: PUB_STATUS[r.article.status],
          headlines: [{ role: 'main', contentType: 'text/plain', value: r.article.headline }],
        }))
      : null,
  });
}

/** An entity's URI in ninjs: its Wikidata item's page when it has one, else the store's URI. */
function entityUri(article: ArticleDetail, uris: Uris): (id: number) => string {
  const wikidata = new Map(article.people.flatMap((p) => (p.wikidataId ? [[p.id, p.wikidataId] as const] : [])));
  return (id) => (wikidata.has(id) ? wikidataUrl(wikidata.get(id)!) : uris.person(id));
}

/** <p> per paragraph; each quote that lies in one paragraph with known offsets is wrapped in a span. */
export function htmlBody(article: ArticleDetail, uris: Uris): string {
  const uri = entityUri(article, uris);
  const byParagraph = new Map<number, Quote[]>();
  for (const q of article.quotes) {
    if (q.paragraphSpan !== 1 || q.startOffset === null || q.endOffset === null) continue;
    byParagraph.set(q.paragraphId, [...(byParagraph.get(q.paragraphId) ?? []), q]);
  }
  return article.paragraphs
    .map((p) => {
      let html = '';
      let at = 0;
      const quotes = (byParagraph.get(p.id) ?? []).sort((a, b) => a.startOffset! - b.startOffset!);
      for (const q of quotes) {
        const start = q.startOffset!;
        const end = q.endOffset!;
        if (start < at || end > p.text.length || start >= end) continue; // overlapping or stale offsets: leave as text
        const attrs = [`class="quote"`, `data-kind="${q.kind}"`];
        if (q.speaker) attrs.push(`data-speaker="${escapeHtml(q.speaker.name)}"`, `data-speaker-uri="${escapeHtml(uri(q.speaker.id))}"`);
        html += `${escapeHtml(p.text.slice(at, start))}<span ${attrs.join(' ')}>${escapeHtml(p.text.slice(start, end))}</span>`;
        at = end;
      }
      return `<p>${html}${escapeHtml(p.text.slice(at))}</p>`;
    })
    .join('\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}
