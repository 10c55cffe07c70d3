import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { generateKeyPair, signUserToken, type HubClaims } from '@hub/shared/auth';
import { createLogger } from '@hub/shared/logging';
import { composeSupergraph, createGatewayApp, loadGatewayConfig, type GatewayApp } from '@hub/gateway';
import { testEndpoints, uniqueDbUrl } from '@hub/infra/testkit';
import { createApp, SCHEMA_PATH, type OrganisationsService } from '../src/app';
import { loadOrganisationsConfig } from '../src/config';

export const INTERNAL_SECRET = 'test-internal-secret-0123456789abcdef';
const ISSUER = 'region10-hub-test';
const AUDIENCE = 'region10-hub-graph-test';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; field?: string } }>;
}

function listen(app: { listen: (port: number, host: string) => Server }): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1');
    server.on('listening', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

/**
 * The organisations subgraph on its own database, behind a real gateway composed from its schema file, both on
 * free ports, against the Kafka broker and FerretDB the jest global setup started (or the given endpoints).
 */
export async function startHub(options: { mongoUrl?: string; kafkaBrokers?: string[] } = {}) {
  const keys = generateKeyPair();
  const logger = createLogger('organisations-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const service: OrganisationsService = await createApp(
    loadOrganisationsConfig({
      NODE_ENV: 'test',
      PORT: '0',
      MONGO_URL: options.mongoUrl ?? uniqueDbUrl('organisations'),
      KAFKA_BROKERS: (options.kafkaBrokers ?? testEndpoints().kafkaBrokers).join(','),
      INTERNAL_AUTH_SECRET: INTERNAL_SECRET,
    }),
    logger,
  );
  const subgraph = await listen(service.app);
  const supergraphSdl = composeSupergraph([{ name: 'organisations', typeDefs: readFileSync(SCHEMA_PATH, 'utf8'), url: `${subgraph.url}/graphql` }]);
  const gateway: GatewayApp = await createGatewayApp(
    loadGatewayConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      AUTH_ISSUER: ISSUER,
      AUTH_AUDIENCE: AUDIENCE,
      AUTH_PUBLIC_KEY: keys.publicKey,
      INTERNAL_AUTH_SECRET: INTERNAL_SECRET,
      SUBGRAPH_ORGANISATIONS_URL: `${subgraph.url}/graphql`,
    }),
    { supergraphSdl, logger },
  );
  const gatewayHttp = await listen(gateway.app);

  const token = (claims: Partial<HubClaims> & Pick<HubClaims, 'roles'>): string =>
    signUserToken({ sub: 'test-user', ...claims }, { privateKey: keys.privateKey, issuer: ISSUER, audience: AUDIENCE, expiresIn: '5m' });

  async function post<T>(url: string, body: unknown, headers: Record<string, string>): Promise<GraphQLResponse<T>> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const json = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
    return { status: response.status, ...json };
  }

  return {
    service,
    models: service.models,
    gatewayUrl: `${gatewayHttp.url}/graphql`,
    subgraphUrl: `${subgraph.url}/graphql`,
    token,
    /** A GraphQL request through the gateway with the given caller's token. */
    gql: <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, bearer: string) =>
      post<T>(`${gatewayHttp.url}/graphql`, { query, variables }, { authorization: `Bearer ${bearer}` }),
    post,
    stop: async () => {
      gatewayHttp.server.close();
      subgraph.server.close();
      await gateway.stop();
      await service.stop();
    },
  };
}

export type Hub = Awaited<ReturnType<typeof startHub>>;

export const ADMIN = { roles: ['admin' as const] };
export const MALA_OFFICE = { roles: ['municipal-staff' as const], municipalityCode: '2418' };
export const SORSELE_OFFICE = { roles: ['municipal-staff' as const], municipalityCode: '2422' };
export const PUBLIC = { roles: ['public' as const] };
