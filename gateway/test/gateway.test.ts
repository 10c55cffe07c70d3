import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import {
  FORWARDED_CLAIMS_HEADER,
  generateGatewayKeyPair,
  generateKeyPair,
  signForwardedClaims,
  signUserToken,
  verifyForwardedClaims,
  type HubClaims,
} from '@hub/shared/auth';
import type { Logger } from '@hub/shared/logging';
import express from 'express';
import { GraphQLError, parse } from 'graphql';
import pino from 'pino';
import jwt from 'jsonwebtoken';
import { createGatewayApp, type GatewayApp } from '../src/app';
import { composeSupergraph } from '../src/compose';
import { loadGatewayConfig } from '../src/config';
import { UNLIMITED_RATES } from '../src/testkit';

const GATEWAY_KEYS = generateGatewayKeyPair();
const STRANGER_GATEWAY_KEYS = generateGatewayKeyPair();
const ISSUER = 'region10-hub';
const AUDIENCE = 'region10-hub-graph';
const keys = generateKeyPair();
const strangerKeys = generateKeyPair();
const user: HubClaims = { sub: 'user-42', roles: ['partner-staff'], organisationId: 'org-7', municipalityCode: '2462' };
const admin: HubClaims = { sub: 'intruder', roles: ['admin'] };

const typeDefs = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    whoami: Caller!
    items(first: Int): [Item!]!
    find(filter: ItemFilter): [Item!]!
    secret: String
  }
  input ItemFilter {
    text: String
    kind: ItemKind
  }
  enum ItemKind {
    COURSE
    LOAN
  }
  type Caller {
    sub: String!
    roles: [String!]!
    organisationId: String
    municipalityCode: String
    correlationId: String
  }
  type Item @key(fields: "id") {
    id: ID!
    name: String
    children(first: Int): [Item!]!
  }
