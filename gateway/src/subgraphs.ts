import path from 'node:path';

export interface SubgraphDefinition {
  /** The subgraph's name in the supergraph (lower case, as composition and the gateway see it). */
  name: string;
  /** The SDL the build composes; owned by the service. */
  schemaFile: string;
  /** The variable that overrides the URL at run time. */
  urlEnv: string;
  defaultUrl: string;
}

// src/ and dist/ both sit one level under gateway/, so this is the repository root either way.
const repoRoot = path.resolve(__dirname, '..', '..');

/** Every subgraph behind the gateway; adding a service is one line here. */
export const SUBGRAPHS: readonly SubgraphDefinition[] = [
  {
    name: 'organisations',
    schemaFile: path.join(repoRoot, 'services/organisations/src/schema.graphql'),
    urlEnv: 'SUBGRAPH_ORGANISATIONS_URL',
    defaultUrl: 'http://127.0.0.1:4001/graphql',
  },
  { name: 'offerings', schemaFile: path.join(repoRoot, 'services/offerings/src/schema.graphql'), urlEnv: 'SUBGRAPH_OFFERINGS_URL', defaultUrl: 'http://127.0.0.1:4002/graphql' },
  {
    name: 'matchmaking',
    schemaFile: path.join(repoRoot, 'services/matchmaking/src/schema.graphql'),
    urlEnv: 'SUBGRAPH_MATCHMAKING_URL',
    defaultUrl: 'http://127.0.0.1:4003/graphql',
  },
  { name: 'migration', schemaFile: path.join(repoRoot, 'services/migration/src/schema.graphql'), urlEnv: 'SUBGRAPH_MIGRATION_URL', defaultUrl: 'http://127.0.0.1:4004/graphql' },
  { name: 'jobs', schemaFile: path.join(repoRoot, 'services/jobs/src/schema.graphql'), urlEnv: 'SUBGRAPH_JOBS_URL', defaultUrl: 'http://127.0.0.1:4005/graphql' },
];

/** Where the build writes the supergraph and the gateway reads it. */
export const SUPERGRAPH_FILE = path.join(repoRoot, 'gateway', 'dist', 'supergraph.graphql');

/** The schema clients see (the supergraph without federation's machinery): web client operations are checked against it. */
export const API_SCHEMA_FILE = path.join(repoRoot, 'gateway', 'dist', 'api-schema.graphql');
