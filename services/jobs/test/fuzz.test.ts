// The whole graph fuzzed through the real gateway: inputs generated from the composed supergraph's own argument
// types by fast-check — wrong types, out-of-range and oversize values, Unicode edge cases, MongoDB operators in
// string and object positions, unknown ids; malformed, expired, wrong-issuer, wrong-audience, wrong-kid and forged
// tokens; deep, aliased, batched and oversize queries. Every input is one the hub must refuse or answer without
// writing. Invariants: no HTTP 5xx, every error with a code (and a path when the operation ran), no internal error,
// no process down, and no write: a digest of every database before and after (and around each mutation that reaches
// a resolver, so a write shrinks to the input that made it).
//
// The hub here runs on servers of its own (Kafka, PostgreSQL, FerretDB), so no other test file's events change its
// databases while they are compared. FUZZ_RUNS (default 2000) and FUZZ_SEED set the run; `npm run fuzz` runs 10,000.
import { createHash, createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import jwt from 'jsonwebtoken';
import mongoose from 'mongoose';
import pino from 'pino';
import { generateKeyPair, ROLES, type HubClaims, type Role } from '@hub/shared/auth';
import { cacheDir, startInfrastructure, type RunningInfrastructure } from '@hub/infra';
import { uniqueName } from '@hub/infra/testkit';
import { DEV_AUDIENCE as AUDIENCE, DEV_ISSUER as ISSUER } from '../src/cli/dev-token';
import { startWholeHub, type WholeHub } from './whole-hub';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
jest.setTimeout(Math.max(600_000, RUNS * 300));

const strangerKeys = generateKeyPair();
/** The services' error lines, kept so that an internal error is reported with what the service logged for it. */
const serviceErrors: string[] = [];
const logger = pino({ level: 'error' }, { write: (line: string) => serviceErrors.push(line) });
const SERVICES = ['organisations', 'offerings', 'matchmaking', 'migration', 'jobs'] as const;
/**
 * Operations that write by design for any well-formed id, so they are fuzzed only with defects that stop them before
 * the resolver: the right of access logs the admin's request in the access log, and an erasure is requested and
 * carried out in every service for an id none of them may know (no service can tell that another holds nothing).
 */
const WRITES_FOR_ANY_ID = new Set(['personalData', 'erasePerson']);
/** The gateway allows a depth of 10 (DEFAULT_LIMITS). */
const DEEPER_THAN_ALLOWED = 12;

let infrastructure: RunningInfrastructure;
let hub: WholeHub;
let schema: GraphQLSchema;
const codes = new Map<string, number>();
let inputs = 0;
let serverErrors = 0;

beforeAll(async () => {
  infrastructure = await startInfrastructure({ dataDir: path.join(cacheDir(), 'run', uniqueName('fuzz')), throwaway: true });
  hub = await startWholeHub('fuzz', { endpoints: infrastructure, logger });
  const introspection = await hub.gateway.gql<IntrospectionQuery>(getIntrospectionQuery(), {}, hub.gateway.token({ roles: ['admin'] }));
  schema = buildClientSchema(introspection.data!);
}, 300_000);

afterAll(async () => {
  await hub?.stop();
  await infrastructure?.stop();
  const byCode = Object.fromEntries([...codes].sort(([, a], [, b]) => b - a));
  console.log(`fuzz: seed ${SEED}, ${inputs} inputs; answers by error code ${JSON.stringify(byCode)}; HTTP 5xx: ${serverErrors}`);
});

// ---- what the databases hold ---------------------------------------------------------------------------------------

/** Every document of every collection of every service's database, hashed in _id order. */
async function digest(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const service of SERVICES) {
    const connection = await mongoose.createConnection(hub.databases[service]).asPromise();
    try {
      const collections = (await connection.db!.listCollections().toArray()).map((collection) => collection.name).sort();
      for (const name of collections) {
        const documents = await connection.db!.collection(name).find({}).sort({ _id: 1 }).toArray();
        result[`${service}.${name}`] = createHash('sha256').update(JSON.stringify(documents)).digest('hex');
      }
    } finally {
      await connection.close();
    }
  }
  return result;
}

// ---- tokens ----------------------------------------------------------------------------------------------------------

const now = (): number => Math.floor(Date.now() / 1000);
const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

const callerArb: fc.Arbitrary<HubClaims> = fc.record({
  sub: fc.constantFrom('fuzz-person-1', 'fuzz-person-2', 'dev:mala.naringsliv'),
  roles: fc.subarray([...ROLES] as Role[], { minLength: 1, maxLength: 2 }),
  organisationId: fc.option(fc.constantFrom('665f0c2b9d3a4e5f6a7b8c9d', 'org-1', "{'$ne':null}"), { nil: undefined }),
  municipalityCode: fc.option(fc.constantFrom('2418', '2422', '2480', '0180'), { nil: undefined }),
}).map((claims) => Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined)) as unknown as HubClaims);

