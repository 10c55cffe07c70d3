import type { HubClaims } from '@hub/shared/auth';
import { PersonErased, TOPICS, type Need } from '@hub/shared/contracts';
import { createEvent, type EventEnvelope } from '@hub/shared/events';
import { createLogger } from '@hub/shared/logging';
import { ERASED_PERSON } from '@hub/shared/privacy';
import { collectEvents, ownErasureCompletion, uniqueName, waitFor, databaseDocuments, eventPublisher } from '@hub/infra/testkit';
import { Types } from 'mongoose';
import { createApp, type MatchmakingService } from '../src/app';
import { buildContext } from '../src/graphql/context';
import type { OrganisationFacts } from '../src/infrastructure/event-consumer';
import { matchmakingConfig } from './harness';

const newId = () => new Types.ObjectId().toHexString();

/**
 * A person (an adviser at a municipal office, whose account's sub is their contact id) who recorded a need, moved a
 * funnel stage and referred a company, and who is an adviser of a support organisation in the register's read model.
 */
describe("a person's data in matchmaking", () => {
  let service: MatchmakingService;
  let privacy: Awaited<ReturnType<typeof collectEvents>>;
  let publisher: Awaited<ReturnType<typeof eventPublisher>>;
  const personId = newId();
  const colleagueContact = newId();
  const [office, almi, company, project] = [newId(), newId(), newId(), newId()];
  const person: HubClaims = { sub: personId, roles: ['municipal-staff'], organisationId: office, municipalityCode: '2418' };
  const colleague: HubClaims = { sub: 'colleague', roles: ['municipal-staff'], organisationId: office, municipalityCode: '2418' };
  const almiStaff: HubClaims = { sub: 'almi-staff', roles: ['partner-staff'], organisationId: almi };
  let referralId: string;

  /** The register's facts as the consumer would have stored them from the organisations service's events. */
  const known = async (id: string, facts: Omit<OrganisationFacts, 'sniCodes' | 'employees' | 'foundedYear' | 'status'>) => {
    const full: OrganisationFacts = { sniCodes: [], employees: null, foundedYear: null, status: 'active', ...facts };
    await service.models.organisations.create({ _id: id, ...full, lastEventId: 'seed' });
    service.view.organisationChanged(id, full);
  };

  const execute = async (query: string, variables: Record<string, unknown>, claims: HubClaims) => {
    const response = await service.server.executeOperation(
      { query, variables },
      { contextValue: buildContext(service.applications)({ claims, correlationId: 'privacy-test', logger: createLogger('privacy-test', 'silent') }) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };

  const publish = async (event: EventEnvelope) => {
    await publisher.publish(event, TOPICS.privacy);
  };

  beforeAll(async () => {
    const logger = createLogger('matchmaking-privacy-test', process.env.TEST_LOG_LEVEL ?? 'silent');
    service = await createApp(matchmakingConfig(), logger);
    privacy = await collectEvents('matchmaking-privacy', TOPICS.privacy, ['PersonErasureCompleted']);
    publisher = await eventPublisher('erasure-requester');

    await known(office, { kind: 'municipal-business-office', municipalityCode: '2418', advisers: [] });
    const advisers: Array<{ contactId: string; expertise: Need[] }> = [
      { contactId: personId, expertise: ['export'] },
      { contactId: colleagueContact, expertise: ['financing'] },
    ];
    await known(almi, { kind: 'support-organisation', municipalityCode: '2418', advisers });
    await known(company, { kind: 'company', municipalityCode: '2418', advisers: [] });
    await service.models.projects.create({ _id: project, ownerOrganisationId: office, partnerOrganisationIds: [], lastEventId: 'seed' });

    const { needs, funnel, referrals } = service.applications;
    await needs.record(person, company, { needs: [{ need: 'export', priority: 1, note: 'Vill sälja till Norge' }] }, 'privacy-test');
    // the colleague adds a need; the person's stays theirs
    await needs.record(colleague, company, { needs: [{ need: 'export', priority: 1, note: 'Vill sälja till Norge' }, { need: 'financing', priority: 2 }] }, 'privacy-test');
    await funnel.setStage(person, company, project, 'contact', false, 'privacy-test');
    referralId = (await referrals.refer(person, { companyId: company, toOrganisationId: almi, note: 'Behöver hjälp med export' }, 'privacy-test')).id;
    await referrals.move(almiStaff, referralId, 'accepted', undefined, 'privacy-test');
  });

  afterAll(async () => {
    await publisher?.stop();
    await privacy?.stop();
    await service?.stop();
  });

  const personalData = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on PersonalData { personId matchmaking } } }`;

  it('gives an admin a copy of everything kept under the person’s id through _entities', async () => {
    const result = await execute(personalData, { representations: [{ __typename: 'PersonalData', personId }] }, { sub: 'admin', roles: ['admin'] });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        {
          personId,
          matchmaking: {
            needsRecorded: [{ companyId: company, need: 'export', priority: 1, note: 'Vill sälja till Norge', recordedAt: expect.any(String) }],
            stageChanges: [{ companyId: company, projectId: project, stage: 'contact', at: expect.any(String), correction: false }],
            referralActions: [{ referralId, companyId: company, status: 'proposed', at: expect.any(String), organisationId: office, note: null }],
            adviserProfiles: [{ organisationId: almi, expertise: ['export'] }],
          },
        },
      ],
    });
  });

  it("refuses the copy to anyone but an admin, with the field's path", async () => {
    const result = await execute(personalData, { representations: [{ __typename: 'PersonalData', personId }] }, person);
    expect(result.errors).toEqual([expect.objectContaining({ path: ['_entities', 0, 'matchmaking'], extensions: { code: 'FORBIDDEN', texts: { sv: 'din roll får inte göra detta', en: 'not allowed for your role' } } })]);
    expect(result.data).toEqual({ _entities: [{ personId, matchmaking: null }] });
  });

  it('erases the person: records keep ERASED_PERSON in their place, the adviser leaves the read model and the matching view, one completion', async () => {
    expect((await databaseDocuments(service.models.organisations.db)).some((text) => text.includes(personId))).toBe(true);
    const erasureId = uniqueName('erasure');
    const request = createEvent(PersonErased, { aggregateId: erasureId, producer: 'migration', payload: { erasureId, personId } });
    await publish(request);
    const completion = await ownErasureCompletion(service.models.organisations.db, erasureId, privacy.received);

    expect((await databaseDocuments(service.models.organisations.db)).filter((text) => text.includes(personId))).toEqual([]);
    const analysis = await service.models.needsAnalyses.findById(company).lean();
    expect(analysis?.needs.map((n) => [n.need, n.recordedBy])).toEqual([
      ['export', ERASED_PERSON],
      ['financing', 'colleague'],
    ]);
    expect((await service.models.funnelPositions.findById(`${project}:${company}`).lean())?.history.map((h) => h.by)).toEqual([ERASED_PERSON]);
    expect((await service.models.referrals.findById(referralId).lean())?.history.map((h) => h.by)).toEqual([ERASED_PERSON, 'almi-staff']);
    // (the view also holds what other test files registered: the topics are shared)
    expect([...service.view.advisers()].filter((a) => a.organisationId === almi).map((a) => a.contactId)).toEqual([colleagueContact]);
    // the records still work: the company's needs are read and matched as before
    expect((await service.applications.needs.read(colleague, company))?.needs.map((n) => n.need)).toEqual(['export', 'financing']);

    // the same request again, and a second request for the same erasure: neither publishes a second completion
    await publish(request);
    const again = createEvent(PersonErased, { aggregateId: erasureId, producer: 'migration', payload: { erasureId, personId } });
    await publish(again);
    const connection = service.models.organisations.db;
    await waitFor(async () => ((await connection.collection('processed_events').countDocuments({ eventId: again.eventId })) === 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await ownErasureCompletion(connection, erasureId, privacy.received)).eventId).toBe(completion.eventId);
    expect(privacy.received.filter((event) => event.eventId === completion.eventId)).toHaveLength(1);
  });
});
