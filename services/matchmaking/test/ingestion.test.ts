import { Partitioners } from 'kafkajs';
import type { Connection } from 'mongoose';
import {
  EnrolmentCreated,
  EnrolmentPromoted,
  EnrolmentWithdrawn,
  hubEventRegistry,
  OfferingClosed,
  OfferingPublished,
  OfferingUpdated,
  OrganisationDeactivated,
  OrganisationRegistered,
  OrganisationUpdated,
  ProjectRegistered,
  ProjectUpdated,
  TOPICS,
} from '@hub/shared/contracts';
import { createEvent, type EventEnvelope, type TopicSpec } from '@hub/shared/events';
import { createLogger } from '@hub/shared/logging';
import { createKafka, EventConsumer, mergeFolds, toKafkaMessage, toOutboxEntry, type EventHandler, type Kafka, type MergedFold } from '@hub/shared/messaging';
import { connectMongo, derivedObjectId, serverOperator } from '@hub/shared/mongo';
import { testEndpoints, uniqueDbUrl, uniqueName } from '@hub/infra/testkit';
import { createApp, type MatchmakingService } from '../src/app';
import { MatchingView } from '../src/application/matching-view';
import { READ_MODEL_FOLDS, readModelStore } from '../src/infrastructure/event-consumer';
import { registerModels, type MatchmakingModels } from '../src/infrastructure/models';
import { matchmakingConfig, waitFor } from './harness';

const logger = createLogger('ingestion-test', process.env.TEST_LOG_LEVEL ?? 'silent');
const ORGANISATIONS = 40;
const PROJECTS = 10;
const OFFERINGS = 60;

/** Ids of this run's own aggregates: the topics are shared with every other test. */
const idOf = (kind: string, i: number) => derivedObjectId(`ingestion-test-${process.pid}-${Date.now()}`, `${kind}-${i}`);

/**
 * The register's and the offerings service's events for many aggregates, three to seven each, every kind the read
 * models fold: produced round by round, so one aggregate's events lie apart in its partition with others between.
 */
