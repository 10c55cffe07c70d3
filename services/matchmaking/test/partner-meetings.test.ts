import type { HubClaims } from '@hub/shared/auth';
import { createLogger } from '@hub/shared/logging';
import { createApp, type MatchmakingService } from '../src/app';
import { buildContext } from '../src/graphql/context';
import { matchmakingConfig } from './harness';

interface MeetingsPage {
  partnerMeetings: { nodes: Array<{ id: string; name: string; createdAt: string; organiser: { id: string } }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

const LIST = 'query ($first: Int, $after: String) { partnerMeetings(first: $first, after: $after) { nodes { id name createdAt organiser { id } } pageInfo { endCursor hasNextPage } } }';

/** The list of partner meetings: each organiser's own, newest first, a page at a time. */
describe('partnerMeetings', () => {
  let service: MatchmakingService;
  const office: HubClaims = { sub: 'office', roles: ['municipal-staff'], organisationId: 'dddddddddddddddddddddddd', municipalityCode: '2418' };
  const almi: HubClaims = { sub: 'almi', roles: ['partner-staff'], organisationId: 'aaaaaaaaaaaaaaaaaaaaaaaa' };

  const execute = async <T>(variables: Record<string, unknown>, claims: HubClaims) => {
    const response = await service.server.executeOperation(
      { query: LIST, variables },
      { contextValue: buildContext(service.applications)({ claims, correlationId: 'partner-meetings-test', logger: createLogger('partner-meetings-test', 'silent') }) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as { data?: T | null; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> };
  };

  beforeAll(async () => {
    service = await createApp(matchmakingConfig(), createLogger('partner-meetings-test', 'silent'));
    // one after the other, so that each is newer than the one before
    for (const name of ['Vårens matchmaking', 'Sommarens matchmaking', 'Höstens matchmaking']) await service.applications.partnerMeetings.create(office, { name, slots: 2 });
    await service.applications.partnerMeetings.create(almi, { name: 'Almis nätverksdag', slots: 1 });
  });

  afterAll(() => service?.stop());

  it("lists the caller's organisation's meetings newest first, a page at a time, and admins every meeting", async () => {
    const first = await execute<MeetingsPage>({ first: 2 }, office);
    expect(first.errors).toBeUndefined();
    expect(first.data!.partnerMeetings.nodes.map((m) => m.name)).toEqual(['Höstens matchmaking', 'Sommarens matchmaking']);
    expect(first.data!.partnerMeetings.nodes.every((m) => m.organiser.id === office.organisationId)).toBe(true);
    expect(first.data!.partnerMeetings.pageInfo.hasNextPage).toBe(true);

    const rest = await execute<MeetingsPage>({ first: 2, after: first.data!.partnerMeetings.pageInfo.endCursor }, office);
    expect(rest.data!.partnerMeetings.nodes.map((m) => m.name)).toEqual(['Vårens matchmaking']);
    expect(rest.data!.partnerMeetings.pageInfo).toEqual({ endCursor: expect.any(String), hasNextPage: false });

    const almis = await execute<MeetingsPage>({}, almi);
    expect(almis.data!.partnerMeetings.nodes.map((m) => m.name)).toEqual(['Almis nätverksdag']);
    const every = await execute<MeetingsPage>({}, { sub: 'admin', roles: ['admin'] });
    expect(every.data!.partnerMeetings.nodes.map((m) => m.name)).toEqual(['Almis nätverksdag', 'Höstens matchmaking', 'Sommarens matchmaking', 'Vårens matchmaking']);
    const created = every.data!.partnerMeetings.nodes.map((m) => Date.parse(m.createdAt));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });

  it('answers staff of no organisation with no meetings', async () => {
    const result = await execute<MeetingsPage>({}, { sub: 'adrift', roles: ['partner-staff'] });
    expect(result.data).toEqual({ partnerMeetings: { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } } });
  });

  it('refuses roles that organise no meetings', async () => {
    for (const roles of [['public'], ['integration'], ['migration-officer']] as const) {
      const result = await execute<MeetingsPage>({}, { sub: 'other', roles: [...roles], organisationId: office.organisationId });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('refuses a cursor it did not give out, and a page size out of bounds, naming the argument', async () => {
    const cursor = await execute<MeetingsPage>({ after: 'not-a-cursor' }, office);
    expect(cursor.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
    const size = await execute<MeetingsPage>({ first: 0 }, office);
    expect(size.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
  });
});
