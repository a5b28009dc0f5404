/**
 * The key that makes "Volodymyr Zelenskyy", "volodymyr  zelenskyy" and "Volodýmyr Zelenskyy" one person across
 * articles: accents folded, case folded, punctuation dropped, whitespace collapsed. Deliberately conservative:
 * different spellings ("Zelensky") stay different people until an editor merges them (POST /api/people/:id/merge).
 */
export function personNameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
