import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CompositionError, composeSupergraph, readSubgraphSources } from './compose';
import { SUBGRAPHS, SUPERGRAPH_FILE } from './subgraphs';

export function buildSupergraph(outFile = SUPERGRAPH_FILE): string {
  const sdl = composeSupergraph(readSubgraphSources(SUBGRAPHS));
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, sdl);
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
