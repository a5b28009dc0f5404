/** Public shapes of a parsed article. Kept in one file so the parser's pieces and its callers share one vocabulary. */

export type ArticleStatus = 'draft' | 'published' | 'archived';

export interface ParseOptions {
  headline?: string;
  slug?: string;
  byline?: string;
  source?: string;
  url?: string;
  published?: string;
  status?: ArticleStatus;
  language?: string;
  /** Give each quote its `explain`: the speaker candidates weighed and why the winner won (slower; for people reading it). */
  explain?: boolean;
}

/** How a quote's speaker was chosen (ParseOptions.explain): each candidate with its rule, evidence and score. */
export interface SpeakerExplanation {
  candidates: Array<{
    rule: string;
    weight: number;
    evidence: Array<{ id: string; weight: number }>;
    score: number;
    speaker: string | null;
    verb: string | null;
  }>;
  winner: string | null;
  /** A rule applied after every quote was read: 'echo' (the words spoken elsewhere), 'split-continuation'. */
  after: string | null;
}

export type QuoteKind = 'direct' | 'partial' | 'scare';

export interface ParsedQuote {
  /** 1-based paragraph where the quote starts. */
  paragraph: number;
  /** Words between the marks; a trailing comma or full stop inside the closing mark is dropped. Parts of a
   * quote that runs over several paragraphs are joined by "\n". */
  text: string;
  kind: QuoteKind;
  /** Full canonical name of a person in `people`, or null. */
  speaker: string | null;
  verb: string | null;
  addressee: string | null;
  /** UTF-16 offset of `text` in the first paragraph's text. */
  start: number;
  /** UTF-16 end offset (exclusive) in the last paragraph's text. */
  end: number;
  paragraphSpan: number;
  explain?: SpeakerExplanation;
}

export interface ParsedPerson {
  name: string;
  role: string | null;
  aliases: string[];
  paragraphs: number[];
  /** 'organisation' for a company, agency, body or document quoted as a source; absent means 'person' */
  kind?: 'person' | 'organisation';
  /** how the article refers to this person: from the pronouns the text resolves to them, never from the name */
  pronoun?: 'she' | 'he' | 'they' | null;
}

export interface ParsedMeta {
  slug: string | null;
  byline: string | null;
  source: string | null;
  url: string | null;
  publishedAt: string | null;
  status: ArticleStatus | null;
  language: string | null;
}

export interface ParsedArticle {
  headline: string;
  headlineDerived: boolean;
  meta: ParsedMeta;
  paragraphs: { position: number; text: string }[];
  people: ParsedPerson[];
  quotes: ParsedQuote[];
  related: { title: string }[];
  warnings: string[];
}