type TokenCase = 'valid' | 'none' | 'malformed' | 'expired' | 'wrong-issuer' | 'wrong-audience' | 'wrong-kid' | 'forged' | 'alg-none' | 'hmac-with-public-key';
const BAD_TOKENS: TokenCase[] = ['none', 'malformed', 'expired', 'wrong-issuer', 'wrong-audience', 'wrong-kid', 'forged', 'alg-none', 'hmac-with-public-key'];
const wrongKidKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

function bearer(kind: TokenCase, claims: HubClaims): string | undefined {
  const sign = (key: jwt.Secret, options: jwt.SignOptions) => jwt.sign({ ...claims }, key, { algorithm: 'RS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 300, ...options });
  switch (kind) {
    case 'valid':
      return hub.gateway.token(claims);
    case 'none':
      return undefined;
    case 'malformed':
      return 'not.a.token';
    case 'expired':
      return jwt.sign({ ...claims, exp: now() - 120 }, hub.keys.privateKey, { algorithm: 'RS256', issuer: ISSUER, audience: AUDIENCE });
    case 'wrong-issuer':
      return sign(hub.keys.privateKey, { issuer: 'https://elsewhere.example' });
    case 'wrong-audience':
      return sign(hub.keys.privateKey, { audience: 'another-graph' });
    case 'wrong-kid':
      return sign(wrongKidKey, { keyid: randomUUID() });
    case 'forged':
      return sign(strangerKeys.privateKey, {});
    case 'alg-none':
      return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iss: ISSUER, aud: AUDIENCE, exp: now() + 300 })}.`;
    case 'hmac-with-public-key': {
      const head = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ ...claims, iss: ISSUER, aud: AUDIENCE, exp: now() + 300 })}`;
      return `${head}.${createHmac('sha256', hub.keys.publicKey).update(head).digest('base64url')}`;
    }
  }
}

// ---- values from the schema's input types -------------------------------------------------------------------------

const OPERATORS = [{ $ne: null }, { $where: 'sleep(1000) || true' }, { $regex: '.*' }, { $gt: '' }, { $in: [] }, { $expr: { $eq: [1, 1] } }];
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\u202Efdp.exe',
  'e\u0301',
  '\uFEFF',
  '𝔐𝔞𝔩å',
  '🏔️🧑🏽‍🌾',
  '$where',
  '$ne',
  '{"$ne":null}',
  '.*',
  "'; DROP TABLE organisations; --",
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  'å'.repeat(20_000),
];
const HEX_ID = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 24, maxLength: 24 });

const stringArb = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom(...NASTY_STRINGS));
const intArb = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(-1, 0, 1, 100, 1_000_000, 2 ** 31 - 1, -(2 ** 31)));

/** A value of the right GraphQL type (so it reaches the resolver), its content hostile where the type allows. */
function validValue(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return validValue(type.ofType, depth);
  const nullable = (arbitrary: fc.Arbitrary<unknown>) => fc.oneof({ weight: 5, arbitrary }, { weight: 1, arbitrary: fc.constant(null) });
  if (isListType(type)) return nullable(fc.array(validValue(type.ofType, depth + 1), { maxLength: depth > 2 ? 0 : 3 }));
  if (isEnumType(type)) return nullable(fc.constantFrom(...type.getValues().map((value) => value.name)));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    if (depth > 3) return fc.constant(Object.fromEntries(fields.filter((field) => isNonNullType(field.type)).map((field) => [field.name, null])));
    const shape = Object.fromEntries(fields.map((field) => [field.name, validValue(field.type, depth + 1)]));
    const required = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
    return nullable(fc.record(shape, { requiredKeys: required }));
  }
  switch (type.name) {
    case 'ID':
      return nullable(fc.oneof(HEX_ID, fc.constantFrom('de7000000000000000000001', 'not-an-id', '$ne', ''), stringArb));
    case 'String':
      return nullable(stringArb);
    case 'Int':
      return nullable(intArb);
    case 'Float':
      return nullable(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-1, 0, 1e300)));
    case 'Boolean':
      return nullable(fc.boolean());
    case 'Date':
    case 'DateTime':
      return nullable(fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', 'yesterday', '2026-01-01', '2026-01-01T25:00:00Z', '9999-12-31T23:59:59Z', ''));
    default:
      // JSON and any other custom scalar: objects with MongoDB operators, deep or odd values
      return nullable(fc.oneof(fc.constantFrom(...OPERATORS), fc.object({ maxDepth: 2 }), stringArb));
  }
}

