import type { MigrationService } from '../src/app';
import { startHub, waitFor, type Hub } from './harness';

const SYNC = 'mutation ($input: [VacancySyncInput!]!) { syncVacancies(input: $input) { created updated unchanged closed unknown } }';
const CLOSE = 'mutation ($ids: [String!]!) { closeImportedVacancies(externalIds: $ids) { closed } }';
const LIST = `query ($filter: VacancyFilter, $first: Int, $after: String) {
  vacancies(filter: $filter, first: $first, after: $after) { nodes { externalId status } pageInfo { endCursor hasNextPage } }
}`;

interface Listing {
  vacancies: { nodes: Array<{ externalId: string; status: string }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

/**
 * The vacancy lists answered from each replica's memory: at once on the replica that imported, after the events on
 * another one on the same database, and the same after a restart.
 */
describe('the vacancy list of each replica', () => {
  let hub: Hub;
  let replica: MigrationService;
  let employerId: string;
  let integration: string;

  const ad = (id: string) => ({
    employerId,
    vacancy: { title: `Skogsmaskinförare (${id})`, occupationCode: '8341', municipalityCode: '2422', workMode: 'ON_SITE', housingHelp: true, externalId: `list:${id}` },
  });
  const list = async (variables: Record<string, unknown>) => (await hub.must<Listing>(LIST, { first: 100, ...variables })).vacancies;
  const externalIds = async (variables: Record<string, unknown>) => (await list(variables)).nodes.map((node) => `${node.externalId} ${node.status}`);
  const onReplica = async (filter: Record<string, unknown>) =>
    (await replica.applications.vacancies.list(filter, 100)).items.filter((vacancy) => vacancy.employerId === employerId).map((vacancy) => `${vacancy.externalId} ${vacancy.status.toUpperCase()}`);

  beforeAll(async () => {
    hub = await startHub();
    employerId = await hub.registerOrganisation('Sorsele Skogsentreprenad AB (list test)', '2422');
    integration = hub.token({ sub: 'jobtech-sync', roles: ['integration'] });
  });

  afterAll(async () => {
    await replica?.stop();
    await hub?.stop();
  });

  it('lists an import at once in publication order, pages without repeats while more arrive, and a replica started now has the same list', async () => {
    await hub.must(SYNC, { input: [ad('1'), ad('2')] }, integration);
    await hub.must(SYNC, { input: [ad('3')] }, integration);
    const filter = { municipalityCode: '2422', occupationCode: '8341' };
    const listed = await externalIds({ filter });
    // the first batch's two share their publication time; the later one comes after them
    expect(listed.slice(0, 2).sort()).toEqual(['list:1 OPEN', 'list:2 OPEN']);
    expect(listed[2]).toBe('list:3 OPEN');

    const first = await list({ filter, first: 2 });
    await hub.must(SYNC, { input: [ad('4')] }, integration);
    const rest = await list({ filter, first: 10, after: first.pageInfo.endCursor });
    expect([...first.nodes, ...rest.nodes].map((node) => node.externalId).sort()).toEqual(['list:1', 'list:2', 'list:3', 'list:4']);
    expect(rest.nodes.map((node) => node.externalId)).toContain('list:4');

    replica = await hub.restartedMigration();
    expect(await onReplica(filter)).toEqual(await externalIds({ filter }));
  });

  it("shows a close on the importing replica at once and on the other after its event, and the employer's own list too", async () => {
    await hub.must(CLOSE, { ids: ['list:2'] }, integration);
    expect(await externalIds({ filter: { municipalityCode: '2422', status: 'OPEN' } })).not.toContain('list:2 OPEN');
    expect(await externalIds({ filter: { municipalityCode: '2422', status: 'CLOSED' } })).toContain('list:2 CLOSED');
    await waitFor(async () => ((await onReplica({ status: 'closed' })).includes('list:2 CLOSED') ? true : undefined));
    expect(await onReplica({ status: 'open' })).not.toContain('list:2 OPEN');

    await hub.must(SYNC, { input: [ad('5')] }, integration);
    await waitFor(async () => ((await onReplica({ municipalityCode: '2422' })).includes('list:5 OPEN') ? true : undefined));
    const own = (await replica.applications.vacancies.ofEmployer(employerId, 'open')).map((vacancy) => vacancy.externalId);
    expect(own.sort()).toEqual(['list:1', 'list:3', 'list:4', 'list:5']);
  });
});
