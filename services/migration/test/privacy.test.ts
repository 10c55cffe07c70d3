import { TOPICS } from '@hub/shared/contracts';
import { createLogger } from '@hub/shared/logging';
import { createKafka } from '@hub/shared/messaging';
import { databaseDocuments, erasureReceipt, testEndpoints, uniqueName } from '@hub/infra/testkit';
import { Types } from 'mongoose';
import { profileInput, SERVICE_CONSENT, SHARING_CONSENT, startHub, waitFor, type Hub } from './harness';

const REGISTER = 'mutation ($input: RegisterCandidateInput!) { registerCandidate(input: $input) { id } }';

/** Every message value on every hub topic, read from the start up to the current end. */
async function everyEventOnEveryTopic(): Promise<string[]> {
  const kafka = createKafka({ brokers: testEndpoints().kafkaBrokers, clientId: uniqueName('scan'), logger: createLogger('scan', 'silent') });
  const topics = Object.values(TOPICS).map((t) => t.name);
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map<string, number>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}:${p.partition}`, Number(p.high));
  }
  await admin.disconnect();
  const values: string[] = [];
  const seen = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: uniqueName('scan') });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      values.push(`${topic}: ${message.value?.toString() ?? ''}`);
      seen.set(`${topic}:${partition}`, Number(message.offset) + 1);
    },
  });
  await waitFor(() => ([...ends].every(([key, end]) => end === 0 || (seen.get(key) ?? 0) >= end) ? true : undefined), 60_000);
  await consumer.disconnect();
  return values;
}

describe('personal data across the hub', () => {
  let hub: Hub;
  let employerId: string;
  let supportId: string;
  let officer: string;

  beforeAll(async () => {
    // closed cases are due at once, and the scheduled job looks every second
    hub = await startHub({ CASE_RETENTION_DAYS: '0', RETENTION_INTERVAL_MS: '1000' });
    employerId = await hub.registerOrganisation('Storumans kommun, Vård och omsorg (privacy test)', '2421');
    supportId = await hub.registerOrganisation('Almi Företagspartner Nord (privacy test)', '2481', 'SUPPORT_ORGANISATION');
    officer = hub.token({ sub: 'officer-storuman', roles: ['migration-officer'], municipalityCode: '2421' });
  });

  afterAll(() => hub.stop());

  describe('the role × field matrix', () => {
    const PERSONAL_FIELDS = {
      name: 'name',
      email: 'email',
      phone: 'phone',
      currentLocation: 'currentLocation',
      occupations: 'occupations { code }',
      skills: 'skills',
      languages: 'languages',
      household: 'household { partnerOccupation { code } childrenAges }',
      wishes: 'wishes { municipalities { code } housingType moveFrom }',
      consents: 'consents { purpose given }',
      consentHistory: 'consentHistory { purpose at textVersion }',
      sharedFields: 'sharedFields',
      cases: 'cases { id notes { text } }',
    } as const;
    const SECRET_VALUES = ['Matris Hemligsson', 'matris.hemligsson@example.invalid', '+46703334455', 'Matrisby', 'fjällräddning', 'Matrisanteckning'];
    let candidateId: string;
    let caseId: string;
    let vacancyId: string;

    const roles = () => ({
      public: hub.token({ roles: ['public'] }),
      'partner-staff (support organisation)': hub.token({ roles: ['partner-staff'], organisationId: supportId }),
      'partner-staff (the employer)': hub.token({ roles: ['partner-staff'], organisationId: employerId }),
      'municipal-staff (same municipality)': hub.token({ roles: ['municipal-staff'], municipalityCode: '2421' }),
      'migration-officer (other municipality)': hub.token({ roles: ['migration-officer'], municipalityCode: '2506' }),
      integration: hub.token({ roles: ['integration'] }),
      'migration-officer (own municipality)': officer,
      admin: hub.admin,
    });
    const ALLOWED = new Set(['migration-officer (own municipality)', 'admin']);

    beforeAll(async () => {
      const registered = await hub.must<{ registerCandidate: { id: string } }>(
        REGISTER,
        {
          input: {
            profile: profileInput({
              name: 'Matris Hemligsson',
              email: 'matris.hemligsson@example.invalid',
              phone: '070-333 44 55',
              currentLocation: 'Matrisby',
              skills: ['fjällräddning'],
              wishes: { municipalityCodes: ['2421'], housingType: 'RENTAL', moveFrom: '2027-05' },
            }),
            consents: [SERVICE_CONSENT, SHARING_CONSENT],
            sharedFields: ['OCCUPATIONS'],
          },
        },
        officer,
      );
      candidateId = registered.registerCandidate.id;
      const opened = await hub.must<{ openCase: { id: string } }>('mutation ($c: ID!) { openCase(candidateId: $c, municipalityCode: "2421") { id } }', { c: candidateId }, officer);
      caseId = opened.openCase.id;
      await hub.must('mutation ($id: ID!) { addCaseNote(caseId: $id, text: "Matrisanteckning om bostad") { id } }', { id: caseId }, officer);
      const vacancy = await hub.must<{ publishVacancy: { id: string } }>(
        'mutation ($e: ID!) { publishVacancy(employerId: $e, input: { title: "Sjuksköterska, hemsjukvård", occupationCode: "2221", municipalityCode: "2421", workMode: ON_SITE, housingHelp: true }) { id } }',
        { e: employerId },
      );
      vacancyId = vacancy.publishVacancy.id;
    });

    it.each(Object.entries(PERSONAL_FIELDS))('Candidate.%s: only the own municipality’s officers and admins read it; nobody else sees a trace', async (_field, selection) => {
      for (const [role, bearer] of Object.entries(roles())) {
        const response = await hub.gql<{ candidate: Record<string, unknown> | null }>(`query ($id: ID!) { candidate(id: $id) { ${selection} } }`, { id: candidateId }, bearer);
        if (ALLOWED.has(role)) {
          expect({ role, errors: response.errors }).toEqual({ role, errors: undefined });
          expect(response.data?.candidate).not.toBeNull();
        } else {
          expect({ role, code: response.errors?.[0]?.extensions?.code, path: response.errors?.[0]?.path }).toEqual({ role, code: 'FORBIDDEN', path: ['candidate'] });
          const text = JSON.stringify(response);
          for (const secret of SECRET_VALUES) expect({ role, leaked: text.includes(secret) }).toEqual({ role, leaked: false });
        }
      }
    });

    it('cases, candidate lists and matches: the same two roles; everyone else is refused without a trace', async () => {
      const entryPoints = [
        ['candidates', 'query { candidates(municipalityCode: "2421") { nodes { name email } } }'],
        ['inMigrationCase', `query { inMigrationCase(id: "${caseId}") { notes { text } candidate { name phone } } }`],
        ['municipality.inMigrationCases', 'query { municipality(code: "2421") { inMigrationCases { nodes { notes { text } candidate { name } } } } }'],
        ['candidateMatches', `query { candidateMatches(candidateId: "${candidateId}") { vacancies { vacancyId } } }`],
      ] as const;
      for (const [entry, query] of entryPoints) {
        for (const [role, bearer] of Object.entries(roles())) {
          const response = await hub.gql(query, {}, bearer);
          if (ALLOWED.has(role)) {
            expect({ entry, role, errors: response.errors }).toEqual({ entry, role, errors: undefined });
          } else {
            expect({ entry, role, code: response.errors?.[0]?.extensions?.code }).toEqual({ entry, role, code: 'FORBIDDEN' });
            const text = JSON.stringify(response);
            for (const secret of SECRET_VALUES) expect({ entry, role, leaked: text.includes(secret) }).toEqual({ entry, role, leaked: false });
          }
        }
      }
    });

    it('a shared profile: only the employer’s staff (and admins), and only the fields the candidate shares', async () => {
      const query = `query { vacancy(id: "${vacancyId}") { sharedProfiles { candidateId ${Object.keys(PERSONAL_FIELDS).filter((f) => !['consents', 'consentHistory', 'cases'].includes(f)).map((f) => PERSONAL_FIELDS[f as keyof typeof PERSONAL_FIELDS]).join(' ')} } } }`;
      for (const [role, bearer] of Object.entries(roles())) {
        const response = await hub.gql<{ vacancy: { sharedProfiles: Array<Record<string, unknown>> } }>(query, {}, bearer);
        const text = JSON.stringify(response);
        for (const secret of SECRET_VALUES) expect({ role, leaked: text.includes(secret) }).toEqual({ role, leaked: false });
        if (role === 'partner-staff (the employer)' || role === 'admin') {
          const mine = response.data?.vacancy.sharedProfiles.find((p) => p.candidateId === candidateId);
          expect(mine).toMatchObject({ occupations: [{ code: '2221' }], name: null, email: null, phone: null, currentLocation: null, skills: null, household: null, wishes: null });
        } else {
          expect({ role, code: response.errors?.[0]?.extensions?.code }).toEqual({ role, code: 'FORBIDDEN' });
        }
      }
    });

    it('aggregates are for everyone; the access log and the right of access for admins only', async () => {
      for (const [role, bearer] of Object.entries(roles())) {
        const aggregates = await hub.gql('query { municipality(code: "2421") { migrationIndicators(from: "2026-01-01", to: "2026-12-31") { activeCases } } }', {}, bearer);
        expect({ role, errors: aggregates.errors }).toEqual({ role, errors: undefined });
        for (const query of ['query { accessLog { nodes { readerId } } }', `query { personalData(personId: "${candidateId}") { migration } }`]) {
          const response = await hub.gql(query, {}, bearer);
          if (role === 'admin') expect(response.errors).toBeUndefined();
          else expect({ role, query, code: response.errors?.[0]?.extensions?.code }).toEqual({ role, query, code: 'FORBIDDEN' });
        }
      }
    });

    it('logs every read of personal data, with the reader and whose data, for admins to query', async () => {
      const reader = hub.token({ sub: 'officer-storuman-logged', roles: ['migration-officer'], municipalityCode: '2421' });
      await hub.must('query ($id: ID!) { candidate(id: $id) { name } }', { id: candidateId }, reader);
      const log = await waitFor(async () => {
        const { accessLog } = await hub.must<{ accessLog: { nodes: Array<{ readerId: string; subjectIds: string[]; fields: string[]; service: string }> } }>(
          'query ($s: ID) { accessLog(filter: { subjectId: $s, readerId: "officer-storuman-logged" }) { nodes { readerId subjectIds fields service outcome } } }',
          { s: candidateId },
        );
        return accessLog.nodes.length > 0 ? accessLog.nodes : undefined;
      });
      expect(log[0]).toEqual({ readerId: 'officer-storuman-logged', subjectIds: [candidateId], fields: ['candidate'], service: 'migration', outcome: 'READ' });
    });

    it('logs a refused read as well: an officer of another municipality opening the candidate', async () => {
      const stranger = hub.token({ sub: 'officer-dorotea-refused', roles: ['migration-officer'], municipalityCode: '2425' });
      const refused = await hub.gql('query ($id: ID!) { candidate(id: $id) { name } }', { id: candidateId }, stranger);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      for (const secret of SECRET_VALUES) expect(JSON.stringify(refused)).not.toContain(secret);
      const log = await waitFor(async () => {
        const { accessLog } = await hub.must<{ accessLog: { nodes: Array<Record<string, unknown>> } }>(
          'query ($s: ID) { accessLog(filter: { subjectId: $s, readerId: "officer-dorotea-refused" }) { nodes { readerId subjectIds fields service outcome } } }',
          { s: candidateId },
        );
        return accessLog.nodes.length > 0 ? accessLog.nodes : undefined;
      });
      expect(log).toEqual([{ readerId: 'officer-dorotea-refused', subjectIds: [candidateId], fields: ['candidate'], service: 'migration', outcome: 'REFUSED' }]);
    });
  });

  it('anonymises closed cases after the retention period on its schedule', async () => {
    const { registerCandidate } = await hub.must<{ registerCandidate: { id: string } }>(
      REGISTER,
      { input: { profile: profileInput({ name: 'Gallring Testsson (fiktiv)', wishes: { municipalityCodes: ['2421'] } }), consents: [SERVICE_CONSENT] } },
      officer,
    );
    const { openCase } = await hub.must<{ openCase: { id: string } }>('mutation ($c: ID!) { openCase(candidateId: $c, municipalityCode: "2421") { id } }', { c: registerCandidate.id }, officer);
    await hub.must('mutation ($id: ID!) { addCaseNote(caseId: $id, text: "Gallringsanteckning") { id } }', { id: openCase.id }, officer);
    await hub.must('mutation ($id: ID!) { closeCase(caseId: $id, outcome: NOT_MOVED) { id } }', { id: openCase.id }, officer);
    const anonymised = await waitFor(async () => {
      const doc = await hub.service.models.cases.findById(openCase.id).lean();
      return doc?.anonymisedAt ? doc : undefined;
    });
    expect(anonymised).toMatchObject({ candidateId: null, notes: [], municipalityCode: '2421', status: 'closed', outcome: 'not-moved' });
    expect(anonymised.householdId).not.toBe(registerCandidate.id);
    const seen = await hub.must<{ inMigrationCase: { anonymised: boolean; candidate: unknown; notes: unknown[] } }>(
      'query ($id: ID!) { inMigrationCase(id: $id) { anonymised candidate { name } notes { text } } }',
      { id: openCase.id },
      officer,
    );
    expect(seen.inMigrationCase).toEqual({ anonymised: true, candidate: null, notes: [] });
  });

  it('answers a right-of-access request from every service, then erases the person everywhere: no database and no event holds anything of them', async () => {
    const personId = new Types.ObjectId().toHexString();
    const tag = uniqueName('raderas').replace(/[^a-z0-9]/gi, '');
    const person = { name: `Rut ${tag} (fiktiv)`, email: `${tag}@example.invalid`, phone: '+46705550123', note: `Anteckning ${tag}`, location: `Ort${tag}` };
    // The person is an adviser at a support organisation (their contact id is their account's subject) who now
    // considers moving: a contact in the register, needs they recorded in matchmaking, a candidate and a case here.
    await hub.must('mutation ($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { id } }', {
      id: supportId,
      input: { contacts: [{ id: personId, name: person.name, role: 'ADVISER', email: person.email, phone: person.phone, expertise: ['export'] }] },
    });
    const companyId = await hub.registerOrganisation('Skogsentreprenad i Storuman AB (privacy test)', '2421', 'COMPANY');
    const adviser = hub.token({ sub: personId, roles: ['partner-staff'], organisationId: supportId });
    await waitFor(async () => {
      const response = await hub.gql('mutation ($c: ID!) { recordNeeds(companyId: $c, input: { needs: [{ need: EXPORT, priority: 1 }] }) { needs { need } } }', { c: companyId }, adviser);
      if (response.errors && response.errors[0]?.extensions?.code !== 'NOT_FOUND') throw new Error(JSON.stringify(response.errors));
      return response.errors ? undefined : true;
    });
    await hub.must('query ($id: ID!) { organisation(id: $id) { contacts { name } } }', { id: supportId }, adviser);
    await hub.must(REGISTER, {
      input: {
        personId,
        profile: profileInput({ name: person.name, email: person.email, phone: person.phone, currentLocation: person.location, wishes: { municipalityCodes: ['2421'] } }),
        consents: [SERVICE_CONSENT],
      },
    }, officer);
    const { openCase } = await hub.must<{ openCase: { id: string } }>('mutation ($c: ID!) { openCase(candidateId: $c, municipalityCode: "2421") { id } }', { c: personId }, officer);
    await hub.must('mutation ($id: ID!, $t: String!) { addCaseNote(caseId: $id, text: $t) { id } }', { id: openCase.id, t: person.note }, officer);
    // the hub's access log has the person as reader (of contacts) and as subject (of the officer's reads)
    await waitFor(async () => ((await hub.service.models.accessRecords.exists({ subjectIds: personId })) ? true : undefined));
    await waitFor(async () => ((await hub.service.models.accessRecords.exists({ readerId: personId })) ? true : undefined));

    const { personalData } = await hub.must<{ personalData: Record<string, Record<string, unknown>> }>(
      'query ($p: ID!) { personalData(personId: $p) { personId migration organisations matchmaking offerings } }',
      { p: personId },
    );
    expect(JSON.stringify(personalData.migration)).toContain(person.email);
    expect(JSON.stringify(personalData.migration)).toContain(person.note);
    expect(JSON.stringify(personalData.organisations)).toContain(person.phone.slice(3));
    expect(JSON.stringify(personalData.matchmaking)).toContain(companyId);
    expect(personalData.offerings).toBeDefined();

    // before: the scan below would find them
    expect((await databaseDocuments(hub.databases.organisations)).some((d) => d.includes(person.email))).toBe(true);
    expect((await databaseDocuments(hub.databases.migration)).some((d) => d.includes(person.note))).toBe(true);
    expect((await databaseDocuments(hub.databases.matchmaking)).some((d) => d.includes(personId))).toBe(true);

    const started = Date.now();
    const { erasePerson } = await hub.must<{ erasePerson: { id: string } }>('mutation ($p: ID!) { erasePerson(personId: $p) { id } }', { p: personId });
    const erasure = await waitFor(async () => {
      const { erasure: state } = await hub.must<{ erasure: { complete: boolean; completions: Array<{ service: string }> } }>('query ($id: ID!) { erasure(id: $id) { complete completions { service } } }', { id: erasePerson.id });
      return state.complete ? state : undefined;
    });
    expect(erasure.completions.map((c) => c.service).sort()).toEqual(['matchmaking', 'migration', 'offerings', 'organisations']);
    // the completions may come from other test files' instances of those services: this hub's own have their receipts
    for (const connection of Object.values(hub.databases)) await erasureReceipt(connection, erasePerson.id);
    hub.service.logger.info({ ms: Date.now() - started }, 'erasure completed in every service');

    // nothing of the person in any database of the hub…
    const traces = [personId, person.name, person.email, person.phone, '0705550123', person.note, person.location];
    for (const [service, connection] of Object.entries(hub.databases)) {
      const documents = await databaseDocuments(connection);
      expect(documents.length).toBeGreaterThan(0);
      for (const trace of traces) expect({ service, trace, found: documents.filter((d) => d.includes(trace)) }).toEqual({ service, trace, found: [] });
    }
    // …and no event on any topic ever carried their personal data (ids are all events carry)
    const events = await everyEventOnEveryTopic();
    expect(events.some((e) => e.includes(personId))).toBe(true);
    for (const trace of traces.slice(1)) expect({ trace, found: events.filter((e) => e.includes(trace)) }).toEqual({ trace, found: [] });
    // the case stays, anonymised, for the figures
    expect(await hub.service.models.cases.findById(openCase.id).lean()).toMatchObject({ candidateId: null, notes: [], municipalityCode: '2421' });
  });
});
