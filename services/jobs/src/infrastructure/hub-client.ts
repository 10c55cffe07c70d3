import type { GatewayClient } from '@hub/shared/client';

export interface GraphQLErrorDetail {
  message: string;
  code?: string;
  /** The input at fault, e.g. `input.3.vacancy.occupationCode`. */
  field?: string;
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
  errors?: Array<{ message: string; extensions?: { code?: unknown; field?: unknown } }>;
}

/**
 * The hub's gateway as jobs use it: like `@hub/shared/client`, but a refusal keeps each error's code and field
 * (GatewayRefusal), and a request that gets no GraphQL answer at all says so with the HTTP status.
 */
export function createHubClient(url: string, token: string, timeoutMs = 60_000): GatewayClient {
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
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
          })),
        );
      }
      return body.data;
    },
  };
}

/** The gateway takes request bodies up to 100 kB; a job keeps the items of one request under this, leaving room for the rest. */
export const MAX_REQUEST_ITEMS_BYTES = 90 * 1024;

/** Splits items, in order, into runs whose JSON stays under `maxBytes`: a batch of long job ads goes as several requests. */
export function* bySize<T>(items: readonly T[], maxBytes = MAX_REQUEST_ITEMS_BYTES): Generator<T[]> {
  let run: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (run.length > 0 && bytes + size > maxBytes) {
      yield run;
      run = [];
      bytes = 0;
    }
    run.push(item);
    bytes += size;
  }
  if (run.length > 0) yield run;
}
