import { offeringInput, PUBLIC, startHub, type Hub } from './harness';

const SEARCH = `query ($filter: OfferingFilter, $sort: OfferingSort, $first: Int, $after: String) {
  offerings(filter: $filter, sort: $sort, first: $first, after: $after) { nodes { title { sv } } pageInfo { endCursor hasNextPage } }
}`;

interface SearchResult {
  offerings: { nodes: Array<{ title: { sv: string } }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

describe('searching offerings', () => {
  let hub: Hub;
  let providerId: string;
  let publicToken: string;

  const search = async (variables: Record<string, unknown>) => {
    const response = await hub.gql<SearchResult>(SEARCH, variables, publicToken);
    expect(response.errors).toBeUndefined();
    return response.data!.offerings;
  };
  const titles = async (variables: Record<string, unknown>) => (await search({ first: 100, ...variables })).nodes.map((n) => n.title.sv);

  beforeAll(async () => {
    hub = await startHub();
    publicToken = hub.token(PUBLIC);
    providerId = await hub.registerOrganisation('Akademi Norr (test)', '2421', 'UNIVERSITY_OR_ACADEMY');
    const staff = hub.token({ roles: ['partner-staff'], organisationId: providerId });
    const offerings: Array<Record<string, unknown>> = [
      {},
      { title: { sv: 'Steget vidare Arjeplog' }, municipalityCodes: ['2506'], applicationDeadline: '2030-08-01', industries: ['55'] },
      { title: { sv: 'Digitala verktyg för mikroföretag' }, kind: 'COURSE', format: 'DIGITAL', municipalityCodes: [], applicationDeadline: null, needs: ['DIGITALISATION'], targetGroups: ['MICRO_COMPANIES'], industries: [], startDate: '2030-03-01', endDate: '2030-06-30' },
      { title: { sv: 'Ödemarkens exportnätverk' }, kind: 'NETWORK_OR_FAIR', municipalityCodes: ['2505'], applicationDeadline: '2030-07-01', needs: ['EXPORT'], industries: ['62010'] },
      { title: { sv: 'Gammal uppföljning' }, startDate: '2021-01-20', endDate: '2021-01-20', applicationDeadline: '2021-01-10' },
    ];
    for (const overrides of offerings) {
      const created = await hub.gql<{ createOfferingDraft: { id: string } }>(
        'mutation ($input: CreateOfferingDraftInput!) { createOfferingDraft(input: $input) { id } }',
        { input: offeringInput(providerId, overrides) },
        staff,
      );
      await hub.gql('mutation ($id: ID!) { publishOffering(id: $id) { id } }', { id: created.data!.createOfferingDraft.id }, staff);
    }
    await hub.gql('mutation ($input: CreateOfferingDraftInput!) { createOfferingDraft(input: $input) { id } }', { input: offeringInput(providerId, { title: { sv: 'Hemligt utkast Malå' } }) }, staff);
  });

  afterAll(() => hub?.stop());

  it('folds Swedish letters: "mala" finds "Steget vidare Malå", "odemark" finds "Ödemarkens…"; drafts stay hidden', async () => {
    expect(await titles({ filter: { text: 'mala' } })).toEqual(['Steget vidare Malå']);
    expect(await titles({ filter: { text: 'STEGET vid' }, sort: 'TITLE' })).toEqual(['Steget vidare Arjeplog', 'Steget vidare Malå']);
    expect(await titles({ filter: { text: 'odemark' } })).toEqual(['Ödemarkens exportnätverk']);
    expect(await titles({ filter: { text: 'mikroforetag' } })).toEqual(['Digitala verktyg för mikroföretag']);
  });

  it('filters by municipality (served there or the whole region), needs, kind, format, industry and dates', async () => {
    expect(await titles({ filter: { municipalityCode: '2418' }, sort: 'TITLE' })).toEqual(['Digitala verktyg för mikroföretag', 'Gammal uppföljning', 'Steget vidare Malå']);
    expect(await titles({ filter: { needs: ['EXPORT', 'DIGITALISATION'] }, sort: 'TITLE' })).toEqual(['Digitala verktyg för mikroföretag', 'Ödemarkens exportnätverk']);
    expect(await titles({ filter: { kind: 'COURSE' } })).toEqual(['Digitala verktyg för mikroföretag']);
    expect(await titles({ filter: { format: 'DIGITAL', targetGroups: ['MICRO_COMPANIES'] } })).toEqual(['Digitala verktyg för mikroföretag']);
    expect(await titles({ filter: { industry: '62', municipalityCode: '2505' }, sort: 'TITLE' })).toEqual(['Digitala verktyg för mikroföretag', 'Ödemarkens exportnätverk']);
    expect(await titles({ filter: { industry: '55101', municipalityCode: '2506' }, sort: 'TITLE' })).toEqual(['Digitala verktyg för mikroföretag', 'Steget vidare Arjeplog']);
    expect(await titles({ filter: { deadlineFrom: '2030-07-15', deadlineTo: '2030-08-10' } })).toEqual(['Steget vidare Arjeplog']);
    expect(await titles({ filter: { startFrom: '2030-01-01', startTo: '2030-06-01' } })).toEqual(['Digitala verktyg för mikroföretag']);
    expect(await titles({ filter: { openOnly: true, providerId } })).not.toContain('Gammal uppföljning');
    expect(await titles({ filter: { providerId: 'ffffffffffffffffffffffff' } })).toEqual([]);
  });

  it('sorts by deadline with undated offerings last, and by start date', async () => {
    expect(await titles({})).toEqual(['Gammal uppföljning', 'Ödemarkens exportnätverk', 'Steget vidare Arjeplog', 'Steget vidare Malå', 'Digitala verktyg för mikroföretag']);
    expect(await titles({ sort: 'START_DATE' })).toEqual(['Gammal uppföljning', 'Digitala verktyg för mikroföretag', 'Steget vidare Malå', 'Steget vidare Arjeplog', 'Ödemarkens exportnätverk']);
  });

  it('pages with cursors without repeating or skipping, and refuses pages over 100 and foreign cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: SearchResult['offerings'] = await search({ first: 2, after });
      seen.push(...page.nodes.map((n) => n.title.sv));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(await titles({}));
    const tooMany = await hub.gql(SEARCH, { first: 101 }, publicToken);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await hub.gql(SEARCH, { first: 2, after: 'bm90LWEtY3Vyc29y' }, publicToken);
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('answers a page\'s listed fields from memory and the others from the stored offering, as offering(id) answers them', async () => {
    const fields = `id kind status title { sv en } priceSek format startDate endDate applicationDeadline needs targetGroups industries
      servesWholeRegion municipalitiesServed { code } provider { id } description { sv } capacity link externalId funding { description }
      eligibility { maxEmployees } sessions { id } seats { capacity enrolled } createdAt updatedAt`;
    const staff = hub.token({ roles: ['partner-staff'], organisationId: providerId });
    for (const [filter, token] of [[{}, publicToken], [{ status: 'DRAFT' }, staff]] as const) {
      const page = await hub.gql<{ offerings: { nodes: Array<{ id: string }> } }>(`query ($filter: OfferingFilter) { offerings(filter: $filter) { nodes { ${fields} } } }`, { filter }, token);
      expect(page.errors).toBeUndefined();
      expect(page.data!.offerings.nodes.length).toBeGreaterThan(0);
      for (const node of page.data!.offerings.nodes) {
        const one = await hub.gql<{ offering: unknown }>(`query ($id: ID!) { offering(id: $id) { ${fields} } }`, { id: node.id }, token);
        expect(node).toEqual(one.data!.offering);
      }
    }
  });

  it('shows unpublished offerings only to the provider\'s staff', async () => {
    const refused = await hub.gql(SEARCH, { filter: { status: 'DRAFT' } }, publicToken);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const staff = hub.token({ roles: ['partner-staff'], organisationId: providerId });
    const own = await hub.gql<SearchResult>(SEARCH, { filter: { status: 'DRAFT' } }, staff);
    expect(own.data?.offerings.nodes.map((n) => n.title.sv)).toEqual(['Hemligt utkast Malå']);
  });
});