function burst(): { organisations: EventEnvelope[]; offerings: EventEnvelope[]; ids: { organisations: string[]; projects: string[]; offerings: string[] } } {
  const ids = {
    organisations: Array.from({ length: ORGANISATIONS }, (_, i) => idOf('organisation', i)),
    projects: Array.from({ length: PROJECTS }, (_, i) => idOf('project', i)),
    offerings: Array.from({ length: OFFERINGS }, (_, i) => idOf('offering', i)),
  };
  const producer = 'ingestion-test';
  const organisationRounds = ids.organisations.map((organisationId, i) => {
    const kind = i % 4 === 0 ? ('support-organisation' as const) : ('company' as const);
    const facts = { organisationId, kind, municipalityCode: i % 2 === 0 ? '2418' : '2506', sniCodes: [`${62010 + i}`], foundedYear: 1990 + i };
    const advisers = kind === 'support-organisation' ? [{ contactId: idOf('contact', i), expertise: ['export' as const] }] : undefined;
    const rounds: EventEnvelope[] = [
      createEvent(OrganisationRegistered, { aggregateId: organisationId, producer, payload: { ...facts, employees: i, advisers } }),
      createEvent(OrganisationUpdated, { aggregateId: organisationId, producer, payload: { ...facts, employees: i + 1, advisers, status: 'active', changedFields: ['employees'] } }),
      createEvent(OrganisationUpdated, { aggregateId: organisationId, producer, payload: { ...facts, sniCodes: [], employees: i + 2, status: 'active', changedFields: ['sniCodes', 'employees'] } }),
    ];
    if (i % 3 === 0) rounds.push(createEvent(OrganisationDeactivated, { aggregateId: organisationId, producer, payload: { organisationId } }));
    if (i % 6 === 0) rounds.push(createEvent(OrganisationUpdated, { aggregateId: organisationId, producer, payload: { ...facts, employees: i + 3, status: 'active', changedFields: ['status'] } }));
    return rounds;
  });
  const projectRounds = ids.projects.map((projectId, i) => {
    const payload = { projectId, ownerOrganisationId: ids.organisations[0]!, municipalityCodes: ['2418'], partnerOrganisationIds: [ids.organisations[i + 1]!] };
    return [
      createEvent(ProjectRegistered, { aggregateId: projectId, producer, payload }),
      createEvent(ProjectUpdated, { aggregateId: projectId, producer, payload: { ...payload, partnerOrganisationIds: [ids.organisations[i + 1]!, ids.organisations[i + 2]!], changedFields: ['partnerIds'] } }),
    ];
  });
  const offeringRounds = ids.offerings.map((offeringId, i) => {
    const facts = {
      offeringId,
      providerId: ids.organisations[0]!,
      projectId: i % 2 === 0 ? ids.projects[i % PROJECTS]! : null,
      kind: 'coaching' as const,
      needs: ['export' as const],
      targetGroups: ['micro-companies' as const],
      sniCodes: [],
      municipalityCodes: ['2418'],
      format: 'hybrid' as const,
      startDate: '2030-09-01',
      endDate: null,
      applicationDeadline: '2030-08-15',
      capacity: 2,
      eligibility: { maxEmployees: 49, maxCompanyAgeYears: null, sniPrefixes: [], municipalityCodes: [] },
    };
    const seat = (n: number) => ({ enrolmentId: idOf(`enrolment-${i}`, n), offeringId, companyId: ids.organisations[n + 1]! });
    const rounds: EventEnvelope[] = [
      createEvent(OfferingPublished, { aggregateId: offeringId, producer, payload: facts }),
      createEvent(EnrolmentCreated, { aggregateId: offeringId, producer, payload: { ...seat(1), status: 'enrolled', enrolledCount: 1, waitlistLength: 0 } }),
      createEvent(EnrolmentCreated, { aggregateId: offeringId, producer, payload: { ...seat(2), status: 'enrolled', enrolledCount: 2, waitlistLength: 0 } }),
      createEvent(OfferingUpdated, { aggregateId: offeringId, producer, payload: { ...facts, capacity: 3 + i, applicationDeadline: null, status: 'published', changedFields: ['capacity'] } }),
      createEvent(EnrolmentWithdrawn, { aggregateId: offeringId, producer, payload: { ...seat(1), promotedEnrolmentId: null, enrolledCount: 1, waitlistLength: 0 } }),
    ];
    if (i % 2 === 0) rounds.push(createEvent(EnrolmentPromoted, { aggregateId: offeringId, producer, payload: { ...seat(3), reason: 'capacity-raised', enrolledCount: 2, waitlistLength: 0 } }));
    if (i % 4 === 0) rounds.push(createEvent(OfferingClosed, { aggregateId: offeringId, producer, payload: { offeringId, status: 'closed' } }));
    return rounds;
  });
  const interleave = (aggregates: EventEnvelope[][]) => Array.from({ length: Math.max(...aggregates.map((a) => a.length)) }, (_, round) => aggregates.flatMap((events) => events[round] ?? [])).flat();
  // one event of each topic delivered again at the end: a duplicate publish in the same batch
  const organisations = interleave([...organisationRounds, ...projectRounds]);
  const offerings = interleave(offeringRounds);
  return { organisations: [...organisations, organisations[0]!], offerings: [...offerings, offerings[1]!], ids };
}

async function produce(kafka: Kafka, topic: TopicSpec, events: EventEnvelope[]): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    // one request: each partition's share lands at once, so one fetch brings an aggregate's events together
    await producer.send({ topic: topic.name, messages: events.map((event) => toKafkaMessage(toOutboxEntry(event, topic))) });
  } finally {
    await producer.disconnect();
  }
}

/** Until the group has committed every record of the topics. */
async function committedAll(kafka: Kafka, groupId: string, topics: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const end = (await admin.fetchTopicOffsets(topic.name)).reduce((sum, partition) => sum + Number(partition.high), 0);
      await waitFor(async () => {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic.name] });
        return (offsets?.partitions ?? []).reduce((sum, partition) => sum + Math.max(Number(partition.offset), 0), 0) >= end ? true : undefined;
      }, 60_000);
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * The read models folded through the per-event path, on a database of their own: each fold written alone as its event
 * comes, as the consumer does when a merged write fails.
 */
