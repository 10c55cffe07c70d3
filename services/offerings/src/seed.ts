import { z } from 'zod';
import { exitOnConfigError, loadConfig } from '@hub/shared/config';
import { createGatewayClient, idByName, retryWhileCatchingUp, type GatewayClient } from '@hub/shared/client';
import { createLogger } from '@hub/shared/logging';
import { DEMO_OFFERINGS, type DemoOffering } from './demo-data';

/**
 * Seeds the demo offerings through the gateway, as any integration client would: providers and projects are
 * found by name in the organisations subgraph, offerings created and published with the public mutations.
 * Idempotent: an offering whose title the provider already has is left as it is (a leftover draft is published).
 */
const env = z.object({
  HUB_GATEWAY_URL: z.url({ protocol: /^https?$/ }),
  /** An admin token for the gateway. */
  HUB_SEED_TOKEN: z.string().min(1),
  LOG_LEVEL: z.string().default('info'),
});

async function existing(client: GatewayClient, providerId: string, title: string, status: 'PUBLISHED' | 'DRAFT'): Promise<string | undefined> {
  const data = await client.request<{ offerings: { nodes: Array<{ id: string; title: { sv: string } | null }> } }>(
    'query ($filter: OfferingFilter) { offerings(filter: $filter, first: 100) { nodes { id title { sv } } } }',
    { filter: { providerId, text: title, status } },
  );
  return data.offerings.nodes.find((node) => node.title?.sv === title)?.id;
}

async function seedOne(client: GatewayClient, demo: DemoOffering): Promise<'created' | 'kept'> {
  const providerId = await idByName(client, 'organisations', demo.provider);
  const title = (demo.input.title as { sv: string }).sv;
  if (await existing(client, providerId, title, 'PUBLISHED')) return 'kept';
  let id = await existing(client, providerId, title, 'DRAFT');
  if (!id) {
    const projectId = demo.project ? await idByName(client, 'projects', demo.project) : undefined;
    const created = await client.request<{ createOfferingDraft: { id: string } }>(
      'mutation ($input: CreateOfferingDraftInput!) { createOfferingDraft(input: $input) { id } }',
      { input: { ...demo.input, providerId, ...(projectId ? { projectId } : {}) } },
    );
    id = created.createOfferingDraft.id;
  }
  await client.request('mutation ($id: ID!) { publishOffering(id: $id) { id } }', { id });
  return 'created';
}

async function main(): Promise<void> {
  const config = loadConfig(env, process.env);
  const logger = createLogger('offerings-seed', config.LOG_LEVEL);
  const client = createGatewayClient(config.HUB_GATEWAY_URL, config.HUB_SEED_TOKEN);
  const summary = { created: 0, kept: 0 };
  for (const demo of DEMO_OFFERINGS) {
    const outcome = await retryWhileCatchingUp(
      () => seedOne(client, demo),
      (reason) => logger.info({ reason }, 'waiting for the read models to catch up'),
    );
    summary[outcome] += 1;
  }
  logger.info(summary, 'demo offerings seeded');
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  createLogger('offerings-seed').fatal({ err: error }, 'seeding failed');
  process.exit(1);
});
