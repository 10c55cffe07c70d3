import { setTimeout as sleep } from 'node:timers/promises';

export { clientCredentialsTokens, TokenRequestError, type ClientCredentialsOptions } from './client-credentials';

/**
 * A minimal client of the hub's gateway for scripts and jobs (demo seeds, integration jobs): they use the graph
 * with a token like any partner, never another service's database.
 */
export interface GatewayClient {
  /** Resolves with `data`; rejects with a GatewayRefusal when the gateway answers with errors. */
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export interface GraphQLErrorDetail {
  message: string;
  code?: string;
  /** The input at fault, e.g. `input.3.vacancy.occupationCode`. */
  field?: string;
  /** The hub's own wording of the error in Swedish and English, where the service gives it. */
  texts?: { sv: string; en: string };
}

/** The gateway answered with GraphQL errors; kept whole so a job can tell a bad item from a bad run. */
export class GatewayRefusal extends Error {
  constructor(readonly errors: GraphQLErrorDetail[]) {
    super(`gateway refused: ${errors.map((error) => (error.code ? `${error.message} (${error.code})` : error.message)).join('; ')}`);
    this.name = 'GatewayRefusal';
  }

  /** The first error with this code, if any. */
  find(code: string): GraphQLErrorDetail | undefined {
    return this.errors.find((error) => error.code === code);
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: unknown; field?: unknown; texts?: { sv?: unknown; en?: unknown } | null } }>;
}

/**
 * A refusal keeps each error's code and field (GatewayRefusal), so a job can set aside the one bad item of a batch;
 * a request that gets no GraphQL answer at all says so with the HTTP status.
 */
export function createGatewayClient(url: string, token: string | (() => Promise<string>), timeoutMs = 60_000): GatewayClient {
  const currentToken = typeof token === 'string' ? () => Promise.resolve(token) : token;
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await currentToken()}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      let body: GraphQLBody<T>;
      try {
        body = JSON.parse(text) as GraphQLBody<T>;
      } catch {
        throw new Error(`the gateway answered HTTP ${response.status} without a GraphQL body`);
      }
      if (body.errors?.length || !body.data) {
        throw new GatewayRefusal(
          (body.errors ?? [{ message: `no data (HTTP ${response.status})` }]).map((error) => ({
            message: error.message,
            ...(typeof error.extensions?.code === 'string' && { code: error.extensions.code }),
            ...(typeof error.extensions?.field === 'string' && { field: error.extensions.field }),
            ...(typeof error.extensions?.texts?.sv === 'string' && typeof error.extensions.texts.en === 'string' && { texts: { sv: error.extensions.texts.sv, en: error.extensions.texts.en } }),
          })),
        );
      }
      return body.data;
    },
  };
}

/** The id of the organisation or project with exactly this name. */
export async function idByName(client: GatewayClient, list: 'organisations' | 'projects', name: string): Promise<string> {
  const data = await client.request<Record<string, { nodes: Array<{ id: string; name: string }> }>>(
    `query ($text: String) { ${list}(filter: { text: $text }, first: 20) { nodes { id name } } }`,
    { text: name },
  );
  const match = data[list]?.nodes.find((node) => node.name === name);
  if (!match) throw new Error(`no ${list} entry named "${name}": seed the organisations service first`);
  return match.id;
}

/**
 * Services learn of other services' records from events, a moment after they are written, so right after one
 * seed the next may be refused for an organisation not heard of yet: such a refusal is retried for a while.
 */
export async function retryWhileCatchingUp<T>(attempt: () => Promise<T>, onRetry: (reason: string) => void, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      onRetry((error as Error).message);
      await sleep(1_000);
    }
  }
}
