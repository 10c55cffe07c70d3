import { offeringInput, PUBLIC, startHub, waitFor, type Hub } from './harness';

const SEARCH = `query ($filter: OfferingFilter, $sort: OfferingSort, $first: Int, $after: String) {
  offerings(filter: $filter, sort: $sort, first: $first, after: $after) { nodes { id title { sv } } pageInfo { endCursor hasNextPage } }
}`;

interface SearchResult {
  offerings: { nodes: Array<{ id: string; title: { sv: string } }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

type Replica = Awaited<ReturnType<Hub['startReplica']>>;
type Gql = Hub['gql'];

/**
 * Search answered from each replica's catalogue in memory: the replica that wrote answers with its write at once,
 * another one on the same database after the write's event has reached it, and a restarted one from the database.
 */
describe('the catalogue index of each replica', () => {
  let hub: Hub;
  let replica: Replica;
  let providerId: string;

  const search = async (gql: Gql, token: string, variables: Record<string, unknown>) => {
    const response = await gql<SearchResult>(SEARCH, { first: 100, ...variables }, token);
    expect(response.errors).toBeUndefined();
    return response.data!.offerings;
  };
  const titles = async (gql: Gql, token: string, variables: Record<string, unknown>) => (await search(gql, token, variables)).nodes.map((node) => node.title.sv);
  const onHub = (variables: Record<string, unknown>) => titles(hub.gql, hub.token(PUBLIC), variables);
  const onReplica = (variables: Record<string, unknown>) => titles(replica.gql, replica.token(PUBLIC), variables);
  const until = (probe: () => Promise<boolean>) => waitFor(async () => ((await probe()) ? true : undefined));
  /** Every page, two at a time. */
  const allPages = async (gql: Gql, token: string, variables: Record<string, unknown>) => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: SearchResult['offerings'] = await search(gql, token, { ...variables, first: 2, after });
      seen.push(...page.nodes.map((node) => node.title.sv));
      if (!page.pageInfo.hasNextPage) return seen;
      after = page.pageInfo.endCursor;
    }
  };
  const draft = async (gql: Gql, token: string, overrides: Record<string, unknown>) => {
    const created = await gql<{ createOfferingDraft: { id: string } }>(
      'mutation ($input: CreateOfferingDraftInput!) { createOfferingDraft(input: $input) { id } }',
      { input: offeringInput(providerId, overrides) },
      token,
    );
    expect(created.errors).toBeUndefined();
    return created.data!.createOfferingDraft.id;
  };
  const publish = async (gql: Gql, token: string, overrides: Record<string, unknown>) => {
    const id = await draft(gql, token, overrides);
    const published = await gql('mutation ($id: ID!) { publishOffering(id: $id) { id } }', { id }, token);
    expect(published.errors).toBeUndefined();
    return id;
  };

  beforeAll(async () => {
    hub = await startHub();
    providerId = await hub.registerOrganisation('Norrlandsakademin (test)', '2421', 'UNIVERSITY_OR_ACADEMY');
    replica = await hub.startReplica();
  });

  afterAll(async () => {
    await replica?.stop();
    await hub?.stop();
  });

  it('finds a published offering on the writing replica at once and on the other after its event; an edit and a close likewise', async () => {
    const staff = hub.token({ roles: ['partner-staff'], organisationId: providerId });
    const id = await publish(hub.gql, staff, { title: { sv: 'Fjällföretagarnas växthus' }, municipalityCodes: ['2421'] });
    expect(await onHub({ filter: { text: 'fjallforetag vaxt' } })).toEqual(['Fjällföretagarnas växthus']);
    await until(async () => (await onReplica({ filter: { text: 'vaxthus' } })).length === 1);

    const replicaStaff = replica.token({ roles: ['partner-staff'], organisationId: providerId });
    const renamed = await replica.gql('mutation ($id: ID!) { updateOffering(id: $id, input: { title: { sv: "Älvdalens växthus" } }) { id } }', { id }, replicaStaff);
    expect(renamed.errors).toBeUndefined();
    expect(await onReplica({ filter: { text: 'alvdalens' } })).toEqual(['Älvdalens växthus']);
    expect(await onReplica({ filter: { text: 'fjallforetagarnas' } })).toEqual([]);
    await until(async () => (await onHub({ filter: { text: 'alvdalens' } })).length === 1);
    expect(await onHub({ filter: { text: 'fjallforetagarnas' } })).toEqual([]);

    expect((await hub.gql('mutation ($id: ID!) { closeOffering(id: $id) { id } }', { id }, staff)).errors).toBeUndefined();
    expect(await onHub({ filter: { text: 'alvdalens' } })).toEqual([]);
    expect(await titles(hub.gql, staff, { filter: { text: 'alvdalens', status: 'CLOSED' } })).toEqual(['Älvdalens växthus']);
    await until(async () => (await onReplica({ filter: { text: 'alvdalens' } })).length === 0);
    expect(await titles(replica.gql, replicaStaff, { filter: { text: 'alvdalens', status: 'CLOSED' } })).toEqual(['Älvdalens växthus']);
  });

  it("lists a provider's drafts, which no event announces, on every replica at once, to its staff only", async () => {
    const staff = hub.token({ roles: ['partner-staff'], organisationId: providerId });
    await draft(hub.gql, staff, { title: { sv: 'Utkast om ödemarksturism' } });
    const replicaStaff = replica.token({ roles: ['partner-staff'], organisationId: providerId });
    expect(await titles(replica.gql, replicaStaff, { filter: { status: 'DRAFT', text: 'odemark' } })).toEqual(['Utkast om ödemarksturism']);
    expect(await onReplica({ filter: { text: 'odemark' } })).toEqual([]);
  });

  it('sorts titles in Swedish order and keeps a cursor in place while offerings are published before and after it', async () => {
    const staff = hub.token({ roles: ['partner-staff'], organisationId: providerId });
    for (const title of ['Zonterapi för företagare', 'Ärendehantering', 'Arbetsrätt i praktiken']) await publish(hub.gql, staff, { title: { sv: title }, municipalityCodes: ['2425'] });
    const filter = { municipalityCode: '2425', providerId };
    const first = await search(hub.gql, hub.token(PUBLIC), { filter, sort: 'TITLE', first: 2 });
    expect(first.nodes.map((node) => node.title.sv)).toEqual(['Arbetsrätt i praktiken', 'Zonterapi för företagare']);
    await publish(hub.gql, staff, { title: { sv: 'Bokföring' }, municipalityCodes: ['2425'] });
    await publish(hub.gql, staff, { title: { sv: 'Överlåtelse av företag' }, municipalityCodes: ['2425'] });
    const rest = await search(hub.gql, hub.token(PUBLIC), { filter, sort: 'TITLE', first: 10, after: first.pageInfo.endCursor });
    expect(rest.nodes.map((node) => node.title.sv)).toEqual(['Ärendehantering', 'Överlåtelse av företag']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('rebuilds the same catalogue from the database after a restart', async () => {
    const staff = hub.token({ roles: ['partner-staff'], organisationId: providerId });
    const orders = [{}, { sort: 'TITLE' }, { sort: 'START_DATE' }, { sort: 'TITLE', filter: { status: 'CLOSED', providerId } }];
    const before = await Promise.all(orders.map((variables) => allPages(hub.gql, staff, variables)));
    await replica.stop();
    replica = await hub.startReplica();
    const replicaStaff = replica.token({ roles: ['partner-staff'], organisationId: providerId });
    expect(await Promise.all(orders.map((variables) => allPages(replica.gql, replicaStaff, variables)))).toEqual(before);
    expect(before[0]!.length).toBeGreaterThanOrEqual(5);
  });
});
