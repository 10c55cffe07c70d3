import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { SubgraphDefinition } from './subgraphs';

export interface SubgraphSource {
  name: string;
  typeDefs: string;
  url: string;
}

export class CompositionError extends Error {
  constructor(readonly errors: string[]) {
    super(`supergraph composition failed:\n${errors.map((error) => `  - ${error}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/** Composes the subgraphs' SDL into the supergraph SDL, or throws listing every composition error. */
export function composeSupergraph(subgraphs: SubgraphSource[]): string {
  const result = composeServices(
    subgraphs.map(({ name, typeDefs, url }) => ({ name, url, typeDefs: parseSubgraph(name, typeDefs) })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  return result.supergraphSdl;
}

function parseSubgraph(name: string, typeDefs: string) {
  try {
    return parse(typeDefs);
  } catch (error) {
    throw new CompositionError([`[${name}] ${(error as Error).message}`]);
  }
}

/** Reads each subgraph's schema file; the URL baked in is only a default, the gateway overrides it from env. */
export function readSubgraphSources(subgraphs: readonly SubgraphDefinition[]): SubgraphSource[] {
  return subgraphs.map((subgraph) => ({
    name: subgraph.name,
    typeDefs: readFileSync(subgraph.schemaFile, 'utf8'),
    url: subgraph.defaultUrl,
  }));
}
