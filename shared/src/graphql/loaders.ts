import DataLoader from 'dataloader';
import { NotFoundError, type Wording } from '../errors';

/**
 * A per-request batching loader for entity references: the gateway's `_entities` call for N organisations
 * becomes one database query. `load` gets the distinct ids and returns what it found; missing ids become null.
 */
export function createEntityLoader<V>(load: (ids: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(async (ids) => {
    const found = await load(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}

/**
 * For a type whose value is either its stored document or an in-memory item holding some of its fields (a list's page,
 * a match): its `id`, and the fields only the document has, read by id through the request's loader when asked for.
 */
export function documentOrItem<Document extends { _id: { toHexString(): string } }, Item extends { id: string }, Context>(
  missing: (id: string) => Wording,
  load: (id: string, ctx: Context) => Promise<Document | null>,
) {
  const idOf = (value: Document | Item): string => ('_id' in value ? value._id.toHexString() : value.id);
  const stored = async (value: Document | Item, ctx: Context): Promise<Document> => {
    if ('_id' in value) return value;
    const found = await load(value.id, ctx);
    if (!found) throw new NotFoundError(missing(value.id), 'id');
    return found;
  };
  const storedField =
    <Field extends keyof Document>(field: Field) =>
    async (value: Document | Item, _: unknown, ctx: Context): Promise<Document[Field]> =>
      (await stored(value, ctx))[field];
  return { idOf, stored, storedField };
}
