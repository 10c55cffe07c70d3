import { hubClaimsSchema, parsedKey, TOKEN_REFUSALS, verifySignedPayload, type HubClaims, type Role } from '@hub/shared/auth';
import { UnauthenticatedError, type Wording } from '@hub/shared/errors';
import jwt from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { isKeyedIssuer, roleOf, type IssuerConfig } from './issuers';

export interface VerifierOptions {
  /** Seconds of clock difference tolerated on `exp` and `nbf`. */
  clockToleranceSec: number;
  /** At most this many JWKS fetches per issuer and minute, so a flood of forged `kid`s cannot make it fetch in a loop. */
  jwksRequestsPerMinute: number;
  /** A failed discovery is retried no sooner than this. */
  discoveryRetryMs: number;
  fetchTimeoutMs: number;
}

export const DEFAULT_VERIFIER_OPTIONS: VerifierOptions = { clockToleranceSec: 30, jwksRequestsPerMinute: 10, discoveryRetryMs: 10_000, fetchTimeoutMs: 5_000 };

const UNKNOWN_SIGNING_KEY: Wording = { en: 'unknown signing key', sv: 'okänd signeringsnyckel' };
const KEYS_UNAVAILABLE: Wording = { en: "the issuer's keys are unavailable", sv: 'utfärdarens nycklar går inte att nå' };

/**
 * An OpenID Connect issuer's signing keys: the discovery document once, then jwks-rsa fetches and caches the JWKS,
 * fetching again only for a `kid` it has not seen (a rotated key), within its rate limit.
 */
class DiscoveredKeys {
  private client: Promise<JwksClient> | undefined;
  private failedAt = 0;

  constructor(
    private readonly issuer: string,
    private readonly options: VerifierOptions,
  ) {}

  async publicKey(kid: string | undefined): Promise<string> {
    const client = await this.jwksClient();
    try {
      return (await client.getSigningKey(kid)).getPublicKey();
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'SigningKeyNotFoundError') throw new UnauthenticatedError(UNKNOWN_SIGNING_KEY);
      if (name === 'JwksRateLimitError') throw new UnauthenticatedError(UNKNOWN_SIGNING_KEY);
      throw new UnauthenticatedError(KEYS_UNAVAILABLE);
    }
  }

  private jwksClient(): Promise<JwksClient> {
    if (!this.client && Date.now() - this.failedAt < this.options.discoveryRetryMs) {
      return Promise.reject(new UnauthenticatedError(KEYS_UNAVAILABLE));
    }
    this.client ??= this.discover().catch((error: unknown) => {
      this.client = undefined;
      this.failedAt = Date.now();
      throw error;
    });
    return this.client;
  }

  private async discover(): Promise<JwksClient> {
    const url = `${this.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(this.options.fetchTimeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      document = (await response.json()) as typeof document;
    } catch {
      throw new UnauthenticatedError(KEYS_UNAVAILABLE);
    }
    // OpenID Connect Discovery §4.3: the document must name the issuer it was fetched for
    if (document.issuer !== this.issuer || typeof document.jwks_uri !== 'string') {
      throw new UnauthenticatedError(KEYS_UNAVAILABLE);
    }
    return new JwksClient({
      jwksUri: document.jwks_uri,
      cache: true,
      cacheMaxEntries: 20,
      cacheMaxAge: 10 * 60_000,
      rateLimit: true,
      jwksRequestsPerMinute: this.options.jwksRequestsPerMinute,
      timeout: this.options.fetchTimeoutMs,
    });
  }
}

function claimAt(payload: jwt.JwtPayload, path: string): unknown {
  if (path in payload) return payload[path];
  return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

/**
 * Verifies a caller's access token against the configured issuers and maps it to the hub's claims. The token's
 * `iss` picks the issuer; its algorithms, audience, expiry and not-before are then checked strictly, and a token
 * whose roles mean nothing to the hub is refused.
 */
export class TokenVerifier {
  private readonly issuers: Map<string, { config: IssuerConfig; key: (kid: string | undefined) => Promise<string> }>;

  constructor(issuers: IssuerConfig[], private readonly options: VerifierOptions = DEFAULT_VERIFIER_OPTIONS) {
    this.issuers = new Map(
      issuers.map((config) => {
        if (isKeyedIssuer(config)) return [config.issuer, { config, key: async () => config.publicKey }];
        const keys = new DiscoveredKeys(config.issuer, options);
        return [config.issuer, { config, key: (kid) => keys.publicKey(kid) }];
      }),
    );
  }

  async verify(token: string): Promise<HubClaims> {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') throw new UnauthenticatedError(TOKEN_REFUSALS.malformed);
    const issuer = this.issuers.get(String(decoded.payload.iss));
    if (!issuer) throw new UnauthenticatedError(TOKEN_REFUSALS.wrongIssuer);
    const { config } = issuer;
    if (!(config.algorithms as string[]).includes(decoded.header.alg)) throw new UnauthenticatedError(TOKEN_REFUSALS.algorithmNotAllowed);

    const payload = verifySignedPayload(token, parsedKey(await issuer.key(decoded.header.kid), 'public'), {
      algorithms: config.algorithms,
      issuer: config.issuer,
      audience: config.audience,
      clockTolerance: this.options.clockToleranceSec,
    });
    return mapClaims(payload, config);
  }
}

function mapClaims(payload: jwt.JwtPayload, config: IssuerConfig): HubClaims {
  const rawRoles = claimAt(payload, config.claims.roles);
  const roles = [...new Set([rawRoles].flat().map((value) => roleOf(value, config.roleValues)).filter((role): role is Role => role !== undefined))];
  if (roles.length === 0) throw new UnauthenticatedError({ en: 'the token carries no role the hub knows', sv: 'inloggningsbeviset anger ingen roll som navet känner till' });
  const organisationId = claimAt(payload, config.claims.organisationId);
  const municipalityCode = claimAt(payload, config.claims.municipalityCode);
  const claims = hubClaimsSchema.safeParse({
    sub: payload.sub,
    roles,
    ...(organisationId !== undefined && { organisationId }),
    ...(municipalityCode !== undefined && { municipalityCode }),
  });
  if (!claims.success) throw new UnauthenticatedError(TOKEN_REFUSALS.invalidClaims);
  return claims.data;
}
