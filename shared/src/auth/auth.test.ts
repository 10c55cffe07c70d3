import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { loadConfig } from '../config';
import {
  canActForMunicipality,
  canActForOrganisation,
  gatewayPrivateKeyPem,
  gatewayPublicKeyEnv,
  generateGatewayKeyPair,
  generateKeyPair,
  hasRole,
  issuerPublicKeyPem,
  requireRole,
  signForwardedClaims,
  signUserToken,
  verifyForwardedClaims,
  verifyUserToken,
  type HubClaims,
} from './index';

const keys = generateKeyPair();
const otherKeys = generateKeyPair();
const issuer = 'region10-hub';
const audience = 'region10-hub-graph';
const verifyOptions = { publicKey: keys.publicKey, issuer, audience };
const claims: HubClaims = { sub: 'user-1', roles: ['municipal-staff'], municipalityCode: '2422' };

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);

function expectUnauthenticated(run: () => unknown, reason?: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(UnauthenticatedError);
  const error = thrown as UnauthenticatedError;
  expect(error.code).toBe('UNAUTHENTICATED');
  if (reason) expect(error.message).toBe(reason);
}

describe('user tokens', () => {
  it('round-trips the claims and only the claims', () => {
    const token = signUserToken(claims, { privateKey: keys.privateKey, issuer, audience, expiresIn: '5m' });
    expect(verifyUserToken(token, verifyOptions)).toEqual(claims);
    expect(jwt.decode(token, { complete: true })?.header.alg).toBe('RS256');
  });

  it('rejects an expired token', () => {
    const token = signUserToken(claims, { privateKey: keys.privateKey, issuer, audience, expiresIn: -10 });
    expectUnauthenticated(() => verifyUserToken(token, verifyOptions), 'token expired');
  });

  it('accepts a just-expired token within the clock tolerance', () => {
    const token = signUserToken(claims, { privateKey: keys.privateKey, issuer, audience, expiresIn: -10 });
    expect(verifyUserToken(token, { ...verifyOptions, clockToleranceSec: 30 })).toEqual(claims);
  });

  it('rejects a token for another audience', () => {
    const token = signUserToken(claims, { privateKey: keys.privateKey, issuer, audience: 'elsewhere', expiresIn: '5m' });
    expectUnauthenticated(() => verifyUserToken(token, verifyOptions), 'wrong audience');
  });

  it('rejects a token from another issuer', () => {
    const token = signUserToken(claims, { privateKey: keys.privateKey, issuer: 'evil', audience, expiresIn: '5m' });
    expectUnauthenticated(() => verifyUserToken(token, verifyOptions), 'wrong issuer');
  });

  it('rejects an unsigned alg:none token', () => {
    const payload = { ...claims, iss: issuer, aud: audience, iat: now(), exp: now() + 300 };
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
    expectUnauthenticated(() => verifyUserToken(token, verifyOptions), 'algorithm not allowed');
  });

  it('rejects an HS256 token signed with the public key as HMAC secret', () => {
    const payload = { ...claims, iss: issuer, aud: audience, iat: now(), exp: now() + 300 };
    const header = base64url({ alg: 'HS256', typ: 'JWT' });
    const body = base64url(payload);
    // Crafted by hand because jsonwebtoken itself refuses to HMAC-sign with a PEM key.
    const signature = createHmac('sha256', keys.publicKey).update(`${header}.${body}`).digest('base64url');
    expectUnauthenticated(() => verifyUserToken(`${header}.${body}.${signature}`, verifyOptions), 'algorithm not allowed');
  });

  it('rejects a token signed by another private key', () => {
    const token = signUserToken(claims, { privateKey: otherKeys.privateKey, issuer, audience, expiresIn: '5m' });
    expectUnauthenticated(() => verifyUserToken(token, verifyOptions), 'invalid signature');
  });

  it('rejects an empty string as a missing token', () => {
    expectUnauthenticated(() => verifyUserToken('', verifyOptions), 'missing token');
  });

  it.each(['abc', 'a.b.c', 'a.b', '...', 'Bearer x.y.z'])('rejects the malformed string %j', (token) => {
    expectUnauthenticated(() => verifyUserToken(token, verifyOptions), 'malformed token');
  });

  it('rejects claims with an unknown role', () => {
    const token = jwt.sign({ sub: 'user-1', roles: ['superuser'] }, keys.privateKey, {
      algorithm: 'RS256',
      issuer,
      audience,
      expiresIn: '5m',
    });
    expectUnauthenticated(() => verifyUserToken(token, verifyOptions), 'invalid claims');
  });

  it('rejects a token without expiry', () => {
    const token = jwt.sign({ ...claims }, keys.privateKey, { algorithm: 'RS256', issuer, audience });
    expectUnauthenticated(() => verifyUserToken(token, verifyOptions), 'token has no expiry');
  });

  it('does not echo the token in the error', () => {
    const token = signUserToken(claims, { privateKey: otherKeys.privateKey, issuer, audience, expiresIn: '5m' });
    try {
      verifyUserToken(token, verifyOptions);
      throw new Error('expected a rejection');
    } catch (error) {
      expect((error as Error).message).not.toContain(token.split('.')[1]);
    }
  });

  it('refuses to sign invalid claims', () => {
    const bad = { sub: 'user-1', roles: ['public'], municipalityCode: '25' } as HubClaims;
    expect(() => signUserToken(bad, { privateKey: keys.privateKey, issuer, audience, expiresIn: '5m' })).toThrow();
  });
});

