import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UnauthenticatedError } from '@hub/shared/errors';
import jwt from 'jsonwebtoken';
import { issuersEnv } from './issuers';
import { TokenVerifier, type VerifierOptions } from './verifier';

/**
 * The verifier against a small OpenID issuer served over HTTP (discovery and JWKS, counting every fetch): which
 * tokens pass, what each one maps to, and how often a flood of unknown key ids makes it fetch.
 */
interface SigningKey {
  kid: string;
  alg: 'RS256' | 'PS256' | 'ES256';
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function signingKey(alg: SigningKey['alg']): SigningKey {
  const pair = alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomUUID(), alg, ...pair };
}

const AUDIENCE = 'region10-hub-graph';
const OPTIONS: VerifierOptions = { clockToleranceSec: 5, jwksRequestsPerMinute: 5, discoveryRetryMs: 60_000, fetchTimeoutMs: 2_000 };
const now = (): number => Math.floor(Date.now() / 1000);

let server: Server;
let issuer: string;
let published: SigningKey[];
const fetches = { discovery: 0, jwks: 0 };

beforeAll(async () => {
  published = [signingKey('RS256'), signingKey('PS256'), signingKey('ES256')];
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      fetches.discovery += 1;
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    } else if (req.url === '/jwks') {
      fetches.jwks += 1;
      res.end(JSON.stringify({ keys: published.map((key) => ({ ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, alg: key.alg, use: 'sig' })) }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
});

function token(key: SigningKey, payload: object, options: jwt.SignOptions = {}): string {
  return jwt.sign({ sub: 'person-1', roles: ['municipal-staff'], ...payload }, key.privateKey, {
    algorithm: key.alg,
    keyid: key.kid,
    issuer,
    audience: AUDIENCE,
    expiresIn: 60,
    ...options,
  });
}

function verifier(entry: object = {}, options: VerifierOptions = OPTIONS): TokenVerifier {
  return new TokenVerifier(issuersEnv.parse(JSON.stringify([{ issuer, audience: AUDIENCE, algorithms: ['RS256', 'PS256', 'ES256'], ...entry }])), options);
}

async function refusal(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UnauthenticatedError);
  return (error as Error).message;
}

describe('TokenVerifier with an OpenID issuer', () => {
  it('accepts RS256, PS256 and ES256 tokens from the discovered key set', async () => {
    const subject = verifier();
    for (const key of published) {
      expect(await subject.verify(token(key, { municipalityCode: '2418' }))).toEqual({ sub: 'person-1', roles: ['municipal-staff'], municipalityCode: '2418' });
    }
  });

  it('refuses an algorithm the issuer is not pinned to, before fetching anything', async () => {
    const before = fetches.jwks;
    const subject = verifier({ algorithms: ['ES256'] });
    expect(await refusal(subject.verify(token(published[0]!, {})))).toBe('algorithm not allowed');
    expect(fetches.jwks).toBe(before);
  });

  it('refuses alg none and an HMAC keyed with a public key', async () => {
    const subject = verifier();
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', roles: ['admin'], iss: issuer, aud: AUDIENCE, exp: now() + 60 })).toString('base64url')}.`;
    expect(await refusal(subject.verify(unsigned))).toBe('algorithm not allowed');
    const pem = published[0]!.publicKey.export({ type: 'spki', format: 'pem' });
    const hmac = jwt.sign({ sub: 'x', roles: ['admin'] }, pem, { algorithm: 'HS256', keyid: published[0]!.kid, issuer, audience: AUDIENCE, expiresIn: 60 });
    expect(await refusal(subject.verify(hmac))).toBe('algorithm not allowed');
  });

  const rs256 = (payload: object, options: jwt.SignOptions) =>
    jwt.sign({ sub: 'person-1', roles: ['admin'], ...payload }, published[0]!.privateKey, { algorithm: 'RS256', keyid: published[0]!.kid, issuer, ...options });
  it.each([
    ['expired beyond the tolerance', () => rs256({ exp: now() - 10 }, { audience: AUDIENCE }), 'token expired'],
    ['not valid yet beyond the tolerance', () => rs256({ nbf: now() + 30 }, { audience: AUDIENCE, expiresIn: 60 }), 'token not yet valid'],
    ['for another audience', () => rs256({}, { audience: 'another-graph', expiresIn: 60 }), 'wrong audience'],
    ['without expiry', () => rs256({}, { audience: AUDIENCE }), 'token has no expiry'],
  ])('refuses a token %s', async (_case, make, reason) => {
    expect(await refusal(verifier().verify(make()))).toBe(reason);
  });

  it('accepts a token a little past expiry within the clock tolerance', async () => {
    expect((await verifier().verify(rs256({ exp: now() - 2 }, { audience: AUDIENCE }))).roles).toEqual(['admin']);
  });

  it('refuses another issuer and a malformed token', async () => {
    const subject = verifier();
    expect(await refusal(subject.verify(token(published[0]!, {}, { issuer: 'https://elsewhere.example' })))).toBe('wrong issuer');
    expect(await refusal(subject.verify('a.b.c'))).toBe('malformed token');
    expect(await refusal(subject.verify(''))).toBe('malformed token');
  });

  it('maps roles and scopes from configured, nested claim names and role values', async () => {
    const subject = verifier({
      claims: { roles: 'realm_access.roles', organisationId: 'org', municipalityCode: 'kommun' },
      roleValues: { 'Hub.Adviser': 'partner-staff' },
    });
    const value = token(published[2]!, { roles: undefined, realm_access: { roles: ['offline_access', 'Hub.Adviser', 'migration-officer'] }, org: 'org-7', kommun: '2422' });
    expect(await subject.verify(value)).toEqual({ sub: 'person-1', roles: ['partner-staff', 'migration-officer'], organisationId: 'org-7', municipalityCode: '2422' });
  });

  it('refuses a token whose mapping yields no known role, and one with a malformed scope', async () => {
    const subject = verifier();
    expect(await refusal(subject.verify(token(published[0]!, { roles: ['superuser'] })))).toBe('the token carries no role the hub knows');
    expect(await refusal(subject.verify(token(published[0]!, { roles: 'offline_access' })))).toBe('the token carries no role the hub knows');
    expect(await refusal(subject.verify(token(published[0]!, { municipalityCode: '24' })))).toBe('invalid claims');
  });

  it('fetches the key set again for a new key id (a rotation), within its rate limit under a flood of forged ones', async () => {
    const subject = verifier();
    await subject.verify(token(published[0]!, {}));
    const rotated = signingKey('RS256');
    published.unshift(rotated);
    const before = fetches.jwks;
    expect((await subject.verify(token(rotated, {}))).sub).toBe('person-1');
    expect(fetches.jwks).toBe(before + 1);

    const forgedReasons = new Set<string>();
    for (let attempt = 0; attempt < 40; attempt += 1) {
      forgedReasons.add(await refusal(subject.verify(token(signingKey('RS256'), {}))));
    }
    expect([...forgedReasons]).toEqual(['unknown signing key']);
    // one fetch for the rotation above, at most the per-minute allowance for 40 forged key ids
    expect(fetches.jwks - before).toBeLessThanOrEqual(1 + OPTIONS.jwksRequestsPerMinute);
    // known keys still verify from the cache meanwhile
    expect((await subject.verify(token(rotated, {}))).sub).toBe('person-1');
  });

  it('refuses when the discovery document names another issuer, and retries discovery no sooner than configured', async () => {
    const spoofed = new TokenVerifier(issuersEnv.parse(JSON.stringify([{ issuer: `${issuer}/`, audience: AUDIENCE }])), OPTIONS);
    const value = jwt.sign({ sub: 'x', roles: ['admin'] }, published[0]!.privateKey, { algorithm: 'RS256', keyid: published[0]!.kid, issuer: `${issuer}/`, audience: AUDIENCE, expiresIn: 60 });
    const before = fetches.discovery;
    for (let attempt = 0; attempt < 5; attempt += 1) expect(await refusal(spoofed.verify(value))).toBe("the issuer's keys are unavailable");
    expect(fetches.discovery - before).toBe(1);
  });
});
