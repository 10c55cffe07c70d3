import type { Model } from 'mongoose';

/**
 * Documents by id (`Found`: their shape under `projection`), in the order asked, missing ones left out: one `_id` lookup each, in parallel. FerretDB answers
 * `_id` equality from its primary key, while `$in` reads every row of the collection (see the README's figures).
 */
export async function findByIds<T, Found = T>(model: Model<T>, ids: readonly string[], projection?: Record<string, 0 | 1>): Promise<Found[]> {
  const found = await Promise.all(ids.map((id) => model.findById(id, projection).lean<Found>()));
  return found.filter((doc): doc is NonNullable<typeof doc> => doc !== null);
}