/** A value GraphQL itself must refuse for this type: an operator object, a wrong primitive, an unknown field. */
function invalidValue(type: GraphQLInputType): fc.Arbitrary<unknown> {
  const named = getNamedType(type);
  const wrong: Array<fc.Arbitrary<unknown>> = [fc.constantFrom(...OPERATORS)];
  if (isNonNullType(type)) wrong.push(fc.constant(null));
  if (isScalarType(named) && ['ID', 'String'].includes(named.name)) wrong.push(fc.constantFrom(true, 12.5, [{ $ne: 1 }]));
  if (isScalarType(named) && named.name === 'Int') wrong.push(fc.constantFrom('5', 2 ** 31, 2 ** 53, 1.5, true));
  if (isScalarType(named) && named.name === 'Float') wrong.push(fc.constantFrom('1.0', true, []));
  if (isScalarType(named) && named.name === 'Boolean') wrong.push(fc.constantFrom('true', 0, 1));
  if (isEnumType(named)) wrong.push(fc.constantFrom('NOT_A_VALUE', named.getValues()[0]!.name.toLowerCase(), 7));
  if (isInputObjectType(named)) wrong.push(fc.constantFrom({ $where: 'true' }, { unknownField: 1 }, 'a string', 5));
  if (isScalarType(named) && !['ID', 'String', 'Int', 'Float', 'Boolean', 'JSON'].includes(named.name)) wrong.push(fc.constantFrom(12, { $gt: '' }, true));
  return fc.oneof(...wrong);
}

// ---- operations ----------------------------------------------------------------------------------------------------

interface RootField {
  operation: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

function rootFields(): RootField[] {
  const fields: RootField[] = Object.values(schema.getQueryType()!.getFields()).map((field) => ({ operation: 'query', field }));
  const mutation = schema.getMutationType();
  if (mutation) fields.push(...Object.values(mutation.getFields()).map((field) => ({ operation: 'mutation' as const, field })));
  return fields;
}

function operationText({ operation, field }: RootField, alias = 'result', repeat = 1): string {
  const variables = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = field.args.length > 0 ? `(${field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const body = Array.from({ length: repeat }, (_unused, index) => `${repeat > 1 ? `${alias}${index}` : alias}: ${field.name}${args}${selection}`).join(' ');
  return `${operation} Fuzz${variables ? `(${variables})` : ''} { ${body} }`;
}

/**
 * A query nested deeper than the gateway allows, along object fields that need no arguments: a depth-first walk
 * that follows the schema's cycles (an organisation's municipality's organisations…).
 */
function deepQuery(levels: number): string {
  const walk = (type: ReturnType<GraphQLSchema['getQueryType']> & object, depth: number): string[] | undefined => {
    if (depth === levels) return [];
    for (const field of Object.values(type.getFields())) {
      const next = getNamedType(field.type);
      if (!isObjectType(next) || field.args.some((arg) => isNonNullType(arg.type))) continue;
      const rest = walk(next, depth + 1);
      if (rest) return [field.name, ...rest];
    }
    return undefined;
  };
  const names = walk(schema.getQueryType()!, 0);
  if (!names) throw new Error(`no chain of ${levels} object fields without required arguments in the schema`);
  return `query Deep { ${names.map((name) => `${name} {`).join(' ')} __typename ${'}'.repeat(names.length)} }`;
}

interface FuzzInput {
  kind: 'token' | 'type' | 'shape' | 'resolver';
  operation: 'query' | 'mutation';
  field: string;
  body: unknown;
  token: TokenCase;
  claims: HubClaims;
}

const fieldsArb = () => fc.constantFrom(...rootFields());

function variablesArb(root: RootField): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(root.field.args.map((arg) => [arg.name, validValue(arg.type)])), { requiredKeys: [] });
}

/** Inputs that must be refused before any resolver: a bad token, or variables GraphQL cannot accept. */
function tokenInputArb(): fc.Arbitrary<FuzzInput> {
  return fieldsArb().chain((root) =>
    fc.record({ variables: variablesArb(root), token: fc.constantFrom(...BAD_TOKENS), claims: callerArb }).map(({ variables, token, claims }) => ({
      kind: 'token' as const,
      operation: root.operation,
      field: root.field.name,
      body: { query: operationText(root), variables },
      token,
      claims,
    })),
  );
}

function typeInputArb(): fc.Arbitrary<FuzzInput> {
  const withArgs = rootFields().filter((root) => root.field.args.length > 0);
  return fc.constantFrom(...withArgs).chain((root) =>
    fc
      .record({
        variables: variablesArb(root),
        broken: fc.constantFrom(...root.field.args).chain((arg: GraphQLArgument) => invalidValue(arg.type).map((value) => [arg.name, value] as const)),
        claims: callerArb,
      })
      .map(({ variables, broken, claims }) => ({
        kind: 'type' as const,
        operation: root.operation,
        field: root.field.name,
        body: { query: operationText(root), variables: { ...variables, [broken[0]]: broken[1] } },
        token: 'valid' as const,
        claims,
      })),
  );
}

function shapeInputArb(): fc.Arbitrary<FuzzInput> {
  return fc.tuple(fieldsArb(), callerArb, fc.constantFrom('deep', 'aliases', 'batch', 'oversize', 'unparsable', 'two-operations')).map(([root, claims, shape]) => {
    const bodies: Record<string, unknown> = {
      deep: { query: deepQuery(DEEPER_THAN_ALLOWED) },
      aliases: { query: operationText(root, 'a', 60), variables: {} },
      batch: [{ query: operationText(root) }, { query: operationText(root) }],
      oversize: { query: `${operationText(root)} # ${'x'.repeat(40_000)}` },
      unparsable: { query: `${operationText(root)} {{{ $where` },
      'two-operations': { query: `${operationText(root)} ${operationText(root).replace('Fuzz', 'Other')}` },
    };
    return { kind: 'shape' as const, operation: root.operation, field: root.field.name, body: bodies[shape], token: 'valid' as const, claims };
  });
}

