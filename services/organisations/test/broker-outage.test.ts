import { rmSync } from 'node:fs';
import path from 'node:path';
import { TOPICS } from '@hub/shared/contracts';
import { createLogger } from '@hub/shared/logging';
import { createKafka } from '@hub/shared/messaging';
import { startInfrastructure, startKafkaBroker, stopKafkaBroker, withDatabase, type RunningInfrastructure } from '@hub/infra';
import { uniqueName, waitFor } from '@hub/infra/testkit';
import type { Consumer } from 'kafkajs';
import { ADMIN, startHub, type Hub } from './harness';

/**
 * With the broker down a registration still succeeds (its event waits in the outbox) and the event is delivered
 * once the broker is back. This file starts servers of its own, so stopping this broker disturbs no other test.
 */
describe('a registration while Kafka is down', () => {
  const dataDir = path.resolve(__dirname, '../../../.cache/run', uniqueName('broker-outage'));
  let infra: RunningInfrastructure;
  let hub: Hub;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    infra = await startInfrastructure({ dataDir });
    hub = await startHub({ mongoUrl: withDatabase(infra.mongoUrl, 'organisations_outage'), kafkaBrokers: infra.kafkaBrokers });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await hub?.stop();
    await infra?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('succeeds, keeps the event in the outbox, and delivers it exactly once after the broker is back', async () => {
    await stopKafkaBroker(infra.stateFile);

    const result = await hub.gql<{ registerOrganisation: { id: string } }>(
      `mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`,
      { input: { kind: 'EMPLOYER', name: 'Vindelälvens Vård AB (test)', organisationNumber: '556036-0793', municipalityCode: '2422' } },
      hub.token(ADMIN),
    );
    expect(result.errors).toBeUndefined();
    const id = result.data!.registerOrganisation.id;
    // give the relay a few passes against the dead broker: the event must still be waiting
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const waiting = await hub.models.organisations.findById(id).lean();
    expect(waiting?.outbox.map((entry) => entry.type)).toEqual(['OrganisationRegistered']);

    await startKafkaBroker(infra.stateFile);

    const logger = createLogger('outage-consumer', 'silent');
    consumer = createKafka({ brokers: infra.kafkaBrokers, clientId: uniqueName('outage'), logger }).consumer({ groupId: uniqueName('outage') });
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.organisations.name, fromBeginning: true });
    const delivered: string[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(message.value!.toString()) as { aggregateId: string; type: string };
        if (event.aggregateId === id) delivered.push(event.type);
      },
    });

    const deadline = Date.now() + 45_000;
    while (delivered.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(delivered).toEqual(['OrganisationRegistered']);
    // the outbox empties, and nothing more is sent for it
    while ((await hub.models.organisations.findById(id).lean())!.outbox.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await hub.models.organisations.findById(id).lean())!.outbox).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(delivered).toEqual(['OrganisationRegistered']);

    // the consumer of erasure requests is back in its group too
    const admin = createKafka({ brokers: infra.kafkaBrokers, clientId: uniqueName('outage-admin'), logger }).admin();
    await admin.connect();
    try {
      await waitFor(async () => {
        const { groups } = await admin.describeGroups([hub.consumerGroup]);
        return groups[0]?.state === 'Stable' && groups[0].members.length === 1 ? true : undefined;
      }, 45_000);
    } finally {
      await admin.disconnect();
    }
  });
});
