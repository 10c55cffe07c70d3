import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, signUserToken, type HubClaims } from '@hub/shared/auth';
import type { Logger } from '@hub/shared/logging';
import type express from 'express';
import { createGatewayApp } from './app';
import { composeSupergraph } from './compose';
import { loadGatewayConfig } from './config';

/**
 * Test kit for the services' integration tests: their real subgraph apps behind a real gateway composed from
 * their schema files, everything on free 127.0.0.1 ports, and tokens for any caller.
 */
export const TEST_INTERNAL_SECRET = 'test-internal-secret-0123456789abcdef';
const ISSUER = 'region10-hub-test';
const AUDIENCE = 'region10-hub-graph-test';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; field?: string } }>;
}

export interface TestSubgraph {
  name: string;
  schemaPath: string;
  app: express.Express;
}

export type TestCaller = Partial<HubClaims> & Pick<HubClaims, 'roles'>;

export function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1');
    server.on('listening', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
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

export async function startTestGateway(subgraphs: TestSubgraph[], logger: Logger, auth: TestGatewayAuth = { issuer: ISSUER, audience: AUDIENCE, keys: generateKeyPair() }) {
  const { issuer, audience, keys } = auth;
  const listening = await Promise.all(subgraphs.map(async (subgraph) => ({ ...subgraph, ...(await listen(subgraph.app)) })));
  const subgraphUrls = Object.fromEntries(listening.map((subgraph) => [subgraph.name, `${subgraph.url}/graphql`]));
  const supergraphSdl = composeSupergraph(
    listening.map((subgraph) => ({ name: subgraph.name, typeDefs: readFileSync(subgraph.schemaPath, 'utf8'), url: `${subgraph.url}/graphql` })),
  );
  const gateway = await createGatewayApp(
    loadGatewayConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: audience,
      AUTH_PUBLIC_KEY: keys.publicKey,
      INTERNAL_AUTH_SECRET: TEST_INTERNAL_SECRET,
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
