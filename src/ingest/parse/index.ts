/**
 * Article-text parser: plain text (optionally with front matter and a trailing related-articles block) in, paragraphs,
 * people, quotations and metadata out. Pure and deterministic; every refusal is an AppError naming the line at fault.
 *
 * Speed (it bounds the ingest): helpers used inside per-token, per-run or per-quote code are module-level functions,
 * not closures made on each call — the TypeScript loader (tsx) names every function it creates at run time, which
 * cost about a tenth of the parse when hot functions made closures. Likewise every regular expression with a Unicode
 * property escape (\p{…}) is a module-level constant: the loader compiles such a literal into `new RegExp(…)`, built
 * again each time the expression runs. `npm run bench -- --only ingest` measures it.
 */
import { AppError } from '../../errors.ts';
import { buildDocument } from './document.ts';
import { checkMetaValue, readFrontMatter } from './front-matter.ts';
import { deriveHeadline } from './headline.ts';
import { cleanLines, collapseSpaces } from './hygiene.ts';
import { readMasthead } from './masthead.ts';
import { atLine, unprocessable, Warnings } from './parse-error.ts';
import { isCaption, splitParagraphs } from './paragraphs.ts';
import { findPeople } from './people.ts';
import { pronounOf } from './discourse.ts';
import { organisationSpeakers } from './organisation-speakers.ts';
import { analyseQuotes } from './quote-analysis.ts';
import { explainSpeaker } from './speaker-evidence.ts';
import { scanQuotes } from './quote-scanner.ts';
import { quoteTexts } from './quote-text.ts';
import { bodyLinks, findRelatedBlock } from './related-block.ts';
import { wordsOnly } from './tokens.ts';
import type { ArticleStatus, ParseOptions, ParsedArticle, ParsedMeta, ParsedPerson, ParsedQuote } from './types.ts';

export type { ArticleStatus, ParseOptions, ParsedArticle, ParsedMeta, ParsedPerson, ParsedQuote, QuoteKind } from './types.ts';
export { decodeArticleBytes, MAX_ARTICLE_BYTES } from './decode.ts';

const OPTION_KEYS: Array<[keyof ParseOptions, keyof ParsedMeta | 'headline']> = [
  ['headline', 'headline'],
  ['slug', 'slug'],
  ['byline', 'byline'],
  ['source', 'source'],
  ['url', 'url'],
  ['published', 'publishedAt'],
  ['status', 'status'],
  ['language', 'language'],
];

/** Checks ingest options once, before any input is read: a bad value is the caller's mistake, not each file's. */
export function checkParseOptions(options: ParseOptions): void {
  applyOptions({ slug: null, byline: null, source: null, url: null, publishedAt: null, status: null, language: null }, null, options);
}

/** Options override front matter and are validated by the same rules (an option has no line, so the path is its name). */
function applyOptions(meta: ParsedMeta, headline: string | null, options: ParseOptions): string | null {
  for (const [opt, key] of OPTION_KEYS) {
    const raw: unknown = options[opt];
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string') throw unprocessable('Invalid ingest option', ['options', opt], `${opt} must be a string`);
    const checked = checkMetaValue(key, collapseSpaces(raw));
    if ('error' in checked) throw unprocessable('Invalid ingest option', ['options', opt], checked.error);
    if (checked.value === null) continue;
    if (key === 'headline') headline = checked.value;
    else if (key === 'status') meta.status = checked.value as ArticleStatus;
    else meta[key] = checked.value;
  }
  return headline;
}

