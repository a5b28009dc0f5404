import { readFileSync } from 'node:fs';

/**
 * Who a name in a new article is (issue 19.1). A name joins a person already known by that name (the same name key)
 * only when the evidence agrees: the same kind (person or organisation) and no conflicting role. Roles agree when
 * their head nouns meet ("chief economist at Harbor Bank" and "economist": economist), when one head is a broad one
 * ("China's top diplomat" and "Chinese Foreign Minister": src/people/role-heads.txt), or when one role's words are
 * all in the other ("Harbor Bank" and "economist at Harbor Bank", "senator" and "Sen. Ann Kim's fellow senator");
 * they conflict otherwise ("emergency physician" against "currency strategist"). A name given without a role
 * conflicts with nobody. Otherwise the name becomes a new person, told apart by a description: the role as written.
 *
 * Deterministic: candidates are compared in the order they were created (id order), the best evidence wins and a
 * tie goes to the oldest, so re-reading the same text against the same store makes the same choice. It is pure: the
 * ingest's planner (src/ingest/bulk/plan-batch.ts) calls it for both write paths.
 */
export type PersonKind = 'person' | 'organisation';
export type Pronoun = 'she' | 'he' | 'they';

export interface Candidate {
  kind: PersonKind;
  /** the roles the articles give this person (as written), most recent first; empty when none is known */
  roles: string[];
}

export interface Incoming {
  kind: PersonKind;
  role: string | null;
}

/** The candidate the name joins, or null for a new person. */
export function choosePerson<C extends Candidate>(candidates: readonly C[], incoming: Incoming): C | null {
  let best: C | null = null;
  let bestScore = 0;
  for (const c of candidates) {
    const score = evidence(c, incoming);
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

/** 0: conflicts; 1: nothing against it (no role on one side); 2: a role agrees. */
function evidence(c: Candidate, incoming: Incoming): number {
  if (c.kind !== incoming.kind) return 0;
  if (incoming.role === null || c.roles.length === 0) return 1;
  return c.roles.some((r) => rolesAgree(r, incoming.role!)) ? 2 : 0;
}

/** The description that tells a new namesake apart: the role as this article writes it. */
export function namesakeDescription(role: string | null): string | null {
  const text = role?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

const HEAD_LINES = readFileSync(new URL('./role-heads.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.replace(/#.*$/, '').trim())
  .filter(Boolean)
  .map((line) => line.split(/\s+/) as [string, string]);
const HEAD_FORMS = new Map(HEAD_LINES.filter(([, form]) => form !== '*'));
/** Heads that name many roles and so agree with any ("*" in role-heads.txt). */
const BROAD_HEADS = new Set(HEAD_LINES.filter(([, form]) => form === '*').map(([word]) => word));

/** Words that end a role's title and start its complement: "economist AT Harbor Bank", "minister OF finance". */
const COMPLEMENT = new Set(['of', 'at', 'for', 'with', 'from', 'in', 'on', 'to', 'by', 'under', 'who', 'whose', 'since', 'until', 'based', 'representing']);
/** Words after a head that qualify it without being it: "president-elect", "attorney general", "professor emeritus". */
const POST_MODIFIERS = new Set(['elect', 'designate', 'emeritus', 'emerita', 'general', 'ad', 'interim']);
/** Words that carry no evidence of who someone is. */
const EMPTY = new Set(['a', 'an', 'the', 'and', 'or', 'its', 'his', 'her', 'their', 's', 'former', 'then', 'now', 'current', 'also', 'longtime', 'top', 'new']);

function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !EMPTY.has(w));
}

/** The head nouns of a role: the last word of each title before its complement ("chairman and chief executive of X"). */
export function roleHeads(role: string): Set<string> {
  const heads = new Set<string>();
  for (const part of role.split(/\s+(?:and|&)\s+|[,;(]/i)) {
    const title: string[] = [];
    for (const w of words(part)) {
      if (COMPLEMENT.has(w)) break;
      title.push(w);
    }
    while (title.length > 1 && POST_MODIFIERS.has(title[title.length - 1]!)) title.pop();
    const head = title[title.length - 1];
    if (head) heads.add(HEAD_FORMS.get(head) ?? head);
  }
  return heads;
}

/** Whether two roles as written can be the same person's (see the module comment). */
export function rolesAgree(a: string, b: string): boolean {
  const ha = roleHeads(a);
  const hb = roleHeads(b);
  for (const h of hb) if (ha.has(h) || BROAD_HEADS.has(h)) return true;
  for (const h of ha) if (BROAD_HEADS.has(h)) return true;
  const wa = new Set(words(a).map((w) => HEAD_FORMS.get(w) ?? w).filter((w) => !COMPLEMENT.has(w)));
  const wb = new Set(words(b).map((w) => HEAD_FORMS.get(w) ?? w).filter((w) => !COMPLEMENT.has(w)));
  const within = (x: Set<string>, y: Set<string>) => x.size > 0 && [...x].every((w) => y.has(w));
  return within(wa, wb) || within(wb, wa);
}
