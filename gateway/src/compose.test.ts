import { CompositionError, composeSupergraph, readSubgraphSources } from './compose';
import { SUBGRAPHS } from './subgraphs';

const header = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

describe('composeSupergraph', () => {
  it('fails on a broken pair of subgraphs, listing the errors', () => {
    // Both define Query.organisation with different types and neither marks it @shareable.
    const a = `${header}\n type Query { organisation(id: ID!): Organisation } type Organisation @key(fields: "id") { id: ID! name: String! }`;
    const b = `${header}\n type Query { organisation(id: ID!): Int }`;
    let thrown: unknown;
    try {
      composeSupergraph([
        { name: 'a', typeDefs: a, url: 'http://127.0.0.1:1/graphql' },
        { name: 'b', typeDefs: b, url: 'http://127.0.0.1:2/graphql' },
      ]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CompositionError);
    const error = thrown as CompositionError;
    expect(error.errors.length).toBeGreaterThan(0);
    expect(error.message).toContain('Query.organisation');
    for (const message of error.errors) expect(error.message).toContain(message);
  });

  it('reports unparsable SDL with the subgraph name', () => {
    expect(() => composeSupergraph([{ name: 'broken', typeDefs: 'type {', url: 'http://127.0.0.1:1/graphql' }])).toThrow(
      /\[broken\] Syntax Error/,
    );
  });

  it('composes the real subgraph schema files', () => {
    const sdl = composeSupergraph(readSubgraphSources(SUBGRAPHS));
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/join/');
    for (const subgraph of SUBGRAPHS) {
      expect(sdl).toContain(`@join__graph(name: "${subgraph.name}", url: "${subgraph.defaultUrl}")`);
    }
  });
});
