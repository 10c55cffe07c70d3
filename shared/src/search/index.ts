import { serverOperator } from '../mongo/operators';
import { foldText } from './text';

export { foldText, swedishSortKey, words } from './text';
export { MemoryIndex, pageOf, type IdPage, type Indexed, type PageQuery } from './memory-index';
export { IndexFollower, type IndexFollowerOptions, type Refresh } from './follower';

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
