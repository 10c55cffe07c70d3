import { Types, type Model } from 'mongoose';
import { ValidationError } from '../errors';
import { serverOperator } from './operators';

export interface Page<T> {
  items: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export const MAX_PAGE_SIZE = 100;

export function parseObjectId(id: string, field = 'id'): Types.ObjectId {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw new ValidationError({ en: 'Not a valid id', sv: 'Inte ett giltigt id' }, field);
  return new Types.ObjectId(id);
}

export function assertPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new ValidationError({ en: `first is between 1 and ${MAX_PAGE_SIZE}`, sv: `first ska vara mellan 1 och ${MAX_PAGE_SIZE}` }, 'first');
  }
}

/** An opaque cursor: the sort value and id of the last item of a page. */
export function encodeCursor(sortValue: string, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

/** The sort value and the id a cursor of `encodeCursor` holds; anything else is refused as `after`. */
export function decodeCursor(cursor: string): [string, Types.ObjectId] {
  try {
    const [sortValue, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof sortValue === 'string' && typeof id === 'string') return [sortValue, parseObjectId(id)];
  } catch {
    // fall through to the one error below
  }
  throw new ValidationError({ en: 'Not a cursor this service gave out', sv: 'Inte en markör som den här tjänsten har lämnat ut' }, 'after');
}

/**
 * Keyset pagination on (sortField, _id): stable under inserts, and each page is one indexed range query.
 * The cursor is opaque to clients.
 */
export async function keysetPage<T extends { _id: Types.ObjectId }>(
  model: Model<T>,
  filter: Record<string, unknown>,
  options: { sortField: string; first: number; after?: string | null },
): Promise<Page<T>> {
  assertPageSize(options.first);
  const { sortField } = options;
  const conditions: Record<string, unknown>[] = [filter];
  if (options.after) {
    const [sortValue, id] = decodeCursor(options.after);
    conditions.push({
      $or: [{ [sortField]: serverOperator({ $gt: sortValue }) }, { [sortField]: sortValue, _id: serverOperator({ $gt: id }) }],
    });
  }
  const rows = (await model
    .find({ $and: conditions })
    .sort({ [sortField]: 1, _id: 1 })
    .limit(options.first + 1)
    .lean()) as unknown as T[];
  const items = rows.slice(0, options.first);
  const last = items[items.length - 1] as (T & Record<string, unknown>) | undefined;
  return {
    items,
    hasNextPage: rows.length > options.first,
    endCursor: last ? encodeCursor(String(last[sortField]), last._id.toHexString()) : null,
  };
}
