import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import mongoose from 'mongoose';
import { DomainError, type Wording } from '../errors';
import type { Logger } from '../logging';

/** Apollo's own client-error codes pass through unchanged; anything else unexpected is hidden. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
]);

/** A value Mongoose cannot store in its field's type, such as a malformed id. */
const INVALID_INPUT_VALUE: Wording = { sv: 'Ogiltigt värde', en: 'Invalid input value' };

/**
 * Turns any error into a client error with a code and, where known, the input field at fault and its wording in
 * Swedish and English. Stack traces and internal messages never leave the process; unexpected errors are logged
 * with their stack instead.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      return {
        ...base,
        message: original.message,
        extensions: {
          code: original.code,
          ...(original.field ? { field: original.field } : {}),
          ...(original.fields.length > 1 ? { fields: original.fields } : {}),
          texts: { sv: original.texts.sv, en: original.texts.en },
        },
      };
    }
    if (original instanceof mongoose.Error.CastError || original instanceof mongoose.Error.StrictModeError) {
      return { ...base, message: INVALID_INPUT_VALUE.en, extensions: { code: 'BAD_USER_INPUT', field: original.path, texts: INVALID_INPUT_VALUE } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      return { ...base, extensions: { code } };
    }
    if (original instanceof GraphQLError && original.extensions?.code && original.extensions.code !== 'INTERNAL_SERVER_ERROR') {
      return { ...base, extensions: { code: original.extensions.code } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error in resolver');
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
