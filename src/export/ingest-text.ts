import type { ArticleDetail } from '../articles/get-article.ts';

/**
 * An article as text the ingest reads back (docs/analysts.md, "Export"): front matter with its metadata, the
 * paragraphs separated by blank lines, and a "Related" block with the related titles. Built from the article as it
 * is now (editors' changes included), not from the text first ingested. People, roles and quotes are not written
 * out: the ingest finds them again in the paragraphs, as it did the first time — so an editor's correction of a
 * derived field (a speaker fixed by hand) survives in the ndjson record's structured fields, not in this text.
 */
export function toIngestText(article: ArticleDetail): string {
  const front: [string, string | null][] = [
    // A derived headline is left out so the ingest derives it again (and marks it derived) rather than adopt it.
    ['headline', article.headlineDerived ? null : article.headline],
    ['slug', article.slug],
    ['status', article.status === 'stub' ? null : article.status],
    ['published', article.publishedAt],
    ['byline', article.byline],
    ['source', article.sourceName],
    ['url', article.sourceUrl],
    ['language', article.language],
  ];
  const lines = front.filter(([, v]) => v !== null && v !== '').map(([k, v]) => `${k}: ${frontMatterValue(v!)}`);
  const body = article.paragraphs.map((p) => p.text).join('\n\n');
  const related = article.related.length ? `\n\nRelated\n\n${article.related.map((r) => r.title).join('\n')}` : '';
  return `---\n${lines.join('\n')}\n---\n${body}${related}\n`;
}

/** The front-matter reader strips one pair of enclosing quotes: a value that has them gets another pair. */
function frontMatterValue(value: string): string {
  const oneLine = value.replace(/\s*\n\s*/g, ' ').trim();
  const quoted = oneLine.length >= 2 && (oneLine[0] === '"' || oneLine[0] === "'") && oneLine.endsWith(oneLine[0]!);
  return quoted ? `"${oneLine}"` : oneLine;
}
