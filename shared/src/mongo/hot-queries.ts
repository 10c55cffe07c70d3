/**
 * A read on a hot path, declared once: the service builds its filter with `filter(...)`, and its storage test
 * (`hotQueryPlans` and `unindexedHotQueries` in @hub/infra/testkit) asks the real database for the plan of
 * `filter(...example)` and fails on a sequential scan. On FerretDB 1.24 only equality on `_id` and on indexed top-level
 * fields reaches an index; everything else (ranges, `$in`, regexes, `$and`, dotted paths, sorts) is read in full and
 * filtered in FerretDB.
 */
export interface HotQuery<Args extends unknown[] = never[], Filter extends Record<string, unknown> = Record<string, unknown>> {
  /** The model's name on the service's connection. */
  model: string;
  filter(...args: Args): Filter;
  /** Arguments like the ones the service passes. */
  example: Args;
}

export function hotQuery<Args extends unknown[], Filter extends Record<string, unknown>>(model: string, filter: (...args: Args) => Filter, example: Args): HotQuery<Args, Filter> {
  return { model, filter, example };
}
