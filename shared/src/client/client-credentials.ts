export interface ClientCredentialsOptions {
  /** The OpenID Connect issuer; its discovery document names the token endpoint. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  fetchTimeoutMs?: number;
  now?: () => number;
}

export class TokenRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenRequestError';
  }
}

/** Renew once this share of a token's lifetime has passed, so a call never leaves with one about to expire. */
const RENEW_AT_SHARE = 0.8;

/**
 * An access token from the client credentials grant, for a process with no person behind it (the integration jobs).
 * The token is kept and shared by every caller, and a new one is asked for before the old one expires; concurrent
 * callers wait for the same request.
 */
export function clientCredentialsTokens(options: ClientCredentialsOptions): () => Promise<string> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.fetchTimeoutMs ?? 10_000;
  let tokenEndpoint: string | undefined;
  let current: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function endpoint(): Promise<string> {
    if (tokenEndpoint) return tokenEndpoint;
    const url = `${options.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).catch((error: unknown) => {
      throw new TokenRequestError(`cannot reach the identity provider at ${url}: ${(error as Error).message}`);
    });
    const document = (await response.json().catch(() => ({}))) as { token_endpoint?: unknown };
    if (!response.ok || typeof document.token_endpoint !== 'string') {
      throw new TokenRequestError(`${url} answered HTTP ${response.status} without a token endpoint`);
    }
    tokenEndpoint = document.token_endpoint;
    return tokenEndpoint;
  }

  async function request(): Promise<string> {
    const requestedAt = now();
    const response = await fetch(await endpoint(), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: options.scope }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; error?: unknown };
    if (!response.ok || typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
      // the provider's error code only: its description can echo what was sent
      throw new TokenRequestError(`the identity provider refused the client credentials (HTTP ${response.status}${typeof body.error === 'string' ? `, ${body.error}` : ''})`);
    }
    current = { token: body.access_token, renewAt: requestedAt + body.expires_in * 1000 * RENEW_AT_SHARE };
    return body.access_token;
  }

  return () => {
    if (current && now() < current.renewAt) return Promise.resolve(current.token);
    pending ??= request().finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
