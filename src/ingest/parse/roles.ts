import type { DocParagraph } from './document.ts';
import { isAdjective, isCommonWord, isDemonym, isFirstName, isFunctionWord, isInflectedVerb, isInstitutionWord, isLastName, isOrgWord, isPartyMember, isPlace, isRoleNoun, isVerbWord } from './lexicon.ts';
import { isAcronym, isTitleWord, type NameRun, POST_NOMINALS } from './name-runs.ts';
import type { Token } from './tokens.ts';
import { isAdverb, tokenAt } from './attribution.ts';
import { abbreviationAt } from './sentences.ts';
import { AUXILIARIES, FIELD_GERUNDS, HONORIFICS, RANKS, ROLE_MODIFIERS, ROLE_STOP, SPEECH_VERBS, TITLES, TITLE_MODIFIERS } from './word-lists.ts';

/**
 * Roles as the article writes them: a title or description right before the name ("US secretary of state Antony
 * Blinken", "Chancellor Olaf Scholz") or an appositive right after it ("Wang Yi, China’s top diplomat,").
 */

const LINKS = new Set(['of', 'for', 'at']);
const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our']);
const POSSESSIVE_DETERMINERS = new Set(['his', 'her', 'their', 'its', 'our']);
const CLAUSE_OPENERS = new Set(['and', 'but', 'with', 'by', 'from', 'to', 'for', 'as', 'said', 'says', 'that', 'while', 'when', 'after', 'before', 'because', 'although', 'though', 'since', 'if', 'whereas', 'told', 'tells', 'warned', 'added']);



/** "House Republican Thomas Massie", "Democrat Hillary Clinton": a party member's word before a name is their role. */
const isPartyWord = (t: Token): boolean => t.cap && isPartyMember(t);
const isRoleWord = (t: Token): boolean => isRoleNoun(t) || TITLES.has(t.lower) || (isAcronym(t) && isRoleNoun(t));

const isRankOnly = (role: string): boolean => role.split(/\s+/).every((w) => w.endsWith('.') || RANKS.has(w.toLowerCase()));

/**
 * A person's role at a mention: the one written before the name, unless that is a rank or abbreviated title and a
 * description follows the name ("Gen. Raymond Okonkwo, the commander of Central Command," → the commander of …).
 */
export function roleAt(p: DocParagraph, run: NameRun): string | null {
  const before = roleBefore(p, run);
  if (before !== null && !isRankOnly(before)) return before;
  return roleAfter(p, run.last) ?? before;
}

/** The role written before a name: a title or description touching it, or the noun phrase opening its sentence. */
export function roleBefore(p: DocParagraph, run: NameRun): string | null {
  return walkRoleBefore(p, run) ?? openingRole(p, run);
}

