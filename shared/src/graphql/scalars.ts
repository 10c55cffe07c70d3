import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw invalid('A Date is written YYYY-MM-DD');
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw invalid(`${value} is not a calendar date`);
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'ISO-8601 calendar date, YYYY-MM-DD.',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'ISO-8601 date and time in UTC.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw invalid('A DateTime is an ISO-8601 string');
    return new Date(value);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || Number.isNaN(Date.parse(ast.value))) throw invalid('A DateTime is an ISO-8601 string');
    return new Date(ast.value);
  },
});

export interface Connection<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

export function toConnection<T>(page: { items: T[]; endCursor: string | null; hasNextPage: boolean }): Connection<T> {
  return { nodes: page.items, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
}

/** Any JSON value, for documents whose shape is the data itself (a person's copy of what the hub holds on them). */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: () => {
    throw invalid('JSON is an output type only');
  },
  parseLiteral: () => {
    throw invalid('JSON is an output type only');
  },
});
