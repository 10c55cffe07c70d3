import mongoose from 'mongoose';

/**
 * Marks an operator object the server built itself (a range, a regex, an `$in`) so `sanitizeFilter` keeps it;
 * everything not marked is treated as a literal value, which is what stops operator injection.
 */
export function serverOperator<T extends Record<string, unknown>>(operator: T): T {
  return mongoose.trusted(operator);
}
