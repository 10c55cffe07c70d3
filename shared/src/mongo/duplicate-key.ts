/** A unique index refused the write (MongoDB's and FerretDB's code 11000). */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * The positions of the documents a unique index refused in an unordered insertMany, or undefined when anything else
 * failed (a caller then throws the error).
 */
export function duplicateKeyPositions(error: unknown): number[] | undefined {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  if (!Array.isArray(writeErrors) || writeErrors.length === 0 || !writeErrors.every(isDuplicateKeyError)) return undefined;
  return writeErrors.map((writeError: { index: number }) => writeError.index);
}
