import { TOPICS } from '@hub/shared/contracts';
import type { EventEnvelope } from '@hub/shared/events';
import { collectEvents } from '@hub/infra/testkit';
import { PUBLIC, startHub, waitFor, type Hub } from './harness';

const SYNC = `mutation ($providerId: ID!, $input: [FundingCallInput!]!) {
  syncFundingCalls(providerId: $providerId, input: $input) { created updated unchanged closed } }`;
const CLOSE_IMPORTED = `mutation ($providerId: ID!, $externalIds: [String!]!) {
  closeImportedOfferings(providerId: $providerId, externalIds: $externalIds) { created updated unchanged closed } }`;
const IMPORTED = `query ($providerId: ID!) { offerings(filter: { providerId: $providerId, kind: FUNDING_CALL }, first: 50) {
  nodes { id externalId status kind title { sv en } link startDate endDate applicationDeadline format needs targetGroups servesWholeRegion funding { funder { id } } } } }`;

interface SyncResult {
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
}

function call(serial: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId: `vinnova:2026-${serial}`,
    title: { sv: `Utlysning ${serial}`, en: `Call ${serial}` },
    description: { sv: 'Finansiering av innovationsprojekt i små och medelstora företag.' },
    link: `https://www.vinnova.se/e/utlysning-${serial}/`,
    startDate: '2030-02-01',
    applicationDeadline: '2030-04-15',
    ...overrides,
  };
}

