/** The gateway takes request bodies up to 100 kB; a job keeps the items of one request under this, leaving room for the rest. */
export const MAX_REQUEST_ITEMS_BYTES = 90 * 1024;

/** Splits items, in order, into runs whose JSON stays under `maxBytes`: a batch of long job ads goes as several requests. */
export function* bySize<T>(items: readonly T[], maxBytes = MAX_REQUEST_ITEMS_BYTES): Generator<T[]> {
  let run: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (run.length > 0 && bytes + size > maxBytes) {
      yield run;
      run = [];
      bytes = 0;
    }
    run.push(item);
    bytes += size;
  }
  if (run.length > 0) yield run;
}
