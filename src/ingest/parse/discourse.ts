import type { DocParagraph } from './document.ts';
import type { Gender, PeopleResult } from './people.ts';
import { SPEECH_VERBS } from './word-lists.ts';

/**
 * Who "he" or "she" is. Newspaper prose keeps its grammatical subject across sentences ("Wang said … He added …"), so
 * the subject of the current sentence (for an embedded pronoun) or of the previous one (for a subject pronoun) comes
 * first; then the most recent person mentioned whose known gender does not contradict the pronoun.
 */
export class Discourse {
  /** Subject of the last sentence that had a person as subject, with its paragraph. */
  prevSubject: { person: number; paragraph: number } | null = null;
  /** Subject of the sentence being read. */
  currentSubject: number | null = null;
  /**
   * The last sentence's subject was a person left unnamed ("A farmer in Medan, who declined to be named, was less
   * impressed."), with the gender its noun gives: the next "he said" is theirs, not the last named man's.
   */
  private unnamed: { paragraph: number; gender: Gender } | null = null;
  private readonly genders: Gender[];
  /** How often each person was resolved from "he"/"him"/"his" (m) and "she"/"her"/"hers" (f): the person's pronoun. */
  readonly pronounVotes = new Map<number, { m: number; f: number }>();

  constructor(
    private readonly doc: DocParagraph[],
    private readonly people: PeopleResult,
  ) {
    this.genders = [];
    for (const p of people.people) this.genders[p.id] = p.gender;
    this.inferGenders();
  }

  /**
   * Genders the names do not tell (Yumiko, Irungu, Kemi): "Sato said her party would field candidates", "Moriyama
   * told a news conference that he wanted …". A sentence naming exactly one person, after a sentence naming nobody
   * else, whose subject or possessive pronoun follows the name, votes for that person; only an uncontested vote counts.
   */
  private inferGenders(): void {
    const votes = new Map<number, { m: number; f: number }>();
    for (let pi = 0; pi < this.doc.length; pi++) {
      const p = this.doc[pi]!;
      const owners = this.people.tokenPerson[pi]!;
      let prevOthers = new Set<number>();
      let k = 0;
      for (let si = 0; si < p.sentences.length; si++) {
        const here = new Set<number>();
        let first = -1;
        let pronoun: { g: 'm' | 'f'; at: number } | null = null;
        for (; k < p.tokens.length && p.tokens[k]!.sentence === si; k++) {
          const t = p.tokens[k]!;
          if (t.quoted) continue;
          const id = owners[k]!;
          if (id >= 0) {
            here.add(id);
            if (first < 0) first = k;
            continue;
          }
          if (pronoun || first < 0) continue;
          // Only a subject pronoun opening the reported clause: "told a news conference that he wanted", "said she
          // would" — a possessive ("remembers her arrival") as often means someone else.
          const prev = p.tokens[k - 1];
          const opensReport = prev !== undefined && !prev.quoted && (prev.lower === 'that' || SPEECH_VERBS.has(prev.lower));
          if (!opensReport) continue;
          if (t.lower === 'he') pronoun = { g: 'm', at: k };
          else if (t.lower === 'she') pronoun = { g: 'f', at: k };
        }
        if (here.size === 1 && pronoun && ![...prevOthers].some((x) => !here.has(x))) {
          const id = [...here][0]!;
          const v = votes.get(id) ?? { m: 0, f: 0 };
          v[pronoun.g]++;
          votes.set(id, v);
        }
        prevOthers = here;
      }
    }
    for (const [id, v] of votes) {
      if (this.genders[id]) continue;
      if (v.m > 0 && v.f === 0) this.genders[id] = 'm';
      else if (v.f > 0 && v.m === 0) this.genders[id] = 'f';
    }
  }

  genderOf(person: number): Gender {
    return this.genders[person] ?? null;
  }

  /**
   * "Kapoor told her …", "Ruiz thanked him": a person whose gender is unknown but who, as subject, had an object
   * pronoun of gender g in the same clause is not that pronoun — so a following "she" is probably not them either.
   */
  private readonly notGender = new Map<number, Gender>();

  private fits(person: number, g: Gender): boolean {
    const known = this.genders[person];
    if (!known && g && this.notGender.get(person) === g) return false;
    return !known || !g || known === g;
  }

  /** Records that the subject of a clause is not the referent of an object pronoun in it, and resolves that pronoun. */
  objectPronoun(subject: number, g: Gender, pi: number, tokenIndex: number): void {
    if (!g || this.genders[subject]) return;
    const other = this.recentMention(pi, tokenIndex, g, subject);
    if (other === null) return;
    this.notGender.set(subject, g);
    if (!this.genders[other]) this.genders[other] = g;
  }

  /** Most recent person mentioned outside quotations before token `tokenIndex` of paragraph `pi` (bounded look-back). */
  recentMention(pi: number, tokenIndex: number, g: Gender, exclude: number | null = null): number | null {
    let budget = 600;
    for (let p = pi; p >= 0 && p >= pi - 3; p--) {
      const para = this.doc[p]!;
      const owners = this.people.tokenPerson[p]!;
      for (let k = (p === pi ? tokenIndex : para.tokens.length) - 1; k >= 0 && budget-- > 0; k--) {
        const id = owners[k]!;
        if (id < 0 || para.tokens[k]!.quoted || id === exclude) continue;
        if (this.fits(id, g)) return id;
      }
    }
    return null;
  }

  resolvePronoun(pronoun: string, pi: number, tokenIndex: number, subjectPosition: boolean): number | null {
    const l = pronoun.toLowerCase();
    const g: Gender = l === 'he' || l === 'him' || l === 'his' ? 'm' : l === 'she' || l === 'her' || l === 'hers' ? 'f' : null;
    if (!g) return null; // "they", "it", "we": groups, organisations or the writer — not one person
    if (subjectPosition && this.unnamed && pi - this.unnamed.paragraph <= 1 && (!this.unnamed.gender || this.unnamed.gender === g)) return null;
    let found: number | null = null;
    if (!subjectPosition && this.currentSubject !== null && this.fits(this.currentSubject, g)) found = this.currentSubject;
    if (found === null && this.prevSubject && pi - this.prevSubject.paragraph <= 2 && this.fits(this.prevSubject.person, g)) found = this.prevSubject.person;
    if (found === null) found = this.recentMention(pi, tokenIndex, g);
    if (found !== null) {
      if (!this.genders[found]) this.genders[found] = g;
      const v = this.pronounVotes.get(found) ?? { m: 0, f: 0 };
      v[g]++;
      this.pronounVotes.set(found, v);
    }
    return found;
  }

  /** `unnamed`: the sentence's subject was an unnamed person, of that gender (null: unknown). */
  endSentence(pi: number, unnamed?: Gender): void {
    if (this.currentSubject !== null) {
      this.prevSubject = { person: this.currentSubject, paragraph: pi };
      this.unnamed = null;
    } else if (unnamed !== undefined) {
      this.unnamed = { paragraph: pi, gender: unnamed };
      this.prevSubject = null;
    }
    this.currentSubject = null;
  }
}

/** The pronoun a person's resolved mentions use most: 'she', 'he', or null when the text resolved none to them. */
export function pronounOf(votes: { m: number; f: number } | undefined): 'she' | 'he' | null {
  if (!votes || votes.m === votes.f) return null;
  return votes.f > votes.m ? 'she' : 'he';
}
