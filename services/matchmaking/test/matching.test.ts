import { startHub, waitFor, type Hub } from './harness';

const MALA = '2418';
const ARJEPLOG = '2506';

const MATCHES = `query ($id: ID!) { organisation(id: $id) { name offeringMatches(first: 10) {
  matches { offeringId offering { id title { sv } provider { name } } score reasons { code text texts { sv en } } }
  excluded { offeringId offering { id status } reason text texts { sv en } }
} } }`;

type Matches = {
  organisation: {
    name: string;
    offeringMatches: {
      matches: Array<{ offeringId: string; offering: { id: string; title: { sv: string }; provider: { name: string } } | null; score: number; reasons: Array<{ code: string; text: string; texts: { sv: string; en: string } }> }>;
      excluded: Array<{ offeringId: string; offering: { id: string; status: string } | null; reason: string; text: string; texts: { sv: string; en: string } }>;
    };
  };
};

describe('matching through the gateway, on real Kafka and FerretDB', () => {
  let hub: Hub;
  let almi: string;
  let company: string;
  let malaOffice: string;
  let almiStaff: string;
  let officeStaff: string;

  beforeAll(async () => {
    hub = await startHub();
    almi = await hub.registerOrganisation('Almi Företagspartner Nord (test)', '2580', 'SUPPORT_ORGANISATION', {
      contacts: [{ name: 'Agnes Exempelsson (fiktiv)', role: 'ADVISER', expertise: ['export', 'financing'] }],
    });
    malaOffice = await hub.registerOrganisation('Malå kommun – Utvecklingsavdelningen (test)', MALA, 'MUNICIPAL_BUSINESS_OFFICE');
    company = await hub.registerOrganisation('Fjällglimt Turism AB (test)', MALA, 'COMPANY', { industries: [{ code: '55201' }], employees: 4, foundedYear: 2015 });
    almiStaff = hub.token({ roles: ['partner-staff'], organisationId: almi });
    officeStaff = hub.token({ roles: ['municipal-staff'], organisationId: malaOffice, municipalityCode: MALA });
  });

  afterAll(() => hub?.stop());

  it('records a needs analysis; only those who work with the company see it, and the owner groups fewer still', async () => {
    const recorded = await hub.gql<{ recordNeeds: { needs: Array<{ need: string; priority: number; note: string | null; recordedBy: string }>; offers: string[] } }>(
      `mutation ($id: ID!, $input: NeedsAnalysisInput!) { recordNeeds(companyId: $id, input: $input) { needs { need priority note recordedBy } offers } }`,
      {
        id: company,
        input: {
          needs: [
            { need: 'EXPORT', priority: 1, note: 'Vill sälja vinterpaket till Norge' },
            { need: 'DIGITALISATION', priority: 2 },
          ],
          ownerGroups: ['WOMEN'],
          offers: ['Guidade turer', 'Boende'],
          seeks: ['lokalproducerad mat'],
        },
      },
      officeStaff,
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordNeeds).toEqual({
      needs: [
        { need: 'EXPORT', priority: 1, note: 'Vill sälja vinterpaket till Norge', recordedBy: 'test-user' },
        { need: 'DIGITALISATION', priority: 2, note: null, recordedBy: 'test-user' },
      ],
      offers: ['guidade turer', 'boende'],
    });

    const read = (bearer: string) =>
      hub.gql<{ organisation: { needsAnalysis: { ownerGroups: string[]; needs: Array<{ need: string }> } | null } }>(
        'query ($id: ID!) { organisation(id: $id) { needsAnalysis { ownerGroups needs { need } } } }',
        { id: company },
        bearer,
      );
    expect((await read(officeStaff)).data!.organisation.needsAnalysis!.ownerGroups).toEqual(['WOMEN']);
    // an adviser at a support organisation sees the needs, not the owner's self-declared groups
    expect((await read(almiStaff)).data!.organisation.needsAnalysis).toEqual({ ownerGroups: [], needs: [{ need: 'EXPORT' }, { need: 'DIGITALISATION' }] });
    const outsider = await read(hub.token({ roles: ['municipal-staff'], organisationId: 'arjeplog-office', municipalityCode: ARJEPLOG }));
    expect(outsider.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await read(hub.token({ roles: ['public'] }))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("puts a newly published offering into the company's matches through Kafka, with reasons, and explains a closed one", async () => {
    await waitFor(async () => (hub.service.view.company(company)?.needs.length ? true : undefined));
    const offeringId = await hub.publishOffering(almi, { title: { sv: 'Exportcoachning i Malå (test)' } }, almiStaff);
    const matched = await waitFor(async () => {
      const response = await hub.gql<Matches>(MATCHES, { id: company }, officeStaff);
      return response.data?.organisation.offeringMatches.matches.find((m) => m.offeringId === offeringId);
    });
    // the offering's title and provider come from the other subgraphs, joined by the gateway
    expect(matched.offering).toEqual({ id: offeringId, title: { sv: 'Exportcoachning i Malå (test)' }, provider: { name: 'Almi Företagspartner Nord (test)' } });
    expect(matched.score).toBeGreaterThan(0);
    const texts = matched.reasons.map((r) => r.text);
    expect(texts).toEqual(expect.arrayContaining(['serves Malå', expect.stringMatching(/export/)]));
    expect(texts.some((t) => /micro companies/.test(t))).toBe(true);
    // the same reasons in Swedish, through the gateway that composes LocalisedText from two subgraphs
    expect(matched.reasons).toContainEqual({ code: 'SERVES_MUNICIPALITY', text: 'serves Malå', texts: { sv: 'erbjuds i Malå', en: 'serves Malå' } });

    // the provider closes it: it leaves the matches and is listed as excluded, with why
    expect((await hub.gql('mutation ($id: ID!) { closeOffering(id: $id) { id } }', { id: offeringId }, almiStaff)).errors).toBeUndefined();
    const excluded = await waitFor(async () => {
      const response = await hub.gql<Matches>(MATCHES, { id: company }, officeStaff);
      const result = response.data?.organisation.offeringMatches;
      // until matchmaking hears of the closure the offering is still matched, but the offerings service hides it
      return result && !result.matches.some((m) => m.offeringId === offeringId) ? result.excluded.find((e) => e.offeringId === offeringId) : undefined;
    });
    expect(excluded.reason).toBe('CLOSED');
    // the offerings service shows a closed offering to its provider only: the office gets the id and the reason
    expect(excluded.offering).toBeNull();
  });

  it('leaves out an offering the company is not eligible for, saying why', async () => {
    const bigOnly = await hub.publishOffering(almi, { title: { sv: 'Exportlyft för större företag (test)' }, eligibility: { maxEmployees: 2, sniPrefixes: [], municipalityCodes: [] } }, almiStaff);
    const excluded = await waitFor(async () => {
      const response = await hub.gql<Matches>(MATCHES, { id: company }, officeStaff);
      return response.data?.organisation.offeringMatches.excluded.find((e) => e.offeringId === bigOnly);
    });
    expect(excluded.reason).toBe('NOT_ELIGIBLE');
    expect(excluded.offering).toEqual({ id: bigOnly, status: 'PUBLISHED' });

    // an adviser asks why it is not suggested, and about an offering that does not exist
    const EXPLAIN = 'query ($c: ID!, $o: ID!) { explainMatch(companyId: $c, offeringId: $o) { suggested score exclusion text texts { sv en } reasons { code } } }';
    const why = await hub.gql<{ explainMatch: { suggested: boolean; exclusion: string; text: string } }>(EXPLAIN, { c: company, o: bigOnly }, almiStaff);
    expect(why.data!.explainMatch).toMatchObject({ suggested: false, score: null, exclusion: 'NOT_ELIGIBLE', text: excluded.text, texts: excluded.texts });
    expect(excluded.texts).toEqual({ sv: 'uppfyller inte villkoren: för företag med högst 2 anställda', en: excluded.text });
    const unknown = await hub.gql(EXPLAIN, { c: company, o: 'ffffffffffffffffffffffff' }, almiStaff);
    expect(unknown.errors?.[0]).toMatchObject({ path: ['explainMatch'], extensions: { code: 'BAD_USER_INPUT', field: 'offeringId' } });
    expect(excluded.text).toMatch(/employees/);
  });

  it('finds advisers by expertise and companies to do business with, across municipalities', async () => {
    const supplier = await hub.registerOrganisation('Arjeplogs Fjällmat AB (test)', ARJEPLOG, 'COMPANY', { industries: [{ code: '10890' }], employees: 3, foundedYear: 2019 });
    await hub.must(
      `mutation ($id: ID!, $input: NeedsAnalysisInput!) { recordNeeds(companyId: $id, input: $input) { offers } }`,
      { id: supplier, input: { needs: [{ need: 'EXPORT', priority: 2 }], offers: ['Lokalproducerad mat'], seeks: [] } },
    );
    const response = await hub.gql<{
      organisation: {
        adviserMatches: Array<{ organisationId: string; organisation: { name: string } | null; contactId: string; reasons: Array<{ text: string }> }>;
        companyMatches: Array<{ companyId: string; company: { name: string } | null; reasons: Array<{ text: string }> }>;
      };
    }>(
      `query ($id: ID!) { organisation(id: $id) {
        adviserMatches(first: 50) { organisationId organisation { name } contactId reasons { text } }
        companyMatches(first: 50) { companyId company { name } reasons { text } }
      } }`,
      { id: company },
      officeStaff,
    );
    expect(response.errors).toBeUndefined();
    const adviser = response.data!.organisation.adviserMatches.find((a) => a.organisationId === almi);
    expect(adviser?.organisation).toEqual({ name: 'Almi Företagspartner Nord (test)' });
    const stored = await hub.organisations.models.organisations.findById(almi).lean();
    expect(adviser?.contactId).toBe(stored!.contacts[0]!.id);
    const partner = response.data!.organisation.companyMatches.find((m) => m.companyId === supplier);
    expect(partner?.company).toEqual({ name: 'Arjeplogs Fjällmat AB (test)' });
    expect(partner!.reasons.map((r) => r.text).join(' ')).toMatch(/lokalproducerad mat/i);
    expect(response.data!.organisation.companyMatches.some((m) => m.companyId === company)).toBe(false);
  });

  it("shows an offering's provider the companies it suits", async () => {
    const offeringId = await hub.publishOffering(almi, { title: { sv: 'Digitalisering för mikroföretag (test)' }, needs: ['DIGITALISATION'] }, almiStaff);
    await waitFor(async () => (hub.service.view.offering(offeringId) ? true : undefined));
    const viaGateway = await hub.gql<{ offering: { suitedCompanies: Array<{ companyId: string }> } }>(
      'query ($id: ID!) { offering(id: $id) { suitedCompanies(first: 50) { companyId } } }',
      { id: offeringId },
      almiStaff,
    );
    expect(viaGateway.errors).toBeUndefined();
    expect(viaGateway.data!.offering.suitedCompanies.map((s) => s.companyId)).toContain(company);
    const forbidden = await hub.gql('query ($id: ID!) { offering(id: $id) { suitedCompanies { company { id } } } }', { id: offeringId }, hub.token({ roles: ['public'] }));
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses bad input with a coded error and the field, storing nothing', async () => {
    const before = await hub.service.models.needsAnalyses.countDocuments({});
    const record = (id: unknown, input: Record<string, unknown>) =>
      hub.gql(`mutation ($id: ID!, $input: NeedsAnalysisInput!) { recordNeeds(companyId: $id, input: $input) { offers } }`, { id, input }, hub.admin);
    const unknown = await record('ffffffffffffffffffffffff', { needs: [{ need: 'EXPORT', priority: 1 }] });
    expect(unknown.errors?.[0]).toMatchObject({ path: ['recordNeeds'], extensions: { code: 'BAD_USER_INPUT', field: 'companyId' } });
    const notACompany = await record(almi, { needs: [{ need: 'EXPORT', priority: 1 }] });
    expect(notACompany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'companyId' });
    const outsideTaxonomy = await record(company, { needs: [{ need: 'ASTROLOGY', priority: 1 }] });
    expect(outsideTaxonomy.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(outsideTaxonomy.errors?.[0]?.message).toMatch(/ASTROLOGY/);
    const badPriority = await record(company, { needs: [{ need: 'EXPORT', priority: 7 }] });
    expect(badPriority.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.needs.0.priority' });
    const twice = await record(company, { needs: [{ need: 'EXPORT', priority: 1 }, { need: 'EXPORT', priority: 2 }] });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.needs.1.need' });
    const sizeAsGroup = await record(company, { needs: [], ownerGroups: ['MICRO_COMPANIES'] });
    expect(sizeAsGroup.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ownerGroups.0' });
    const operator = await record({ $ne: null }, { needs: [] });
    expect(operator.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const oversize = await record(company, { needs: [{ need: 'EXPORT', priority: 1, note: 'x'.repeat(5000) }] });
    expect(oversize.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.needs.0.note' });
    const page = await hub.gql('query ($id: ID!) { organisation(id: $id) { offeringMatches(first: 1000) { matches { score } } } }', { id: company }, hub.admin);
    expect(page.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(await hub.service.models.needsAnalyses.countDocuments({})).toBe(before);
    // the stored analysis is the one recorded first
    expect((await hub.service.models.needsAnalyses.findById(company).lean())?.needs.map((n) => n.need)).toEqual(['export', 'digitalisation']);
  });
});
