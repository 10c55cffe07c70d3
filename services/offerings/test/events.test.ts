import { hubEventRegistry, TOPICS } from '@hub/shared/contracts';
import type { EventEnvelope } from '@hub/shared/events';
import { createLogger } from '@hub/shared/logging';
import { createKafka, EventConsumer } from '@hub/shared/messaging';
import { connectMongo } from '@hub/shared/mongo';
import { testEndpoints, uniqueDbUrl, uniqueName } from '@hub/infra/testkit';
import type mongoose from 'mongoose';
import { offeringInput, startHub, waitFor, type Hub } from './harness';

describe('offering events on Kafka', () => {
  let hub: Hub;
  let consumer: EventConsumer;
  let consumerDb: mongoose.Connection;
  const received: EventEnvelope[] = [];

  beforeAll(async () => {
    hub = await startHub();
    const logger = createLogger('test-consumer', process.env.TEST_LOG_LEVEL ?? 'silent');
    consumerDb = await connectMongo(uniqueDbUrl('offering_events'), logger);
    const record = async (event: EventEnvelope) => {
      received.push(event);
    };
    consumer = new EventConsumer({
      kafka: createKafka({ brokers: testEndpoints().kafkaBrokers, clientId: uniqueName('test-consumer'), logger }),
      groupId: uniqueName('offering-events-test'),
      topics: [TOPICS.offerings],
      registry: hubEventRegistry,
      connection: consumerDb,
      logger,
      fromBeginning: true,
      handlers: { OfferingPublished: record, OfferingUpdated: record, OfferingClosed: record },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await consumerDb?.close();
    await hub?.stop();
  });

  it('publishes OfferingPublished, OfferingUpdated and OfferingClosed in order, with ids and codes only, and empties the outbox', async () => {
    const providerId = await hub.registerOrganisation('Almi Företagspartner Nord (events)', '2580');
    const staff = hub.token({ roles: ['partner-staff'], organisationId: providerId });
    const created = await hub.gql<{ createOfferingDraft: { id: string } }>(
      'mutation ($input: CreateOfferingDraftInput!) { createOfferingDraft(input: $input) { id } }',
      { input: offeringInput(providerId) },
      staff,
    );
    const id = created.data!.createOfferingDraft.id;
    // a draft's edits are private: no event until it is published
    await hub.gql('mutation ($id: ID!) { updateOffering(id: $id, input: { capacity: 10 }) { id } }', { id }, staff);
    await hub.gql('mutation ($id: ID!) { publishOffering(id: $id) { id } }', { id }, staff);
    await hub.gql('mutation ($id: ID!) { updateOffering(id: $id, input: { capacity: 12, title: { sv: "Steget vidare Malå 2030" } }) { id } }', { id }, staff);
    await hub.gql('mutation ($id: ID!) { closeOffering(id: $id) { id } }', { id }, staff);
    await hub.gql('mutation ($id: ID!) { archiveOffering(id: $id) { id } }', { id }, staff);

    const events = await waitFor(async () => {
      const mine = received.filter((event) => event.aggregateId === id);
      return mine.length >= 4 ? mine : undefined;
    });
    expect(events.map((event) => event.type)).toEqual(['OfferingPublished', 'OfferingUpdated', 'OfferingClosed', 'OfferingClosed']);
    expect(events.every((event) => event.producer === 'offerings')).toBe(true);
    const facts = {
      offeringId: id,
      providerId,
      projectId: null,
      kind: 'development-programme',
      needs: ['business-planning', 'budgeting'],
      targetGroups: ['established-companies'],
      sniCodes: ['55', '47'],
      municipalityCodes: ['2418'],
      format: 'hybrid',
      startDate: '2030-09-01',
      endDate: '2030-11-30',
      applicationDeadline: '2030-08-15',
      eligibility: { maxEmployees: 49, maxCompanyAgeYears: null, sniPrefixes: [], municipalityCodes: ['2418'] },
    };
    expect(events[0]!.payload).toEqual({ ...facts, capacity: 10 });
    expect(events[1]!.payload).toEqual({ ...facts, capacity: 12, status: 'published', changedFields: ['title', 'capacity'] });
    expect(events[2]!.payload).toEqual({ offeringId: id, status: 'closed' });
    expect(events[3]!.payload).toEqual({ offeringId: id, status: 'archived' });
    // titles and descriptions never travel
    expect(JSON.stringify(events)).not.toMatch(/Steget|Gruppseminarier/);

    await waitFor(async () => ((await hub.service.models.offerings.findById(id).lean())?.outbox.length === 0 ? true : undefined));
  });
});
