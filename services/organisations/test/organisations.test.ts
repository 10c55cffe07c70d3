import { hubEventRegistry, TOPICS } from '@hub/shared/contracts';
import type { EventEnvelope } from '@hub/shared/events';
import { createLogger } from '@hub/shared/logging';
import { createKafka, EventConsumer } from '@hub/shared/messaging';
import { connectMongo } from '@hub/shared/mongo';
import { testEndpoints, uniqueDbUrl, uniqueName, waitFor } from '@hub/infra/testkit';
import type mongoose from 'mongoose';
import { MALA_OFFICE, startHub, type Hub } from './harness';

const REGISTER = `mutation Register($input: RegisterOrganisationInput!) {
  registerOrganisation(input: $input) { id name organisationNumber vatNumber kind status municipality { code name county { code } } industries { code version } }
}`;

const validInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'COMPANY',
  name: 'Gruvstigen Café AB (test)',
  organisationNumber: '556036-0793',
  municipalityCode: '2418',
  industries: [{ code: '56100' }],
  contacts: [{ name: 'Testa Testsson (fiktiv)', role: 'MANAGER', email: 'testa@example.org', expertise: ['export'] }],
  ...overrides,
});

describe('organisations through the gateway, on real Kafka and FerretDB', () => {
  let hub: Hub;
  let consumer: EventConsumer;
  let consumerDb: mongoose.Connection;
  const received: EventEnvelope[] = [];
  const effects = new Map<string, number>();
  const groupId = uniqueName('organisations-test');

  beforeAll(async () => {
    hub = await startHub();
    const logger = createLogger('test-consumer', process.env.TEST_LOG_LEVEL ?? 'silent');
    consumerDb = await connectMongo(uniqueDbUrl('consumer'), logger);
    consumer = new EventConsumer({
      kafka: createKafka({ brokers: testEndpoints().kafkaBrokers, clientId: uniqueName('test-consumer'), logger }),
      groupId,
      topics: [TOPICS.organisations],
      registry: hubEventRegistry,
      connection: consumerDb,
      logger,
      fromBeginning: true,
      handlers: {
        OrganisationRegistered: async (event) => {
          received.push(event);
          effects.set(event.aggregateId, (effects.get(event.aggregateId) ?? 0) + 1);
        },
        OrganisationUpdated: async (event) => {
          received.push(event);
        },
        OrganisationDeactivated: async (event) => {
          received.push(event);
        },
      },
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await consumerDb?.close();
    await hub?.stop();
  });

  it('registers an organisation: stored, returned with derived fields, and its event reaches a Kafka consumer once', async () => {
    const result = await hub.gql<{ registerOrganisation: { id: string } & Record<string, unknown> }>(REGISTER, { input: validInput() }, hub.token(MALA_OFFICE));
    expect(result.errors).toBeUndefined();
    const organisation = result.data!.registerOrganisation;
    expect(organisation).toMatchObject({
      name: 'Gruvstigen Café AB (test)',
      organisationNumber: '556036-0793',
      vatNumber: 'SE556036079301',
      kind: 'COMPANY',
      status: 'ACTIVE',
      municipality: { code: '2418', name: 'Malå', county: { code: '24' } },
      industries: [{ code: '56100', version: 'SNI2007' }],
    });

    const stored = await hub.models.organisations.findById(organisation.id).lean();
    expect(stored?.organisationNumber).toBe('556036-0793');

    const event = await waitFor(() => received.find((e) => e.type === 'OrganisationRegistered' && e.aggregateId === organisation.id));
    const contactId = stored!.contacts[0]!.id;
    expect(contactId).toMatch(/^[0-9a-f]{24}$/);
    // matching learns advisers as contact ids with their expertise; the name and e-mail stay here
    expect(event.payload).toEqual({
      organisationId: organisation.id,
      kind: 'company',
      municipalityCode: '2418',
      sniCodes: ['56100'],
      employees: null,
      foundedYear: null,
      advisers: [{ contactId, expertise: ['export'] }],
    });
    expect(JSON.stringify(event)).not.toContain('Testa');
    expect(JSON.stringify(event)).not.toContain('example.org');
    // the outbox of the stored document is emptied once relayed (the removal follows the send)
    await waitFor(async () => ((await hub.models.organisations.findById(organisation.id).lean())?.outbox.length === 0 ? true : undefined));

    // delivering the same event again has no second effect: wait until the group has committed past the copy
    const kafka = createKafka({ brokers: testEndpoints().kafkaBrokers, clientId: uniqueName('replayer'), logger: createLogger('replayer', 'silent') });
    const producer = kafka.producer();
    await producer.connect();
    const [copy] = await producer.send({ topic: TOPICS.organisations.name, messages: [{ key: event.aggregateId, value: JSON.stringify(event) }] });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await waitFor(async () => {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [TOPICS.organisations.name] });
      const committed = offsets?.partitions.find((p) => p.partition === copy!.partition)?.offset;
      return committed !== undefined && BigInt(committed) > BigInt(copy!.baseOffset!) ? true : undefined;
    });
    await admin.disconnect();
    expect(effects.get(organisation.id)).toBe(1);
    expect(await consumerDb.collection('processed_events').countDocuments({ eventId: event.eventId })).toBe(1);
  });

  it('publishes OrganisationUpdated with the changed fields and then OrganisationDeactivated, in order', async () => {
    const created = await hub.gql<{ registerOrganisation: { id: string } }>(REGISTER, { input: validInput({ organisationNumber: '202100-2114', name: 'Lappland Logistik AB (test)' }) }, hub.token(MALA_OFFICE));
    const id = created.data!.registerOrganisation.id;
    const contactsOf = async () =>
      (await hub.gql<{ organisation: { contacts: Array<{ id: string; expertise: string[] }> } }>('query ($id: ID!) { organisation(id: $id) { contacts { id expertise } } }', { id }, hub.token(MALA_OFFICE))).data!
        .organisation.contacts;
    const [contact] = await contactsOf();
    const updated = await hub.gql(
      `mutation ($id: ID!, $contactId: ID!) { updateOrganisation(id: $id, input: {
        name: "Lappland Logistik & Lager AB (test)", industries: [{ code: "52100" }], employees: 8, foundedYear: 2019,
        contacts: [{ id: $contactId, name: "Testa Testsson (fiktiv)", role: MANAGER, expertise: ["export", "financing"] }]
      }) { id } }`,
      { id, contactId: contact!.id },
      hub.token(MALA_OFFICE),
    );
    expect(updated.errors).toBeUndefined();
    // sent back with its id, the contact keeps it
    expect(await contactsOf()).toEqual([{ id: contact!.id, expertise: ['export', 'financing'] }]);
    const deactivated = await hub.gql(`mutation ($id: ID!) { deactivateOrganisation(id: $id) { status } }`, { id }, hub.token(MALA_OFFICE));
    expect(deactivated.errors).toBeUndefined();

    const events = await waitFor(() => {
      const mine = received.filter((e) => e.aggregateId === id);
      return mine.length === 3 ? mine : undefined;
    });
    expect(events.map((e) => e.type)).toEqual(['OrganisationRegistered', 'OrganisationUpdated', 'OrganisationDeactivated']);
    expect(events[1]!.payload).toEqual({
      organisationId: id,
      changedFields: ['name', 'industries', 'contacts', 'employees', 'foundedYear'],
      kind: 'company',
      municipalityCode: '2418',
      sniCodes: ['52100'],
      status: 'active',
      employees: 8,
      foundedYear: 2019,
      advisers: [{ contactId: contact!.id, expertise: ['export', 'financing'] }],
    });
    expect(events[2]!.payload).toEqual({ organisationId: id });
    expect(new Set(events.map((e) => e.correlationId)).size).toBe(3);
  });
});
