import { Types } from 'mongoose';
import { TOPICS } from '@hub/shared/contracts';
import { collectEvents } from '@hub/infra/testkit';
import { profileInput, SERVICE_CONSENT, SHARING_CONSENT, startHub, waitFor, type Hub } from './harness';

const CANDIDATE_FIELDS = `id name email phone currentLocation occupations { code label } skills languages
  household { partnerOccupation { code } childrenAges } wishes { municipalities { code name } housingType moveFrom }
  consents { purpose given textVersion channel } sharedFields`;

const REGISTER = `mutation ($input: RegisterCandidateInput!) { registerCandidate(input: $input) { ${CANDIDATE_FIELDS} } }`;
const PUBLISH = 'mutation ($employerId: ID!, $input: VacancyInput!) { publishVacancy(employerId: $employerId, input: $input) { id status occupation { code label } municipality { code name } } }';

describe('the migration service through the gateway', () => {
  let hub: Hub;
  let employerId: string;
  let officer: string;
  let otherOfficer: string;
  let employerStaff: string;

  beforeAll(async () => {
    hub = await startHub();
    employerId = await hub.registerOrganisation('Region Västerbotten, Lycksele lasarett (test)', '2481');
    officer = hub.token({ sub: 'officer-sorsele', roles: ['migration-officer'], municipalityCode: '2422' });
    otherOfficer = hub.token({ sub: 'officer-arjeplog', roles: ['migration-officer'], municipalityCode: '2506' });
    employerStaff = hub.token({ sub: 'hr-lycksele', roles: ['partner-staff'], organisationId: employerId });
  });

  afterAll(() => hub.stop());

  const vacancy = (overrides: Record<string, unknown> = {}) => ({
    title: 'Sjuksköterska till medicinavdelningen',
    occupationCode: '2221',
    municipalityCode: '2481',
    startDate: '2027-04-01',
    workMode: 'ON_SITE',
    housingHelp: true,
    ...overrides,
  });

  it('publishes an employer’s vacancy, public like a job ad, and refuses unknown codes and employers', async () => {
    const published = await hub.must<{ publishVacancy: { id: string; occupation: { label: string }; municipality: { name: string } } }>(
      PUBLISH,
      { employerId, input: vacancy() },
      employerStaff,
    );
    expect(published.publishVacancy.occupation.label).toBe('Grundutbildade sjuksköterskor');
    expect(published.publishVacancy.municipality.name).toBe('Lycksele');

    const anonymous = await hub.must<{ vacancy: { title: string; employer: { name: string } | null } }>(
      'query ($id: ID!) { vacancy(id: $id) { title employer { name } } }',
      { id: published.publishVacancy.id },
      hub.token({ roles: ['public'] }),
    );
    expect(anonymous.vacancy.title).toBe('Sjuksköterska till medicinavdelningen');
    const ofEmployer = await hub.must<{ organisation: { vacancies: Array<{ id: string }> } }>('query ($id: ID!) { organisation(id: $id) { vacancies { id } } }', { id: employerId });
    expect(ofEmployer.organisation.vacancies.map((v) => v.id)).toEqual([published.publishVacancy.id]);

    const badOccupation = await hub.gql(PUBLISH, { employerId, input: vacancy({ occupationCode: '9998' }) }, employerStaff);
    expect(badOccupation.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.occupationCode' });
    const badMunicipality = await hub.gql(PUBLISH, { employerId, input: vacancy({ municipalityCode: '0180' }) }, employerStaff);
    expect(badMunicipality.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.municipalityCode' });
    const unknownEmployer = await hub.gql(PUBLISH, { employerId: '0123456789abcdef01234567', input: vacancy() }, hub.admin);
    expect(unknownEmployer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'employerId' });
    const someoneElse = await hub.gql(PUBLISH, { employerId, input: vacancy() }, hub.token({ roles: ['partner-staff'], organisationId: '0123456789abcdef01234567' }));
    expect(someoneElse.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const vacancies = await hub.service.models.vacancies.countDocuments({ employerId });
    expect(vacancies).toBe(1);
  });

  it('registers a candidate only with the service consent, and sharing only with the sharing consent', async () => {
    const missing = await hub.gql(REGISTER, { input: { profile: profileInput(), consents: [] } }, officer);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.consents' });
    const sharing = await hub.gql(REGISTER, { input: { profile: profileInput(), consents: [SERVICE_CONSENT], sharedFields: ['NAME'] } }, officer);
    expect(sharing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sharedFields' });
    const email = await hub.gql(REGISTER, { input: { profile: profileInput({ email: 'not an address' }), consents: [SERVICE_CONSENT] } }, officer);
    expect(email.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.profile.email' });
    const phone = await hub.gql(REGISTER, { input: { profile: profileInput({ phone: '12' }), consents: [SERVICE_CONSENT] } }, officer);
    expect(phone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.profile.phone' });
    const age = await hub.gql(REGISTER, { input: { profile: profileInput({ household: { childrenAges: [4, -1] } }), consents: [SERVICE_CONSENT] } }, officer);
    expect(age.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.profile.household.childrenAges.1' });
    const injection = await hub.gql(REGISTER, { input: { profile: profileInput({ name: { $ne: null } }), consents: [SERVICE_CONSENT] } }, officer);
    expect(injection.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const oversize = await hub.gql(REGISTER, { input: { profile: profileInput({ name: 'x'.repeat(121) }), consents: [SERVICE_CONSENT] } }, officer);
    expect(oversize.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.profile.name' });
    const elsewhere = await hub.gql(REGISTER, { input: { profile: profileInput({ wishes: { municipalityCodes: ['2481'] } }), consents: [SERVICE_CONSENT] } }, officer);
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await hub.service.models.candidates.countDocuments({ email: 'testa.flyttsson@example.invalid' })).toBe(0);

    const registered = await hub.must<{ registerCandidate: { id: string; phone: string; consents: Array<{ purpose: string; given: boolean }> } }>(
      REGISTER,
      { input: { profile: profileInput(), consents: [SERVICE_CONSENT] } },
      officer,
    );
    expect(registered.registerCandidate.phone).toBe('+46701234567');
    expect(registered.registerCandidate.consents.find((c) => c.purpose === 'IN_MIGRATION_SERVICE')?.given).toBe(true);
    expect(registered.registerCandidate.consents.find((c) => c.purpose === 'SHARE_WITH_EMPLOYERS')?.given).toBe(false);
  });

  it('lets only the officers of the candidate’s municipalities see them', async () => {
    const { registerCandidate } = await hub.must<{ registerCandidate: { id: string } }>(REGISTER, { input: { profile: profileInput({ name: 'Synlig Testperson (fiktiv)' }), consents: [SERVICE_CONSENT] } }, officer);
    const other = await hub.gql('query ($id: ID!) { candidate(id: $id) { name } }', { id: registerCandidate.id }, otherOfficer);
    expect(other.errors?.[0]).toMatchObject({ path: ['candidate'], extensions: { code: 'FORBIDDEN' } });
    const unknown = await hub.gql('query { candidate(id: "0123456789abcdef01234567") { name } }', {}, officer);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await hub.gql('query { candidate(id: "nope") { name } }', {}, officer);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const own = await hub.must<{ candidate: { name: string } }>('query ($id: ID!) { candidate(id: $id) { name } }', { id: registerCandidate.id }, officer);
    expect(own.candidate.name).toBe('Synlig Testperson (fiktiv)');
  });

  it('works a case through its steps, move-in and follow-up, counted in the public indicators', async () => {
    const { registerCandidate } = await hub.must<{ registerCandidate: { id: string } }>(REGISTER, { input: { profile: profileInput({ name: 'Fall Testsson (fiktiv)' }), consents: [SERVICE_CONSENT] } }, officer);
    const opened = await hub.must<{ openCase: { id: string; householdSize: number; status: string; steps: Array<{ step: string; completedAt: string | null }> } }>(
      'mutation ($c: ID!) { openCase(candidateId: $c, municipalityCode: "2422") { id householdSize status steps { step completedAt } } }',
      { c: registerCandidate.id },
      officer,
    );
    expect(opened.openCase).toMatchObject({ householdSize: 4, status: 'OPEN' });
    expect(opened.openCase.steps).toHaveLength(5);
    const caseId = opened.openCase.id;
    const again = await hub.gql('mutation ($c: ID!) { openCase(candidateId: $c, municipalityCode: "2422") { id } }', { c: registerCandidate.id }, officer);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const foreign = await hub.gql('mutation ($id: ID!) { completeCaseStep(caseId: $id, step: HOUSING) { id } }', { id: caseId }, otherOfficer);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await hub.must('mutation ($id: ID!) { completeCaseStep(caseId: $id, step: HOUSING) { id } }', { id: caseId }, officer);
    await hub.must('mutation ($id: ID!) { addCaseNote(caseId: $id, text: "Visning av hyreshus på Storgatan bokad") { id } }', { id: caseId }, officer);
    await hub.must('mutation ($id: ID!) { recordMoveIn(caseId: $id, movedInOn: "2026-01-15") { id } }', { id: caseId }, officer);
    const early = await hub.gql('mutation ($id: ID!) { recordFollowUp(caseId: $id, input: { months: 12, stillLiving: true, peopleEmployed: 2 }) { id } }', { id: caseId }, officer);
    expect(early.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const followed = await hub.must<{ recordFollowUp: { status: string; followUps: Array<{ months: number; peopleEmployed: number }> } }>(
      'mutation ($id: ID!) { recordFollowUp(caseId: $id, input: { months: 6, stillLiving: true, peopleEmployed: 2 }) { status followUps { months peopleEmployed } } }',
      { id: caseId },
      officer,
    );
    expect(followed.recordFollowUp).toEqual({ status: 'MOVED_IN', followUps: [{ months: 6, peopleEmployed: 2 }] });

    const indicators = await hub.must<{ municipality: { migrationIndicators: Record<string, number> } }>(
      'query { municipality(code: "2422") { migrationIndicators(from: "2026-01-01", to: "2026-12-31") { activeCases householdsMovedIn peopleMovedIn peopleEmployed } } }',
      {},
      hub.token({ roles: ['public'] }),
    );
    expect(indicators.municipality.migrationIndicators).toEqual({ activeCases: 1, householdsMovedIn: 1, peopleMovedIn: 4, peopleEmployed: 2 });
    const cases = await hub.gql('query { municipality(code: "2422") { inMigrationCases { nodes { id } } } }', {}, hub.token({ roles: ['partner-staff'], organisationId: employerId }));
    expect(cases.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('matches a candidate and their partner to vacancies and places with reasons', async () => {
    const teacherEmployer = await hub.registerOrganisation('Sorsele kommun, Barn och utbildning (test)', '2422');
    await hub.must(PUBLISH, { employerId: teacherEmployer, input: vacancy({ title: 'Grundskollärare åk 4–6', occupationCode: '2341', municipalityCode: '2422', housingHelp: false }) });
    await hub.must(PUBLISH, { employerId, input: vacancy({ title: 'Sjuksköterska, Sorsele hälsocentral', municipalityCode: '2422', positions: 2, description: 'Dagtid, varannan helg.' }) });
    const { registerCandidate } = await hub.must<{ registerCandidate: { id: string } }>(REGISTER, { input: { profile: profileInput({ name: 'Match Testsson (fiktiv)' }), consents: [SERVICE_CONSENT] } }, officer);
    type Texts = Array<{ sv: string; en: string | null }>;
    const matches = await hub.must<{
      candidateMatches: { vacancies: Array<{ forPartner: boolean; reasons: string[]; reasonTexts: Texts; vacancy: { title: string } }>; places: Array<{ municipality: { code: string }; reasons: string[]; reasonTexts: Texts }> };
    }>(
      'query ($c: ID!) { candidateMatches(candidateId: $c) { vacancies { forPartner reasons reasonTexts { sv en } vacancy { title } } places { municipality { code } reasons reasonTexts { sv en } } } }',
      { c: registerCandidate.id },
      officer,
    );
    const own = matches.candidateMatches.vacancies.filter((v) => !v.forPartner).map((v) => v.vacancy.title);
    const partner = matches.candidateMatches.vacancies.filter((v) => v.forPartner).map((v) => v.vacancy.title);
    expect(own).toContain('Sjuksköterska, Sorsele hälsocentral');
    expect(partner).toContain('Grundskollärare åk 4–6');
    expect(matches.candidateMatches.places[0]?.municipality.code).toBe('2422');
    // each reason in Swedish and English, the English as `reasons` words it; dates as Swedish text writes them
    const nurse = matches.candidateMatches.vacancies.find((v) => v.vacancy.title === 'Sjuksköterska, Sorsele hälsocentral');
    expect(nurse?.reasonTexts.map((text) => text.sv)).toEqual([
      'ditt yrke: Grundutbildade sjuksköterskor',
      'i Sorsele, dit du vill flytta',
      'hjälp med bostad erbjuds',
      'börjar 1 april 2027, efter att du kan flytta (mars 2027)',
    ]);
    const teacher = matches.candidateMatches.vacancies.find((v) => v.vacancy.title === 'Grundskollärare åk 4–6');
    expect(teacher?.reasonTexts.map((text) => text.sv)).toEqual(['för din partner: Grundskollärare i Sorsele', 'i Sorsele, dit du vill flytta', 'börjar 1 april 2027, efter att du kan flytta (mars 2027)']);
    expect(matches.candidateMatches.places[0]?.reasonTexts.map((text) => text.sv)).toContain('Sorsele är en av orterna du vill flytta till');
    for (const match of [...matches.candidateMatches.vacancies, ...matches.candidateMatches.places]) {
      expect(match.reasonTexts.map((text) => text.en)).toEqual(match.reasons);
    }

    // a match's vacancy comes from the matching index, the fields it does not hold from the stored vacancy: the same as vacancy(id)
    const fields = 'id employerId employer { id } title occupation { code } municipality { code } startDate workMode housingHelp positions applicationDeadline description status externalId publishedAt';
    const withVacancies = await hub.must<{ candidateMatches: { vacancies: Array<{ vacancyId: string; vacancy: { title: string } }> } }>(
      `query ($c: ID!) { candidateMatches(candidateId: $c) { vacancies { vacancyId vacancy { ${fields} } } } }`,
      { c: registerCandidate.id },
      officer,
    );
    expect(withVacancies.candidateMatches.vacancies.map((m) => m.vacancy.title)).toContain('Sjuksköterska, Sorsele hälsocentral');
    for (const match of withVacancies.candidateMatches.vacancies) {
      const stored = await hub.must<{ vacancy: unknown }>(`query ($id: ID!) { vacancy(id: $id) { ${fields} } }`, { id: match.vacancyId });
      expect(match.vacancy).toEqual(stored.vacancy);
    }
  });

  it('shows employers consenting candidates only, with only the fields shared; a withdrawal hides them at once', async () => {
    const { registerCandidate } = await hub.must<{ registerCandidate: { id: string } }>(
      REGISTER,
      { input: { profile: profileInput({ name: 'Delad Testsson (fiktiv)', wishes: { municipalityCodes: ['2422', '2481'] } }), consents: [SERVICE_CONSENT, SHARING_CONSENT], sharedFields: ['OCCUPATIONS', 'SKILLS'] } },
      officer,
    );
    const { vacancies } = await hub.must<{ vacancies: { nodes: Array<{ id: string; employerId: string }> } }>('query { vacancies(filter: { municipalityCode: "2481" }) { nodes { id employerId } } }', {});
    const vacancyId = vacancies.nodes.find((v) => v.employerId === employerId)?.id;
    const profiles = async () =>
      (await hub.must<{ vacancy: { sharedProfiles: Array<{ candidateId: string; name: string | null; email: string | null; skills: string[] | null }> } }>(
        'query ($id: ID!) { vacancy(id: $id) { sharedProfiles { candidateId name email skills } } }',
        { id: vacancyId },
        employerStaff,
      )).vacancy.sharedProfiles;
    const shared = (await profiles()).find((p) => p.candidateId === registerCandidate.id);
    expect(shared).toEqual({ candidateId: registerCandidate.id, name: null, email: null, skills: ['akutsjukvård'] });
    expect((await profiles()).every((p) => p.candidateId === registerCandidate.id)).toBe(true);

    await hub.must('mutation ($c: ID!) { withdrawConsent(candidateId: $c, purpose: SHARE_WITH_EMPLOYERS, channel: EMAIL) { id } }', { c: registerCandidate.id }, officer);
    expect((await profiles()).find((p) => p.candidateId === registerCandidate.id)).toBeUndefined();
    const reshare = await hub.gql('mutation ($c: ID!) { setSharedFields(candidateId: $c, fields: [NAME]) { id } }', { c: registerCandidate.id }, officer);
    expect(reshare.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fields' });
  });

  it('lists and shares a candidate by their wishes and consents as they change, also one stored before the indexed copies', async () => {
    const lyckseleOfficer = hub.token({ sub: 'officer-lycksele', roles: ['migration-officer'], municipalityCode: '2481' });
    const listed = async (token: string, code: string) =>
      (await hub.must<{ candidates: { nodes: Array<{ id: string }> } }>('query ($m: ID!) { candidates(municipalityCode: $m, first: 100) { nodes { id } } }', { m: code }, token)).candidates.nodes.map((c) => c.id);
    const { registerCandidate } = await hub.must<{ registerCandidate: { id: string } }>(
      REGISTER,
      { input: { profile: profileInput({ name: 'Flytt Testsson (fiktiv)', wishes: { municipalityCodes: ['2422'], housingType: 'RENTAL' } }), consents: [SERVICE_CONSENT] } },
      officer,
    );
    const id = registerCandidate.id;
    expect(await listed(officer, '2422')).toContain(id);
    expect(await listed(lyckseleOfficer, '2481')).not.toContain(id);

    await hub.must('mutation ($id: ID!, $input: CandidateProfileInput!) { updateCandidate(id: $id, input: $input) { id } }', {
      id,
      input: profileInput({ name: 'Flytt Testsson (fiktiv)', wishes: { municipalityCodes: ['2481'], housingType: 'RENTAL' } }),
    });
    expect(await listed(lyckseleOfficer, '2481')).toContain(id);
    expect(await listed(officer, '2422')).not.toContain(id);

    const { publishVacancy } = await hub.must<{ publishVacancy: { id: string } }>(PUBLISH, { employerId, input: vacancy({ title: 'Sjuksköterska, hemsjukvården' }) });
    const sharedWith = async () =>
      (await hub.must<{ vacancy: { sharedProfiles: Array<{ candidateId: string }> } }>('query ($id: ID!) { vacancy(id: $id) { sharedProfiles(first: 50) { candidateId } } }', { id: publishVacancy.id }, employerStaff)).vacancy.sharedProfiles.map((p) => p.candidateId);
    expect(await sharedWith()).not.toContain(id);
    await hub.must('mutation ($c: ID!, $input: ConsentInput!) { giveConsent(candidateId: $c, input: $input) { id } }', { c: id, input: SHARING_CONSENT }, lyckseleOfficer);
    await hub.must('mutation ($c: ID!) { setSharedFields(candidateId: $c, fields: [SKILLS]) { id } }', { c: id }, lyckseleOfficer);
    expect(await sharedWith()).toContain(id);

    // as stored before the copies existed: a restart gives them back
    const candidates = hub.service.models.candidates.collection;
    await candidates.updateOne({ _id: new Types.ObjectId(id) }, { $unset: { wishedMunicipalityCodes: '', sharesWithEmployers: '' } });
    expect(await listed(lyckseleOfficer, '2481')).not.toContain(id);
    const restarted = await hub.restartedMigration();
    await restarted.stop();
    expect(await candidates.findOne({ _id: new Types.ObjectId(id) }, { projection: { wishedMunicipalityCodes: 1, sharesWithEmployers: 1 } })).toEqual({
      _id: new Types.ObjectId(id),
      wishedMunicipalityCodes: ['2481'],
      sharesWithEmployers: true,
    });
    expect(await listed(lyckseleOfficer, '2481')).toContain(id);
    expect(await sharedWith()).toContain(id);
  });

  it('publishes its events with ids and codes only', async () => {
    const collected = await collectEvents('migration-events', TOPICS.migration, ['CandidateRegistered', 'ConsentGiven', 'CaseOpened', 'VacancyPublished']);
    try {
      const { registerCandidate } = await hub.must<{ registerCandidate: { id: string } }>(REGISTER, { input: { profile: profileInput({ name: 'Händelse Testsson (fiktiv)' }), consents: [SERVICE_CONSENT] } }, officer);
      await hub.must('mutation ($c: ID!) { openCase(candidateId: $c, municipalityCode: "2422") { id } }', { c: registerCandidate.id }, officer);
      const events = await waitFor(() => {
        const mine = collected.received.filter((e) => JSON.stringify(e.payload).includes(registerCandidate.id));
        return mine.length >= 3 ? mine : undefined;
      });
      expect(events.map((e) => e.type).sort()).toEqual(['CandidateRegistered', 'CaseOpened', 'ConsentGiven']);
      const text = JSON.stringify(events);
      for (const personal of ['Händelse', 'example.invalid', '+4670', 'Göteborg']) expect(text).not.toContain(personal);
    } finally {
      await collected.stop();
    }
  });
});
