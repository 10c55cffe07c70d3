import { buildSchema, parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { checkQuerySize, maxAliasesRule, maxCostRule, maxDepthRule } from './limits';

const schema = buildSchema(`
  type Query {
    me: User
    users(first: Int, limit: Int): [User!]!
    recent(first: Int = 5): [User!]!
    connection(first: Int): UserConnection!
  }
  type User { id: ID! name: String friends(first: Int): [User!]! tags: [String!]! best: User }
  type UserConnection { totalCount: Int! edges: [UserEdge!]! }
  type UserEdge { node: User! }
`);

function errors(query: string, ...rules: Parameters<typeof validate>[2] & object): readonly GraphQLError[] {
  return validate(schema, parse(query), [...specifiedRules, ...rules]);
}

function codes(query: string, ...rules: Parameters<typeof validate>[2] & object): unknown[] {
  return errors(query, ...rules).map((error) => error.extensions.code);
}

describe('maxDepthRule', () => {
  const deep = (levels: number): string => `{ me { ${'best { '.repeat(levels - 2)}id${' }'.repeat(levels - 2)} } }`;

  it('allows the maximum depth and refuses one more', () => {
    expect(codes(deep(10), maxDepthRule(10))).toEqual([]);
    expect(codes(deep(11), maxDepthRule(10))).toEqual(['QUERY_TOO_DEEP']);
  });

  it('counts depth through named and inline fragments', () => {
    const query = `
      query { me { ...A } }
      fragment A on User { best { ... on User { best { ...B } } } }
      fragment B on User { best { id } }
    `;
    expect(codes(query, maxDepthRule(5))).toEqual([]);
    expect(codes(query, maxDepthRule(4))).toEqual(['QUERY_TOO_DEEP']);
  });

  it('ignores introspection fields', () => {
    const query = '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }';
    expect(codes(query, maxDepthRule(2))).toEqual([]);
  });

  it('stays fast on fragments spread many times', () => {
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on User { best { ...F${i + 1} ...F${i + 1} } }`);
    const query = `{ me { ...F0 } } ${fragments.join(' ')} fragment F40 on User { id }`;
    const started = Date.now();
    expect(codes(query, maxDepthRule(10))).toEqual(['QUERY_TOO_DEEP']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not loop on fragment cycles (reported by the standard rule)', () => {
    const query = '{ me { ...A } } fragment A on User { best { ...B } } fragment B on User { best { ...A } }';
    const found = errors(query, maxDepthRule(10));
    expect(found.some((error) => error.message.startsWith('Cannot spread fragment'))).toBe(true);
    expect(found.map((error) => error.extensions.code)).not.toContain('QUERY_TOO_DEEP');
  });
});

describe('maxAliasesRule', () => {
  const aliased = (count: number): string =>
    `{ ${Array.from({ length: count }, (_, i) => `a${i}: me { id }`).join(' ')} }`;

  it('allows the maximum number of aliases and refuses one more', () => {
    expect(codes(aliased(30), maxAliasesRule(30))).toEqual([]);
    expect(codes(aliased(31), maxAliasesRule(30))).toEqual(['TOO_MANY_ALIASES']);
  });

  it('counts aliases inside fragments', () => {
    const query = '{ me { ...F } } fragment F on User { x: id y: id z: name }';
    expect(codes(query, maxAliasesRule(2))).toEqual(['TOO_MANY_ALIASES']);
  });
});

describe('maxCostRule', () => {
  const costOf = (query: string): number => {
    // The smallest maximum the query passes is its cost.
    const message = errors(query, maxCostRule(0))[0]?.message ?? '';
    return Number(/cost (\d+)/.exec(message)?.[1] ?? 0);
  };

  it('counts each field once', () => {
    expect(costOf('{ me { id name } }')).toBe(3);
  });

  it('multiplies list selections by first/limit, or 20 without one', () => {
    expect(costOf('{ users(first: 5) { id name } }')).toBe(1 + 5 * 2);
    expect(costOf('{ users(limit: 7) { id } }')).toBe(1 + 7);
    expect(costOf('{ users { id } }')).toBe(1 + 20);
    expect(costOf('{ recent { id } }')).toBe(1 + 5);
  });

  it('treats a page size from a variable as unknown, and a negative one as 1', () => {
    expect(costOf('query ($n: Int) { users(first: $n) { id } }')).toBe(1 + 20);
    expect(costOf('{ users(first: -50) { id } }')).toBe(1 + 1);
  });

  it('multiplies nested lists', () => {
    expect(costOf('{ users(first: 10) { friends(first: 10) { id } } }')).toBe(1 + 10 * (1 + 10 * 1));
  });

  it('counts a connection page once, through its edges', () => {
    expect(costOf('{ connection(first: 10) { totalCount edges { node { id } } } }')).toBe(1 + (1 + 1 + 10 * (1 + 1)));
  });

  it('counts fragments where they are spread, with the surrounding multiplier', () => {
    expect(costOf('{ users(first: 3) { ...F } } fragment F on User { id name }')).toBe(1 + 3 * 2);
  });

  it('ignores introspection', () => {
    expect(costOf('{ __typename me { __typename id } }')).toBe(2);
  });

  it('refuses an operation over the maximum with QUERY_TOO_COSTLY', () => {
    const query = '{ users(first: 100) { friends(first: 100) { id } } }';
    expect(codes(query, maxCostRule(5000))).toEqual(['QUERY_TOO_COSTLY']);
    expect(codes('{ users(first: 100) { id } }', maxCostRule(5000))).toEqual([]);
  });
});

describe('checkQuerySize', () => {
  it('measures bytes, not characters', () => {
    expect(checkQuerySize('{ me { id } }', 20)).toBeUndefined();
    const error = checkQuerySize(`# ${'å'.repeat(10)}\n{ me { id } }`, 20);
    expect(error?.extensions.code).toBe('QUERY_TOO_LARGE');
  });

  it('leaves non-string queries to the server', () => {
    expect(checkQuerySize(undefined, 1)).toBeUndefined();
  });
});
