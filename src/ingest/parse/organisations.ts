import type { DocParagraph } from './document.ts';
import { isInstitutionWord, isOrgName, isOrgWord, isRoleNoun } from './lexicon.ts';
import { ORGANISATION_NOUNS, PERSON_NOUNS, TRADE_NOUNS } from './word-lists.ts';

/**
 * Organisations, documents and groups as the subject of a speech verb: "the central bank said in its report", "the
 * broadcaster said in a statement", "Harbor Bank said", "the agency's annual survey noted", "according to the NTSB".
 * The parser gives such a quote a speaker of kind 'organisation' (index.ts), so analysts can count it apart from
 * people's quotes instead of losing it as unattributed.
 */

/** Heads of a description that speaks for a body or is a document: beside ORGANISATION_NOUNS and TRADE_NOUNS. */
const BODY_AND_DOCUMENT_NOUNS = new Set(
  `report statement survey study poll memo letter ruling complaint filing lawsuit indictment release website site
   newspaper paper magazine campaign administration government department ministry court police committee board council
   commission office embassy parliament senate congress legislature regulator watchdog broadcaster network union party
   document documents analysis review audit census data records transcript editorial article book guidance
   white-paper assessment forecast projection estimate estimates tally count ad ads advertisement commercial email
   emails tweet blog video message notice petition resolution bill order opinion decision brief motion column story
   caption sign banner manifesto pamphlet leaflet flyer platform`.split(/\s+/).filter(Boolean),
);

const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'this', 'that', 'these', 'those']);
const CONNECTORS = new Set(['of', 'for', 'and', '&', 'on', 'de']);
const MAX_WORDS = 7;

export const isOrganisationHead = (lower: string): boolean => ORGANISATION_NOUNS.has(lower) || TRADE_NOUNS.has(lower) || BODY_AND_DOCUMENT_NOUNS.has(lower);
/** Two or more capitals and nothing else. */
const CAPITALS_ONLY = /^\p{Lu}{2,}$/u;

const isAcronym = (text: string): boolean => CAPITALS_ONLY.test(text.replace(/['’]s$/u, '').replace(/\./g, ''));

/**
 * The organisation named or described by tokens [a, b) of paragraph p, as it should be listed ("Harbor Bank",
 * "central bank", "NTSB"), or null. `owner(k)` is the person owning token k (or -1): a phrase naming a person is theirs.
 */
export function organisationName(p: DocParagraph, a: number, b: number, owner: (k: number) => number): string | null {
  while (a < b && DETERMINERS.has(p.tokens[a]!.lower)) a++;
  // "the agency's annual survey": the owner's possessive is part of the source's description.
  if (a >= b || b - a > MAX_WORDS) return null;
  for (let k = a; k < b; k++) {
    const t = p.tokens[k]!;
    if (t.quoted) return null;
    if (owner(k) >= 0 && !t.possessive) return null;
    if (k > a && /[,;:()]/.test(p.text.slice(p.tokens[k - 1]!.end, t.start))) return null;
  }
  // "a spokesperson for China's commerce ministry", "officials at the bank": a person speaking for the body.
  for (let k = a; k < b - 1; k++) if (!p.tokens[k]!.cap && (isRoleNoun(p.tokens[k]!) || PERSON_NOUNS.has(p.tokens[k]!.lower))) return null;
  const last = p.tokens[b - 1]!;
  const name = p.text.slice(p.tokens[a]!.start, last.end);
  // A description headed by a body or a document: "the central bank", "the company's annual report".
  if (!last.cap && isOrganisationHead(last.lower)) return name;
  // A name: capitalised words (with "of", "for", "&" between) holding an institution word, a known organisation or an
  // acronym: "Harbor Bank", "the Department of Labor", "NTSB", "Reuters".
  let institutional = false;
  for (let k = a; k < b; k++) {
    const t = p.tokens[k]!;
    if (!t.cap && !CONNECTORS.has(t.lower)) return null;
    const lower = t.lower.replace(/['’]s$/u, '');
    if (isInstitutionWord(lower) || isOrgName(lower) || isOrgWord(lower) || isAcronym(t.text) || isOrganisationHead(lower)) institutional = true;
  }
  return institutional ? name.replace(/['’]s$/u, '') : null;
}
