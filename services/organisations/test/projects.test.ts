import { ADMIN, startHub, type Hub } from './harness';

const REGISTER_ORGANISATION = `mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }`;
const REGISTER_PROJECT = `mutation ($input: RegisterProjectInput!) {
  registerProject(input: $input) { id name kind startDate endDate owner { name } municipalities { code name } funders { funder { name } sharePercent } partners { name } }
}`;

describe('projects and programmes', () => {
  let hub: Hub;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startHub();
    const organisations: Array<[string, string, string, string]> = [
      ['region10', 'NETWORK', 'Region 10 – Möjligheternas Region', '202100-2114'],
      ['erdf', 'FUNDER', 'Europeiska regionala utvecklingsfonden (ERUF)', '202100-5489'],
      ['region', 'REGION', 'Region Västerbotten', '212000-0142'],
      ['almi', 'SUPPORT_ORGANISATION', 'Almi Företagspartner Nord', '556036-0793'],
    ];
    for (const [key, kind, name, organisationNumber] of organisations) {
      const result = await hub.gql<{ registerOrganisation: { id: string } }>(REGISTER_ORGANISATION, { input: { kind, name, organisationNumber, municipalityCode: '2481' } }, hub.token(ADMIN));
      ids[key] = result.data!.registerOrganisation.id;
    }
  });

  afterAll(() => hub?.stop());

  const nimr = () => ({
    kind: 'PROJECT',
    name: 'Näringslivsutveckling i Möjligheternas Region (NiMR)',
    ownerId: ids.region10,
    startDate: '2019-01-01',
    endDate: '2022-12-31',
    municipalityCodes: ['2418', '2506'],
    funders: [{ funderId: ids.erdf, sharePercent: 50 }, { funderId: ids.region, sharePercent: 25 }, { funderId: ids.region10, sharePercent: 25 }],
    partnerIds: [ids.almi],
  });

  it("registers NiMR with its funders' shares, and the owner's staff and organisations see it", async () => {
    const owner = hub.token({ roles: ['partner-staff'], organisationId: ids.region10 });
    const result = await hub.gql<{ registerProject: Record<string, unknown> & { id: string } }>(REGISTER_PROJECT, { input: nimr() }, owner);
    expect(result.errors).toBeUndefined();
    expect(result.data!.registerProject).toMatchObject({
      kind: 'PROJECT',
      startDate: '2019-01-01',
      owner: { name: 'Region 10 – Möjligheternas Region' },
      municipalities: [{ code: '2418', name: 'Malå' }, { code: '2506', name: 'Arjeplog' }],
      funders: [
        { funder: { name: 'Europeiska regionala utvecklingsfonden (ERUF)' }, sharePercent: 50 },
        { funder: { name: 'Region Västerbotten' }, sharePercent: 25 },
        { funder: { name: 'Region 10 – Möjligheternas Region' }, sharePercent: 25 },
      ],
      partners: [{ name: 'Almi Företagspartner Nord' }],
    });
    const almi = await hub.gql<{ organisation: { projects: Array<{ name: string }> } }>(`query ($id: ID!) { organisation(id: $id) { projects { name } } }`, { id: ids.almi }, hub.token({ roles: ['public'] }));
    expect(almi.data!.organisation.projects.map((p) => p.name)).toEqual(['Näringslivsutveckling i Möjligheternas Region (NiMR)']);
    const inMala = await hub.gql<{ projects: { nodes: Array<{ name: string }> } }>(`{ projects(filter: { municipalityCode: "2418", text: "mojligheternas" }) { nodes { name } } }`, {}, hub.token({ roles: ['public'] }));
    expect(inMala.data!.projects.nodes).toHaveLength(1);
  });

  it.each([
    ['shares that do not add up to 100', { funders: [{ funderId: 'erdf', sharePercent: 50 }, { funderId: 'region', sharePercent: 25 }] }, 'input.funders', /not 75/],
    ['a period that ends before it starts', { startDate: '2022-01-01', endDate: '2021-12-31' }, 'input.endDate', /ends on or after/],
    ['an unknown municipality', { municipalityCodes: ['2418', '0000'] }, 'input.municipalityCodes.1', /Unknown municipality/],
    ['an unknown partner', { partnerIds: ['ffffffffffffffffffffffff'] }, 'input.partnerIds.0', /No active organisation/],
  ])('refuses %s, storing nothing', async (_case, overrides, field, message) => {
    const before = await hub.models.projects.countDocuments();
    const input = { ...nimr(), ...overrides } as Record<string, unknown> & { funders: Array<{ funderId: string; sharePercent: number }> };
    input.funders = input.funders.map((f) => ({ ...f, funderId: ids[f.funderId] ?? f.funderId }));
    const result = await hub.gql(REGISTER_PROJECT, { input }, hub.token(ADMIN));
    expect(result.errors?.[0]).toMatchObject({ path: ['registerProject'], extensions: { code: 'BAD_USER_INPUT', field } });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(await hub.models.projects.countDocuments()).toBe(before);
  });

  it('refuses a project from staff of another organisation, and lets the owner update it', async () => {
    const stranger = hub.token({ roles: ['partner-staff'], organisationId: ids.almi });
    const refused = await hub.gql(REGISTER_PROJECT, { input: { ...nimr(), name: 'Annat projekt' } }, stranger);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const project = await hub.models.projects.findOne({ ownerId: ids.region10 }).lean();
    const update = `mutation ($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { endDate municipalities { code } } }`;
    const strangerUpdate = await hub.gql(update, { id: project!._id.toHexString(), input: { endDate: '2023-06-30' } }, stranger);
    expect(strangerUpdate.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ownerUpdate = await hub.gql<{ updateProject: { endDate: string } }>(update, { id: project!._id.toHexString(), input: { endDate: '2023-06-30' } }, hub.token({ roles: ['partner-staff'], organisationId: ids.region10 }));
    expect(ownerUpdate.errors).toBeUndefined();
    expect(ownerUpdate.data!.updateProject.endDate).toBe('2023-06-30');
    const stored = await hub.models.projects.findById(project!._id).lean();
    expect(stored?.revision).toBe(1);
  });

  it('refuses a Date that is not a calendar date', async () => {
    const result = await hub.gql(REGISTER_PROJECT, { input: { ...nimr(), startDate: '2023-02-30' } }, hub.token(ADMIN));
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
