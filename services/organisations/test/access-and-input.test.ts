import { generateGatewayKeyPair, signForwardedClaims } from '@hub/shared/auth';
import { ADMIN, MALA_OFFICE, post, PUBLIC, SORSELE_OFFICE, startHub, type Hub } from './harness';

const REGISTER = `mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id name } }`;
const BY_NUMBERS = `query ($n: [String!]!) { organisationsByNumber(organisationNumbers: $n) { name } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { id name } }`;

const input = (overrides: Record<string, unknown> = {}) => ({
  kind: 'COMPANY',
  name: 'Kvarnbäcken Snickeri AB (test)',
  organisationNumber: '556036-0793',
  municipalityCode: '2418',
  ...overrides,
});

describe('roles, scopes and bad input through the gateway', () => {
  let hub: Hub;
  let malaCompanyId: string;

  /** Everything the service stores, so a refused request can be shown to have changed nothing. */
  const snapshot = async () => ({
    // the outbox and its flag are left out: the relay empties the one and clears the other on its own schedule
    organisations: await hub.models.organisations.find({}, { outbox: 0, outboxPending: 0 }).sort({ _id: 1 }).lean(),
    projects: await hub.models.projects.countDocuments(),
  });

  beforeAll(async () => {
    hub = await startHub();
    const created = await hub.gql<{ registerOrganisation: { id: string } }>(REGISTER, { input: input() }, hub.token(ADMIN));
    malaCompanyId = created.data!.registerOrganisation.id;
  });

  afterAll(() => hub?.stop());

  describe('bad input: a clear error with a code and the field, and nothing stored', () => {
    it.each([
      ['556036-0794', 'wrong check digit'],
      ['556036-0703', 'wrong check digit'],
      ['551036-0793', 'third digit'],
      ['12345', 'ten digits'],
    ])('refuses organisation number %s', async (organisationNumber, message) => {
      const before = await snapshot();
      const result = await hub.gql(REGISTER, { input: input({ organisationNumber, name: 'Annat AB' }) }, hub.token(ADMIN));
      expect(result.data).toBeNull();
      expect(result.errors?.[0]).toMatchObject({
        path: ['registerOrganisation'],
        extensions: { code: 'BAD_USER_INPUT', field: 'input.organisationNumber' },
      });
      expect(result.errors?.[0]?.message).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an unknown municipality code', async () => {
      const before = await snapshot();
      const result = await hub.gql(REGISTER, { input: input({ organisationNumber: '202100-2114', municipalityCode: '9999' }) }, hub.token(ADMIN));
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.municipalityCode' } });
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a duplicate organisation number with CONFLICT', async () => {
      const before = await snapshot();
      const result = await hub.gql(REGISTER, { input: input({ name: 'Dubblett AB' }) }, hub.token(ADMIN));
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'input.organisationNumber' } });
      expect(await snapshot()).toEqual(before);
    });

    it('treats operator objects in inputs as bad input, never as query operators', async () => {
      const before = await snapshot();
      const injected = await hub.gql(REGISTER, { input: input({ organisationNumber: { $ne: null } }) }, hub.token(ADMIN));
      expect(injected.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const lookup = await hub.gql(`query ($n: String!) { organisationByNumber(organisationNumber: $n) { id } }`, { n: { $ne: null } }, hub.token(ADMIN));
      expect(lookup.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const filter = await hub.gql(`query ($f: OrganisationFilter) { organisations(filter: $f) { nodes { id } } }`, { f: { municipalityCode: { $gt: '' } } }, hub.token(ADMIN));
      expect(filter.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      // a string that looks like an operator is only text: it finds nothing
      const text = await hub.gql<{ organisations: { nodes: unknown[] } }>(`query { organisations(filter: { text: "{\\"$ne\\": null}" }) { nodes { id } } }`, {}, hub.token(ADMIN));
      expect(text.errors).toBeUndefined();
      expect(text.data!.organisations.nodes).toEqual([]);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a look-up of several numbers with a malformed one, with none or with too many, naming the field', async () => {
      const lookUp = (numbers: unknown) => hub.gql(BY_NUMBERS, { n: numbers }, hub.token(PUBLIC));
      expect((await lookUp(['202100-5489', '12345'])).errors?.[0]).toMatchObject({
        path: ['organisationsByNumber'],
        extensions: { code: 'BAD_USER_INPUT', field: 'organisationNumbers.1' },
      });
      for (const numbers of [[], Array.from({ length: 501 }, () => '202100-5489')]) {
        expect((await lookUp(numbers)).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'organisationNumbers' } });
      }
      expect((await lookUp([{ $ne: null }])).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('refuses oversize strings', async () => {
      const before = await snapshot();
      const result = await hub.gql(REGISTER, { input: input({ organisationNumber: '202100-5489', name: 'Å'.repeat(5000) }) }, hub.token(ADMIN));
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } });
      const search = await hub.gql(`query ($t: String) { organisations(filter: { text: $t }) { nodes { id } } }`, { t: 'x'.repeat(500) }, hub.token(ADMIN));
      expect(search.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'filter.text' } });
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a negative size, a founding year in the future, an area of expertise outside the needs, a malformed contact id', async () => {
      const before = await snapshot();
      const contact = { name: 'Testa Testsson (fiktiv)', role: 'ADVISER', expertise: ['export'] };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ employees: -1 }, 'input.employees'],
        [{ foundedYear: new Date().getUTCFullYear() + 1 }, 'input.foundedYear'],
        [{ contacts: [{ ...contact, expertise: ['export', 'astrology'] }] }, 'input.contacts.0.expertise.1'],
        [{ contacts: [{ ...contact, id: 'not-an-id' }] }, 'input.contacts.0.id'],
      ];
      for (const [overrides, field] of cases) {
        const result = await hub.gql(REGISTER, { input: input({ organisationNumber: '202100-5489', ...overrides }) }, hub.token(ADMIN));
        expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
      }
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a malformed id and a page size out of range', async () => {
      const byId = await hub.gql(`{ organisation(id: "not-an-id") { id } }`, {}, hub.token(PUBLIC));
      expect(byId.errors?.[0]).toMatchObject({ path: ['organisation'], extensions: { code: 'BAD_USER_INPUT', field: 'id' } });
      const page = await hub.gql(`{ organisations(first: 1000) { nodes { id } } }`, {}, hub.token(PUBLIC));
      expect(page.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
      const cursor = await hub.gql(`{ organisations(after: "garbage") { nodes { id } } }`, {}, hub.token(PUBLIC));
      expect(cursor.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
    });

    it('returns null, not an error, for an unknown but well-formed id', async () => {
      const result = await hub.gql(`{ organisation(id: "ffffffffffffffffffffffff") { id } }`, {}, hub.token(PUBLIC));
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ organisation: null });
    });

    it('refuses too deep, too aliased and too large queries before they reach the subgraph', async () => {
      const deep = `{ organisations { nodes { projects { owner { projects { owner { projects { owner { projects { owner { projects { id } } } } } } } } } } } }`;
      expect((await hub.gql(deep, {}, hub.token(PUBLIC))).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
      const aliased = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: municipalities { code }`).join(' ')} }`;
      expect((await hub.gql(aliased, {}, hub.token(PUBLIC))).errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
      const large = `{ municipalities { code } } ${'#'.repeat(30_000)}`;
      const tooLarge = await hub.gql(large, {}, hub.token(PUBLIC));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
    });
  });

  describe('roles and scopes', () => {
    it('lets the public role read but not write, and hides contact details from it', async () => {
      const before = await snapshot();
      const write = await hub.gql(UPDATE, { id: malaCompanyId, input: { name: 'Kapat AB' } }, hub.token(PUBLIC));
      expect(write.errors?.[0]).toMatchObject({ path: ['updateOrganisation'], extensions: { code: 'FORBIDDEN' } });
      const read = await hub.gql<{ organisation: { name: string; contacts: unknown } }>(`query ($id: ID!) { organisation(id: $id) { name contacts { name } } }`, { id: malaCompanyId }, hub.token(PUBLIC));
      expect(read.data?.organisation).toBeNull();
      expect(read.errors?.[0]).toMatchObject({ path: ['organisation', 'contacts'], extensions: { code: 'FORBIDDEN' } });
      const readWithoutContacts = await hub.gql<{ organisation: { name: string } }>(`query ($id: ID!) { organisation(id: $id) { name } }`, { id: malaCompanyId }, hub.token(PUBLIC));
      expect(readWithoutContacts.data?.organisation.name).toBe('Kvarnbäcken Snickeri AB (test)');
      expect(await snapshot()).toEqual(before);
    });

    it("lets a municipal office edit its own municipality's records only", async () => {
      const before = await snapshot();
      const other = await hub.gql(UPDATE, { id: malaCompanyId, input: { name: 'Sorsele tar över AB' } }, hub.token(SORSELE_OFFICE));
      expect(other.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      const register = await hub.gql(REGISTER, { input: input({ organisationNumber: '202100-3054' }) }, hub.token(SORSELE_OFFICE));
      expect(register.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      const move = await hub.gql(UPDATE, { id: malaCompanyId, input: { municipalityCode: '2422' } }, hub.token(MALA_OFFICE));
      expect(move.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      expect(await snapshot()).toEqual(before);

      const own = await hub.gql<{ updateOrganisation: { name: string } }>(UPDATE, { id: malaCompanyId, input: { name: 'Kvarnbäcken Snickeri & Design AB (test)' } }, hub.token(MALA_OFFICE));
      expect(own.errors).toBeUndefined();
      expect(own.data?.updateOrganisation.name).toBe('Kvarnbäcken Snickeri & Design AB (test)');
    });

    it("lets partner staff edit their own organisation's record only", async () => {
      const own = await hub.gql(UPDATE, { id: malaCompanyId, input: { website: 'https://kvarnbacken.example' } }, hub.token({ roles: ['partner-staff'], organisationId: malaCompanyId }));
      expect(own.errors).toBeUndefined();
      const other = await hub.gql(UPDATE, { id: malaCompanyId, input: { website: 'https://x.example' } }, hub.token({ roles: ['partner-staff'], organisationId: 'ffffffffffffffffffffffff' }));
      expect(other.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    });

    it('refuses a request without a token, and a direct call to the subgraph with or without a forged header', async () => {
      const query = { query: '{ municipalities { code } }' };
      expect((await post(hub.gatewayUrl, query, {})).status).toBe(401);
      const direct = await post(hub.subgraphUrl, query, {});
      expect(direct.status).toBe(401);
      expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const forged = signForwardedClaims({ sub: 'mallory', roles: ['admin'] }, generateGatewayKeyPair().privateKey);
      expect((await post(hub.subgraphUrl, query, { 'x-hub-forwarded-claims': forged })).status).toBe(401);
      // a forged header sent to the gateway is not what the subgraph sees: the public caller still cannot write
      const viaGateway = await post(
        hub.gatewayUrl,
        { query: UPDATE, variables: { id: malaCompanyId, input: { name: 'Mallory AB' } } },
        { authorization: `Bearer ${hub.token(PUBLIC)}`, 'x-hub-forwarded-claims': forged },
      );
      expect(viaGateway.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('queries', () => {
    beforeAll(async () => {
      const admin = hub.token(ADMIN);
      const names: Array<[string, string, string]> = [
        ['Malå Fjällturism AB (test)', '202100-5489', '2418'],
        ['Åsele Älgsafari AB (test)', '212000-0142', '2463'],
        ['Skogsdata Sorsele AB (test)', '202100-3054', '2422'],
      ];
      for (const [name, organisationNumber, municipalityCode] of names) {
        const result = await hub.gql(REGISTER, { input: input({ name, organisationNumber, municipalityCode, industries: [{ code: '62010' }] }) }, admin);
        expect(result.errors).toBeUndefined();
      }
    });

    it('finds Malå and Åsele by ASCII text, by municipality name too', async () => {
      const search = async (text: string) =>
        (await hub.gql<{ organisations: { nodes: Array<{ name: string }> } }>(`query ($t: String) { organisations(filter: { text: $t }) { nodes { name } } }`, { t: text }, hub.token(PUBLIC))).data!.organisations.nodes.map((n) => n.name);
      expect(await search('mala fjall')).toEqual(['Malå Fjällturism AB (test)']);
      expect(await search('algsafari')).toEqual(['Åsele Älgsafari AB (test)']);
      expect(await search('ÅSELE')).toEqual(['Åsele Älgsafari AB (test)']);
      expect((await search('mala')).sort()).toEqual(['Kvarnbäcken Snickeri & Design AB (test)', 'Malå Fjällturism AB (test)']);
    });

    it('filters by kind, municipality and SNI prefix, and pages with cursors in name order', async () => {
      const list = async (variables: Record<string, unknown>) =>
        (await hub.gql<{ organisations: { nodes: Array<{ name: string }>; pageInfo: { endCursor: string; hasNextPage: boolean } } }>(
          `query ($f: OrganisationFilter, $first: Int, $after: String) { organisations(filter: $f, first: $first, after: $after) { nodes { name } pageInfo { endCursor hasNextPage } } }`,
          variables,
          hub.token(PUBLIC),
        )).data!.organisations;
      expect((await list({ f: { industry: '62' } })).nodes.map((n) => n.name)).toEqual(['Malå Fjällturism AB (test)', 'Skogsdata Sorsele AB (test)', 'Åsele Älgsafari AB (test)']);
      expect((await list({ f: { municipalityCode: '2422', kind: 'COMPANY' } })).nodes.map((n) => n.name)).toEqual(['Skogsdata Sorsele AB (test)']);
      const first = await list({ first: 2 });
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = await list({ first: 2, after: first.pageInfo.endCursor });
      const third = await list({ first: 2, after: second.pageInfo.endCursor });
      const all = [...first.nodes, ...second.nodes, ...third.nodes].map((n) => n.name);
      expect(all).toEqual(['Kvarnbäcken Snickeri & Design AB (test)', 'Malå Fjällturism AB (test)', 'Skogsdata Sorsele AB (test)', 'Åsele Älgsafari AB (test)']);
      expect(third.pageInfo.hasNextPage).toBe(false);
    });

    it('looks an organisation up by number in either written form', async () => {
      const result = await hub.gql<{ organisationByNumber: { name: string } }>(`{ organisationByNumber(organisationNumber: "2021005489") { name } }`, {}, hub.token(PUBLIC));
      expect(result.data?.organisationByNumber.name).toBe('Malå Fjällturism AB (test)');
    });

    it('looks several up at once: one answer per number, in the order asked, null where none is registered', async () => {
      const result = await hub.gql<{ organisationsByNumber: Array<{ name: string } | null> }>(
        BY_NUMBERS,
        { n: ['2120000142', '202100-2114', '202100-5489', '212000-0142'] },
        hub.token(PUBLIC),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.organisationsByNumber).toEqual([{ name: 'Åsele Älgsafari AB (test)' }, null, { name: 'Malå Fjällturism AB (test)' }, { name: 'Åsele Älgsafari AB (test)' }]);
    });

    it('deactivates: only admin or the own office, then the organisation leaves default listings', async () => {
      const forbidden = await hub.gql(`mutation ($id: ID!) { deactivateOrganisation(id: $id) { status } }`, { id: malaCompanyId }, hub.token({ roles: ['partner-staff'], organisationId: malaCompanyId }));
      expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const done = await hub.gql<{ deactivateOrganisation: { status: string } }>(`mutation ($id: ID!) { deactivateOrganisation(id: $id) { status } }`, { id: malaCompanyId }, hub.token(MALA_OFFICE));
      expect(done.data?.deactivateOrganisation.status).toBe('INACTIVE');
      const listed = await hub.gql<{ organisations: { nodes: Array<{ id: string }> } }>(`{ organisations(first: 50) { nodes { id } } }`, {}, hub.token(PUBLIC));
      expect(listed.data!.organisations.nodes.map((n) => n.id)).not.toContain(malaCompanyId);
      const inactive = await hub.gql<{ organisations: { nodes: Array<{ id: string }> } }>(`{ organisations(filter: { status: INACTIVE }) { nodes { id } } }`, {}, hub.token(PUBLIC));
      expect(inactive.data!.organisations.nodes.map((n) => n.id)).toEqual([malaCompanyId]);
    });
  });
});
