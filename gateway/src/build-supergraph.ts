import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { CompositionError, composeSupergraph, readSubgraphSources } from './compose';
import { API_SCHEMA_FILE, SUBGRAPHS, SUPERGRAPH_FILE } from './subgraphs';

/** Writes the supergraph the gateway runs and the API schema its clients are checked against. */
export function buildSupergraph(outFile = SUPERGRAPH_FILE, apiSchemaFile = API_SCHEMA_FILE): string {
  const sdl = composeSupergraph(readSubgraphSources(SUBGRAPHS));
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, sdl);
  writeFileSync(apiSchemaFile, printSchema(Supergraph.build(sdl).apiSchema().toGraphQLJSSchema()));
  return outFile;
}

if (require.main === module) {
  try {
    const file = buildSupergraph();
    process.stdout.write(`supergraph written to ${path.relative(process.cwd(), file)}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof CompositionError ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