/** An apostrophe after a letter, before a letter or a space (O'Brien, the workers' union). */
const INNER_APOSTROPHE = /(?<=\p{L})['’](?=\p{L}|\s)/gu;

/**
 * "The President of the Association of Mobile Money and Bank Agents in Nigeria (AMMBAN), Alhaji Musa Danladi, called …":
 * a sentence that opens with "The ROLE of …" and then gives the name in apposition. The whole opening phrase is the
 * role, as long as it holds no verb and no other comma.
 */
function openingRole(p: DocParagraph, run: NameRun): string | null {
  const { tokens, text } = p;
  const firstTok = tokens[run.first]!;
  const lastName = tokens[run.last - 1]!;
  if (lastName.possessive || !/^(?:,|$)/.test(text.slice(lastName.end, lastName.end + 1))) return null;
  const sentence = p.sentences[firstTok.sentence]!;
  const before = text.slice(sentence.start, firstTok.start);
  if (!before.endsWith(', ') || before.length > 160) return null;
  const phrase = before.slice(0, -2);
  if (phrase.includes(',') || /[“”"‘’;:—–―]/.test(phrase.replace(INNER_APOSTROPHE, ''))) return null;
  const k0 = tokenAt(tokens, sentence.start);
  const det = tokens[k0];
  if (!det || !/^(?:The|A|An|Its|His|Her|Their|Our)$/.test(det.text)) return null;
  let head = -1;
  for (let k = k0 + 1; k < run.first; k++) {
    const t = tokens[k]!;
    if (t.quoted) return null;
    if (head < 0 && k - k0 <= 3 && isRoleWord(t)) head = k;
    if (!t.cap && (isInflectedVerb(t) && !FIELD_GERUNDS.has(t.lower) && !ROLE_MODIFIERS.has(t.lower))) return null;
    if (head < 0 && k - k0 > 3) return null;
  }
  if (head < 0) return null;
  return text.slice(tokens[k0 + 1]!.start, sentence.start + phrase.length).trim() || null;
}

/** A lower-case word that can name a field inside a role ("agriculture", "forestry"): no function word, verb or role noun. */
const isPlainWord = (x: Token | undefined): x is Token =>
  x !== undefined && !x.cap && !isFunctionWord(x) && !isInflectedVerb(x) && !isRoleNoun(x);

/** "and" joining two lower-case field nouns inside a role, the right one already picked: "agriculture and forestry". */
function coordinatedField(p: DocParagraph, i: number, sentence: number, picked: Token[]): boolean {
  const left = p.tokens[i - 1];
  const right = p.tokens[i + 1];
  const inRole = (x: Token | undefined): x is Token => isPlainWord(x) && !x.quoted && x.sentence === sentence;
  // "environment and forestry minister" (the role noun picked already), "head of trust and safety" (a link before).
  return inRole(left) && inRole(right) && (picked.length >= 2 || LINKS.has(p.tokens[i - 2]?.lower ?? '')) && p.text.slice(left.end, p.tokens[i]!.start) === ' ';
}

/**
 * "and" between two capitalised words of a title, "Electricity and Energy Minister", "City and County Council Mayor":
 * the word on its left is a dictionary word, never a name ("Smith and Energy Minister Jones" is two people).
 */
function coordinatedPortfolio(p: DocParagraph, i: number, sentence: number): boolean {
  const left = p.tokens[i - 1];
  const right = p.tokens[i + 1];
  if (!left || !right || !left.cap || !right.cap || left.quoted || left.sentence !== sentence || p.text.slice(left.end, p.tokens[i]!.start) !== ' ') return false;
  return isCommonWord(left) && !isFirstName(left) && !isLastName(left);
}

/** Token i is a link ("of", "for", "at") right after a role noun: "spokeswoman for the mayor". */
const roleBeforeLink = (tokens: Token[], i: number): boolean => LINKS.has(tokens[i]?.lower ?? '') && isRoleNoun(tokens[i - 1]?.lower ?? '');

/** Walks left from the run over role-like words. Returns the phrase as written, or null. */
function walkRoleBefore(p: DocParagraph, run: NameRun): string | null {
  const { tokens, text } = p;
  const prefix = run.prefix.filter((t) => !HONORIFICS.has(t.lower));
  const picked: Token[] = [...prefix];
  // Only words touching the name count: a prefix cut off by the honorific ("US Mr Smith") is not a role.
  let k = run.first - 1;
  let capitals = 0;
  let steps = 0;
  const sentence = tokens[run.first]!.sentence;
  // Walking further left only makes sense when the run itself starts with the prefix or the name.
  const runStartsClean = run.prefix.length ? run.prefix[0] === tokens[run.first] : run.nameFirst === run.first;
  let leftmost = tokens[run.first]!;
  // "The home secretary, Priya Desai, said": a role set off by a comma, with the name itself in apposition.
  const lastName = tokens[run.last - 1]!;
  const nameInApposition = !prefix.length && /^(?:,|\.|$)/.test(text.slice(lastName.end, lastName.end + 1)) && !lastName.possessive;
  let commaVariant = false;
  while (runStartsClean && k >= 0 && steps < 8) {
    const t = tokens[k]!;
    const next = leftmost;
    const gap = text.slice(t.end, next.start);
    if (t.sentence !== sentence || t.quoted) break;
    if (gap !== ' ') {
      if (!(gap === ', ' && steps === 0 && nameInApposition)) break;
      commaVariant = true;
    }
    const l = t.lower;
    if (l === 'the' && roleBeforeLink(tokens, k - 1)) {
      picked.unshift(t);
      leftmost = t;
      k--;
      steps++;
      continue; // "spokeswoman for the mayor"
    }
    if (t.possessive) {
      picked.unshift(t);
      leftmost = t;
      k--;
      steps++;
      // "Russia’s foreign minister": the owner closes the phrase — with the rest of a multi-word owner ("Liberal
      // Democrats’", "NHS England’s", "the Port of Rotterdam’s", "the Bank of England’s": "of" between capitals).
      for (let n = 0; n < 4 && k >= 0; n++) {
        const o = tokens[k]!;
        const before = tokens[k - 1];
        const linkInName = (o.lower === 'of' || o.lower === 'for') && before !== undefined && before.cap && !before.quoted && before.sentence === sentence;
        if ((!o.cap && !linkInName) || o.quoted || o.possessive || o.sentence !== sentence || text.slice(o.end, leftmost.start) !== ' ' || (isFunctionWord(o) && !linkInName)) break;
        picked.unshift(o);
        leftmost = o;
        k--;
      }
      break;
    }
    if (!t.cap) {
      if (LINKS.has(l)) {
        // "secretary of state for business": a role noun up to three words before the link; "Bank of Japan governor",
        // "Bureau of Meteorology forecaster": an institution's name holding "of".
        const before = tokens[k - 1];
        const roleNear = [1, 2, 3].some((d) => {
          const x = tokens[k - d];
          return x !== undefined && x.sentence === sentence && !x.quoted && isRoleNoun(x) && (d === 1 || !x.cap || isTitleWord(x.lower));
        });
        const institution = l === 'of' && before !== undefined && before.cap && (isOrgWord(before) || isInstitutionWord(before.lower)) && picked.some((x) => x.cap);
        if (!before || !(roleNear || institution)) break;
      } else if (l === 'and' && (coordinatedField(p, k, sentence, picked) || coordinatedPortfolio(p, k, sentence))) {
        // "environment and forestry minister", "Electricity and Energy Minister": two fields coordinated inside one role.
      } else if (ROLE_STOP.has(l) || /^\d/.test(l) || (isFunctionWord(l) && !isRoleNoun(l) && !ROLE_MODIFIERS.has(l))) break;
      else if ((isInflectedVerb(l) || /(?:[^e]ed|ied)$/.test(l)) && !isRoleNoun(l) && !ROLE_MODIFIERS.has(l) && !FIELD_GERUNDS.has(l) && tokens[k - 1]?.lower !== 'of') break;
    } else {
      if ((ROLE_STOP.has(l) && !isAcronym(t)) || SPEECH_VERBS.has(l)) break;
      const titleWord = isAcronym(t) || isDemonym(l) || isTitleWord(l) || isPlace(l) || TITLE_MODIFIERS.has(l) || isRoleNoun(l);
      // An organisation after "of"/"for" may run to four words ("Director of Payments System Management").
      if (!titleWord && capitals >= (picked.some((x) => LINKS.has(x.lower)) ? 2 : 4)) break;
      if (!titleWord) capitals++;
    }
    picked.unshift(t);
    leftmost = t;
    k--;
    steps++;
  }
  while (picked.length && LINKS.has(picked[0]!.lower)) picked.shift();
  if (!picked.length) return null;
  if (commaVariant) {
    // Only when the role opens its clause ("The …", "A …", "from their captain, …"), else it belongs to someone else.
    const b = tokens[k];
    const opensClause = (i: number): boolean => {
      const x = tokens[i];
      return !x || x.sentence !== sentence || text.slice(x.end, tokens[i + 1]!.start).includes(',') || CLAUSE_OPENERS.has(x.lower);
    };
    // "the death of their former manager, Gerry Flint, in 2023": a possessive determiner ties the role to the name.
    // "the far-right AfD's co-leader, Tilo Grünberg,": up to two lower-case modifiers between the article and the owner.
    let d = k;
    while (d > k - 2 && tokens[d] && tokens[d]!.sentence === sentence && !tokens[d]!.cap && !tokens[d]!.quoted && !DETERMINERS.has(tokens[d]!.lower) && !isFunctionWord(tokens[d]!) && !isInflectedVerb(tokens[d]!) && text.slice(tokens[d]!.end, tokens[d + 1]!.start) === ' ') d--;
    const modifiedDeterminer = d < k && tokens[d] !== undefined && tokens[d]!.sentence === sentence && DETERMINERS.has(tokens[d]!.lower) && text.slice(tokens[d]!.end, tokens[d + 1]!.start) === ' ' && opensClause(d - 1);
    // "met the prime minister, Rishi Kapoor, on Tuesday": a role as the object of a verb, the name in apposition to it.
    const objectOfVerb = (i: number): boolean => {
      const x = tokens[i];
      return x !== undefined && x.sentence === sentence && !x.cap && !x.quoted && isVerbWord(x) && !SPEECH_VERBS.has(x.lower) && text.slice(x.end, tokens[i + 1]!.start) === ' ';
    };
    const ok = !b || b.sentence !== sentence || opensClause(k) || (DETERMINERS.has(b.lower) && (opensClause(k - 1) || objectOfVerb(k - 1))) || (picked[0]!.possessive && objectOfVerb(k)) || (POSSESSIVE_DETERMINERS.has(b.lower) && !tokens[k - 1]?.cap) || modifiedDeterminer;
    if (!ok) return null;
  }
  // "Commentary’s Noah Rothman", "Gallup’s Jeffrey M. Jones": an organisation owning the name is where they speak from.
  const owner = picked[picked.length - 1]!;
  // Only before what is plainly a person's name: the owner is no evidence that "Japan’s Nikkei Stock Average" is one.
  const personal = run.name.length >= 2 && isFirstName(run.name[0]!);
  if (personal && owner.possessive && !prefix.length && picked.every((t) => t.cap || t.lower === 'of') && !isFirstName(picked[0]!) && !isLastName(owner.lower.replace(/['’]s?$/u, ''))) {
    return text.slice(picked[0]!.start, owner.end).replace(/['’]s?$/u, '').trim() || null;
  }
  if (!picked.some((t) => isRoleWord(t) || isPartyWord(t))) return null;
  const adjacent = picked[picked.length - 1]!;
  // "chief economist at Banco Meridional", "a spokeswoman for McAllister": a role ending in a preposition right before
  // the run makes the run its complement (an employer, the person spoken for), not the holder of the role.
  if (!prefix.length && LINKS.has(adjacent.lower)) return null;
  // "the chief executive of Southern Vale Water": after "of" a run led by a place or demonym and not by a given name
  // is an organisation's name ("Governor of Texas Greg Abbott" keeps his role: Greg is a given name).
  const beforeRun = tokens[run.first - 1]?.lower === 'the' ? tokens[run.first - 2] : tokens[run.first - 1];
  if (prefix.length && beforeRun && LINKS.has(beforeRun.lower) && prefix.every((x) => isPlace(x) || isDemonym(x)) && run.name.length && !isFirstName(run.name[0]!)) return null;
  // "secretary of state", "Secretary for Housing", "spokeswoman for McAllister": a role noun and its complement.
  // Any link after a role noun counts: "Secretary of State for Health" (the last link, "for", follows "State").
  const ofRole = picked.some((t, i) => i > 0 && LINKS.has(t.lower) && picked.length - i <= 6 && isRoleWord(picked[i - 1]!));
  if (!isRoleWord(adjacent) && !ofRole && !TITLES.has(adjacent.lower) && !isPartyWord(adjacent)) return null;
  // Keep an abbreviated title's full stop: "Sen.", "Gov.".
  const end = text[adjacent.end] === '.' && isTitleWord(adjacent.lower) && adjacent === prefix[prefix.length - 1] ? adjacent.end + 1 : adjacent.end;
  return text.slice(picked[0]!.start, end).trim();
}

/**
 * "and" at seg[i] inside one role: joining two plain words before a role noun ("a reef ecology and fisheries
 * researcher"), two roles ("president and chief executive of Acme", "chairman and founder"), or two capitalised words
 * of one name ("the Chamber of Commerce and Industry"). "and a longtime critic of …" starts something else.
 */
function fieldAnd(seg: Token[], i: number): boolean {
  if (seg[i]!.lower !== 'and') return false;
  const prev = seg[i - 1], next = seg[i + 1];
  if (!prev || !next || next.quoted) return false;
  if (isPlainWord(prev) && isPlainWord(next) && seg.slice(i + 2, i + 4).some((x) => isRoleNoun(x))) return true;
  if (isRoleWord(prev) && (isRoleWord(next) || ROLE_MODIFIERS.has(next.lower))) return true;
  return prev.cap && next.cap && !prev.possessive && !isFirstName(next);
}

const APPOSITIVE_STOPS = new Set(['who', 'which', 'whose', 'where', 'when', 'that', 'and', 'but']);
const ARTICLE = /^(?:the|a|an)\s+/i;

/** Reads ", ROLE," after a mention ending at `end`. Ages ("Jane Doe, 45, a teacher") are skipped. */
/** Lower-case letters and hyphens, opening with a letter. */
const LOWER_WORD = /^\p{Ll}[\p{Ll}-]*$/u;

/**
 * "Mo Adeyemi, a shop steward at the Tilbury terminal": an indefinite noun phrase of one to three plain lower-case
 * words tied to a workplace ("at", "for", "with") is a role set off after a name, even when its head is in no
 * list — that is how writers introduce people's jobs.
 */
function unlistedRole(kept: Token[]): boolean {
  if (kept[0]?.lower !== 'a' && kept[0]?.lower !== 'an') return false;
  // "a retired letter carrier": a role modifier may look like a verb.
  const plain = (t: Token) => !t.cap && !t.quoted && !isFunctionWord(t) && (!isInflectedVerb(t) || ROLE_MODIFIERS.has(t.lower)) && (LOWER_WORD.test(t.text) || AGE_LEAD.test(`${t.lower} x`));
  // "Paul Okafor, a salesman, says", "a retired crane operator": a short description set off on its own, ending in a
  // noun (not "a longtime", not "a very different").
  const head = kept[kept.length - 1]!;
  // A place or demonym may qualify it: "a California superdelegate".
  const qualifier = (t: Token) => t !== head && t.cap && (isPlace(t) || isDemonym(t));
  if (kept.length >= 2 && kept.length <= 5 && kept.slice(1).every((t) => plain(t) || qualifier(t)) && plain(head) && !isAdjective(head) && !isAdverb(head.lower) && !head.lower.endsWith('ing')) return true;
  const link = kept.findIndex((t, i) => i >= 2 && LINKS_OUT.has(t.lower));
  if (link < 2 || link > 4 || link + 1 >= kept.length) return false;
  return kept.slice(1, link).every((t) => !t.cap && !t.quoted && !isFunctionWord(t) && !isInflectedVerb(t) && LOWER_WORD.test(t.text));
}
const LINKS_OUT = new Set(['at', 'for', 'with']);
/** Function words that may open an appositive role: articles, possessive determiners, "another", "then", "now" … */
const ROLE_OPENERS = new Set(['a', 'an', 'the', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'another', 'one', 'then', 'now', 'also', 'once', 'both', 'each', 'still']);
const COMPANY_OPENERS = new Set(['along', 'alongside', 'with', 'together', 'among', 'including', 'like', 'unlike', 'plus', 'and', 'or', 'but']);
const LONG_ROLE_CUTS = new Set(['of', 'at', 'for', 'in', 'on', 'with', 'during', 'and']);

/**
 * Where the role starts in "who was/is [the] …", "who has/had been …", "who served/serves/works/worked as …"; 0 when
 * the segment is no such clause.
 */
function roleClause(seg: Token[]): number {
  if (seg[0]?.lower !== 'who' || !seg[1]) return 0;
  const w = seg[1].lower;
  let k = w === 'was' || w === 'is' ? 2 : (w === 'has' || w === 'had') && seg[2]?.lower === 'been' ? 3 : /^(?:serve[sd]|works?|worked)$/.test(w) && seg[2]?.lower === 'as' ? 3 : 0;
  if (!k || !seg[k]) return 0;
  if (/^(?:once|previously|formerly|then|long|also)$/.test(seg[k]!.lower)) k++;
  const head = seg[k];
  // A role opens with an article, a possessive or a noun ("chief strategist"), not "was not involved", "is running".
  return head && !head.quoted && (/^(?:a|an|the)$/.test(head.lower) || head.possessive || isRoleWord(head) || ROLE_MODIFIERS.has(head.lower) || (head.cap && seg.slice(k, k + 3).some((t) => t.possessive))) ? k : 0;
}

export function roleAfter(p: DocParagraph, endToken: number): string | null {
  const { tokens, text } = p;
  const last = tokens[endToken - 1]!;
  if (last.possessive) return null;
  // "James B. Comey Jr., the director of …": the abbreviation's full stop belongs to the name.
  let pos = last.end + (/^(?:jr|sr)$/.test(last.lower) && text[last.end] === '.' ? 1 : 0);
  const predicate = predicateRole(p, endToken) ?? affiliation(p, endToken);
  if (predicate) return predicate;
  // A party and state tag in brackets: "Rep. Lorraine Battle (D-Miss.), the top Democrat on the committee".
  const tag = /^ \([^()]{1,20}\)(?=,)/.exec(text.slice(pos, pos + 24));
  if (tag) pos += tag[0].length;
  for (let hop = 0; hop < 2; hop++) {
    if (text[pos] !== ',' || text[pos + 1] !== ' ') return null;
    const segStart = pos + 2;
    let segEnd = segStart;
    while (segEnd < text.length && segEnd - segStart < 120 && !',;:()—–―“”"‘'.includes(text[segEnd]!)) {
      if (text[segEnd] === '.' && (text[segEnd + 1] === ' ' || segEnd + 1 === text.length) && !continuesAfter(text, segEnd)) break;
      segEnd++;
    }
    const seg = text.slice(segStart, segEnd).trim();
    if (/^\d{1,3}$/.test(seg) || isPostNominal(seg)) {
      pos = segEnd;
      continue; // an age, or letters after the name: "Lakeisha Turner, M.D., a neurologist"
    }
    // Binary search for the segment's tokens: filtering the whole paragraph per name would be quadratic.
    let segTokens: Token[] = [];
    for (let k = tokenAt(tokens, segStart); k < tokens.length && tokens[k]!.end <= segEnd && segTokens.length <= 40; k++) segTokens.push(tokens[k]!);
    // "David Axelrod, who was chief strategist for Obama's campaigns,", "Melanne Verveer, who served as her chief of
    // staff": a relative clause that only says what someone is or was holds their role.
    const copula = roleClause(segTokens);
    if (copula > 0) segTokens = segTokens.slice(copula);
    // A relative clause ends the appositive: "a reef ecologist at James Cook University who was not involved …".
    const stop = segTokens.findIndex((t, i) => i > 0 && APPOSITIVE_STOPS.has(t.lower) && !fieldAnd(segTokens, i));
    if (stop > 0) segTokens = segTokens.slice(0, stop);
    // A long appositive ("a professor in public law at the University of Cape Town in South Africa") keeps its first
    // twelve words, cut back to before the last preposition so the role does not end halfway through a name.
    if (segTokens.length > 12) {
      segTokens = segTokens.slice(0, 12);
      const lastLink = segTokens.findLastIndex((t, i) => i > 1 && LONG_ROLE_CUTS.has(t.lower));
      if (lastLink > 1) segTokens = segTokens.slice(0, lastLink);
    }
    if (!segTokens.length) return null;
    const head = segTokens[0]!;
    if (head.quoted) return null;
    // Must open like a description: lower case, an article, a possessive owner, a demonym or an acronym — or be an
    // owner's name before a lower-case role: "Jen Tollefson, Haskins campaign manager", "Jane Doe, BP chief executive".
    const opensLikeRole =
      !head.cap || head.possessive || isDemonym(head) || isAcronym(head) || isTitleWord(head.lower) || /^(?:The|A|An)$/.test(head.text) ||
      ownerThenRole(segTokens);
    // "Ms. Epstein, along with Judge Richard A. Posner …, wrote": a phrase opened by a preposition names company, not a role.
    if (!opensLikeRole || APPOSITIVE_STOPS.has(head.lower) || COMPANY_OPENERS.has(head.lower) || (!head.cap && isFunctionWord(head.lower) && !ROLE_OPENERS.has(head.lower))) return null;
    // "Jenna Morales, 34, packed her children into the car": a verb after the age is the sentence going on, not a role.
    const verbLike = isInflectedVerb(head) || (hop > 0 && /(?:[^e]ed|ied)$/.test(head.lower) && head.lower.length > 4);
    if (!head.cap && verbLike && !isRoleNoun(head) && !ROLE_MODIFIERS.has(head.lower) && !FIELD_GERUNDS.has(head.lower)) return null;
    let cut = segTokens.length;
    for (let i = 0; i < segTokens.length; i++) {
      const l = segTokens[i]!.lower;
      // "When Robby Mook, Clinton’s campaign manager was asked …": an auxiliary ends the appositive (its closing
      // comma is missing) — "For Trump, 38% of likely voters would be scared …" holds no role at all.
      if ((APPOSITIVE_STOPS.has(l) || AUXILIARIES.has(l)) && i > 0 && !fieldAnd(segTokens, i)) {
        cut = i;
        break;
      }
      // "organizer of a group called Citizens for Trump": a speech verb's form later in the appositive ends the role.
      if (SPEECH_VERBS.has(l)) {
        if (i <= 1) return null;
        cut = i;
        break;
      }
    }
    let kept = segTokens.slice(0, cut);
    // "a 58-year-old school librarian from Ypsilanti, Michigan": where someone is from is not part of the role.
    const from = kept.findIndex((t, i) => i > 1 && t.lower === 'from' && (isRoleWord(kept[i - 1]!) || (!kept[i - 1]!.cap && !isFunctionWord(kept[i - 1]!))) && originFollows(p, kept, i));
    if (from > 0) kept = kept.slice(0, from);
    // "Swati Dhingra, an external member of the committee,": membership is a role only in apposition to a name (before
    // a name, "member of the Shanghai Cooperation Organisation" would make the organisation look like a person).
    if (!kept.some((t) => isRoleWord(t) || t.lower === 'member') && !unlistedRole(kept)) return null;
    const role = text.slice(kept[0]!.start, kept[kept.length - 1]!.end).replace(ARTICLE, '').replace(AGE_LEAD, '').trim();
    return role || null;
  }
  return null;
}

/** Degrees written after a name, with or without full stops ("M.D.", "Ph.D.", "MBA"); honours are POST_NOMINALS. */
const DEGREE = /^(?:M\.?D|Ph\.?D|D\.?O|R\.?N|J\.?D|D\.?Phil|M\.?Sc|B\.?Sc|MBA|MPH|Esq|FRCP|Jr|Sr)\.?$/i;
const isPostNominal = (seg: string): boolean => DEGREE.test(seg) || POST_NOMINALS.has(seg);

/** A space, then a lower-case letter. */
const SPACE_THEN_LOWER = /^ \p{Ll}/u;

/**
 * The full stop at `dot` ends an abbreviation or initials ("chief U.S. economist", "Washington Univ. in St. Louis"), as
 * the sentence splitter reads them, or a lower-case word follows it: the role goes on.
 */
function continuesAfter(text: string, dot: number): boolean {
  return abbreviationAt(text, dot) || SPACE_THEN_LOWER.test(text.slice(dot + 1, dot + 3));
}

/** An age is not part of the role: "a 34-year-old pastry chef" → "pastry chef". */
const AGE_LEAD = /^\d{1,3}-year-old\s+(?=\S)/;

/** Capitalised words (an owner's name) then lower-case words ending in a role noun, nothing else. */
function ownerThenRole(seg: Token[]): boolean {
  let i = 0;
  while (i < seg.length && seg[i]!.cap && !isRoleWord(seg[i]!) && i < 3) i++;
  if (i === 0 || i >= seg.length) return false;
  const rest = seg.slice(i);
  return rest.length <= 3 && rest.every((t) => !t.cap && !isInflectedVerb(t) && !isFunctionWord(t)) && isRoleWord(rest[rest.length - 1]!);
}

/** After "from": a known place, or a place name followed by ", REGION" (Ypsilanti, Michigan) — an origin. */
function originFollows(p: DocParagraph, seg: Token[], i: number): boolean {
  const next = seg[i + 1];
  if (!next || !next.cap) return false;
  if (isPlace(next)) return true;
  const last = seg[seg.length - 1]!;
  if (seg.slice(i + 1).some((t) => !t.cap)) return false;
  const after = p.text.slice(last.end, last.end + 2);
  const k = tokenAt(p.tokens, last.end + 2);
  const region = p.tokens[k];
  return after === ', ' && region !== undefined && region.start === last.end + 2 && isPlace(region);
}

const PREDICATE = /^ (?:is|was) (?:a|an|the) /;

/** Words inside an organisation's name. */
const NAME_LINKS = new Set(['of', 'for', 'and', '&', 'the', 'de', 'du', 'des']);

/**
 * "says Martin Solis of Acme Capital", "Jane Doe of the Brookings Institution said": the organisation after "of" is
 * where the person speaks from. A place after "of" ("John Smith of Dallas") says where they live: no role.
 */
function affiliation(p: DocParagraph, endToken: number): string | null {
  const { tokens, text } = p;
  const last = tokens[endToken - 1]!;
  if (last.possessive || text.slice(last.end, last.end + 4) !== ' of ') return null;
  const k0 = endToken + 1 + (tokens[endToken + 1]?.lower === 'the' ? 1 : 0);
  const org: Token[] = [];
  for (let k = k0; k < tokens.length && k - k0 < 8; k++) {
    const t = tokens[k]!;
    if (t.quoted || t.sentence !== last.sentence || (k > k0 && text.slice(tokens[k - 1]!.end, t.start) !== ' ')) break;
    if (!t.cap && !(org.length && NAME_LINKS.has(t.lower))) break;
    org.push(t);
    if (t.possessive) break;
  }
  while (org.length && !org[org.length - 1]!.cap) org.pop();
  if (!org.length || org[org.length - 1]!.possessive || org.every((t) => isPlace(t) || isDemonym(t))) return null;
  return text.slice(org[0]!.start, org[org.length - 1]!.end);
}

/** A letter or a digit. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * "Ellen Marsh is a housing columnist and the author of …": a role stated as the predicate of a sentence that opens
 * with the name. Only a short noun phrase holding an occupation word, up to the first conjunction or clause.
 */
function predicateRole(p: DocParagraph, endToken: number): string | null {
  const { tokens, text } = p;
  const last = tokens[endToken - 1]!;
  const m = PREDICATE.exec(text.slice(last.end, last.end + 8));
  if (!m) return null;
  const sentence = p.sentences[last.sentence]!;
  // The name must open its sentence (after at most a title): otherwise "is a" may belong to another subject.
  let first = endToken - 1;
  while (first > 0 && endToken - first < 8 && tokens[first - 1]!.sentence === last.sentence && tokens[first - 1]!.cap) first--;
  if (first > 0 && tokens[first - 1]!.sentence === last.sentence) return null;
  if (LETTER_OR_DIGIT.test(text.slice(sentence.start, tokens[first]!.start))) return null;
  const k0 = tokenAt(tokens, last.end + m[0].length);
  const kept: Token[] = [];
  for (let k = k0; k < tokens.length && k - k0 < 8; k++) {
    const t = tokens[k]!;
    if (t.sentence !== last.sentence || t.quoted || APPOSITIVE_STOPS.has(t.lower) || (ROLE_STOP.has(t.lower) && !LINKS.has(t.lower))) break;
    if (k > k0 && /[,;:()]/.test(text.slice(tokens[k - 1]!.end, t.start))) break;
    kept.push(t);
  }
  while (kept.length && (LINKS.has(kept[kept.length - 1]!.lower) || !isRoleWord(kept[kept.length - 1]!))) kept.pop();
  if (!kept.length) return null;
  return text.slice(kept[0]!.start, kept[kept.length - 1]!.end);
}

export interface Description {
  paragraph: number;
  /** Token index of the article "the". */
  tokenStart: number;
  tokenEnd: number;
  /** As written without the article: "Russian president". */
  text: string;
  head: string;
  /** Carries a demonym or an owner ("the Russian president", "the company’s chief executive"): specific enough to name a role. */
  specific: boolean;
}

/** "the [modifiers] ROLE" not followed by a name: a back-reference such as "the Russian president" or "the minister". */
export function findDescriptions(p: DocParagraph): Description[] {
  const out: Description[] = [];
  const { tokens, text } = p;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.lower !== 'the' || t.quoted) continue;
    let j = i + 1;
    let specific = false;
    let head = -1;
    while (j < tokens.length && j - i <= 4) {
      const u = tokens[j]!;
      if (u.sentence !== t.sentence || text.slice(tokens[j - 1]!.end, u.start) !== ' ') break;
      if (isRoleWord(u) && !u.possessive) {
        head = j;
        j++;
        continue;
      }
      if (head >= 0) break;
      if (u.possessive || isDemonym(u)) specific = true;
      else if (u.cap || ROLE_STOP.has(u.lower) || isVerbWord(u)) break;
      j++;
    }
    if (head < 0) continue;
    const after = tokens[head + 1];
    if (after && after.cap && text.slice(tokens[head]!.end, after.start) === ' ') continue; // "the Russian president Vladimir Putin"
    out.push({
      paragraph: p.index,
      tokenStart: i,
      tokenEnd: head + 1,
      text: text.slice(tokens[i + 1]!.start, tokens[head]!.end),
      head: tokens[head]!.lower,
      specific,
    });
    i = head;
  }
  return out;
}
