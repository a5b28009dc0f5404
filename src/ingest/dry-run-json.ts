import type { ParsedArticle } from './parse/index.ts';

/**
 * The `--dry-run --json` shape. Other tools read it: keep these keys and their order stable
 * (paragraph numbers 1-based, quote text without the marks).
 */
export function toDryRunJson(parsed: ParsedArticle) {
  return {
    headline: parsed.headline,
    paragraphs: parsed.paragraphs.map((p) => ({ position: p.position, text: p.text })),
    people: parsed.people.map((p) => ({ name: p.name, role: p.role, aliases: p.aliases, paragraphs: p.paragraphs })),
    quotes: parsed.quotes.map((q) => ({
      paragraph: q.paragraph,
      text: q.text,
      kind: q.kind,
      speaker: q.speaker,
      verb: q.verb,
      addressee: q.addressee,
    })),
    related: parsed.related.map((r) => ({ title: r.title })),
    warnings: parsed.warnings,
  };
}
