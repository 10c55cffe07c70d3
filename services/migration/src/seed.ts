import { z } from 'zod';
import { swedishDate } from '@hub/shared/calendar';
import { createGatewayClient, idByName, retryWhileCatchingUp } from '@hub/shared/client';
import { exitOnConfigError, loadConfig } from '@hub/shared/config';
import { createLogger } from '@hub/shared/logging';
import { DEMO_CANDIDATES, DEMO_CAPACITY, DEMO_VACANCIES } from './demo-data';

/**
 * Seeds the demo vacancies, fictional candidates, a case and a receiving capacity through the gateway, as any
 * integration client would. Idempotent: what already exists is left as it is.
 */
const env = z.object({
  HUB_GATEWAY_URL: z.url({ protocol: /^https?$/ }),
  /** An admin token for the gateway. */
  HUB_SEED_TOKEN: z.string().min(1),
  LOG_LEVEL: z.string().default('info'),
});

async function main(): Promise<void> {
  const config = loadConfig(env, process.env);
  const logger = createLogger('migration-seed', config.LOG_LEVEL);
  const client = createGatewayClient(config.HUB_GATEWAY_URL, config.HUB_SEED_TOKEN);
  const waiting = (reason: string) => logger.info({ reason }, 'waiting for the read models to catch up');

  for (const demo of DEMO_VACANCIES) {
    const employerId = await idByName(client, 'organisations', demo.employer);
    const existing = await client.request<{ organisation: { vacancies: Array<{ title: string }> } }>('query ($id: ID!) { organisation(id: $id) { vacancies { title } } }', { id: employerId });
    if (existing.organisation.vacancies.some((v) => v.title === demo.input.title)) continue;
    await retryWhileCatchingUp(
      () => client.request('mutation ($id: ID!, $input: VacancyInput!) { publishVacancy(employerId: $id, input: $input) { id } }', { id: employerId, input: demo.input }),
      waiting,
    );
  }

  for (const { caseIn, ...candidate } of DEMO_CANDIDATES) {
    const known = await client.request<{ candidates: { nodes: Array<{ id: string }> } }>('query ($m: ID) { candidates(municipalityCode: $m, first: 100) { nodes { id } } }', {
      m: candidate.profile.wishes.municipalityCodes[0],
    });
    if (!known.candidates.nodes.some((c) => c.id === candidate.personId)) {
      await client.request('mutation ($input: RegisterCandidateInput!) { registerCandidate(input: $input) { id } }', { input: candidate });
    }
    if (caseIn) {
      const cases = await client.request<{ candidate: { cases: Array<{ municipality: { code: string } }> } }>('query ($id: ID!) { candidate(id: $id) { cases { municipality { code } } } }', {
        id: candidate.personId,
      });
      if (!cases.candidate.cases.some((c) => c.municipality.code === caseIn)) {
        const opened = await client.request<{ openCase: { id: string } }>('mutation ($c: ID!, $m: ID!) { openCase(candidateId: $c, municipalityCode: $m) { id } }', { c: candidate.personId, m: caseIn });
        await client.request('mutation ($id: ID!) { completeCaseStep(caseId: $id, step: HOUSING) { id } }', { id: opened.openCase.id });
      }
    }
  }

  await client.request('mutation ($m: ID!, $y: Int!, $input: ReceivingCapacityInput!) { setReceivingCapacity(municipalityCode: $m, year: $y, input: $input) { year } }', {
    m: DEMO_CAPACITY.municipalityCode,
    y: Number(swedishDate().slice(0, 4)),
    input: DEMO_CAPACITY.input,
  });
  logger.info({ vacancies: DEMO_VACANCIES.length, candidates: DEMO_CANDIDATES.length }, 'demo vacancies, candidates and a case seeded');
}

main().catch((error: unknown) => {
  exitOnConfigError(error);
  createLogger('migration-seed').fatal({ err: error }, 'seeding failed');
  process.exit(1);
});