/**
 * Inputs that reach the resolvers: a valid token and well-typed variables, every id among them unknown, so each
 * operation must find nothing to act on — refused, or answered with nothing — and write nothing.
 */
function resolverInputArb(): fc.Arbitrary<FuzzInput> {
  const withIds = rootFields().filter((root) => !WRITES_FOR_ANY_ID.has(root.field.name) && root.field.args.some((arg) => getNamedType(arg.type).name === 'ID'));
  return fc.constantFrom(...withIds).chain((root) =>
    fc.record({ variables: variablesArb(root), ids: fc.array(HEX_ID, { minLength: root.field.args.length, maxLength: root.field.args.length }), claims: callerArb }).map(({ variables, ids, claims }) => {
      const unknownIds = Object.fromEntries(
        root.field.args.flatMap((arg, index) => {
          if (getNamedType(arg.type).name !== 'ID') return [];
          return [[arg.name, isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type) ? [ids[index]] : ids[index]]];
        }),
      );
      return { kind: 'resolver' as const, operation: root.operation, field: root.field.name, body: { query: operationText(root), variables: { ...variables, ...unknownIds } }, token: 'valid' as const, claims };
    }),
  );
}

// ---- the property ---------------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ message?: string; path?: unknown[]; extensions?: { code?: unknown } }> };
}

async function send(input: FuzzInput): Promise<Answer> {
  const token = bearer(input.token, input.claims);
  const response = await fetch(hub.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token !== undefined && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(input.body),
  });
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    throw new Error(`HTTP ${response.status} without a JSON body: ${text.slice(0, 200)}`);
  }
  return { status: response.status, body };
}

function check(input: FuzzInput, answer: Answer): void {
  if (answer.status >= 500) {
    serverErrors += 1;
    console.log(`fuzz: HTTP ${answer.status} for ${JSON.stringify(input).slice(0, 600)}: ${JSON.stringify(answer.body).slice(0, 400)}`);
  }
  expect({ status: answer.status, ok: answer.status < 500 }).toEqual({ status: answer.status, ok: true });
  const errors = answer.body.errors ?? [];
  if (input.kind !== 'resolver') expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'NO CODE';
    codes.set(code, (codes.get(code) ?? 0) + 1);
    const logged = code === 'INTERNAL_SERVER_ERROR' ? serviceErrors.slice(-3) : [];
    expect({ message: error.message, code, logged }).toEqual({ message: error.message, code: expect.not.stringMatching(/^(NO CODE|INTERNAL_SERVER_ERROR)$/), logged });
    // an error from an operation that ran names the field it came from; refusals before running have no field
    if (answer.body.data !== undefined) expect({ message: error.message, path: error.path }).toEqual({ message: error.message, path: expect.any(Array) });
  }
  if (errors.length === 0) codes.set('none (data)', (codes.get('none (data)') ?? 0) + 1);
}

describe('the whole graph, fuzzed through the gateway', () => {
  it(`answers ${RUNS} hostile inputs with clear errors, no 5xx, and writes nothing`, async () => {
    const before = await digest();
    await fc.assert(
      fc.asyncProperty(fc.oneof(tokenInputArb(), typeInputArb(), shapeInputArb(), resolverInputArb()), async (input) => {
        inputs += 1;
        const mayWrite = input.kind === 'resolver' && input.operation === 'mutation';
        const around = mayWrite ? await digest() : undefined;
        check(input, await send(input));
        if (around) expect(await digest()).toEqual(around);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false },
    );
    expect(await digest()).toEqual(before);
    for (const url of [hub.gateway.url.replace(/\/graphql$/, '/health'), ...Object.values(hub.gateway.subgraphUrls).map((url) => url.replace(/\/graphql$/, '/health'))]) {
      expect((await fetch(url)).status).toBe(200);
    }
  });
});
