import { z } from 'zod';
import { createGatewayClient, idByName, retryWhileCatchingUp } from '@hub/shared/client';
import { exitOnConfigError, loadConfig } from '@hub/shared/config';
import { createLogger } from '@hub/shared/logging';
import { DEMO_ANALYSES, DEMO_REFERRAL } from './demo-data';

/**
 * Seeds the demo needs analyses and a referral through the gateway, as any integration client would. Idempotent:
 * recording the same analysis again changes nothing, and an open referral is not made twice.
 */
const env = z.object({
  HUB_GATEWAY_URL: z.url({ protocol: /^https?$/ }),
  /** An admin token for the gateway. */
  HUB_SEED_TOKEN: z.string().min(1),
  LOG_LEVEL: z.string().default('info'),
});

async function main(): Promise<void> {
  const config = loadConfig(env, process.env);
  const logger = createLogger('matchmaking-seed', config.LOG_LEVEL);
  const client = createGatewayClient(config.HUB_GATEWAY_URL, config.HUB_SEED_TOKEN);
  const waiting = (reason: string) => logger.info({ reason }, 'waiting for the read models to catch up');

  for (const demo of DEMO_ANALYSES) {
    const companyId = await idByName(client, 'organisations', demo.company);
    const { company: _, ...input } = demo;
    await retryWhileCatchingUp(
      () => client.request('mutation ($id: ID!, $input: NeedsAnalysisInput!) { recordNeeds(companyId: $id, input: $input) { updatedAt } }', { id: companyId, input }),
      waiting,
    );
  }

  const [fromOrganisationId, companyId, toOrganisationId] = await Promise.all(
    [DEMO_REFERRAL.from, DEMO_REFERRAL.company, DEMO_REFERRAL.to].map((name) => idByName(client, 'organisations', name)),
  );
  const sent = await client.request<{ organisation: { referralsSent: Array<{ company: { id: string }; to: { id: string } }> } }>(
    'query ($id: ID!) { organisation(id: $id) { referralsSent { company { id } to { id } } } }',
    { id: fromOrganisationId },
  );
  if (!sent.organisation.referralsSent.some((r) => r.company.id === companyId && r.to.id === toOrganisationId)) {
    await client.request('mutation ($input: ReferralInput!) { referCompany(input: $input) { id } }', {
      input: { companyId, toOrganisationId, fromOrganisationId, note: DEMO_REFERRAL.note },
    });
  }
  logger.info({ analyses: DEMO_ANALYSES.length }, 'demo needs analyses and referral seeded');
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  createLogger('matchmaking-seed').fatal({ err: error }, 'seeding failed');
  process.exit(1);
});
