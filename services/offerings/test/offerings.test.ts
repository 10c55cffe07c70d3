import { offeringInput, PUBLIC, startHub, waitFor, type Hub } from './harness';

const CREATE = `mutation ($input: CreateOfferingDraftInput!) { createOfferingDraft(input: $input) { id status title { sv en } } }`;
const PUBLISH = `mutation ($id: ID!) { publishOffering(id: $id) { id status } }`;
const CLOSE = `mutation ($id: ID!) { closeOffering(id: $id) { id status } }`;
const ARCHIVE = `mutation ($id: ID!) { archiveOffering(id: $id) { id status } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateOfferingInput!) { updateOffering(id: $id, input: $input) { id capacity applicationDeadline } }`;
const OFFERING = `query ($id: ID!) { offering(id: $id) { id status title { sv } } }`;

describe('offerings through the gateway, on real Kafka and FerretDB', () => {
  let hub: Hub;
  let almiId: string;
  let almiStaff: string;
  let otherStaff: string;

  const create = async (input: Record<string, unknown>, bearer = almiStaff) => hub.gql<{ createOfferingDraft: { id: string; status: string } }>(CREATE, { input }, bearer);
  const draft = async (overrides: Record<string, unknown> = {}) => {
    const response = await create(offeringInput(almiId, overrides));
    expect(response.errors).toBeUndefined();
    return response.data!.createOfferingDraft.id;
  };
  const storedCount = () => hub.service.models.offerings.countDocuments({});

  beforeAll(async () => {
    hub = await startHub();
    almiId = await hub.registerOrganisation('Almi Företagspartner Nord (test)', '2580');
    const otherId = await hub.registerOrganisation('Vinnova (test)', '0180', 'FUNDER');
    almiStaff = hub.token({ roles: ['partner-staff'], organisationId: almiId });
    otherStaff = hub.token({ roles: ['partner-staff'], organisationId: otherId });
  });

  afterAll(() => hub?.stop());

  it('creates a draft the public cannot see, publishes it, and then everyone sees it', async () => {
    const id = await draft();
    const publicToken = hub.token(PUBLIC);

    const hidden = await hub.gql(OFFERING, { id }, publicToken);
    expect(hidden.data).toEqual({ offering: null });
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const ownView = await hub.gql(OFFERING, { id }, almiStaff);
    expect(ownView.data).toEqual({ offering: { id, status: 'DRAFT', title: { sv: 'Steget vidare Malå' } } });
    const listed = await hub.gql<{ offerings: { nodes: Array<{ id: string }> } }>(`{ offerings(first: 100) { nodes { id } } }`, {}, publicToken);
    expect(listed.data?.offerings.nodes.map((n) => n.id)).not.toContain(id);

    const published = await hub.gql(PUBLISH, { id }, almiStaff);
    expect(published.errors).toBeUndefined();
    expect(published.data).toEqual({ publishOffering: { id, status: 'PUBLISHED' } });
    expect((await hub.gql(OFFERING, { id }, publicToken)).data).toEqual({ offering: { id, status: 'PUBLISHED', title: { sv: 'Steget vidare Malå' } } });
  });

  it('runs the lifecycle one way only: draft → published → closed → archived', async () => {
    const id = await draft();
    const codeOf = async (query: string, variables: Record<string, unknown> = { id }) => (await hub.gql(query, variables, almiStaff)).errors?.[0]?.extensions?.code;

    expect(await codeOf(CLOSE)).toBe('CONFLICT');
    expect(await codeOf(ARCHIVE)).toBe('CONFLICT');
    expect(await codeOf(PUBLISH)).toBeUndefined();
    expect(await codeOf(PUBLISH)).toBe('CONFLICT');
    expect(await codeOf(ARCHIVE)).toBe('CONFLICT');
    expect(await codeOf(CLOSE)).toBeUndefined();
    expect(await codeOf(UPDATE, { id, input: { capacity: 20 } })).toBe('CONFLICT');
    expect(await codeOf(PUBLISH)).toBe('CONFLICT');
    expect(await codeOf(ARCHIVE)).toBeUndefined();
    expect(await codeOf(CLOSE)).toBe('CONFLICT');
    expect((await hub.service.models.offerings.findById(id).lean())?.status).toBe('archived');
  });

  it.each([
    ['a period ending before it starts', { startDate: '2030-09-01', endDate: '2030-08-01' }, 'input.endDate'],
    ['a deadline after the start', { applicationDeadline: '2030-09-02' }, 'input.applicationDeadline'],
    ['a negative capacity', { capacity: -1 }, 'input.capacity'],
    ['an unknown municipality', { municipalityCodes: ['2418', '9999'] }, 'input.municipalityCodes.1'],
    ['a malformed municipality code', { municipalityCodes: ['241'] }, 'input.municipalityCodes.0'],
    ['an industry that is not an SNI prefix', { industries: ['5A'] }, 'input.industries.0'],
    ['a title over 200 characters', { title: { sv: 'x'.repeat(201) } }, 'input.title.sv'],
    ['both a funding text and a funder', { funding: { description: 'ERUF', funderId: 'ffffffffffffffffffffffff' } }, 'input.funding'],
  ])('refuses %s, naming the field, and stores nothing', async (_case, overrides, field) => {
    const before = await storedCount();
    const response = await create(offeringInput(almiId, overrides));
    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await storedCount()).toBe(before);
  });

  it('refuses to publish an incomplete draft, listing every missing field, and leaves it a draft', async () => {
    const response = await create({ providerId: almiId, kind: 'COACHING', title: { sv: 'Affärscoachning' } });
    const id = response.data!.createOfferingDraft.id;
    const refused = await hub.gql(PUBLISH, { id }, almiStaff);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'description.sv',
      fields: ['description.sv', 'startDate', 'endDate', 'needs', 'targetGroups', 'format'],
    });
    expect(refused.errors?.[0]?.message).toBe('A published offering needs these filled in: Swedish description, start date, end date, needs, target groups, format');
    expect(refused.errors?.[0]?.extensions?.texts).toEqual({
      sv: 'En publicerad insats behöver det här ifyllt: beskrivning på svenska, startdatum, slutdatum, behov, målgrupper, form',
      en: 'A published offering needs these filled in: Swedish description, start date, end date, needs, target groups, format',
    });
    const stored = await hub.service.models.offerings.findById(id).lean();
    expect(stored?.status).toBe('draft');
    expect(stored?.outbox).toEqual([]);
  });

  it('lets only the provider\'s staff and admins edit; others are FORBIDDEN and change nothing', async () => {
    const id = await draft();
    await hub.gql(PUBLISH, { id }, almiStaff);
    const before = await storedCount();
    expect((await create(offeringInput(almiId), otherStaff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await create(offeringInput(almiId), hub.token(PUBLIC))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await hub.gql(UPDATE, { id, input: { capacity: 1 } }, otherStaff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await hub.gql(CLOSE, { id }, hub.token({ roles: ['municipal-staff'], municipalityCode: '2418' }))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await storedCount()).toBe(before);
    expect((await hub.service.models.offerings.findById(id).lean())?.capacity).toBe(8);

    const byAdmin = await hub.gql(UPDATE, { id, input: { capacity: null, applicationDeadline: '2030-08-20' } }, hub.admin);
    expect(byAdmin.data).toEqual({ updateOffering: { id, capacity: null, applicationDeadline: '2030-08-20' } });
  });

  it('keeps sessions: added and removed by the provider, each with a place or a link', async () => {
    const id = await draft();
    const ADD = `mutation ($id: ID!, $input: SessionInput!) { addOfferingSession(offeringId: $id, input: $input) { sessions { id title startsAt place link } } }`;
    const added = await hub.gql<{ addOfferingSession: { sessions: Array<{ id: string }> } }>(
      ADD,
      { id, input: { title: 'Gruppseminarium 1', startsAt: '2030-09-03T08:00:00Z', endsAt: '2030-09-03T11:00:00Z', place: 'Malå Folkets hus' } },
      almiStaff,
    );
    expect(added.data?.addOfferingSession.sessions).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{24}$/), title: 'Gruppseminarium 1', startsAt: '2030-09-03T08:00:00.000Z', place: 'Malå Folkets hus', link: null },
    ]);
    const noPlace = await hub.gql(ADD, { id, input: { title: 'Uppföljning', startsAt: '2031-01-20T08:00:00Z', endsAt: '2031-01-20T09:00:00Z' } }, almiStaff);
    expect(noPlace.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.place' });

    const sessionId = added.data!.addOfferingSession.sessions[0]!.id;
    const REMOVE = `mutation ($id: ID!, $sessionId: ID!) { removeOfferingSession(offeringId: $id, sessionId: $sessionId) { sessions { id } } }`;
    // to anyone but its provider a draft does not exist
    expect((await hub.gql(REMOVE, { id, sessionId }, otherStaff)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await hub.gql(REMOVE, { id, sessionId }, almiStaff)).data).toEqual({ removeOfferingSession: { sessions: [] } });
  });

  it('joins organisations and offerings through the gateway, both ways', async () => {
    const id = await draft({ title: { sv: 'Affärsutveckling i Arjeplog' }, municipalityCodes: ['2506', '2418'], eligibility: {} });
    await hub.gql(PUBLISH, { id }, almiStaff);
    const publicToken = hub.token(PUBLIC);

    const offering = await hub.gql(
      `query ($id: ID!) { offering(id: $id) { title { sv } provider { name kind } municipalitiesServed { code name region10 } servesWholeRegion seats { capacity enrolled waitlisted } } }`,
      { id },
      publicToken,
    );
    expect(offering.errors).toBeUndefined();
    expect(offering.data).toEqual({
      offering: {
        title: { sv: 'Affärsutveckling i Arjeplog' },
        provider: { name: 'Almi Företagspartner Nord (test)', kind: 'SUPPORT_ORGANISATION' },
        municipalitiesServed: [{ code: '2506', name: 'Arjeplog', region10: true }, { code: '2418', name: 'Malå', region10: true }],
        servesWholeRegion: false,
        seats: { capacity: 8, enrolled: 0, waitlisted: 0 },
      },
    });

    const organisation = await hub.gql<{ organisation: { name: string; offerings: { nodes: Array<{ title: { sv: string } }> } } }>(
      `query ($id: ID!) { organisation(id: $id) { name offerings(first: 100) { nodes { title { sv } } } } }`,
      { id: almiId },
      publicToken,
    );
    expect(organisation.errors).toBeUndefined();
    expect(organisation.data?.organisation.name).toBe('Almi Företagspartner Nord (test)');
    expect(organisation.data?.organisation.offerings.nodes.map((n) => n.title.sv)).toContain('Affärsutveckling i Arjeplog');

    const drafts = await hub.gql(`query ($id: ID!) { organisation(id: $id) { offerings(status: DRAFT) { nodes { id } } } }`, { id: almiId }, publicToken);
    expect(drafts.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('serves the waitlist when the provider raises the capacity through the gateway', async () => {
    const id = await draft({ capacity: 1 });
    expect((await hub.gql(PUBLISH, { id }, almiStaff)).errors).toBeUndefined();
    const companies = [await hub.registerOrganisation('Fjällturism i Arjeplog AB (test)', '2506', 'COMPANY'), await hub.registerOrganisation('Malå Bygg AB (test)', '2418', 'COMPANY')];
    for (const companyId of companies) {
      const enrolled = await hub.gql('mutation ($id: ID!, $companyId: ID!) { enrol(offeringId: $id, companyId: $companyId) { id } }', { id, companyId }, hub.admin);
      expect(enrolled.errors).toBeUndefined();
    }
    const statuses = async () =>
      (await hub.gql<{ offering: { enrolments: Array<{ status: string }> } }>('query ($id: ID!) { offering(id: $id) { enrolments { status } } }', { id }, almiStaff)).data?.offering.enrolments.map((e) => e.status);
    expect(await statuses()).toEqual(['ENROLLED', 'WAITLISTED']);

    expect((await hub.gql(UPDATE, { id, input: { capacity: 2 } }, almiStaff)).errors).toBeUndefined();
    expect(await statuses()).toEqual(['ENROLLED', 'ENROLLED']);
  });

  it("takes a project only when this service has heard of it and the provider owns it or is a partner", async () => {
    const funderId = await hub.registerOrganisation('Tillväxtverket (test)', '0180', 'FUNDER');
    const registerProject = async (name: string, ownerId: string) => {
      const response = await hub.gql<{ registerProject: { id: string } }>(
        'mutation ($input: RegisterProjectInput!) { registerProject(input: $input) { id } }',
        { input: { kind: 'PROJECT', name, ownerId, startDate: '2026-01-01', municipalityCodes: ['2418'], funders: [{ funderId, sharePercent: 100 }] } },
        hub.admin,
      );
      const id = response.data!.registerProject.id;
      await waitFor(async () => (await hub.service.models.projects.findById(id).lean()) ?? undefined);
      return id;
    };
    const almisProject = await registerProject('Steget vidare (test)', almiId);
    const othersProject = await registerProject('Innovationsstöd (test)', funderId);

    const owned = await create(offeringInput(almiId, { projectId: almisProject }));
    expect(owned.errors).toBeUndefined();
    expect((await hub.service.models.offerings.findById(owned.data!.createOfferingDraft.id).lean())?.projectId).toBe(almisProject);

    const before = await storedCount();
    const unknown = await create(offeringInput(almiId, { projectId: '0123456789abcdef01234567' }));
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.projectId' });
    expect(unknown.errors?.[0]?.message).toMatch(/Unknown project/);
    const notRunByAlmi = await create(offeringInput(almiId, { projectId: othersProject }));
    expect(notRunByAlmi.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.projectId' });
    expect(notRunByAlmi.errors?.[0]?.message).toMatch(/neither the owner nor a partner/);
    expect(await storedCount()).toBe(before);

    // once the project takes Almi on as a partner, Almi's offering may join it
    const id = await draft();
    const joined = await hub.gql('mutation ($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { id } }', { id: othersProject, input: { partnerIds: [almiId] } }, hub.admin);
    expect(joined.errors).toBeUndefined();
    await waitFor(async () => ((await hub.service.models.projects.findById(othersProject).lean())?.partnerOrganisationIds.includes(almiId) ? true : undefined));
    const moved = await hub.gql<{ updateOffering: { id: string } }>(UPDATE, { id, input: { projectId: othersProject } }, almiStaff);
    expect(moved.errors).toBeUndefined();
    expect((await hub.service.models.offerings.findById(id).lean())?.projectId).toBe(othersProject);
  });

  it('refuses a deactivated provider new offerings and publishing, but leaves its published offerings alone', async () => {
    const providerId = await hub.registerOrganisation('Malå kommun – Utvecklingsavdelningen (test)', '2418', 'MUNICIPAL_BUSINESS_OFFICE');
    const staff = hub.token({ roles: ['municipal-staff'], municipalityCode: '2418', organisationId: providerId });
    const publishedId = (await create(offeringInput(providerId), staff)).data!.createOfferingDraft.id;
    await hub.gql(PUBLISH, { id: publishedId }, staff);
    const draftId = (await create(offeringInput(providerId), staff)).data!.createOfferingDraft.id;

    const deactivated = await hub.gql(`mutation ($id: ID!) { deactivateOrganisation(id: $id) { status } }`, { id: providerId }, hub.admin);
    expect(deactivated.data).toEqual({ deactivateOrganisation: { status: 'INACTIVE' } });
    await waitFor(async () => ((await hub.service.directory.facts(providerId))?.status === 'inactive' ? true : undefined));

    const publish = await hub.gql(PUBLISH, { id: draftId }, staff);
    expect(publish.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'providerId' });
    expect(publish.errors?.[0]?.message).toMatch(/deactivated/);
    const createAgain = await create(offeringInput(providerId), staff);
    expect(createAgain.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.providerId' });
    expect(createAgain.errors?.[0]?.message).toMatch(/deactivated/);
    const unknown = await create(offeringInput('ffffffffffffffffffffffff'), hub.admin);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.providerId' });
    expect(unknown.errors?.[0]?.message).toMatch(/Unknown organisation/);

    expect((await hub.service.models.offerings.findById(publishedId).lean())?.status).toBe('published');
    expect((await hub.service.models.offerings.findById(draftId).lean())?.status).toBe('draft');
  });
});
