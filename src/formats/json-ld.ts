import type { ArticleDetail } from '../articles/get-article.ts';
import { type Uris, articleBody, wikidataUrl, wordCount } from './uris.ts';

/**
 * schema.org NewsArticle as JSON-LD: the article, the people it mentions (Person, with the role as written in this
 * article as jobTitle; an organisation quoted as a source is an Organization; a Wikidata item is `sameAs`), and every quote as a Quotation whose creator/spokenByCharacter is the speaker's Person node
 * (scare quotes have no speaker). A pure function of the article detail.
 */
export const JSON_LD_MEDIA_TYPE = 'application/ld+json';

export function toJsonLd(article: ArticleDetail, uris: Uris): Record<string, unknown> {
  const articleId = uris.article(article.id);
  const body = articleBody(article.paragraphs);
  const person = (p: { id: number }) => ({ '@id': uris.person(p.id) });
  return dropEmpty({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': articleId,
    identifier: article.slug,
    url: article.sourceUrl,
    headline: article.headline,
    description: article.standfirst,
    datePublished: article.publishedAt,
    dateCreated: article.createdAt,
    dateModified: article.updatedAt,
    inLanguage: article.language,
    creativeWorkStatus: article.status,
    version: article.version,
    author: article.byline ? { '@type': 'Person', name: article.byline } : null,
    publisher: article.sourceName ? { '@type': 'Organization', name: article.sourceName } : null,
    articleBody: body,
    wordCount: wordCount(body),
    mentions: article.people.map((p) =>
      dropEmpty({
        '@type': p.kind === 'organisation' ? 'Organization' : 'Person',
        '@id': uris.person(p.id),
        name: p.name,
        // schema.org's Organization has no jobTitle
        jobTitle: p.kind === 'organisation' ? null : p.role,
        alternateName: p.aliases.length ? p.aliases : null,
        sameAs: p.wikidataId ? wikidataUrl(p.wikidataId) : null,
      }),
    ),
    hasPart: article.quotes.map((q) =>
      dropEmpty({
        '@type': 'Quotation',
        '@id': `${articleId}#quote-${q.id}`,
        text: q.text,
        genre: q.kind,
        position: q.paragraphPosition,
        creator: q.speaker ? person(q.speaker) : null,
        spokenByCharacter: q.speaker ? person(q.speaker) : null,
        isPartOf: { '@id': articleId },
      }),
    ),
    isRelatedTo: article.related.length
      ? article.related.map((r) => ({ '@type': 'NewsArticle', '@id': uris.article(r.article.id), headline: r.title }))
      : null,
  });
}

/** JSON-LD leaves unknown values out rather than stating null. */
function dropEmpty(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}