describe('forwarded claims', () => {
  const gateway = generateGatewayKeyPair();
  const otherGateway = generateGatewayKeyPair();

  it('round-trips as a short-lived ES256 token from the gateway to the subgraphs', () => {
    const value = signForwardedClaims(claims, gateway.privateKey);
    expect(verifyForwardedClaims(value, gateway.publicKey)).toEqual(claims);
    const decoded = jwt.decode(value, { complete: true });
    expect(decoded?.header.alg).toBe('ES256');
    const payload = decoded?.payload as jwt.JwtPayload;
    expect(payload.iss).toBe('hub-gateway');
    expect(payload.aud).toBe('hub-subgraph');
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(30);
  });

  it('rejects claims signed with another key', () => {
    expectUnauthenticated(() => verifyForwardedClaims(signForwardedClaims(claims, otherGateway.privateKey), gateway.publicKey), 'invalid signature');
  });

  it('cannot be signed with what a subgraph holds: the public key is no signing key', () => {
    expect(() => signForwardedClaims(claims, gateway.publicKey)).toThrow();
  });

  it('rejects an HS256 token keyed with the gateway public key, the forgery a shared-secret scheme would allow', () => {
    const forged = jwt.sign({ ...claims }, Buffer.from(gateway.publicKey), { algorithm: 'HS256', issuer: 'hub-gateway', audience: 'hub-subgraph', expiresIn: 30 });
    expectUnauthenticated(() => verifyForwardedClaims(forged, gateway.publicKey), 'algorithm not allowed');
  });

  it('rejects expired forwarded claims', () => {
    const value = jwt.sign({ ...claims, iat: now() - 60, exp: now() - 30 }, gateway.privateKey, {
      algorithm: 'ES256',
      issuer: 'hub-gateway',
      audience: 'hub-subgraph',
    });
    expectUnauthenticated(() => verifyForwardedClaims(value, gateway.publicKey), 'token expired');
  });

  it('rejects a user RS256 token passed as the forwarded header', () => {
    const token = signUserToken(claims, { privateKey: keys.privateKey, issuer, audience, expiresIn: '5m' });
    expectUnauthenticated(() => verifyForwardedClaims(token, gateway.publicKey), 'algorithm not allowed');
  });

  it('rejects an ES256 token with the right key but the user-token issuer and audience', () => {
    const value = jwt.sign({ ...claims }, gateway.privateKey, { algorithm: 'ES256', issuer, audience, expiresIn: 30 });
    expectUnauthenticated(() => verifyForwardedClaims(value, gateway.publicKey), 'wrong audience');
  });

  it('rejects a missing header value', () => {
    expectUnauthenticated(() => verifyForwardedClaims('', gateway.publicKey), 'missing token');
  });
});

describe('authorization helpers', () => {
  const staff: HubClaims = { sub: 's', roles: ['partner-staff'], organisationId: 'org-1' };
  const admin: HubClaims = { sub: 'a', roles: ['admin'] };

  it('requireRole passes a holder of any listed role and always an admin', () => {
    expect(() => requireRole(staff, 'partner-staff', 'municipal-staff')).not.toThrow();
    expect(() => requireRole(admin, 'migration-officer')).not.toThrow();
  });

  it('requireRole refuses other roles with FORBIDDEN and no claims with UNAUTHENTICATED', () => {
    expect(() => requireRole(staff, 'migration-officer')).toThrow(ForbiddenError);
    expect(() => requireRole(undefined, 'public')).toThrow(UnauthenticatedError);
  });

  it('hasRole', () => {
    expect(hasRole(staff, 'partner-staff')).toBe(true);
    expect(hasRole(staff, 'integration')).toBe(false);
    expect(hasRole(admin, 'integration')).toBe(true);
    expect(hasRole(undefined, 'public')).toBe(false);
  });

  it('scopes acting to the own organisation and municipality', () => {
    expect(canActForOrganisation(staff, 'org-1')).toBe(true);
    expect(canActForOrganisation(staff, 'org-2')).toBe(false);
    expect(canActForOrganisation(admin, 'org-2')).toBe(true);
    expect(canActForMunicipality(staff, '2422')).toBe(false);
    expect(canActForMunicipality(claims, '2422')).toBe(true);
    expect(canActForMunicipality(claims, '2421')).toBe(false);
    expect(canActForMunicipality(admin, '2421')).toBe(true);
  });
});

describe('key variables', () => {
  const gateway = generateGatewayKeyPair();

  it('accept a PEM with escaped newlines', () => {
    const escaped = gateway.publicKey.trim().replace(/\n/g, '\\n');
    const config = loadConfig(z.object(gatewayPublicKeyEnv), { GATEWAY_PUBLIC_KEY: escaped });
    expect(config.GATEWAY_PUBLIC_KEY).toBe(gateway.publicKey.trim());
  });

  it('refuse a private key, an RSA key or text where the gateway public key belongs', () => {
    const schema = z.object(gatewayPublicKeyEnv);
    for (const value of [gateway.privateKey, keys.publicKey, 'not a key']) {
      expect(() => loadConfig(schema, { GATEWAY_PUBLIC_KEY: value })).toThrow(/GATEWAY_PUBLIC_KEY/);
    }
  });

  it('take RSA and EC P-256 public keys for an issuer, and only a P-256 private key for the gateway', () => {
    expect(issuerPublicKeyPem.safeParse(keys.publicKey).success).toBe(true);
    expect(issuerPublicKeyPem.safeParse(gateway.publicKey).success).toBe(true);
    expect(gatewayPrivateKeyPem.safeParse(gateway.privateKey).success).toBe(true);
    expect(gatewayPrivateKeyPem.safeParse(keys.privateKey).success).toBe(false);
  });
});