describe('importing funding calls through the gateway', () => {
  let hub: Hub;
  let vinnovaId: string;
  let integration: string;
  let collected: Awaited<ReturnType<typeof collectEvents>>;
  let events: EventEnvelope[];

  const sync = (input: unknown[], bearer = integration, providerId = vinnovaId) => hub.gql<{ syncFundingCalls: SyncResult }>(SYNC, { providerId, input }, bearer);
  const imported = async () =>
    (await hub.gql<{ offerings: { nodes: Array<Record<string, unknown>> } }>(IMPORTED, { providerId: vinnovaId }, hub.token(PUBLIC))).data?.offerings.nodes ?? [];
  // sorted: unsorted, PostgreSQL returns rows in heap order, where an updated one (the relay emptying its outbox) has moved
  const stored = () => hub.service.models.offerings.find({ providerId: vinnovaId }).sort({ externalId: 1 }).lean();

  beforeAll(async () => {
    hub = await startHub();
    vinnovaId = await hub.registerOrganisation('Vinnova (import)', '0180', 'FUNDER');
    integration = hub.token({ roles: ['integration'] });
    collected = await collectEvents('funding-call-events', TOPICS.offerings, ['OfferingPublished', 'OfferingUpdated', 'OfferingClosed']);
    events = collected.received;
  });

  afterAll(async () => {
    await collected?.stop();
    await hub?.stop();
  });

  it('creates published funding calls, changes nothing when the same batch comes again, and updates what changed at the source', async () => {
    const first = await sync([call('00001'), call('00002', { needs: ['EXPORT'], municipalityCodes: ['2418'] })]);
    expect(first.errors).toBeUndefined();
    expect(first.data?.syncFundingCalls).toEqual({ created: 2, updated: 0, unchanged: 0, closed: 0 });

    const offerings = await imported();
    expect(offerings.find((o) => o.externalId === 'vinnova:2026-00001')).toMatchObject({
      status: 'PUBLISHED',
      kind: 'FUNDING_CALL',
      title: { sv: 'Utlysning 00001', en: 'Call 00001' },
      link: 'https://www.vinnova.se/e/utlysning-00001/',
      startDate: '2030-02-01',
      endDate: '2030-04-15',
      applicationDeadline: '2030-04-15',
      format: 'DIGITAL',
      needs: ['FINANCING', 'INNOVATION'],
      targetGroups: ['ESTABLISHED_COMPANIES'],
      servesWholeRegion: true,
      funding: { funder: { id: vinnovaId } },
    });
    expect(offerings.find((o) => o.externalId === 'vinnova:2026-00002')).toMatchObject({ needs: ['EXPORT'], servesWholeRegion: false });

    const revisions = (await stored()).map((o) => [o.externalId, o.revision, o.updatedAt.getTime()]);
    const again = await sync([call('00001'), call('00002', { needs: ['EXPORT'], municipalityCodes: ['2418'] })]);
    expect(again.data?.syncFundingCalls).toEqual({ created: 0, updated: 0, unchanged: 2, closed: 0 });
    expect((await stored()).map((o) => [o.externalId, o.revision, o.updatedAt.getTime()])).toEqual(revisions);

    // left-out needs keep what the offering has: only the deadline moved
    const moved = await sync([call('00001'), call('00002', { applicationDeadline: '2030-05-01' })]);
    expect(moved.data?.syncFundingCalls).toEqual({ created: 0, updated: 1, unchanged: 1, closed: 0 });
    expect((await imported()).find((o) => o.externalId === 'vinnova:2026-00002')).toMatchObject({ applicationDeadline: '2030-05-01', needs: ['EXPORT'] });

    const [one, two] = [(await stored()).find((o) => o.externalId === 'vinnova:2026-00001')!, (await stored()).find((o) => o.externalId === 'vinnova:2026-00002')!];
    const idOne = one._id.toHexString();
    const idTwo = two._id.toHexString();
    // each offering's events come on its own partition: wait for both, not for one and then look at the other
    await waitFor(() => (events.some((e) => e.aggregateId === idTwo && e.type === 'OfferingUpdated') && events.some((e) => e.aggregateId === idOne)) || undefined);
    expect(events.filter((e) => e.aggregateId === idOne).map((e) => e.type)).toEqual(['OfferingPublished']);
    const update = events.find((e) => e.aggregateId === idTwo && e.type === 'OfferingUpdated');
    expect(update?.payload).toMatchObject({ offeringId: idTwo, kind: 'funding-call', applicationDeadline: '2030-05-01', changedFields: ['endDate', 'applicationDeadline'] });
  });

  it('closes calls gone at the source once; unknown and already closed ones count as unchanged', async () => {
    await sync([call('00010'), call('00011')]);
    const closing = await hub.gql<{ closeImportedOfferings: SyncResult }>(CLOSE_IMPORTED, { providerId: vinnovaId, externalIds: ['vinnova:2026-00010', 'vinnova:2026-99999'] }, integration);
    expect(closing.errors).toBeUndefined();
    expect(closing.data?.closeImportedOfferings).toEqual({ created: 0, updated: 0, unchanged: 1, closed: 1 });
    const again = await hub.gql<{ closeImportedOfferings: SyncResult }>(CLOSE_IMPORTED, { providerId: vinnovaId, externalIds: ['vinnova:2026-00010'] }, integration);
    expect(again.data?.closeImportedOfferings).toEqual({ created: 0, updated: 0, unchanged: 1, closed: 0 });
    expect((await imported()).map((o) => o.externalId)).not.toContain('vinnova:2026-00010');
    expect((await stored()).find((o) => o.externalId === 'vinnova:2026-00010')?.status).toBe('closed');

    // the lifecycle runs one way: a closed call sent again stays closed
    expect((await sync([call('00010', { title: { sv: 'Ny titel' } })])).data?.syncFundingCalls).toEqual({ created: 0, updated: 0, unchanged: 1, closed: 0 });
    const id = (await stored()).find((o) => o.externalId === 'vinnova:2026-00010')!._id.toHexString();
    await waitFor(() => events.some((e) => e.aggregateId === id && e.type === 'OfferingClosed') || undefined);
  });

  it.each([
    ['a deadline before the call opens', { applicationDeadline: '2030-01-15' }, 'input.1.applicationDeadline'],
    ['an external id without its source', { externalId: '2026-00021' }, 'input.1.externalId'],
    ['an external id over 100 characters', { externalId: `vinnova:${'1'.repeat(100)}` }, 'input.1.externalId'],
    ['a link that is not http(s)', { link: 'ftp://vinnova.se/call' }, 'input.1.link'],
    ['an unknown municipality', { municipalityCodes: ['9999'] }, 'input.1.municipalityCodes.0'],
    ['an empty title', { title: { sv: ' ' } }, 'input.1.title.sv'],
  ])('refuses a batch with %s, naming the item, and stores nothing', async (_case, overrides, field) => {
    const before = await hub.service.models.offerings.countDocuments({});
    const response = await sync([call('00020'), call('00021', overrides)]);
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await hub.service.models.offerings.countDocuments({})).toBe(before);
  });

  it('refuses the same external id twice in a batch', async () => {
    const response = await sync([call('00030'), call('00030')]);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.1.externalId' });
  });

  it('lets the provider\'s own staff and admins import, refuses the public and other organisations\' staff', async () => {
    const otherId = await hub.registerOrganisation('Almi Företagspartner Nord (import)', '2580');
    const before = await hub.service.models.offerings.countDocuments({});
    for (const bearer of [hub.token(PUBLIC), hub.token({ roles: ['partner-staff'], organisationId: otherId }), hub.token({ roles: ['municipal-staff'], municipalityCode: '2418' })]) {
      expect((await sync([call('00040')], bearer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const closing = await hub.gql(CLOSE_IMPORTED, { providerId: vinnovaId, externalIds: ['vinnova:2026-00001'] }, bearer);
      expect(closing.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await hub.service.models.offerings.countDocuments({})).toBe(before);

    expect((await sync([call('00041')], hub.token({ roles: ['partner-staff'], organisationId: vinnovaId }))).data?.syncFundingCalls.created).toBe(1);
    expect((await sync([call('00042')], hub.admin)).data?.syncFundingCalls.created).toBe(1);
  });

  it('refuses an unknown provider', async () => {
    const response = await sync([call('00050')], integration, 'ffffffffffffffffffffffff');
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'providerId' });
  });
});