/** A story linked twice (in the body and again under "Related") is one related article. */
function uniqueTitles(titles: string[]): string[] {
  const seen = new Set<string>();
  return titles.filter((t) => {
    const key = wordsOnly(t.toLowerCase());
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Holds a lower-case letter. */
const HAS_LOWER = /\p{Ll}/u;

export function parseArticle(text: string, options: ParseOptions = {}): ParsedArticle {
  if (typeof text !== 'string') throw unprocessable('The article must be text', atLine(1), 'expected a string');
  const warnings = new Warnings();
  try {
    const lines = cleanLines(text, warnings);
    if (lines.every((l) => l.text === '')) throw unprocessable('The article is empty', atLine(1), 'the text is empty or only whitespace');
    const { front, bodyStart } = readFrontMatter(lines);
    const related = findRelatedBlock(lines, bodyStart);
    const bodyEnd = related ? related.headingIndex : lines.length;
    const all = splitParagraphs(lines, bodyStart, bodyEnd);
    const given = typeof options.headline === 'string' && options.headline.trim() ? options.headline : front.headline;
    const masthead = readMasthead(all.map((p) => p.lines), given);
    // Photo captions and credits in the body are not paragraphs, unless the text is nothing else.
    const body = all.filter((_, i) => !masthead.drop.includes(i));
    const kept = body.some((p) => !isCaption(p.text)) ? body.filter((p) => !isCaption(p.text)) : body;
    // Links to other stories set in the body ("READ: …", a "Read more from …" list) are related articles.
    const links = bodyLinks(kept.map((p) => p.text));
    const raw = kept.filter((_, i) => !links.drop.has(i));
    if (!raw.length) {
      if (related) throw unprocessable('The article holds only a related-articles block', atLine(related.headingLine), 'no article text before this related-articles heading');
      throw unprocessable('The article has no body', atLine(lines[Math.min(bodyStart, lines.length - 1)]!.n), 'no text after the front matter');
    }
    const texts = raw.map((p) => p.text);
    const quotes = quoteTexts(scanQuotes(texts, warnings), texts);
    const doc = buildDocument(texts, quotes);
    const found = findPeople(doc);
    const { quotes: analysed, pronounVotes } = analyseQuotes(doc, found, quotes, options.explain === true);

    const byId = new Map(found.people.map((p) => [p.id, p]));
    const people: ParsedPerson[] = [...found.people]
      .sort((a, b) => a.order - b.order)
      .map((p) => ({ name: p.name, role: p.role, aliases: [...p.aliases].filter((a) => a !== p.name), paragraphs: [...p.paragraphs].sort((a, b) => a - b), pronoun: pronounOf(pronounVotes.get(p.id)) }));
    const organisations = organisationSpeakers(analysed, people);
    const parsedQuotes: ParsedQuote[] = analysed.map((a, i) => ({
      paragraph: a.quote.firstParagraph + 1,
      text: a.quote.text,
      kind: a.kind,
      speaker: a.speaker === null ? organisations[i]! : (byId.get(a.speaker)?.name ?? null),
      verb: a.verb,
      addressee: a.addressee === null ? null : (byId.get(a.addressee)?.name ?? null),
      start: a.quote.start,
      end: a.quote.end,
      paragraphSpan: a.quote.lastParagraph - a.quote.firstParagraph + 1,
      ...(a.trace ? { explain: explainSpeaker(a.trace, (id) => byId.get(id)?.name ?? null) } : {}),
    }));
    parsedQuotes.sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);

    const meta = { ...front.meta };
    meta.byline ??= masthead.byline;
    meta.publishedAt ??= masthead.publishedAt;
    let headline = applyOptions(meta, front.headline ?? masthead.headline, options);
    const headlineDerived = !headline;
    // From the first paragraph that is prose: not a line in capitals ("FOR IMMEDIATE RELEASE", "DANIEL OKORO, HOST:").
    if (!headline) headline = deriveHeadline(texts.find((t) => HAS_LOWER.test(t)) ?? texts[0]!);
    return {
      headline,
      headlineDerived,
      meta,
      paragraphs: texts.map((t, i) => ({ position: i + 1, text: t })),
      people,
      quotes: parsedQuotes,
      related: uniqueTitles([...links.titles, ...(related?.titles ?? [])]).map((title) => ({ title })),
      warnings: warnings.toArray(),
    };
  } catch (e) {
    if (e instanceof AppError) throw e;
    // A parser bug must not surface as a crash on one odd article; it is reported as unprocessable, with the cause kept.
    throw new AppError('unprocessable', 'The article could not be parsed', { issues: [{ path: ['line', 1], message: 'internal parser error' }], cause: e });
  }
}
