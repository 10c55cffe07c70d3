import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { UnauthenticatedError, type Wording } from '../errors';
import { hubClaimsSchema, toClaimsPayload, type HubClaims } from './claims';

export interface SignUserTokenOptions {
  privateKey: string;
  issuer: string;
  audience: string;
  expiresIn: NonNullable<jwt.SignOptions['expiresIn']>;
}

export interface VerifyUserTokenOptions {
  publicKey: string;
  issuer: string;
  audience: string;
  clockToleranceSec?: number;
}

export const FORWARDED_CLAIMS_HEADER = 'x-hub-forwarded-claims';
const FORWARDED_ISSUER = 'hub-gateway';
const FORWARDED_AUDIENCE = 'hub-subgraph';
const FORWARDED_TTL_SEC = 30;

/** RSA key pair in PEM for development and tests; production keys come from the identity provider. */
export function generateKeyPair(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

export function signUserToken(claims: HubClaims, options: SignUserTokenOptions): string {
  return jwt.sign(toClaimsPayload(claims), options.privateKey, {
    algorithm: 'RS256',
    issuer: options.issuer,
    audience: options.audience,
    expiresIn: options.expiresIn,
  });
}

/** User tokens: RS256 only, so neither `none` nor an HMAC signed with the public key can pass. */
export function verifyUserToken(token: string, options: VerifyUserTokenOptions): HubClaims {
  return verify(token, options.publicKey, {
    algorithms: ['RS256'],
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: options.clockToleranceSec ?? 0,
  });
}

/** An EC P-256 key pair in PEM: the gateway signs forwarded claims with the private key, subgraphs hold the public one. */
export function generateGatewayKeyPair(): { publicKey: string; privateKey: string } {
  return generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/**
 * The gateway's statement of who the caller is, for the subgraphs: signed with the gateway's private key (ES256),
 * so a subgraph, holding only the public key, can verify a call but never forge one to another subgraph.
 * Short-lived so a captured one soon dies.
 */
export function signForwardedClaims(claims: HubClaims, gatewayPrivateKey: string): string {
  return jwt.sign(toClaimsPayload(claims), parsedKey(gatewayPrivateKey, 'private'), {
    algorithm: 'ES256',
    issuer: FORWARDED_ISSUER,
    audience: FORWARDED_AUDIENCE,
    expiresIn: FORWARDED_TTL_SEC,
  });
}

export function verifyForwardedClaims(value: string, gatewayPublicKey: string): HubClaims {
  return verify(value, parsedKey(gatewayPublicKey, 'public'), { algorithms: ['ES256'], issuer: FORWARDED_ISSUER, audience: FORWARDED_AUDIENCE });
}

/**
 * Parsing a PEM costs more than the signature itself (a sixth of the gateway's CPU when it was done per request), so
 * each key is parsed once; a process only ever sees a handful.
 */
const parsedKeys = new Map<string, KeyObject>();

export function parsedKey(pem: string, kind: 'private' | 'public'): KeyObject {
  const cacheKey = `${kind}:${pem}`;
  let key = parsedKeys.get(cacheKey);
  if (!key) {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
    parsedKeys.set(cacheKey, key);
  }
  return key;
}

function verify(token: string, key: string | KeyObject, options: jwt.VerifyOptions & { algorithms: jwt.Algorithm[] }): HubClaims {
  const claims = hubClaimsSchema.safeParse(verifySignedPayload(token, key, options));
  if (!claims.success) throw new UnauthenticatedError(TOKEN_REFUSALS.invalidClaims);
  return claims.data;
}

/** Why a token is refused, short and without echoing the token or the expected values back to the caller. */
export const TOKEN_REFUSALS = {
  missing: { en: 'missing token', sv: 'inloggningsbevis saknas' },
  noExpiry: { en: 'token has no expiry', sv: 'inloggningsbeviset saknar giltighetstid' },
  expired: { en: 'token expired', sv: 'inloggningen har gått ut' },
  notYetValid: { en: 'token not yet valid', sv: 'inloggningsbeviset gäller inte än' },
  wrongAudience: { en: 'wrong audience', sv: 'inloggningsbeviset är utfärdat för en annan mottagare' },
  wrongIssuer: { en: 'wrong issuer', sv: 'inloggningsbeviset är utfärdat av fel utfärdare' },
  invalidSignature: { en: 'invalid signature', sv: 'ogiltig signatur' },
  algorithmNotAllowed: { en: 'algorithm not allowed', sv: 'algoritmen är inte tillåten' },
  malformed: { en: 'malformed token', sv: 'felaktigt utformat inloggningsbevis' },
  invalid: { en: 'invalid token', sv: 'ogiltigt inloggningsbevis' },
  invalidClaims: { en: 'invalid claims', sv: 'ogiltiga uppgifter i inloggningen' },
} satisfies Record<string, Wording>;

/**
 * The verified payload of a JWT, or an UnauthenticatedError with a short reason. The options must pin the
 * algorithms; a token without expiry would be valid forever, so the hub accepts none.
 */
export function verifySignedPayload(token: string, key: string | KeyObject, options: jwt.VerifyOptions & { algorithms: jwt.Algorithm[] }): jwt.JwtPayload {
  if (typeof token !== 'string' || token.length === 0) throw new UnauthenticatedError(TOKEN_REFUSALS.missing);
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, key, options);
  } catch (error) {
    throw new UnauthenticatedError(reasonFor(error));
  }
  if (typeof payload === 'string' || typeof payload.exp !== 'number') {
    throw new UnauthenticatedError(TOKEN_REFUSALS.noExpiry);
  }
  return payload;
}

/** The refusal for what jsonwebtoken found wrong. */
function reasonFor(error: unknown): Wording {
  if (error instanceof jwt.TokenExpiredError) return TOKEN_REFUSALS.expired;
  if (error instanceof jwt.NotBeforeError) return TOKEN_REFUSALS.notYetValid;
  if (error instanceof jwt.JsonWebTokenError) {
    const message = error.message;
    if (message.startsWith('jwt audience invalid')) return TOKEN_REFUSALS.wrongAudience;
    if (message.startsWith('jwt issuer invalid')) return TOKEN_REFUSALS.wrongIssuer;
    if (message === 'invalid signature') return TOKEN_REFUSALS.invalidSignature;
    if (message === 'invalid algorithm' || message.includes('must be a')) return TOKEN_REFUSALS.algorithmNotAllowed;
    if (message === 'jwt signature is required') return TOKEN_REFUSALS.algorithmNotAllowed;
    if (message === 'jwt malformed' || message.startsWith('invalid token') || message.includes('malformed')) {
      return TOKEN_REFUSALS.malformed;
    }
  }
  return TOKEN_REFUSALS.invalid;
}
