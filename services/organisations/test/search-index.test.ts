import { organisationNumber, waitFor } from '@hub/infra/testkit';
import { ADMIN, PUBLIC, startHub, type Hub } from './harness';

const REGISTER = `mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;
const LIST = `query ($f: OrganisationFilter, $first: Int, $after: String) {
  organisations(filter: $f, first: $first, after: $after) { nodes { id name } pageInfo { endCursor hasNextPage } }
}`;

interface Listing {
  organisations: { nodes: Array<{ id: string; name: string }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

/**
 * The lists answered from each replica's in-memory index: two replicas on one database behind their own gateways,
 * the writing one answering from its index at once, the other after the write's event has reached it.
 */
describe('the register index of each replica', () => {
  let writer: Hub;
  let other: Hub;
  let serial = 0;

  const list = async (hub: Hub, variables: Record<string, unknown>) => {
    const response = await hub.gql<Listing>(LIST, { first: 100, ...variables }, hub.token(PUBLIC));
    expect(response.errors).toBeUndefined();
    return response.data!.organisations;
  };
  const names = async (hub: Hub, variables: Record<string, unknown>) => (await list(hub, variables)).nodes.map((node) => node.name);
  /** Every page of a listing, two at a time. */
  const allPages = async (hub: Hub, filter: Record<string, unknown>) => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Listing['organisations'] = await list(hub, { f: filter, first: 2, after });
      seen.push(...page.nodes.map((node) => node.name));
      if (!page.pageInfo.hasNextPage) return seen;
      after = page.pageInfo.endCursor;
    }
  };
  const register = async (hub: Hub, name: string, municipalityCode = '2481') => {
    serial += 1;
    const response = await hub.gql<{ registerOrganisation: { id: string } }>(
      REGISTER,
      { input: { kind: 'COMPANY', name, organisationNumber: organisationNumber(`202199${String(serial).padStart(3, '0')}`), municipalityCode, industries: [{ code: '55101' }] } },
      hub.token(ADMIN),
    );
    expect(response.errors).toBeUndefined();
    return response.data!.registerOrganisation.id;
  };

  beforeAll(async () => {
    writer = await startHub();
    other = await startHub({ mongoUrl: writer.mongoUrl });
  });

  afterAll(async () => {
    await other?.stop();
    await writer?.stop();
  });

  it('shows a write on the replica that made it at once, and on the other one after its event arrives', async () => {
    const id = await register(writer, 'Vindelälvens Laxfiske AB (test)');
    expect(await names(writer, { f: { text: 'vindelalvens lax' } })).toEqual(['Vindelälvens Laxfiske AB (test)']);
    await waitFor(async () => ((await names(other, { f: { text: 'laxfiske' } })).length === 1 ? true : undefined));

    const renamed = await other.gql(`mutation ($id: ID!) { updateOrganisation(id: $id, input: { name: "Öreälvens Laxfiske AB (test)" }) { id } }`, { id }, other.token(ADMIN));
    expect(renamed.errors).toBeUndefined();
    expect(await names(other, { f: { text: 'oreälv' } })).toEqual(['Öreälvens Laxfiske AB (test)']);
    expect(await names(other, { f: { text: 'vindelalvens' } })).toEqual([]);
    await waitFor(async () => ((await names(writer, { f: { text: 'orealvens' } })).length === 1 ? true : undefined));
    expect(await names(writer, { f: { text: 'vindelalvens' } })).toEqual([]);

    await writer.gql(`mutation ($id: ID!) { deactivateOrganisation(id: $id) { id } }`, { id }, writer.token(ADMIN));
    expect(await names(writer, { f: { text: 'laxfiske' } })).toEqual([]);
    expect(await names(writer, { f: { text: 'laxfiske', status: 'INACTIVE' } })).toEqual(['Öreälvens Laxfiske AB (test)']);
    await waitFor(async () => ((await names(other, { f: { text: 'laxfiske' } })).length === 0 ? true : undefined));
  });

  it('lists in Swedish order and keeps a cursor in place while organisations are registered before and after it', async () => {
    for (const name of ['Zeta Bygg AB (test)', 'Älvdalens Bröd AB (test)', 'Arvidsjaurs Is AB (test)', 'Åkroken Café AB (test)']) await register(writer, name, '2421');
    const first = await list(writer, { f: { municipalityCode: '2421' }, first: 2 });
    expect(first.nodes.map((node) => node.name)).toEqual(['Arvidsjaurs Is AB (test)', 'Zeta Bygg AB (test)']);
    await register(writer, 'Bergs Måleri AB (test)', '2421');
    await register(writer, 'Öjebyns Smide AB (test)', '2421');
    const rest = await list(writer, { f: { municipalityCode: '2421' }, first: 10, after: first.pageInfo.endCursor });
    expect(rest.nodes.map((node) => node.name)).toEqual(['Åkroken Café AB (test)', 'Älvdalens Bröd AB (test)', 'Öjebyns Smide AB (test)']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('lists projects registered on one replica on the other after their event', async () => {
    const owner = await register(writer, 'Projektägare AB (test)', '2418');
    const registered = await writer.gql(
      `mutation ($input: RegisterProjectInput!) { registerProject(input: $input) { id } }`,
      { input: { kind: 'PROJECT', name: 'Ödemarksprojektet (test)', ownerId: owner, startDate: '2030-01-01', municipalityCodes: ['2418'], funders: [{ funderId: owner, sharePercent: 100 }], partnerIds: [] } },
      writer.token(ADMIN),
    );
    expect(registered.errors).toBeUndefined();
    const projects = (hub: Hub) => hub.gql<{ projects: { nodes: Array<{ name: string }> } }>(`{ projects(filter: { text: "odemark", municipalityCode: "2418" }) { nodes { name } } }`, {}, hub.token(PUBLIC));
    expect((await projects(writer)).data!.projects.nodes).toEqual([{ name: 'Ödemarksprojektet (test)' }]);
    await waitFor(async () => ((await projects(other)).data!.projects.nodes.length === 1 ? true : undefined));
  });

  it('rebuilds the same index from the database after a restart', async () => {
    const everyone = await allPages(writer, {});
    const inactive = await allPages(writer, { status: 'INACTIVE' });
    await other.stop();
    other = await startHub({ mongoUrl: writer.mongoUrl });
    expect(await allPages(other, {})).toEqual(everyone);
    expect(await allPages(other, { status: 'INACTIVE' })).toEqual(inactive);
    expect(await names(other, { f: { text: 'orealvens', status: 'INACTIVE' } })).toEqual(['Öreälvens Laxfiske AB (test)']);
  });
});