`;

interface ProbeContext {
  claims: HubClaims;
  correlationId: string | undefined;
}

/** What reached the subgraph: every header it received, per request. */
const seen: Array<Record<string, string | string[] | undefined>> = [];

/** A real subgraph that, like the hub's, accepts only requests carrying the gateway's signed claims. */
async function startProbeSubgraph(): Promise<{ url: string; server: Server; apollo: ApolloServer<ProbeContext> }> {
  const item = (id: number) => ({ id: String(id), name: `item ${id}` });
  const apollo = new ApolloServer<ProbeContext>({
    schema: buildSubgraphSchema({
      typeDefs: parse(typeDefs),
      resolvers: {
        Query: {
          whoami: (_: unknown, __: unknown, context: unknown) => {
            const { claims, correlationId } = context as ProbeContext;
            return { ...claims, correlationId };
          },
          items: (_: unknown, args: { first?: number }) => Array.from({ length: args.first ?? 2 }, (_x, i) => item(i)),
          find: () => [item(1)],
          secret: () => {
            throw new GraphQLError('not allowed for your role', { extensions: { code: 'FORBIDDEN' } });
          },
        },
        Item: { children: () => [item(100)] },
      },
    }),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const app = express();
  app.use(
    '/graphql',
    (req, res, next) => {
      seen.push({ ...req.headers });
      try {
        res.locals.claims = verifyForwardedClaims(req.header(FORWARDED_CLAIMS_HEADER) ?? '', GATEWAY_KEYS.publicKey);
      } catch {
        res.status(401).json({ errors: [{ message: 'gateway only', extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      next();
    },
    express.json(),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({ claims: res.locals.claims as HubClaims, correlationId: req.header('x-correlation-id') }),
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server, apollo };
}

async function startGateway(
  subgraphUrl: string,
  env: Record<string, string> = {},
  logger?: Logger,
): Promise<{ url: string; server: Server; gateway: GatewayApp }> {
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    AUTH_ISSUERS: JSON.stringify([{ issuer: ISSUER, audience: AUDIENCE, publicKey: keys.publicKey }]),
    GATEWAY_SIGNING_KEY: GATEWAY_KEYS.privateKey.replace(/\n/g, '\\n'),
    ...UNLIMITED_RATES,
    MAX_QUERY_DEPTH: '5',
    MAX_ALIASES: '3',
    MAX_QUERY_COST: '200',
    MAX_QUERY_BYTES: '2048',
    CORS_ORIGINS: 'https://app.region10.example',
    ...env,
  });
  // The supergraph names an unreachable URL, so the calls that succeed prove the run-time override is used.
  const supergraphSdl = composeSupergraph([{ name: 'probe', typeDefs, url: 'http://127.0.0.1:9/graphql' }]);
  const gateway = await createGatewayApp(config, { supergraphSdl, subgraphUrls: { probe: subgraphUrl }, ...(logger && { logger }) });
  const server = gateway.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, gateway };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const token = (claims: HubClaims = user, options: { audience?: string; issuer?: string; expiresIn?: number } = {}) =>
  signUserToken(claims, {
    privateKey: keys.privateKey,
    issuer: options.issuer ?? ISSUER,
    audience: options.audience ?? AUDIENCE,
    expiresIn: options.expiresIn ?? 300,
  });

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

let probe: Awaited<ReturnType<typeof startProbeSubgraph>>;
let gw: Awaited<ReturnType<typeof startGateway>>;
let prodGw: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  probe = await startProbeSubgraph();
  gw = await startGateway(probe.url);
  prodGw = await startGateway(probe.url, { NODE_ENV: 'production' });
});

afterAll(async () => {
  await Promise.all([gw, prodGw].map(async ({ server, gateway }) => {
    await close(server);
    await gateway.stop();
  }));
  await close(probe.server);
  await probe.apollo.stop();
});

beforeEach(() => {
  seen.length = 0;
});

async function post(
  body: unknown,
  headers: Record<string, string> = {},
  base = gw.url,
): Promise<{ status: number; body: GraphQLBody; headers: Headers }> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody, headers: response.headers };
}

const bearer = (value: string) => ({ authorization: `Bearer ${value}` });
const WHOAMI = '{ whoami { sub roles organisationId municipalityCode correlationId } }';
const codes = (body: GraphQLBody) => body.errors?.map((error) => error.extensions?.code);

describe('authentication at the gateway', () => {
  it('answers a valid token with data, and the subgraph sees exactly the caller claims', async () => {
    const response = await post({ query: WHOAMI }, { ...bearer(token()), 'x-correlation-id': 'trace-123' });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toEqual({ whoami: { ...user, correlationId: 'trace-123' } });
    expect(response.headers.get('x-correlation-id')).toBe('trace-123');
    expect(seen).toHaveLength(1);
  });

  it('generates a correlation id when the client sends none', async () => {
    const response = await post({ query: WHOAMI }, bearer(token()));
    const forwarded = (response.body.data?.whoami as { correlationId: string }).correlationId;
    expect(forwarded).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-correlation-id')).toBe(forwarded);
  });

  it('forwards nothing else the client sent', async () => {
    await post({ query: WHOAMI }, { ...bearer(token()), cookie: 'session=abc', 'x-custom': 'leak' });
    const headers = seen[0] ?? {};
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect(headers['x-custom']).toBeUndefined();
  });

  const hsConfusion = (): string => {
    const header = base64url({ alg: 'HS256', typ: 'JWT' });
    const payload = base64url({ ...user, iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 300 });
    const signature = createHmac('sha256', keys.publicKey).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
  };
  const refusals: Array<[string, () => Record<string, string>]> = [
    ['no token', () => ({})],
    ['a non-bearer scheme', () => ({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` })],
    ['an expired token', () => bearer(token(user, { expiresIn: -60 }))],
    ['a token for another audience', () => bearer(token(user, { audience: 'another-graph' }))],
    ['a token from another issuer', () => bearer(token(user, { issuer: 'someone-else' }))],
    ['an alg:none token', () => bearer(`${base64url({ alg: 'none' })}.${base64url({ ...user, iss: ISSUER, aud: AUDIENCE, exp: now() + 300 })}.`)],
    ['an HS256 token signed with the public key', () => bearer(hsConfusion())],
    ['a token signed by another key', () => bearer(jwt.sign({ ...user }, strangerKeys.privateKey, { algorithm: 'RS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 300 }))],
    ['a malformed token', () => bearer('a.b.c')],
  ];

  it.each(refusals)('refuses %s with 401 UNAUTHENTICATED before reaching a subgraph', async (_case, headers) => {
    const response = await post({ query: WHOAMI }, headers());
    expect(response.status).toBe(401);
    expect(codes(response.body)).toEqual(['UNAUTHENTICATED']);
    expect(response.body.data).toBeUndefined();
    expect(seen).toHaveLength(0);
  });

  it('does not echo the token in the error', async () => {
    const expired = token(user, { expiresIn: -60 });
    const response = await post({ query: WHOAMI }, bearer(expired));
    expect(response.body.errors?.[0]?.message).toBe('Not authenticated: token expired');
    expect(JSON.stringify(response.body)).not.toContain(expired.split('.')[1]);
  });
});

describe('forwarded claims', () => {
  it.each([
    ['signed with a wrong key', () => signForwardedClaims(admin, STRANGER_GATEWAY_KEYS.privateKey)],
    ['validly signed but copied from elsewhere', () => signForwardedClaims(admin, GATEWAY_KEYS.privateKey)],
  ])('a client-sent header %s is replaced by the gateway own', async (_case, forged) => {
    const forgedValue = forged();
    const response = await post({ query: WHOAMI }, { ...bearer(token()), [FORWARDED_CLAIMS_HEADER]: forgedValue });
    expect(response.status).toBe(200);
    expect(response.body.data?.whoami).toMatchObject({ sub: user.sub, roles: user.roles });
    expect(seen).toHaveLength(1);
    const received = seen[0]?.[FORWARDED_CLAIMS_HEADER];
    expect(typeof received).toBe('string');
    expect(received).not.toBe(forgedValue);
    expect(verifyForwardedClaims(received as string, GATEWAY_KEYS.publicKey)).toEqual(user);
  });

  it.each([
    ['without the header', {}],
    ['with a header signed by a wrong key', { [FORWARDED_CLAIMS_HEADER]: signForwardedClaims(admin, STRANGER_GATEWAY_KEYS.privateKey) }],
    ['with a user token as the header', { [FORWARDED_CLAIMS_HEADER]: token(admin) }],
  ])('a direct call to the subgraph %s is refused', async (_case, headers: Record<string, string>) => {
    const response = await fetch(probe.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: WHOAMI }),
    });
    expect(response.status).toBe(401);
    expect(codes((await response.json()) as GraphQLBody)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('query limits', () => {
  const refused = async (query: string, status: number, code: string): Promise<void> => {
    const response = await post({ query }, bearer(token()));
    expect(response.status).toBe(status);
    expect(codes(response.body)).toEqual([code]);
    expect(seen).toHaveLength(0);
  };

  it('allows a query within every limit', async () => {
    const response = await post({ query: '{ items(first: 3) { id a: name children(first: 2) { id } } }' }, bearer(token()));
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('refuses a query that is too deep', async () => {
    await refused('{ items(first: 1) { children(first: 1) { children(first: 1) { children(first: 1) { children(first: 1) { children(first: 1) { id } } } } } } }', 400, 'QUERY_TOO_DEEP');
  });

  it('refuses too many aliases', async () => {
    await refused('{ a: whoami { sub } b: whoami { sub } c: whoami { sub } d: whoami { sub } }', 400, 'TOO_MANY_ALIASES');
  });

  it('refuses a query that is too costly', async () => {
    await refused('{ items(first: 50) { children(first: 50) { id } } }', 400, 'QUERY_TOO_COSTLY');
  });

  it('refuses a query that is too large, before parsing it', async () => {
    // Not even valid GraphQL: the size check runs first.
    await refused(`{ whoami { sub } } #${'x'.repeat(2100)} {{{`, 413, 'QUERY_TOO_LARGE');
  });

  it('refuses a GET query that is too large, even as a repeated parameter', async () => {
    const large = encodeURIComponent(`{ whoami { sub } } #${'x'.repeat(2100)}`);
    const response = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}&query=${large}`, {
      headers: { ...bearer(token()), 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(413);
    expect(codes((await response.json()) as GraphQLBody)).toEqual(['QUERY_TOO_LARGE']);
  });

  it('refuses a body over the JSON limit', async () => {
    const response = await post({ query: WHOAMI, variables: { filler: 'x'.repeat(200_000) } }, bearer(token()));
    expect(response.status).toBe(413);
    expect(codes(response.body)).toEqual(['QUERY_TOO_LARGE']);
  });

  it('refuses malformed JSON with a GraphQL error', async () => {
    const response = await post('{"query": ', bearer(token()));
    expect(response.status).toBe(400);
    expect(codes(response.body)).toEqual(['BAD_REQUEST']);
  });

  it('refuses a document of two operations without an operation name as a bad request, not a server error', async () => {
    const response = await post({ query: `query A ${WHOAMI} query B ${WHOAMI}` }, bearer(token()));
    expect(response.status).toBe(400);
    expect(codes(response.body)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(seen).toHaveLength(0);
  });

  it('refuses a batched request', async () => {
    const response = await post([{ query: WHOAMI }, { query: WHOAMI }], bearer(token()));
    expect(response.status).toBe(400);
    expect(codes(response.body)).toEqual(['BAD_REQUEST']);
    expect(response.body.errors?.[0]?.message).toMatch(/batch/i);
    expect(seen).toHaveLength(0);
  });
});

describe('schema exposure', () => {
  const introspection = '{ __schema { queryType { name } } }';

  it('allows introspection and suggestions outside production', async () => {
    const allowed = await post({ query: introspection }, bearer(token()));
    expect(allowed.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const typo = await post({ query: '{ whoamy { sub } }' }, bearer(token()));
    expect(typo.body.errors?.[0]?.message).toContain('Did you mean');
  });

  it('refuses introspection in production', async () => {
    const response = await post({ query: introspection }, bearer(token()), prodGw.url);
    expect(response.status).toBe(400);
    expect(codes(response.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
  });

  it('gives no field suggestions in production', async () => {
    const response = await post({ query: '{ whoamy { sub } }' }, bearer(token()), prodGw.url);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.message).toContain('whoamy');
    expect(response.body.errors?.[0]?.message).not.toContain('Did you mean');
  });

  const FIND = 'query ($filter: ItemFilter) { find(filter: $filter) { id } }';
  it.each([
    ['a misspelt input field in variables', { filter: { txt: 'a' } }],
    ['a misspelt enum value in variables', { filter: { kind: 'COURS' } }],
  ])('names no schema member for %s in production, though it does in development', async (_case, variables) => {
    const development = await post({ query: FIND, variables }, bearer(token()));
    expect(development.body.errors?.[0]?.message).toContain('Did you mean');
    const response = await post({ query: FIND, variables }, bearer(token()), prodGw.url);
    expect(codes(response.body)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.message).not.toMatch(/Did you mean|"text"|"COURSE"/);
  });

  it('names no schema member for a misspelt argument or inline enum value in production', async () => {
    for (const query of ['{ find(filtr: { text: "a" }) { id } }', '{ find(filter: { kind: COURS }) { id } }']) {
      const response = await post({ query }, bearer(token()), prodGw.url);
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.message).not.toMatch(/Did you mean|"filter"|COURSE/);
    }
  });

  it('serves no landing page in production', async () => {
    const response = await fetch(`${prodGw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toContain('<html');
  });
});

describe('HTTP surface', () => {
  it('refuses a GET query without a preflight header (CSRF)', async () => {
    const query = encodeURIComponent(WHOAMI);
    const response = await fetch(`${gw.url}/graphql?query=${query}`, { headers: bearer(token()) });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
    expect(seen).toHaveLength(0);
  });

  it('answers a GET query that carries the preflight header', async () => {
    const query = encodeURIComponent(WHOAMI);
    const response = await fetch(`${gw.url}/graphql?query=${query}`, {
      headers: { ...bearer(token()), 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as GraphQLBody).data?.whoami).toMatchObject({ sub: user.sub });
  });

  it('allows only the configured CORS origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${gw.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const allowed = await preflight('https://app.region10.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.region10.example');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('GET /health answers 200', async () => {
    const response = await fetch(`${gw.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready answers 200 once the gateway has loaded', async () => {
    const response = await fetch(`${gw.url}/ready`);
    expect(response.status).toBe(200);
  });
});

function capturedLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  const securityEvents = () =>
    lines.map((line) => JSON.parse(line) as { msg: string; security?: Record<string, string> }).filter((line) => line.msg === 'security event').map((line) => line.security);
  return { lines, logger, securityEvents };
}

describe('security log', () => {
  const { lines, logger, securityEvents } = capturedLogger();
  let logged: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    logged = await startGateway(probe.url, {}, logger);
  });
  afterAll(async () => {
    await close(logged.server);
    await logged.gateway.stop();
  });

  it('records failed authentication and refusals with reason, client and subject id, never the token', async () => {
    const expired = token(user, { expiresIn: -60 });
    expect((await post({ query: WHOAMI }, bearer(expired), logged.url)).status).toBe(401);
    const refused = await post({ query: '{ secret }' }, bearer(token()), logged.url);
    expect(codes(refused.body)).toEqual(['FORBIDDEN']);

    const events = securityEvents();
    expect(events).toContainEqual({ kind: 'authentication-failed', reason: 'token expired', client: expect.stringContaining('127.0.0.1') });
    expect(events).toContainEqual({ kind: 'access-refused', reason: 'FORBIDDEN at secret', client: expect.stringContaining('127.0.0.1'), subject: user.sub });
    const all = lines.join('\n');
    expect(all).not.toContain(expired);
    expect(all).not.toContain(expired.split('.')[1]);
  });
});

describe('rate limits', () => {
  let limited: Awaited<ReturnType<typeof startGateway>>;
  const { lines, logger, securityEvents } = capturedLogger();

  beforeAll(async () => {
    limited = await startGateway(
      probe.url,
      { RATE_LIMIT_SUBJECT_PER_SEC: '0.1', RATE_LIMIT_SUBJECT_BURST: '3', RATE_LIMIT_ADDRESS_PER_SEC: '0.1', RATE_LIMIT_ADDRESS_BURST: '8' },
      logger,
    );
  });
  afterAll(async () => {
    await close(limited.server);
    await limited.gateway.stop();
  });

  it('refuses a caller beyond its burst with 429 and Retry-After, while another caller goes on; then limits the address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await post({ query: WHOAMI }, bearer(token()), limited.url)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);

    const refused = await post({ query: WHOAMI }, bearer(token()), limited.url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(codes(refused.body)).toEqual(['RATE_LIMITED']);

    const other = await post({ query: WHOAMI }, bearer(token({ ...user, sub: 'user-43' })), limited.url);
    expect(other.status).toBe(200);

    // the address has now sent 6 of its 8; forged tokens count against it too and are refused before verification
    const forged = [];
    for (let i = 0; i < 3; i += 1) forged.push((await post({ query: WHOAMI }, bearer('forged.token.value'), limited.url)).status);
    expect(forged).toEqual([401, 401, 429]);
    const events = securityEvents();
    expect(events).toContainEqual({ kind: 'rate-limited', reason: 'requests per caller', client: expect.stringContaining('127.0.0.1'), subject: user.sub });
    expect(events).toContainEqual({ kind: 'rate-limited', reason: 'requests per client address', client: expect.stringContaining('127.0.0.1') });
    expect(events).toContainEqual({ kind: 'authentication-failed', reason: 'malformed token', client: expect.stringContaining('127.0.0.1') });
    expect(lines.join('\n')).not.toContain('forged.token.value');
  });
});
