import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateGatewayKeyPair, generateKeyPair, signUserToken, type HubClaims } from '@hub/shared/auth';
import { createSubgraphApp, listen as listenWithKeepAlive, type RequestContext } from '@hub/shared/graphql';
import type { Wording } from '@hub/shared/errors';
import type { Logger } from '@hub/shared/logging';
import { parse } from 'graphql';
import type express from 'express';
import { createGatewayApp } from './app';
import { composeSupergraph } from './compose';
import { loadGatewayConfig } from './config';

/**
 * Test kit for the services' integration tests: their real subgraph apps behind a real gateway composed from
 * their schema files, everything on free 127.0.0.1 ports, and tokens for any caller.
 */
/** The test gateway's key pair: it signs forwarded claims with the private key, test subgraphs get the public one. */
export const TEST_GATEWAY_KEYS = generateGatewayKeyPair();
/** Rate limits far above what any test sends, so only the tests of the limits themselves meet them. */
export const UNLIMITED_RATES = { RATE_LIMIT_SUBJECT_PER_SEC: '100000', RATE_LIMIT_SUBJECT_BURST: '100000', RATE_LIMIT_ADDRESS_PER_SEC: '100000', RATE_LIMIT_ADDRESS_BURST: '100000' };
const ISSUER = 'region10-hub-test';
const AUDIENCE = 'region10-hub-graph-test';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; field?: string; texts?: Wording } }>;
}

export interface TestSubgraph {
  name: string;
  schemaPath: string;
  /** The schema itself, when it is not in a file. */
  typeDefs?: string;
  app: express.Express;
}

export type TestCaller = Partial<HubClaims> & Pick<HubClaims, 'roles'>;

/**
 * Listens as the processes do, keeping idle connections open longer than the clients' pools keep them: with Node's
 * default of 5 s, a request sent on a connection the server was closing that moment failed ("socket hang up" at the
 * gateway, INTERNAL_SERVER_ERROR to the caller; ECONNRESET to a test), now and then on a loaded machine.
 */
export function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server: Server = listenWithKeepAlive(app, 0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

export async function post<T>(url: string, body: unknown, headers: Record<string, string>): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

/** Who issues the tokens the gateway accepts; by default the test kit's own issuer with fresh keys. */
export interface TestGatewayAuth {
  issuer: string;
  audience: string;
  keys: { publicKey: string; privateKey: string };
}

export interface TestGatewayOptions {
  /** More issuers beside the test kit's own (an OpenID provider under test), as AUTH_ISSUERS entries. */
  issuers?: object[];
  /** Further gateway settings (AUTH_CLOCK_TOLERANCE_SEC, rate limits…). */
  env?: Record<string, string>;
}

export async function startTestGateway(
  subgraphs: TestSubgraph[],
  logger: Logger,
  auth: TestGatewayAuth = { issuer: ISSUER, audience: AUDIENCE, keys: generateKeyPair() },
  options: TestGatewayOptions = {},
) {
  const { issuer, audience, keys } = auth;
  const listening = await Promise.all(subgraphs.map(async (subgraph) => ({ ...subgraph, ...(await listen(subgraph.app)) })));
  const subgraphUrls = Object.fromEntries(listening.map((subgraph) => [subgraph.name, `${subgraph.url}/graphql`]));
  const supergraphSdl = composeSupergraph(
    listening.map((subgraph) => ({ name: subgraph.name, typeDefs: subgraph.typeDefs ?? readFileSync(subgraph.schemaPath, 'utf8'), url: `${subgraph.url}/graphql` })),
  );
  const gateway = await createGatewayApp(
    loadGatewayConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      AUTH_ISSUERS: JSON.stringify([{ issuer, audience, publicKey: keys.publicKey }, ...(options.issuers ?? [])]),
      GATEWAY_SIGNING_KEY: TEST_GATEWAY_KEYS.privateKey,
      ...UNLIMITED_RATES,
      ...options.env,
    }),
    { supergraphSdl, subgraphUrls, logger },
  );
  const gatewayHttp = await listen(gateway.app);
  const url = `${gatewayHttp.url}/graphql`;

  const token = (caller: TestCaller): string =>
    signUserToken({ sub: 'test-user', ...caller }, { privateKey: keys.privateKey, issuer, audience, expiresIn: '5m' });

  return {
    url,
    subgraphUrls,
    token,
    /** A GraphQL request through the gateway with the given caller's token. */
    gql: <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, bearer: string) =>
      post<T>(url, { query, variables }, { authorization: `Bearer ${bearer}` }),
    stop: async () => {
      gatewayHttp.server.close();
      for (const subgraph of listening) subgraph.server.close();
      await gateway.stop();
    },
  };
}

export type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;

const CLAIMS_PROBE_SCHEMA = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    "The caller as the gateway forwarded it."
    whoami: Caller!
  }
  type Caller {
    sub: String!
    roles: [String!]!
    organisationId: String
    municipalityCode: String
  }
`;

/**
 * A real subgraph that answers `whoami` with the claims the gateway forwarded, verified like every hub subgraph
 * does: for tests of what a token turns into at the gateway.
 */
export async function startClaimsProbe(logger: Logger): Promise<{ subgraph: TestSubgraph & { typeDefs: string }; stop: () => Promise<void> }> {
  const probe = await createSubgraphApp<RequestContext>({
    name: 'probe',
    typeDefs: parse(CLAIMS_PROBE_SCHEMA),
    resolvers: { Query: { whoami: (_parent: unknown, _args: unknown, context: RequestContext) => context.claims } },
    gatewayPublicKey: TEST_GATEWAY_KEYS.publicKey,
    logger,
    production: false,
    context: (base) => base,
  });
  return { subgraph: { name: 'probe', schemaPath: '', typeDefs: CLAIMS_PROBE_SCHEMA, app: probe.app }, stop: () => probe.stop() };
}
