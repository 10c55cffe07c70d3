import { Types } from 'mongoose';
import { collectMatchmakingEvents } from './events';
import { startHub, waitFor, type Hub } from './harness';

const MALA = '2418';
const ARJEPLOG = '2506';

const REFER = `mutation ($input: ReferralInput!) { referCompany(input: $input) { id status note company { name } from { id } to { name } } }`;
const move = (verb: string) => `mutation ($id: ID!, $note: String) { ${verb}Referral(id: $id, note: $note) { id status firstResponseAt history { status by note } } }`;

describe('referrals, funnels and partner meetings through the gateway, on real Kafka and FerretDB', () => {
  let hub: Hub;
  let events: Awaited<ReturnType<typeof collectMatchmakingEvents>>;
  let almi: string;
  let vinnova: string;
  let malaOffice: string;
  let company: string;
  let almiStaff: string;
  let officeStaff: string;

  beforeAll(async () => {
    hub = await startHub();
    events = await collectMatchmakingEvents('cooperation');
    almi = await hub.registerOrganisation('Almi Företagspartner Nord (test)', '2580', 'SUPPORT_ORGANISATION');
    vinnova = await hub.registerOrganisation('Vinnova (test)', '0180', 'FUNDER');
    malaOffice = await hub.registerOrganisation('Malå kommun – Utvecklingsavdelningen (test)', MALA, 'MUNICIPAL_BUSINESS_OFFICE');
    company = await hub.registerOrganisation('Malå Lanthandel AB (test)', MALA, 'COMPANY', { employees: 6, foundedYear: 1998 });
    almiStaff = hub.token({ roles: ['partner-staff'], organisationId: almi });
    officeStaff = hub.token({ roles: ['municipal-staff'], organisationId: malaOffice, municipalityCode: MALA });
  });

  afterAll(async () => {
    await events?.stop();
    await hub?.stop();
  });

  const eventsOf = (aggregateId: string) => events.received.filter((e) => e.aggregateId === aggregateId);

  it("runs a referral's whole lifecycle, each step by the side whose step it is, with history and events of ids only", async () => {
    const created = await hub.gql<{ referCompany: { id: string; status: string; company: { name: string }; from: { id: string }; to: { name: string } } }>(
      REFER,
      { input: { companyId: company, toOrganisationId: almi, note: 'Vill växa med e-handel; behöver finansiering (fiktivt exempel).' } },
      officeStaff,
    );
    expect(created.errors).toBeUndefined();
    const referral = created.data!.referCompany;
    expect(referral).toMatchObject({ status: 'PROPOSED', company: { name: 'Malå Lanthandel AB (test)' }, from: { id: malaOffice }, to: { name: 'Almi Företagspartner Nord (test)' } });

    // the provider sees what is addressed to it; another provider sees nothing, not even that it exists
    const received = await hub.gql<{ organisation: { referralsReceived: Array<{ id: string }> } }>(
      'query ($id: ID!) { organisation(id: $id) { referralsReceived(status: PROPOSED) { id } } }',
      { id: almi },
      almiStaff,
    );
    expect(received.data!.organisation.referralsReceived.map((r) => r.id)).toEqual([referral.id]);
    const vinnovaStaff = hub.token({ roles: ['partner-staff'], organisationId: vinnova });
    expect((await hub.gql('query ($id: ID!) { referral(id: $id) { id } }', { id: referral.id }, vinnovaStaff)).data).toEqual({ referral: null });
    expect((await hub.gql(move('accept'), { id: referral.id }, vinnovaStaff)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const otherProvidersList = await hub.gql('query ($id: ID!) { organisation(id: $id) { referralsReceived { id } } }', { id: almi }, vinnovaStaff);
    expect(otherProvidersList.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // the office may not answer its own referral
    expect((await hub.gql(move('accept'), { id: referral.id }, officeStaff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const accepted = await hub.gql<{ acceptReferral: { status: string; firstResponseAt: string | null } }>(move('accept'), { id: referral.id, note: 'Rådgivare bokad' }, almiStaff);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptReferral.status).toBe('ACCEPTED');
    expect(accepted.data!.acceptReferral.firstResponseAt).not.toBeNull();
    expect((await hub.gql(move('start'), { id: referral.id }, almiStaff)).errors).toBeUndefined();
    const completed = await hub.gql<{ completeReferral: { status: string; history: Array<{ status: string; by: string; note: string | null }> } }>(move('complete'), { id: referral.id }, almiStaff);
    expect(completed.data!.completeReferral.status).toBe('COMPLETED');
    expect(completed.data!.completeReferral.history.map((h) => [h.status, h.note])).toEqual([
      ['PROPOSED', null],
      ['ACCEPTED', 'Rådgivare bokad'],
      ['IN_PROGRESS', null],
      ['COMPLETED', null],
    ]);

    const published = await waitFor(() => {
      const mine = eventsOf(referral.id);
      return mine.length === 4 ? mine : undefined;
    });
    expect(published.map((e) => e.type)).toEqual(['ReferralCreated', 'ReferralAccepted', 'ReferralStarted', 'ReferralCompleted']);
    expect(published[0]!.payload).toEqual({ referralId: referral.id, companyId: company, fromOrganisationId: malaOffice, toOrganisationId: almi });
    expect(JSON.stringify(published)).not.toMatch(/e-handel|Rådgivare/);

    const times = await hub.gql<{ referralResponseTimes: { count: number; answered: number; unanswered: number; medianHours: number } }>(
      'query ($id: ID) { referralResponseTimes(organisationId: $id) { count answered unanswered medianHours } }',
      { id: almi },
      almiStaff,
    );
    expect(times.data!.referralResponseTimes).toMatchObject({ count: 1, answered: 1, unanswered: 0 });
    expect(times.data!.referralResponseTimes.medianHours).toBeGreaterThanOrEqual(0);
    expect((await hub.gql('query ($id: ID) { referralResponseTimes(organisationId: $id) { count } }', { id: almi }, vinnovaStaff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('takes one answer when the provider accepts and declines a referral at the same moment: one step, one event', async () => {
    // a provider of its own, so the referral it leaves open stands in no other test's way
    const provider = await hub.registerOrganisation('Företagarna Malå (test)', MALA, 'SUPPORT_ORGANISATION');
    const providerStaff = hub.token({ roles: ['partner-staff'], organisationId: provider });
    const { referCompany } = await hub.must<{ referCompany: { id: string } }>(REFER, { input: { companyId: company, toOrganisationId: provider, note: 'Två svar samtidigt (test).' } }, officeStaff);
    const id = referCompany.id;
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => hub.gql(move(i % 2 === 0 ? 'accept' : 'decline'), { id }, providerStaff)));
    expect(answers.filter((answer) => answer.errors === undefined)).toHaveLength(1);
    // every other answer finds the referral answered already: an illegal step, not a lost or a second write
    expect(answers.flatMap((answer) => answer.errors ?? []).map((error) => error.extensions?.code)).toEqual(Array(9).fill('BAD_USER_INPUT'));
    const stored = await hub.service.models.referrals.findById(id, { outbox: 0 }).lean();
    expect(stored!.history.map((h) => h.status)).toEqual(['proposed', expect.stringMatching(/^(accepted|declined)$/)]);
    expect(stored!.revision).toBe(1);
    const published = await waitFor(() => {
      const mine = eventsOf(id);
      return mine.length >= 2 ? mine : undefined;
    });
    expect(published.map((e) => e.type)).toEqual(['ReferralCreated', stored!.history[1]!.status === 'accepted' ? 'ReferralAccepted' : 'ReferralDeclined']);
  });

  it('refuses an illegal change, a referral to a non-provider and a referral by a non-office, storing nothing', async () => {
    const created = await hub.must<{ referCompany: { id: string } }>(REFER, { input: { companyId: company, toOrganisationId: vinnova, note: 'Innovationsidé kring lokal logistik.' } }, officeStaff);
    const id = created.referCompany.id;
    expect((await hub.gql(move('decline'), { id, note: 'Passar inte utlysningen' }, hub.token({ roles: ['partner-staff'], organisationId: vinnova }))).errors).toBeUndefined();
    // the relay may empty the outbox (and clear its flag) meanwhile; the referral itself must not change
    const stored = () => hub.service.models.referrals.findById(id, { outbox: 0, outboxPending: 0 }).lean();
    const before = await stored();

    const completeDeclined = await hub.gql(move('complete'), { id }, hub.token({ roles: ['partner-staff'], organisationId: vinnova }));
    expect(completeDeclined.errors?.[0]).toMatchObject({ message: 'A declined referral cannot be completed', path: ['completeReferral'], extensions: { code: 'BAD_USER_INPUT', field: 'status' } });
    expect(await stored()).toEqual(before);

    const count = await hub.service.models.referrals.countDocuments({});
    const toCompany = await hub.gql(REFER, { input: { companyId: company, toOrganisationId: company, note: 'x' } }, officeStaff);
    expect(toCompany.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.toOrganisationId' } });
    expect(toCompany.errors?.[0]?.message).toMatch(/not a provider/);
    const unknownCompany = await hub.gql(REFER, { input: { companyId: 'ffffffffffffffffffffffff', toOrganisationId: almi, note: 'x' } }, officeStaff);
    expect(unknownCompany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.companyId' });
    const byProvider = await hub.gql(REFER, { input: { companyId: company, toOrganisationId: vinnova, note: 'x' } }, almiStaff);
    expect(byProvider.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noNote = await hub.gql(REFER, { input: { companyId: company, toOrganisationId: almi, note: '   ' } }, officeStaff);
    expect(noNote.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.note' });
    const malformed = await hub.gql(move('accept'), { id: 'not-an-id' }, almiStaff);
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await hub.service.models.referrals.countDocuments({})).toBe(count);
  });

  it('publishes NeedRecorded with the needs and priorities only: no notes, no owner groups, no tags', async () => {
    await hub.must(
      'mutation ($id: ID!, $input: NeedsAnalysisInput!) { recordNeeds(companyId: $id, input: $input) { updatedAt } }',
      { id: company, input: { needs: [{ need: 'SUPPLIERS', priority: 1, note: 'Söker grossist i Skellefteå (fiktivt)' }], ownerGroups: ['FOREIGN_BORN'], offers: ['dagligvaror'] } },
      officeStaff,
    );
    const event = await waitFor(() => eventsOf(company).find((e) => e.type === 'NeedRecorded'));
    expect(event.payload).toEqual({ companyId: company, needs: [{ need: 'suppliers', priority: 1 }] });
    expect(JSON.stringify(event)).not.toMatch(/grossist|foreign|dagligvaror/);
  });

  it("moves a company through a project's funnel, forward only, and counts reached and current stages", async () => {
    const project = await hub.registerProject('North Business Arena (test)', malaOffice, vinnova, [almi]);
    const setStage = (stage: string, bearer: string, correction = false) =>
      hub.gql<{ setFunnelStage: { stage: string; history: Array<{ stage: string; correction: boolean }> } }>(
        'mutation ($c: ID!, $p: ID!, $s: FunnelStage!, $k: Boolean) { setFunnelStage(companyId: $c, projectId: $p, stage: $s, correction: $k) { stage history { stage correction } } }',
        { c: company, p: project, s: stage, k: correction },
        bearer,
      );
    expect((await setStage('CONTACT', officeStaff)).data!.setFunnelStage.stage).toBe('CONTACT');
    expect((await setStage('DEEP_DIVE', almiStaff)).data!.setFunnelStage.stage).toBe('DEEP_DIVE');
    const back = await setStage('ENGAGED', officeStaff);
    expect(back.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'stage' });
    const corrected = await setStage('ENGAGED', officeStaff, true);
    expect(corrected.data!.setFunnelStage.history).toEqual([
      { stage: 'CONTACT', correction: false },
      { stage: 'DEEP_DIVE', correction: false },
      { stage: 'ENGAGED', correction: true },
    ]);
    // a provider outside the project may not move the company
    expect((await setStage('DEEP_DIVE', hub.token({ roles: ['partner-staff'], organisationId: vinnova }))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknownProject = await hub.gql('mutation ($c: ID!) { setFunnelStage(companyId: $c, projectId: "ffffffffffffffffffffffff", stage: CONTACT) { stage } }', { c: company }, hub.admin);
    expect(unknownProject.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });

    const report = await hub.gql<{ funnel: { total: { reached: Record<string, number>; current: Record<string, number> }; rows: Array<{ project: { id: string }; municipalityCode: string }> } }>(
      'query ($p: ID) { funnel(filter: { projectId: $p }) { total { reached { contact engaged deepDive } current { contact engaged deepDive } } rows { project { id } municipalityCode } } }',
      { p: project },
      hub.token({ roles: ['integration'] }),
    );
    expect(report.errors).toBeUndefined();
    expect(report.data!.funnel.total).toEqual({ reached: { contact: 1, engaged: 1, deepDive: 0 }, current: { contact: 0, engaged: 1, deepDive: 0 } });
    expect(report.data!.funnel.rows).toEqual([{ project: { id: project }, municipalityCode: MALA }]);
    expect((await hub.gql('{ funnel { total { current { contact } } } }', {}, hub.token({ roles: ['public'] }))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const changes = await waitFor(() => {
      const mine = eventsOf(company).filter((e) => e.type === 'StageChanged');
      return mine.length === 3 ? mine : undefined;
    });
    expect(changes.map((e) => e.payload)).toEqual([
      { companyId: company, projectId: project, from: null, to: 'contact' },
      { companyId: company, projectId: project, from: 'contact', to: 'deep-dive' },
      { companyId: company, projectId: project, from: 'deep-dive', to: 'engaged' },
    ]);
  });

  it('schedules a partner-meeting day with nobody double-booked and refuses a request with oneself', async () => {
    const others = await Promise.all(
      ['Arjeplogs Fjällmat AB (test)', 'Silvervägen Äventyr AB (test)', 'Norrform Bygg AB (test)'].map((name, i) => hub.registerOrganisation(name, i === 2 ? MALA : ARJEPLOG, 'COMPANY')),
    );
    const created = await hub.must<{ createPartnerMeeting: { id: string } }>('mutation { createPartnerMeeting(input: { name: "Matchmakingdag i Malå (test)", slots: 2 }) { id } }', {}, officeStaff);
    const id = created.createPartnerMeeting.id;
    const all = [company, ...others];
    await hub.must('mutation ($id: ID!, $ids: [ID!]!) { addMeetingParticipants(partnerMeetingId: $id, companyIds: $ids) { id } }', { id, ids: all }, officeStaff);

    const request = (from: string, to: string[], bearer = officeStaff) =>
      hub.gql('mutation ($id: ID!, $from: ID!, $to: [ID!]!) { requestMeetings(partnerMeetingId: $id, companyId: $from, withCompanyIds: $to) { id } }', { id, from, to }, bearer);
    const self = await request(company, [others[0]!, company]);
    expect(self.errors?.[0]).toMatchObject({ message: 'A participant cannot request a meeting with itself', extensions: { code: 'BAD_USER_INPUT', field: 'withCompanyIds.1' } });
    // a company asks for its own meetings; another company may not ask for it
    expect((await request(company, [others[0]!, others[1]!], hub.token({ roles: ['partner-staff'], organisationId: company }))).errors).toBeUndefined();
    expect((await request(others[0]!, [company], hub.token({ roles: ['partner-staff'], organisationId: company }))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await request(others[0]!, [company, others[2]!])).errors).toBeUndefined();
    expect((await request(others[2]!, [others[1]!])).errors).toBeUndefined();

    const scheduled = await hub.gql<{ schedulePartnerMeeting: { meetings: Array<{ slot: number; companies: Array<{ id: string; name: string }>; requestedBy: Array<{ id: string }> }>; unmet: unknown[] } }>(
      'mutation ($id: ID!) { schedulePartnerMeeting(id: $id) { meetings { slot companies { id name } requestedBy { id } } unmet { reason } } }',
      { id },
      officeStaff,
    );
    expect(scheduled.errors).toBeUndefined();
    const { meetings, unmet } = scheduled.data!.schedulePartnerMeeting;
    // five requests, one of them mutual: four meetings fit in two slots with nobody in two places at once
    expect(meetings).toHaveLength(4);
    expect(unmet).toEqual([]);
    for (const slot of [0, 1]) {
      const seated = meetings.filter((m) => m.slot === slot).flatMap((m) => m.companies.map((c) => c.id));
      expect(new Set(seated).size).toBe(seated.length);
    }
    const mutual = meetings.find((m) => m.companies.some((c) => c.id === company) && m.companies.some((c) => c.id === others[0]));
    expect(mutual?.requestedBy.map((r) => r.id).sort()).toEqual([company, others[0]!].sort());

    const event = await waitFor(() => eventsOf(id).find((e) => e.type === 'MeetingScheduled'));
    expect((event.payload as { meetings: unknown[] }).meetings).toHaveLength(4);
    expect((await hub.gql('query ($id: ID!) { partnerMeeting(id: $id) { id } }', { id }, hub.token({ roles: ['partner-staff'], organisationId: vinnova }))).data).toEqual({ partnerMeeting: null });
  });
  it("stores why a wish did not fit, in Swedish and English, and words a schedule stored before reasons had texts", async () => {
    const [wanted, other] = await Promise.all(['Malå Fiskevård AB (test)', 'Malå Snickeri AB (test)'].map((name) => hub.registerOrganisation(name, MALA, 'COMPANY')));
    const created = await hub.must<{ createPartnerMeeting: { id: string } }>('mutation { createPartnerMeeting(input: { name: "Kort matchmaking (test)", slots: 1 }) { id } }', {}, officeStaff);
    const id = created.createPartnerMeeting.id;
    await hub.must('mutation ($id: ID!, $ids: [ID!]!) { addMeetingParticipants(partnerMeetingId: $id, companyIds: $ids) { id } }', { id, ids: [company, wanted, other] }, officeStaff);
    // one slot, two wishes: the company meets the first it asked for and has no time left for the second
    await hub.must('mutation ($id: ID!, $from: ID!, $to: [ID!]!) { requestMeetings(partnerMeetingId: $id, companyId: $from, withCompanyIds: $to) { id } }', { id, from: company, to: [wanted, other] }, officeStaff);
    await hub.must('mutation ($id: ID!) { schedulePartnerMeeting(id: $id) { id } }', { id }, officeStaff);

    const UNMET = 'query ($id: ID!) { partnerMeeting(id: $id) { unmet { from { id } to { id } reason texts { sv en } } } }';
    const asker = { sv: 'Företaget som önskade mötet har möten i alla pass', en: 'The company that asked has a meeting in every slot' };
    const stored = await hub.must<{ partnerMeeting: { unmet: unknown[] } }>(UNMET, { id }, officeStaff);
    expect(stored.partnerMeeting.unmet).toEqual([{ from: { id: company }, to: { id: other }, reason: `${company} has a meeting in every slot`, texts: asker }]);

    const raw = hub.service.models.partnerMeetings.collection;
    await raw.updateOne({ _id: new Types.ObjectId(id) }, { $unset: { 'unmet.0.texts': '' } });
    expect((await raw.findOne({ _id: new Types.ObjectId(id) }))?.unmet[0]).toEqual({ from: company, to: other, reason: `${company} has a meeting in every slot` });
    const legacy = await hub.must<{ partnerMeeting: { unmet: unknown[] } }>(UNMET, { id }, officeStaff);
    expect(legacy.partnerMeeting.unmet).toEqual(stored.partnerMeeting.unmet);
  });
});
