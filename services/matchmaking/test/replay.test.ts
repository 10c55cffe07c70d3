import { createLogger } from '@hub/shared/logging';
import { serverOperator } from '@hub/shared/mongo';
import { createApp, type MatchmakingService } from '../src/app';
import { matchmakingConfig, startHub, waitFor, type Hub } from './harness';

/**
 * The read models are a fold of the other services' events: a second deployment that starts from an empty
 * database and replays the topics from the first event ends with the same documents as the one that followed them
 * live, and so matches the same way.
 */
describe('read models rebuilt from a replay', () => {
  let hub: Hub;
  let rebuilt: MatchmakingService | undefined;

  beforeAll(async () => {
    hub = await startHub();
  });

  afterAll(async () => {
    await rebuilt?.stop();
    await hub?.stop();
  });

  it('end identical to the live ones, document for document', async () => {
    const almi = await hub.registerOrganisation('Almi Företagspartner Nord (test)', '2580', 'SUPPORT_ORGANISATION', {
      contacts: [{ name: 'Birger Exempelsson (fiktiv)', role: 'COACH', expertise: ['export', 'innovation'] }],
    });
    const funder = await hub.registerOrganisation('Tillväxtverket (test)', '0180', 'FUNDER');
    const companies = [
      await hub.registerOrganisation('Skogsdata IT AB (test)', '2418', 'COMPANY', { industries: [{ code: '62010' }], employees: 3, foundedYear: 2024 }),
      await hub.registerOrganisation('Silvervägen Äventyr AB (test)', '2506', 'COMPANY', { industries: [{ code: '93199' }], employees: 5 }),
    ];
    const project = await hub.registerProject('Steget vidare (test)', almi, funder);
    const offerings = [
      await hub.publishOffering(almi, { projectId: project, capacity: 1 }),
      await hub.publishOffering(almi, { needs: ['DIGITALISATION', 'COMPETENCE'], format: 'DIGITAL', municipalityCodes: [] }),
      await hub.publishOffering(almi, { kind: 'LOAN', needs: ['FINANCING'] }),
    ];
    // an update, a closure, enrolments into a full offering and a deactivation: every kind of event the models fold
    await hub.must('mutation ($id: ID!) { updateOffering(id: $id, input: { applicationDeadline: "2030-06-30", capacity: 20 }) { id } }', { id: offerings[1] });
    await hub.must('mutation ($id: ID!) { closeOffering(id: $id) { id } }', { id: offerings[2] });
    for (const companyId of companies) await hub.must('mutation ($o: ID!, $c: ID!) { enrol(offeringId: $o, companyId: $c) { id } }', { o: offerings[0], c: companyId });
    await hub.must('mutation ($id: ID!) { updateOrganisation(id: $id, input: { employees: 4 }) { id } }', { id: companies[0] });
    await hub.must('mutation ($id: ID!) { deactivateOrganisation(id: $id) { id } }', { id: companies[1] });
    // the last event of the full offering: once it is in, so are both enrolments before it (one partition per aggregate, in order)
    await hub.must('mutation ($id: ID!) { updateOffering(id: $id, input: { applicationDeadline: "2030-07-31" }) { id } }', { id: offerings[0] });

    const live = hub.service;
    const snapshot = async (service: MatchmakingService) => ({
      organisations: await service.models.organisations.find({ _id: serverOperator({ $in: [almi, funder, ...companies] }) }).sort({ _id: 1 }).lean(),
      projects: await service.models.projects.find({ _id: project }).lean(),
      offerings: await service.models.offerings.find({ _id: serverOperator({ $in: offerings }) }).sort({ _id: 1 }).lean(),
    });
    // a model has folded everything once the last event of every aggregate is in: aggregates are keyed to
    // different partitions, so each one is waited for, not just the one written last
    const settled = (service: MatchmakingService) =>
      waitFor(async () => {
        const state = await snapshot(service);
        const organisation = (id: string | undefined) => state.organisations.find((o) => o._id === id);
        const offering = (id: string | undefined) => state.offerings.find((o) => o._id === id);
        const folded =
          organisation(almi) !== undefined &&
          organisation(funder) !== undefined &&
          organisation(companies[0])?.employees === 4 &&
          organisation(companies[1])?.status === 'inactive' &&
          state.projects.length === 1 &&
          offering(offerings[0])?.applicationDeadline === '2030-07-31' &&
          offering(offerings[0])?.enrolled === 1 &&
          offering(offerings[1])?.capacity === 20 &&
          offering(offerings[2])?.status === 'closed';
        return folded ? state : undefined;
      });
    const expected = await settled(live);

    rebuilt = await createApp(matchmakingConfig(), createLogger('replay-test', process.env.TEST_LOG_LEVEL ?? 'silent'));
    const replayed = await settled(rebuilt);
    expect(replayed).toEqual(expected);
    expect(expected.offerings.find((o) => o._id === offerings[1])).toMatchObject({ applicationDeadline: '2030-06-30', capacity: 20, format: 'digital', municipalityCodes: [] });
    expect(expected.organisations.find((o) => o._id === almi)?.advisers).toEqual([{ contactId: expect.stringMatching(/^[0-9a-f]{24}$/), expertise: ['export', 'innovation'] }]);

    // and the in-memory views built from them agree
    expect(rebuilt.view.company(companies[0]!)).toEqual(live.view.company(companies[0]!));
    expect(rebuilt.view.company(companies[1]!)).toBeNull();
    for (const id of offerings) expect(rebuilt.view.offering(id)).toEqual(live.view.offering(id));
  });
});