async function startPerEventReference(kafka: Kafka): Promise<{ models: MatchmakingModels; view: MatchingView; stop(): Promise<void> }> {
  const connection: Connection = await connectMongo(uniqueDbUrl('matchmaking_per_event'), logger);
  const models = registerModels(connection);
  const view = new MatchingView();
  const store = readModelStore(models, view);
  const handlers: Record<string, EventHandler> = Object.fromEntries(
    Object.entries(READ_MODEL_FOLDS).map(([type, foldOf]): [string, EventHandler] => [type, (event) => store(mergeFolds([{ eventId: event.eventId, fold: foldOf(event) }]))]),
  );
  const consumer = new EventConsumer({ kafka, groupId: uniqueName('matchmaking-per-event'), topics: [TOPICS.organisations, TOPICS.offerings], registry: hubEventRegistry, connection, logger, fromBeginning: true, handlers });
  await consumer.start();
  return {
    models,
    view,
    stop: async () => {
      await consumer.stop();
      await connection.close();
    },
  };
}

describe('read models ingested in batches', () => {
  let service: MatchmakingService | undefined;
  let reference: Awaited<ReturnType<typeof startPerEventReference>> | undefined;
  let kafka: Kafka;

  beforeAll(() => {
    kafka = createKafka({ brokers: testEndpoints().kafkaBrokers, clientId: uniqueName('ingestion-test'), logger });
  });

  afterAll(async () => {
    await reference?.stop();
    await service?.stop();
  });

  it('end, for a burst with several events per aggregate in one batch, in exactly what the per-event path makes, the view following; a redelivery changes nothing', async () => {
    const groupId = uniqueName('matchmaking-batched');
    service = await createApp(matchmakingConfig(uniqueDbUrl('matchmaking_batched'), groupId), logger);
    const organisationCalls = jest.spyOn(service.view, 'organisationChanged');
    const offeringCalls = jest.spyOn(service.view, 'offeringChanged');
    const { organisations, offerings, ids } = burst();
    await produce(kafka, TOPICS.organisations, organisations);
    await produce(kafka, TOPICS.offerings, offerings);
    reference = await startPerEventReference(kafka);

    const snapshot = async (models: MatchmakingModels) => ({
      organisations: await models.organisations.find({ _id: serverOperator({ $in: ids.organisations }) }).sort({ _id: 1 }).lean(),
      projects: await models.projects.find({ _id: serverOperator({ $in: ids.projects }) }).sort({ _id: 1 }).lean(),
      offerings: await models.offerings.find({ _id: serverOperator({ $in: ids.offerings }) }).sort({ _id: 1 }).lean(),
    });
    // settled once every aggregate's document names the aggregate's last event (the repeats at the end are skipped)
    // (every event of the burst is keyed by the document it folds into)
    const lastEventIds = new Map([...organisations.slice(0, -1), ...offerings.slice(0, -1)].map((event) => [event.aggregateId, event.eventId]));
    const settled = (models: MatchmakingModels) =>
      waitFor(async () => {
        const state = await snapshot(models);
        const documents = [...state.organisations, ...state.projects, ...state.offerings];
        return documents.length === lastEventIds.size && documents.every((doc) => doc.lastEventId === lastEventIds.get(doc._id)) ? state : undefined;
      }, 60_000);
    const batched = await settled(service.models);
    expect(batched).toEqual(await settled(reference.models));

    expect(batched.organisations.find((doc) => doc._id === ids.organisations[6])).toMatchObject({ status: 'active', employees: 9, sniCodes: ['62016'] });
    expect(batched.organisations.find((doc) => doc._id === ids.organisations[4])).toMatchObject({ kind: 'support-organisation', status: 'active', employees: 6, sniCodes: [], advisers: [] });
    expect(batched.organisations.find((doc) => doc._id === ids.organisations[3])).toMatchObject({ status: 'inactive', employees: 5 });
    expect(batched.offerings.find((doc) => doc._id === ids.offerings[4])).toMatchObject({ status: 'closed', capacity: 7, enrolled: 2, applicationDeadline: null });
    expect(batched.offerings.find((doc) => doc._id === ids.offerings[1])).toMatchObject({ status: 'published', capacity: 4, enrolled: 1 });
    expect(batched.projects.find((doc) => doc._id === ids.projects[2])?.partnerOrganisationIds).toEqual([ids.organisations[3], ids.organisations[4]]);

    // merged: the view heard of each document once per batch, not once per event, and follows what was stored
    const callsFor = (spy: jest.SpyInstance, of: string[]) => spy.mock.calls.filter(([id]) => of.includes(id as string)).length;
    const offeringEvents = offerings.length - 1;
    const organisationEvents = organisations.length - 1 - PROJECTS * 2;
    expect(callsFor(offeringCalls, ids.offerings)).toBeGreaterThanOrEqual(OFFERINGS);
    expect(callsFor(offeringCalls, ids.offerings)).toBeLessThan(offeringEvents / 2);
    expect(callsFor(organisationCalls, ids.organisations)).toBeLessThan(organisationEvents / 2);
    for (const id of ids.offerings) expect(service.view.offering(id)).toEqual(reference.view.offering(id));
    for (const id of ids.organisations) expect(service.view.organisation(id)).toEqual(reference.view.organisation(id));
    expect(service.view.offering(ids.offerings[1]!)).toMatchObject({ status: 'published', capacity: 4, enrolled: 1, applicationDeadline: null });

    // the same events published again: skipped by their markers, nothing written, the view not told
    await committedAll(kafka, groupId, [TOPICS.organisations, TOPICS.offerings]);
    organisationCalls.mockClear();
    offeringCalls.mockClear();
    await produce(kafka, TOPICS.organisations, organisations);
    await produce(kafka, TOPICS.offerings, offerings);
    await committedAll(kafka, groupId, [TOPICS.organisations, TOPICS.offerings]);
    expect(callsFor(offeringCalls, ids.offerings) + callsFor(organisationCalls, ids.organisations)).toBe(0);
    expect(await snapshot(service.models)).toEqual(batched);
  });
});

