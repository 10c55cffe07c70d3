import type { HubClaims } from '@hub/shared/auth';
import { PersonErased, TOPICS } from '@hub/shared/contracts';
import { createEvent, type EventEnvelope } from '@hub/shared/events';
import { createLogger } from '@hub/shared/logging';
import { ERASED_PERSON } from '@hub/shared/privacy';
import { collectEvents, ownErasureCompletion, uniqueName, waitFor, databaseDocuments, eventPublisher } from '@hub/infra/testkit';
import { Types } from 'mongoose';
import { createApp, type OfferingsService } from '../src/app';
import { offeringsConfig } from './harness';

describe('an erasure request', () => {
  let service: OfferingsService;
  let privacy: Awaited<ReturnType<typeof collectEvents>>;
  let publisher: Awaited<ReturnType<typeof eventPublisher>>;
  const providerId = new Types.ObjectId().toHexString();
  const companyId = new Types.ObjectId().toHexString();
  const admin: HubClaims = { sub: 'test-admin', roles: ['admin'] };

  const publish = async (event: EventEnvelope) => {
    await publisher.publish(event, TOPICS.privacy);
  };

  beforeAll(async () => {
    const logger = createLogger('offerings-privacy-test', process.env.TEST_LOG_LEVEL ?? 'silent');
    service = await createApp(offeringsConfig(), logger);
    privacy = await collectEvents('offerings-privacy', TOPICS.privacy, ['PersonErasureCompleted']);
    publisher = await eventPublisher('erasure-requester');
    // the register's facts as the organisation consumer would have stored them
    const facts = { municipalityCode: '2418', status: 'active' as const, lastEventId: 'seed', lastEventAt: new Date().toISOString() };
    await service.models.organisations.create({ _id: providerId, kind: 'support-organisation', ...facts });
    await service.models.organisations.create({ _id: companyId, kind: 'company', ...facts });
  });

  afterAll(async () => {
    await publisher?.stop();
    await privacy?.stop();
    await service?.stop();
  });

  it('anonymises who recorded outcomes, keeps the outcomes, and answers once', async () => {
    const { offerings, enrolments } = service.applications;
    const draft = await offerings.createDraft(admin, {
      providerId,
      kind: 'coaching',
      title: { sv: 'Affärscoachning (erasure test)' },
      description: { sv: 'Coachning för företag i Malå.' },
      needs: ['business-planning'],
      targetGroups: ['new-entrepreneurs'],
      format: 'digital',
      startDate: '2030-01-01',
      endDate: '2030-12-31',
    });
    const offeringId = draft._id.toHexString();
    await offerings.publish(admin, offeringId, 'erasure-test');
    const enrolment = await enrolments.enrol(admin, offeringId, companyId, undefined, 'erasure-test');
    const personId = new Types.ObjectId().toHexString();
    const adviser: HubClaims = { sub: personId, roles: ['partner-staff'], organisationId: providerId };
    const colleague: HubClaims = { sub: 'colleague-staff', roles: ['partner-staff'], organisationId: providerId };
    const byPerson = await enrolments.recordOutcome(adviser, enrolment.id, { kind: 'goals-set', goals: 'Export till Norge inom ett år' }, 'erasure-test');
    const byColleague = await enrolments.recordOutcome(colleague, enrolment.id, { kind: 'jobs-created', jobs: 1, jobsBasis: 'expected' }, 'erasure-test');
    expect((await databaseDocuments(service.models.offerings.db)).some((text) => text.includes(personId))).toBe(true);

    const erasureId = uniqueName('erasure');
    const request = createEvent(PersonErased, { aggregateId: erasureId, producer: 'migration', payload: { erasureId, personId } });
    await publish(request);
    const completion = await ownErasureCompletion(service.models.offerings.db, erasureId, privacy.received);

    expect((await databaseDocuments(service.models.offerings.db)).filter((text) => text.includes(personId))).toEqual([]);
    const outcomes = await service.enrolmentModels.outcomes.find({ enrolmentId: enrolment.id }).lean();
    expect(Object.fromEntries(outcomes.map((o) => [o._id.toHexString(), o.recordedBy]))).toEqual({ [byPerson.id]: ERASED_PERSON, [byColleague.id]: 'colleague-staff' });
    expect(await enrolments.outcomesOf(admin, enrolment.id)).toHaveLength(2);

    // the same request again, and a second request for the same erasure: neither publishes a second completion
    await publish(request);
    const again = createEvent(PersonErased, { aggregateId: erasureId, producer: 'migration', payload: { erasureId, personId } });
    await publish(again);
    const connection = service.models.offerings.db;
    await waitFor(async () => ((await connection.collection('processed_events').countDocuments({ eventId: again.eventId })) === 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await ownErasureCompletion(connection, erasureId, privacy.received)).eventId).toBe(completion.eventId);
    expect(privacy.received.filter((event) => event.eventId === completion.eventId)).toHaveLength(1);
  });
});
