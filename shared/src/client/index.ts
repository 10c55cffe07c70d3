import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A minimal client of the hub's gateway for scripts and jobs (demo seeds, integration jobs): they use the graph
 * with a token like any partner, never another service's database.
 */
export interface GatewayClient {
  /** Resolves with `data`; rejects with the gateway's messages when it answers with errors. */
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export function createGatewayClient(url: string, token: string): GatewayClient {
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
      if (!body.data || body.errors) throw new Error(`gateway refused: ${body.errors?.map((e) => e.message).join('; ') ?? response.status}`);
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
