/**
 * A read on a hot path, declared once: the service builds its filter with `filter(...)`, and the storage test
 * (`expectIndexedPlans` in @hub/infra/testkit) asks the real database for the plan of `filter(...example)` and
 * fails on a sequential scan. On FerretDB 1.24 only equality on `_id` and on indexed top-level fields reaches an
 * index; everything else (ranges, `$in`, regexes, `$and`, sorts) is read in full and filtered in FerretDB.
 */
export interface HotQuery<Args extends unknown[] = never[]> {
  /** The model's name on the service's connection. */
  model: string;
  filter(...args: Args): Record<string, unknown>;
  /** Arguments like the ones the service passes. */
  example: Args;
}

export function hotQuery<Args extends unknown[]>(model: string, filter: (...args: Args) => Record<string, unknown>, example: Args): HotQuery<Args> {
  return { model, filter, example };
}
