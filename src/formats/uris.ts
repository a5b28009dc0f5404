/**
 * Identifiers for articles and people in the standard formats. With an http(s) base (the API's own origin) they are
 * the API's URLs, so a consumer can follow them; without one (an offline export) stable URNs.
 */
export interface Uris {
  article(id: number): string;
  person(id: number): string;
}

export function urisFor(base: string | null): Uris {
  if (base && /^https?:\/\//.test(base)) {
    const root = base.replace(/\/+$/, '');
    return { article: (id) => `${root}/api/articles/${id}`, person: (id) => `${root}/api/people/${id}` };
  }
  return { article: (id) => `urn:news-store:article:${id}`, person: (id) => `urn:news-store:person:${id}` };
}

/** The page of a Wikidata item: what `sameAs` points to (people.wikidata_id, "Q42"). */
export const wikidataUrl = (id: string) => `https://www.wikidata.org/wiki/${id}`;

/** Words as a reader counts them: runs of letters and digits (with inner apostrophes and hyphens). */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

export const articleBody = (paragraphs: { text: string }[]) => paragraphs.map((p) => p.text).join('\n\n');
