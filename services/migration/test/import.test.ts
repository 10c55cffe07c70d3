import { TOPICS } from '@hub/shared/contracts';
import { serverOperator } from '@hub/shared/mongo';
import { collectEvents } from '@hub/infra/testkit';
import { startHub, waitFor, type Hub } from './harness';

const SYNC = 'mutation ($input: [VacancySyncInput!]!) { syncVacancies(input: $input) { created updated unchanged closed unknown } }';
const CLOSE = 'mutation ($ids: [String!]!) { closeImportedVacancies(externalIds: $ids) { created updated unchanged closed unknown } }';

describe('importing job ads as vacancies', () => {
  let hub: Hub;
  let employerId: string;
  let integration: string;

  beforeAll(async () => {
    hub = await startHub();
    employerId = await hub.registerOrganisation('Vilhelmina kommun, Socialtjänsten (import test)', '2462');
    integration = hub.token({ sub: 'jobtech-sync', roles: ['integration'] });
  });

  afterAll(() => hub.stop());

  const ad = (id: string, overrides: Record<string, unknown> = {}) => ({
    employerId,
    vacancy: { title: `Undersköterska, hemtjänst (${id})`, occupationCode: '5321', municipalityCode: '2462', workMode: 'ON_SITE', housingHelp: false, externalId: `jobtech:${id}`, ...overrides },
  });

  it('creates, then leaves the same ads alone, updates a changed one and closes a removed one, with events', async () => {
    const events = await collectEvents('migration-import', TOPICS.migration, ['VacancyPublished', 'VacancyUpdated', 'VacancyClosed']);
    try {
      const first = await hub.must<{ syncVacancies: Record<string, number> }>(SYNC, { input: [ad('1001'), ad('1002'), ad('1003')] }, integration);
      expect(first.syncVacancies).toEqual({ created: 3, updated: 0, unchanged: 0, closed: 0, unknown: 0 });
      const again = await hub.must<{ syncVacancies: Record<string, number> }>(SYNC, { input: [ad('1001'), ad('1002'), ad('1003')] }, integration);
      expect(again.syncVacancies).toEqual({ created: 0, updated: 0, unchanged: 3, closed: 0, unknown: 0 });
      const changed = await hub.must<{ syncVacancies: Record<string, number> }>(SYNC, { input: [ad('1001', { title: 'Undersköterska, natt (1001)' }), ad('1002')] }, integration);
      expect(changed.syncVacancies).toEqual({ created: 0, updated: 1, unchanged: 1, closed: 0, unknown: 0 });
      const closed = await hub.must<{ closeImportedVacancies: Record<string, number> }>(CLOSE, { ids: ['jobtech:1003', 'jobtech:9999'] }, integration);
      expect(closed.closeImportedVacancies).toEqual({ created: 0, updated: 0, unchanged: 0, closed: 1, unknown: 1 });
      const closedAgain = await hub.must<{ closeImportedVacancies: Record<string, number> }>(CLOSE, { ids: ['jobtech:1003'] }, integration);
      expect(closedAgain.closeImportedVacancies).toMatchObject({ closed: 0, unchanged: 1 });

      const { organisation } = await hub.must<{ organisation: { vacancies: Array<{ id: string; title: string; status: string; externalId: string }> } }>(
        'query ($id: ID!) { organisation(id: $id) { vacancies { id title status externalId } } }',
        { id: employerId },
      );
      expect(organisation.vacancies.map((v) => [v.externalId, v.title, v.status]).sort()).toEqual([
        ['jobtech:1001', 'Undersköterska, natt (1001)', 'OPEN'],
        ['jobtech:1002', 'Undersköterska, hemtjänst (1002)', 'OPEN'],
        ['jobtech:1003', 'Undersköterska, hemtjänst (1003)', 'CLOSED'],
      ]);
      // Only this test's events: the topic is shared with every other test, and a vacancy's id comes from its external
      // id alone, so the employer registered here is what tells them apart. Each arrives on its vacancy's partition.
      const vacancyOf = new Map(organisation.vacancies.map((v) => [v.id, v.externalId]));
      const expected = [
        ['VacancyClosed', 'jobtech:1003'],
        ['VacancyPublished', 'jobtech:1001'],
        ['VacancyPublished', 'jobtech:1002'],
        ['VacancyPublished', 'jobtech:1003'],
        ['VacancyUpdated', 'jobtech:1001'],
      ];
      const mine = () =>
        events.received
          .filter((e) => (e.payload as { employerId: string }).employerId === employerId)
          .map((e) => [e.type, vacancyOf.get((e.payload as { vacancyId: string }).vacancyId)])
          .sort();
      await waitFor(() => (mine().length >= expected.length ? true : undefined));
      expect(mine()).toEqual(expected);
    } finally {
      await events.stop();
    }
  });

  it('stores nothing of a batch with one bad ad, and names the ad and field', async () => {
    const bad = await hub.gql(SYNC, { input: [ad('2001'), ad('2002', { occupationCode: '0000' })] }, integration);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.1.vacancy.occupationCode' });
    const unknownEmployer = await hub.gql(SYNC, { input: [{ ...ad('2003'), employerId: '0123456789abcdef01234567' }] }, integration);
    expect(unknownEmployer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.0.employerId' });
    const twice = await hub.gql(SYNC, { input: [ad('2004'), ad('2004')] }, integration);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.1.vacancy.externalId' });
    const noExternalId = await hub.gql(SYNC, { input: [ad('2005', { externalId: null })] }, integration);
    expect(noExternalId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.0.vacancy.externalId' });
    // 501 ads are more than a request body may carry through the gateway (100 kB), so the service's own cap is asked directly
    const claims = { sub: 'jobtech-sync', roles: ['integration' as const] };
    const tooMany = Array.from({ length: 501 }, (_, i) => ({ ...ad(`3${i}`), vacancy: { ...ad(`3${i}`).vacancy, workMode: 'on-site' as const } }));
    await expect(hub.service.applications.vacancies.sync(claims, tooMany, 'import-test')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    const stored = await hub.service.models.vacancies.countDocuments({ externalId: serverOperator({ $in: ['jobtech:2001', 'jobtech:2003', 'jobtech:2004', 'jobtech:30'] }) });
    expect(stored).toBe(0);
  });

  it('imports for integrations only', async () => {
    for (const bearer of [hub.token({ roles: ['public'] }), hub.token({ roles: ['partner-staff'], organisationId: employerId }), hub.token({ roles: ['migration-officer'], municipalityCode: '2462' })]) {
      const response = await hub.gql(SYNC, { input: [ad('4001')] }, bearer);
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('refuses the ads of an employer the register has deactivated, also after a restart', async () => {
    const closing = await hub.registerOrganisation('Storumans Bygg & Montage AB (import test)', '2421');
    const ofClosing = { ...ad('6001'), employerId: closing };
    expect((await hub.must<{ syncVacancies: Record<string, number> }>(SYNC, { input: [ofClosing] }, integration)).syncVacancies).toMatchObject({ created: 1 });
    await hub.must('mutation ($id: ID!) { deactivateOrganisation(id: $id) { id } }', { id: closing });
    await waitFor(async () => ((await hub.service.models.employers.findById(closing).lean())?.status === 'inactive' ? true : undefined));

    const refused = await hub.gql(SYNC, { input: [ad('6002'), { ...ad('6003'), employerId: closing }] }, integration);
    expect(refused.errors?.[0]).toMatchObject({ message: 'The employer is no longer active', extensions: { code: 'BAD_USER_INPUT', field: 'input.1.employerId' } });
    const restarted = await hub.restartedMigration();
    try {
      const claims = { sub: 'jobtech-sync', roles: ['integration' as const] };
      const later = { ...ad('6004'), employerId: closing, vacancy: { ...ad('6004').vacancy, workMode: 'on-site' as const } };
      await expect(restarted.applications.vacancies.sync(claims, [later], 'restart-test')).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.0.employerId' });
    } finally {
      await restarted.stop();
    }
    expect(await hub.service.models.vacancies.countDocuments({ externalId: serverOperator({ $in: ['jobtech:6002', 'jobtech:6003', 'jobtech:6004'] }) })).toBe(0);
  });

  it('knows what it imported after a restart: the same ad again changes nothing', async () => {
    await hub.must(SYNC, { input: [ad('5001')] }, integration);
    const restarted = await hub.restartedMigration();
    try {
      const claims = { sub: 'jobtech-sync', roles: ['integration' as const] };
      // the application takes the domain's values (on-site), not the graph's enum names
      const same = { ...ad('5001'), vacancy: { ...ad('5001').vacancy, workMode: 'on-site' as const } };
      expect(await restarted.applications.vacancies.sync(claims, [same], 'restart-test')).toMatchObject({ created: 0, unchanged: 1 });
      expect(await restarted.applications.vacancies.sync(claims, [{ ...same, vacancy: { ...same.vacancy, positions: 3 } }], 'restart-test')).toMatchObject({ updated: 1 });
      expect(await restarted.models.vacancies.countDocuments({ externalId: 'jobtech:5001' })).toBe(1);
    } finally {
      await restarted.stop();
    }
  });
});
