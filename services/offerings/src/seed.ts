import { z } from 'zod';
import { exitOnConfigError, loadConfig } from '@hub/shared/config';
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

type Config = z.infer<typeof env>;

async function graphql<T>(config: Config, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(config.HUB_GATEWAY_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${config.HUB_SEED_TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (!body.data || body.errors) throw new Error(`gateway refused: ${body.errors?.map((e) => e.message).join('; ') ?? response.status}`);
  return body.data;
}

async function idByName(config: Config, list: 'organisations' | 'projects', name: string): Promise<string> {
  const data = await graphql<Record<string, { nodes: Array<{ id: string; name: string }> }>>(
    config,
    `query ($text: String) { ${list}(filter: { text: $text }, first: 20) { nodes { id name } } }`,
    { text: name },
  );
  const match = data[list]?.nodes.find((node) => node.name === name);
  if (!match) throw new Error(`no ${list} entry named "${name}": seed the organisations service first`);
  return match.id;
}

async function existing(config: Config, providerId: string, title: string, status: 'PUBLISHED' | 'DRAFT'): Promise<string | undefined> {
  const data = await graphql<{ offerings: { nodes: Array<{ id: string; title: { sv: string } | null }> } }>(
    config,
    'query ($filter: OfferingFilter) { offerings(filter: $filter, first: 100) { nodes { id title { sv } } } }',
    { filter: { providerId, text: title, status } },
  );
  return data.offerings.nodes.find((node) => node.title?.sv === title)?.id;
}

async function seedOne(config: Config, demo: DemoOffering): Promise<'created' | 'kept'> {
  const providerId = await idByName(config, 'organisations', demo.provider);
  const title = (demo.input.title as { sv: string }).sv;
  if (await existing(config, providerId, title, 'PUBLISHED')) return 'kept';
  let id = await existing(config, providerId, title, 'DRAFT');
  if (!id) {
    const projectId = demo.project ? await idByName(config, 'projects', demo.project) : undefined;
    const created = await graphql<{ createOfferingDraft: { id: string } }>(
      config,
      'mutation ($input: CreateOfferingDraftInput!) { createOfferingDraft(input: $input) { id } }',
      { input: { ...demo.input, providerId, ...(projectId ? { projectId } : {}) } },
    );
    id = created.createOfferingDraft.id;
  }
  await graphql(config, 'mutation ($id: ID!) { publishOffering(id: $id) { id } }', { id });
  return 'created';
}

/**
 * This service learns providers from organisation events, so right after the organisations seed a provider may not
 * have arrived yet and its offering is refused; such a refusal is retried for a while before the seed gives up.
 */
async function untilReadModelCaughtUp<T>(attempt: () => Promise<T>, logger: ReturnType<typeof createLogger>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      logger.info({ reason: (error as Error).message }, 'waiting for the organisation read model');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

async function main(): Promise<void> {
  const config = loadConfig(env, process.env);
  const logger = createLogger('offerings-seed', config.LOG_LEVEL);
  const summary = { created: 0, kept: 0 };
  for (const demo of DEMO_OFFERINGS) summary[await untilReadModelCaughtUp(() => seedOne(config, demo), logger)] += 1;
  logger.info(summary, 'demo offerings seeded');
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  createLogger('offerings-seed').fatal({ err: error }, 'seeding failed');
  process.exit(1);
});
