import type { GatewayClient } from '@hub/shared/client';
import { createGatewayClient, GatewayRefusal } from '@hub/shared/client';
import { OperationFailedError } from './exit-codes';

/**
 * The gateway as the command line calls it: a refusal or an unreachable gateway is the operation failing
 * (exit 1), with the gateway's own message and code.
 */
export function cliGateway(url: string, token: string, timeoutMs = 60_000): GatewayClient {
  const client = createGatewayClient(url, token, timeoutMs);
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      try {
        return await client.request<T>(query, variables);
      } catch (error) {
        throw new OperationFailedError(describeGatewayError(url, error));
      }
    },
  };
}

export function describeGatewayError(url: string, error: unknown): string {
  if (error instanceof GatewayRefusal) return error.message;
  const { message, cause } = error as { message?: string; cause?: { code?: string; message?: string } };
  if (message === 'fetch failed') return `cannot reach the gateway at ${url} (${cause?.code ?? cause?.message ?? 'no answer'}): is the hub running (npm start), or HUB_GATEWAY_URL set?`;
  if ((error as { name?: string }).name === 'TimeoutError') return `the gateway at ${url} did not answer in time`;
  return `the gateway at ${url}: ${message ?? String(error)}`;
}
