import { readListFile } from '../ingest/parse/word-lists.ts';

/**
 * A role as written ("Sen.", "the company's CEO", "US secretary of state") read into a normalised title ("Senator",
 * "Chief executive", "Secretary of state") and a category from a fixed list, so that analysts can count roles
 * (article_people.role_title and role_category, docs/analysts.md "Roles: title and category"). The words are data:
 * roles/role-categories.txt and roles/role-title-modifiers.txt. Computed wherever a role is written: the ingest's
 * planner (src/ingest/bulk/plan-batch.ts), editors' writes (write-article-people.ts, create-article.ts, a merge) and a
 * restore.
 */
export const ROLE_CATEGORIES = [
  'politician',
  'government_official',
  'executive',
  'spokesperson',
  'expert_academic',
  'journalist',
  'lawyer',
  'police_military',
  'athlete_coach',
  'artist',
  'member_of_public',
  'other',
] as const;
export type RoleCategory = (typeof ROLE_CATEGORIES)[number];

export interface RoleReading {
  roleTitle: string | null;
  roleCategory: RoleCategory | null;
}

interface Entry {
  category: RoleCategory;
  words: string[];
  title: string[];
  line: number;
}

const ROLES_DIR = new URL('./roles/', import.meta.url);

/** the entries of roles/role-categories.txt, by their first word */
export function readRoleEntries(dir: URL = ROLES_DIR): Entry[] {
  return readListFile('role-categories', dir).map(({ line, fields }) => {
    const [category, ...rest] = fields;
    if (!ROLE_CATEGORIES.includes(category as RoleCategory) || category === 'other') {
      throw new Error(`roles/role-categories.txt line ${line}: unknown category "${category}" (one of ${ROLE_CATEGORIES.slice(0, -1).join(', ')})`);
    }
    const eq = rest.indexOf('=');
    const words = eq < 0 ? rest : rest.slice(0, eq);
    const title = eq < 0 ? words : rest.slice(eq + 1);
    if (!words.length || !title.length) throw new Error(`roles/role-categories.txt line ${line}: want "<category> <words> [= <title>]"`);
    return { category: category as RoleCategory, words, title, line };
  });
}

const ENTRIES = readRoleEntries();
const BY_FIRST_WORD = new Map<string, Entry[]>();
for (const e of ENTRIES) BY_FIRST_WORD.set(e.words[0]!, [...(BY_FIRST_WORD.get(e.words[0]!) ?? []), e]);
const MODIFIERS = new Set(readListFile('role-title-modifiers', ROLES_DIR).map(({ fields }) => fields.join(' ')));

/** Words and marks after which a role goes on about something else: "spokesman [for] the police". */
const BOUNDARIES = new Set(['of', 'for', 'at', 'with', 'in', 'to', 'from', 'on', 'and', 'who', 'which', 'whose', ',', ';', '(', ')', '–', '—', ':']);

/** lower-case words, dots and possessives off ("Sen." → sen, "China's" → china), hyphens split, clause marks kept */
export function roleWords(role: string): string[] {
  return (
    role
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[’‘`]/g, "'")
      .match(/[\p{L}\p{N}]+(?:[.'][\p{L}\p{N}]+)*\.?|[,;()–—:]/gu) ?? []
  ).map((w) => w.replace(/'s$/, '').replace(/\./g, ''));
}

interface Match {
  entry: Entry;
  start: number;
  end: number;
  segment: number;
}

/**
 * The title and category of a role. Among the listed words found in it, the one that names the position is taken:
 * the first clause part that holds any ("spokesman" in "spokesman for the police", not "police"), there the one
 * ending last (English puts the head noun last: "police spokesman"), and the longest of those ("secretary of state"
 * over "secretary"). A modifier right before it stays in the title ("deputy minister"). A plural is read as its
 * singular when nothing else matches ("Sens." → Senator). No listed word: `other`, no title. No role: neither.
 */
export function readRole(role: string | null | undefined): RoleReading {
  if (role == null || !role.trim()) return { roleTitle: null, roleCategory: null };
  const words = roleWords(role);
  // A role naming several people is plural ("Sens.", "economists"): read as the singular when that alone matches.
  return readWords(words) ?? readWords(words.map((w) => (w.length > 2 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w))) ?? { roleTitle: null, roleCategory: 'other' };
}

function readWords(words: string[]): RoleReading | undefined {
  const segments: number[] = [];
  let segment = 0;
  for (const w of words) {
    segments.push(segment);
    if (BOUNDARIES.has(w)) segment++;
  }
  let best: Match | undefined;
  words.forEach((word, start) => {
    for (const entry of BY_FIRST_WORD.get(word) ?? []) {
      const end = start + entry.words.length;
      if (end > words.length || entry.words.some((w, k) => words[start + k] !== w)) continue;
      const m = { entry, start, end, segment: segments[start]! };
      if (!best || m.segment < best.segment || (m.segment === best.segment && (m.end > best.end || (m.end === best.end && m.start < best.start)))) best = m;
    }
  });
  if (!best) return undefined;
  const title = [...best.entry.title];
  for (let k = best.start - 1; k >= 0 && MODIFIERS.has(words[k]!) && segments[k] === best.segment; k--) title.unshift(words[k]!);
  const text = title.join(' ');
  return { roleTitle: text.charAt(0).toUpperCase() + text.slice(1), roleCategory: best.entry.category };
}
