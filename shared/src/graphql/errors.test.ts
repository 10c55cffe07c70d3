import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import mongoose from 'mongoose';
import pino from 'pino';
import { NotFoundError, ValidationError } from '../errors';
import { AggregateBusyError } from '../mongo/aggregate-lock';
import { createErrorFormatter } from './errors';

const format = createErrorFormatter(pino({ level: 'silent' }));

/** What Apollo hands the formatter for an error thrown in a resolver: the error wrapped in a GraphQLError with a path. */
function thrownInResolver(error: Error): [GraphQLFormattedError, GraphQLError] {
  const wrapped = new GraphQLError(error.message, { path: ['createOffering'], originalError: error });
  return [wrapped.toJSON(), wrapped];
}

describe('createErrorFormatter', () => {
  it('answers a domain error with its code, its field and its wording in Swedish and English, the English as message', () => {
    const error = new ValidationError({ en: 'A title is required', sv: 'Titeln måste fyllas i' }, 'input.title.sv');
    expect(format(...thrownInResolver(error))).toEqual({
      message: 'A title is required',
      path: ['createOffering'],
      extensions: { code: 'BAD_USER_INPUT', field: 'input.title.sv', texts: { sv: 'Titeln måste fyllas i', en: 'A title is required' } },
    });
  });

  it('names every field a refusal concerns when it concerns several, the first as its field', () => {
    const error = new ValidationError({ en: 'Fill in: needs, format', sv: 'Fyll i: behov, form' }, ['input.needs', 'input.format']);
    expect(format(...thrownInResolver(error)).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.needs',
      fields: ['input.needs', 'input.format'],
      texts: { sv: 'Fyll i: behov, form', en: 'Fill in: needs, format' },
    });
  });

  it('leaves out the field when the error concerns no input field, and keeps the texts', () => {
    const formatted = format(...thrownInResolver(new NotFoundError({ en: 'No offering with id 1', sv: 'Det finns ingen insats med id 1' })));
    expect(formatted.extensions).toEqual({ code: 'NOT_FOUND', texts: { sv: 'Det finns ingen insats med id 1', en: 'No offering with id 1' } });
  });

  it('words a subclass of a domain error, such as a busy aggregate, in both languages', () => {
    const formatted = format(...thrownInResolver(new AggregateBusyError('offering:6b04217c83f3f5fb24442630')));
    expect(formatted.extensions?.code).toBe('CONFLICT');
    expect(formatted.extensions?.texts).toEqual({
      sv: 'offering:6b04217c83f3f5fb24442630 ändras av någon annan just nu; försök igen',
      en: 'offering:6b04217c83f3f5fb24442630 is being changed by someone else right now; try again',
    });
  });

  it('answers a value Mongoose cannot cast with a fixed wording in both languages and the field at fault', () => {
    const formatted = format(...thrownInResolver(new mongoose.Error.CastError('ObjectId', 'not-an-id', 'organisationId')));
    expect(formatted).toMatchObject({
      message: 'Invalid input value',
      extensions: { code: 'BAD_USER_INPUT', field: 'organisationId', texts: { sv: 'Ogiltigt värde', en: 'Invalid input value' } },
    });
  });

  it('hides an unexpected error behind a generic message without texts', () => {
    const formatted = format(...thrownInResolver(new Error('connection to 10.0.0.7 refused')));
    expect(formatted).toEqual({ message: 'Internal server error', path: ['createOffering'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
