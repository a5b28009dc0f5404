/**
 * URL slug from a headline: ASCII lower case, accents folded, words joined by "-", at most 80 characters cut at a
 * word boundary. Used for new articles and for stubs made from related headlines, so a stub and the article that
 * later fills it agree on the slug.
 */
export function slugify(text: string, maxLength = 80): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '') // "Xi’s" → "xis", not "xi-s"
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > maxLength) break;
    slug = next;
  }
  return slug || (words[0] ?? '').slice(0, maxLength) || 'article';
}