describe('the read-model store', () => {
  const connections: Connection[] = [];

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
  });

  const open = async (name: string): Promise<MatchmakingModels> => {
    const connection = await connectMongo(uniqueDbUrl(name), logger);
    connections.push(connection);
    return registerModels(connection);
  };

  it('writes calls of more documents than FerretDB has connections for, side by side, new and existing, as an upsert of each would', async () => {
    const [models, reference] = await Promise.all([open('matchmaking_store'), open('matchmaking_store_reference')]);
    const view = new MatchingView();
    const store = readModelStore(models, view);
    // FerretDB 1.24's pool holds 50 PostgreSQL connections; an updateOne of an existing document keeps one to the end of its command
    const perCall = 60;
    const offeringIds = Array.from({ length: 3 * perCall }, (_, i) => idOf('stored-offering', i));
    const providerId = idOf('stored-provider', 0);
    const facts = (i: number, capacity: number): Record<string, unknown> => ({
      providerId,
      kind: 'coaching',
      status: 'published',
      needs: ['export'],
      municipalityCodes: ['2418'],
      format: 'hybrid',
      startDate: '2030-09-01',
      capacity,
      // half of them with a partial eligibility, which the schema's defaults complete
      eligibility: i % 2 === 0 ? { maxEmployees: 49, maxCompanyAgeYears: null, sniPrefixes: ['62'], municipalityCodes: [] } : { maxEmployees: i },
    });
    // first every document is new, then every one exists
    for (const capacity of [5, 6]) {
      const folds: MergedFold[] = offeringIds.map((id, i) => ({ model: 'offerings', id, set: facts(i, capacity), lastEventId: `stored-event-${capacity}-${i}` }));
      await Promise.all([0, 1, 2].map((call) => store(folds.slice(call * perCall, (call + 1) * perCall))));
      for (const { id, set, lastEventId } of folds) await reference.offerings.updateOne({ _id: id }, { $set: { ...set, lastEventId } }, { upsert: true });
    }

    const stored = (of: MatchmakingModels) => of.offerings.find({ _id: serverOperator({ $in: offeringIds }) }).sort({ _id: 1 }).lean();
    const written = await stored(models);
    expect(written).toHaveLength(offeringIds.length);
    expect(written).toEqual(await stored(reference));
    expect(written.filter((doc) => doc.capacity === 6 && doc.lastEventId.startsWith('stored-event-6-'))).toHaveLength(offeringIds.length);
    expect(written.find((doc) => doc._id === offeringIds[1])?.eligibility).toEqual({ maxEmployees: 1, maxCompanyAgeYears: null, sniPrefixes: [], municipalityCodes: [] });
    expect(view.offering(offeringIds[0]!)).toMatchObject({ capacity: 6, providerId });
  });
});
