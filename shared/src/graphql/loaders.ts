import DataLoader from 'dataloader';

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
