/**
 * Folding maps å ä → a, ö → o, é → e and so on, and lower-cases, so "mala" finds "Malå".
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/æ/gi, 'ae')
    .replace(/ø/gi, 'o')
    .toLowerCase();
}

/**
 * A sort key in Swedish alphabetical order: å, ä and ö come after z (Åsele after Vilhelmina), which a plain
 * code-point sort gets right only by accident and a folded sort gets wrong. Other accents are dropped (é as e).
 */
export function swedishSortKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/å/g, '{')
    .replace(/[äæ]/g, '|')
    .replace(/[öø]/g, '}')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .trim();
}

/** Words of a text, split on anything that is not a letter or a digit ("Malå–Arjeplog" is two words). */
export function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}
