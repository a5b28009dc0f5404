import type { DocParagraph } from './document.ts';
import type { Gender, PeopleResult } from './people.ts';

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
  private readonly genders: Gender[];

  constructor(
    private readonly doc: DocParagraph[],
    private readonly people: PeopleResult,
  ) {
    this.genders = [];
    for (const p of people.people) this.genders[p.id] = p.gender;
  }

  genderOf(person: number): Gender {
    return this.genders[person] ?? null;
  }

  private fits(person: number, g: Gender): boolean {
    const known = this.genders[person];
    return !known || !g || known === g;
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
    let found: number | null = null;
    if (!subjectPosition && this.currentSubject !== null && this.fits(this.currentSubject, g)) found = this.currentSubject;
    if (found === null && this.prevSubject && pi - this.prevSubject.paragraph <= 2 && this.fits(this.prevSubject.person, g)) found = this.prevSubject.person;
    if (found === null) found = this.recentMention(pi, tokenIndex, g);
    if (found !== null && !this.genders[found]) this.genders[found] = g;
    return found;
  }

  endSentence(pi: number): void {
    if (this.currentSubject !== null) this.prevSubject = { person: this.currentSubject, paragraph: pi };
    this.currentSubject = null;
  }
}
