import { AppError } from '../errors.ts';

/**
 * The search syntax users type, parsed by us and re-rendered for each database — raw input never reaches FTS5's
 * or PostgreSQL's query parser, so a stray quote or operator is a 400 that says what to fix, never a 500.
 *
 *   putin wang          both words (stemmed: "sanction" finds "sanctions")
 *   "strategic focus"   the exact phrase
 *   sanct*              words starting with "sanct"
 *   -taiwan, NOT taiwan without the word
 *   china OR russia     either side (AND binds tighter: a b OR c means (a b) OR c)
 *
 * Other punctuation separates words, as the databases' tokenizers do: co-operation is the phrase "co operation".
 */
export interface SearchTerm {
  /** lower-cased words, in order; more than one makes a phrase */
  words: string[];
  /** the last word is a prefix */
  prefix: boolean;
  negated: boolean;
}

/** OR of groups, each an AND of terms (at least one not negated). */
export type SearchQuery = SearchTerm[][];

export const MAX_SEARCH_TERMS = 16;

const EXAMPLES = 'e.g. putin "strategic focus" -taiwan sanct* or china OR russia';

export function parseSearchQuery(input: string, path: (string | number)[] = ['query', 'q']): SearchQuery {
  const fail = (message: string): never => {
    throw new AppError('unprocessable', `The search query is not valid: ${message}`, { issues: [{ path, message }] });
  };
  const groups: SearchTerm[][] = [[]];
  let negateNext: string | null = null; // the operator that asked for it, for the message
  let andPending = false;
  let terms = 0;
  const current = () => groups[groups.length - 1]!;
  const addTerm = (words: string[], prefix: boolean) => {
    if (words.length === 0) {
      if (negateNext) fail(`"${negateNext}" must be followed by a word to leave out`);
      return; // punctuation alone is a separator, like in the databases' tokenizers
    }
    if (++terms > MAX_SEARCH_TERMS) fail(`use at most ${MAX_SEARCH_TERMS} words or phrases`);
    current().push({ words, prefix, negated: negateNext !== null });
    negateNext = null;
    andPending = false;
  };

  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      fail(`parentheses are not supported (found "${ch}"); put phrases in "double quotes" and use OR between alternatives, ${EXAMPLES}`);
    }
    if (ch === '"' || ch === '“' || ch === '”') {
      const close = input.slice(i + 1).search(/["“”]/u);
      if (close < 0) fail('a double quote is never closed; put phrases between two " marks, as in "strategic focus"');
      const inner = input.slice(i + 1, i + 1 + close);
      i += close + 2;
      if (input[i] === '*') fail('* goes at the end of a word (sanct*), not after a phrase');
      const words = wordsOf(inner);
      if (words.length === 0) fail('an empty phrase ""; put words between the quotes');
      addTerm(words, false);
      continue;
    }
    if (ch === '-') {
      const next = input[i + 1];
      if (next === undefined || /\s/u.test(next)) fail('"-" must be followed directly by the word to leave out, as in -taiwan');
      if (negateNext) fail(`"${negateNext}" is followed by another exclusion`);
      negateNext = '-';
      i++;
      continue;
    }
    const m = /^[^\s"“”()]+/u.exec(input.slice(i))!;
    const token = m[0];
    i += token.length;
    if (token === 'OR') {
      if (current().length === 0 || negateNext || andPending) fail(`OR needs a word on each side, ${EXAMPLES}`);
      groups.push([]);
      continue;
    }
    if (token === 'AND') {
      if (current().length === 0 || negateNext || andPending) fail('AND needs a word on each side (words are combined with AND anyway)');
      andPending = true;
      continue;
    }
    if (token === 'NOT') {
      if (negateNext) fail('NOT is followed by another exclusion');
      negateNext = 'NOT';
      continue;
    }
    const star = token.indexOf('*');
    if (star >= 0) {
      if (star !== token.length - 1) fail(`* goes at the end of a word, as in sanct* (found "${token}")`);
      const words = wordsOf(token.slice(0, -1));
      if (words.length === 0) fail('* needs the beginning of a word before it, as in sanct*');
      if (!/[\p{L}\p{N}]$/u.test(token.slice(0, -1))) fail(`* goes right after the letters of a word, as in sanct* (found "${token}")`);
      addTerm(words, true);
      continue;
    }
    addTerm(wordsOf(token), false);
  }
  if (negateNext) fail(`"${negateNext}" must be followed by a word to leave out`);
  if (andPending) fail('AND needs a word on each side');
  if (groups.length > 1 && current().length === 0) fail(`OR needs a word on each side, ${EXAMPLES}`);
  if (terms === 0) fail(`there are no words to search for, ${EXAMPLES}`);
  for (const group of groups) {
    if (!group.some((t) => !t.negated)) fail('a search cannot consist only of words to leave out; add a word to look for');
  }
  return groups;
}

/** Words as both databases' tokenizers cut them: runs of letters and digits; everything else separates. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** One term in FTS5 syntax (its negation aside): a "string", so no word is read as an operator (AND, NEAR, …). */
export const fts5Term = (t: SearchTerm) => `"${t.words.join(' ').replaceAll('"', '""')}"${t.prefix ? ' *' : ''}`;

/** One term as a tsquery (its negation aside): quoted lexemes, a phrase joined by <->. */
export function tsqueryTerm(t: SearchTerm): string {
  const lexemes = t.words.map((w, i) => `'${w}'${t.prefix && i === t.words.length - 1 ? ':*' : ''}`);
  return lexemes.length > 1 ? `(${lexemes.join(' <-> ')})` : lexemes[0]!;
}

/** Every term to look for, negations dropped: the rows that can earn an article its score and snippets. */
export const positiveTerms = (query: SearchQuery): SearchTerm[] => query.flat().filter((t) => !t.negated);

/**
 * The whole query as one SQLite FTS5 MATCH expression, evaluated row by row (one headline, paragraph or quote).
 * Used where a row is the unit (quotes); articles combine per-term matches instead (search-sql.ts).
 */
export function toFts5(query: SearchQuery): string {
  const term = fts5Term;
  return query
    .map((group) => {
      const positive = group.filter((t) => !t.negated).map(term).join(' AND ');
      const negative = group.filter((t) => t.negated).map(term);
      return negative.length ? `((${positive}) NOT (${negative.join(' OR ')}))` : `(${positive})`;
    })
    .join(' OR ');
}

/**
 * The whole query in PostgreSQL to_tsquery syntax, for to_tsquery('english', …), row by row like toFts5: each word
 * is a quoted lexeme (words are letters and digits only, so nothing needs escaping), still stemmed and
 * stop-word-filtered by the configuration.
 */
export function toTsquery(query: SearchQuery): string {
  const term = (t: SearchTerm) => (t.negated ? `!${tsqueryTerm(t)}` : tsqueryTerm(t));
  return query.map((group) => `(${group.map(term).join(' & ')})`).join(' | ');
}
