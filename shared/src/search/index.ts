import { serverOperator } from '../mongo/operators';

/**
 * Search without `$text` (FerretDB has none): each searchable document stores the folded tokens of its text,
 * and a query matches documents holding a token that starts with every query token.
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

export function searchTokens(...texts: Array<string | undefined | null>): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const token of foldText(text).split(/[^\p{L}\p{N}]+/u)) {
      if (token.length > 0) tokens.add(token);
    }
  }
  return [...tokens];
}

/** Escapes a folded token for use as an anchored prefix regular expression. */
function escapeRegExp(token: string): string {
  return token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A filter on a token-array field: every query token must prefix one of the stored tokens.
 * Returns undefined for a blank query (no text condition).
 */
export function tokenPrefixFilter(field: string, query: string): Record<string, unknown> | undefined {
  const tokens = searchTokens(query);
  if (tokens.length === 0) return undefined;
  // trusted: the regex is built here from folded, escaped tokens, so sanitizeFilter must keep it an operator
  return { $and: tokens.map((token) => ({ [field]: serverOperator({ $regex: `^${escapeRegExp(token)}` }) })) };
}
