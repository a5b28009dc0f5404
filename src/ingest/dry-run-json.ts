import { DEFAULT_STATUS, slugOf } from './article-fields.ts';
import type { ParsedArticle } from './parse/index.ts';

/**
 * The `--dry-run --json` shape, one object per input. Other tools read it: keep these keys and their order stable
 * (paragraph numbers 1-based, quote text without the marks); new keys are only ever added. `meta` is what the
 * article row would get from the text and the options (a status left out is `published` for a new article; an
 * existing one keeps its own).
 */
export function toDryRunJson(input: string, parsed: ParsedArticle) {
  const { meta } = parsed;
  return {
    input,
    headline: parsed.headline,
    headlineDerived: parsed.headlineDerived,
    slug: slugOf(parsed),
    meta: {
      byline: meta.byline,
      source: meta.source,
      url: meta.url,
      publishedAt: meta.publishedAt,
      status: meta.status ?? DEFAULT_STATUS,
      language: meta.language ?? 'en',
    },
    paragraphs: parsed.paragraphs.map((p) => ({ position: p.position, text: p.text })),
    people: parsed.people.map((p) => ({ name: p.name, role: p.role, aliases: p.aliases, paragraphs: p.paragraphs, kind: p.kind ?? 'person', pronoun: p.pronoun ?? null })),
    quotes: parsed.quotes.map((q) => ({
      paragraph: q.paragraph,
      text: q.text,
      kind: q.kind,
      speaker: q.speaker,
      verb: q.verb,
      addressee: q.addressee,
      ...(q.explain ? { explain: q.explain } : {}),
    })),
    related: parsed.related.map((r) => ({ title: r.title })),
    warnings: parsed.warnings,
  };
}
