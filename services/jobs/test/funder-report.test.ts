import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { waitFor } from '@hub/infra/testkit';
import type { FunderReport } from '../src/domain/funder-report';
import { funderReportJob } from '../src/jobs/funder-report';
import { startHub, type Hub } from './harness';

describe('funder-report: indicators per project and period as CSV and JSON files', () => {
  let hub: Hub;
  let stegetId: string;
  let emptyProjectId: string;

  /** Registers a project owned and wholly funded by `ownerId` and waits until the offerings service has it. */
  async function registerProject(name: string, ownerId: string): Promise<string> {
    const { registerProject } = await hub.must<{ registerProject: { id: string } }>('mutation ($input: RegisterProjectInput!) { registerProject(input: $input) { id } }', {
      input: { kind: 'PROJECT', name, ownerId, startDate: '2026-01-01', municipalityCodes: ['2418', '2506'], funders: [{ funderId: ownerId, sharePercent: 100 }] },
    });
    await waitFor(async () => ((await hub.offerings.models.projects.exists({ _id: registerProject.id })) ? true : undefined));
    return registerProject.id;
  }

  beforeAll(async () => {
    hub = await startHub();
    const { id: almi } = await hub.registerOrganisation('Almi Företagspartner Nord (report)', 'SUPPORT_ORGANISATION', '2580');
    stegetId = await registerProject('Steget vidare, Malå och Arjeplog', almi);
    emptyProjectId = await registerProject('Företagslyftet Åsele', almi);

    const { createOfferingDraft } = await hub.must<{ createOfferingDraft: { id: string } }>('mutation ($input: CreateOfferingDraftInput!) { createOfferingDraft(input: $input) { id } }', {
      input: {
        providerId: almi,
        projectId: stegetId,
        kind: 'DEVELOPMENT_PROGRAMME',
        title: { sv: 'Steget vidare' },
        description: { sv: 'Gruppseminarier och individuella möten.' },
        targetGroups: ['ESTABLISHED_COMPANIES'],
        format: 'HYBRID',
        startDate: '2030-09-01',
        endDate: '2030-11-30',
        needs: ['BUSINESS_PLANNING'],
      },
    });
    const offeringId = createOfferingDraft.id;
    await hub.must('mutation ($id: ID!) { publishOffering(id: $id) { id } }', { id: offeringId });
    for (const startsAt of ['2030-09-10T15:00:00Z', '2030-10-08T15:00:00Z']) {
      await hub.must('mutation ($id: ID!, $input: SessionInput!) { addOfferingSession(offeringId: $id, input: $input) { id } }', {
        id: offeringId,
        input: { title: 'Gruppseminarium', startsAt, endsAt: startsAt.replace('T15', 'T17'), place: 'Malå Folkets hus' },
      });
    }
    // five women, one man, one owner who did not say: the man and the unstated are too few to publish
    const owners = [{ gender: 'WOMAN' }, { gender: 'WOMAN' }, { gender: 'WOMAN' }, { gender: 'WOMAN' }, { gender: 'WOMAN' }, { gender: 'MAN' }, {}];
    const enrolmentIds: string[] = [];
    for (const [index, ownerProfile] of owners.entries()) {
      const { id: company } = await hub.registerOrganisation(`Deltagare ${index + 1} AB (demo)`, 'COMPANY', index < 4 ? '2418' : '2506');
      const { enrol } = await hub.must<{ enrol: { id: string } }>('mutation ($offeringId: ID!, $companyId: ID!, $ownerProfile: OwnerProfileInput) { enrol(offeringId: $offeringId, companyId: $companyId, ownerProfile: $ownerProfile) { id } }', {
        offeringId,
        companyId: company,
        ownerProfile,
      });
      enrolmentIds.push(enrol.id);
    }
    const outcome = (enrolmentId: string, input: Record<string, unknown>) =>
      hub.must('mutation ($id: ID!, $input: OutcomeInput!) { recordOutcome(enrolmentId: $id, input: $input) { id } }', { id: enrolmentId, input });
    await outcome(enrolmentIds[0]!, { kind: 'JOBS_CREATED', jobs: 2, jobsBasis: 'EXPECTED' });
    await outcome(enrolmentIds[1]!, { kind: 'JOBS_CREATED', jobs: 1.5, jobsBasis: 'REALISED' });
    await outcome(enrolmentIds[2]!, { kind: 'COMPANY_STARTED' });
  });

  afterAll(() => hub?.stop());

  it('writes a JSON and a CSV file per project, with the ERDF rows and the small cells still withheld', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'funder-report-'));
    const run = await hub.runner.run(funderReportJob, { trigger: 'cli', options: { out, from: '2026-01-01', to: '2099-12-31' } });
    expect(run.error).toBeNull();
    expect(run.counts).toMatchObject({ exported: 2 });
    expect(readdirSync(out).sort()).toEqual([
      'foretagslyftet-asele_2026-01-01_2099-12-31.csv',
      'foretagslyftet-asele_2026-01-01_2099-12-31.json',
      'steget-vidare-mala-och-arjeplog_2026-01-01_2099-12-31.csv',
      'steget-vidare-mala-och-arjeplog_2026-01-01_2099-12-31.json',
    ]);

    const json = JSON.parse(readFileSync(path.join(out, 'steget-vidare-mala-och-arjeplog_2026-01-01_2099-12-31.json'), 'utf8')) as FunderReport;
    expect(json.project).toEqual({ id: stegetId, name: 'Steget vidare, Malå och Arjeplog' });
    expect(json.period).toEqual({ from: '2026-01-01', to: '2099-12-31' });
    expect(json.rows.map((row) => [row.code, row.breakdown, row.value, row.suppressed])).toEqual([
      ['RCO01', 'total', 7, false],
      ['RCO01', 'owner: women', 5, false],
      ['RCO01', 'owner: men', null, true],
      ['RCO01', 'owner: non-binary', 0, false],
      ['RCO01', 'owner: not stated', null, true],
      ['RCO05', 'total', 1, false],
      ['RCR01', 'expected', 2, false],
      ['RCR01', 'realised', 1.5, false],
      [null, 'total', 2, false],
    ]);

    const csv = parse(readFileSync(path.join(out, 'steget-vidare-mala-och-arjeplog_2026-01-01_2099-12-31.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(csv).toHaveLength(9);
    expect(csv[2]).toEqual({ project: 'Steget vidare, Malå och Arjeplog', from: '2026-01-01', to: '2099-12-31', code: 'RCO01', indicator: 'Enterprises supported', breakdown: 'owner: men', value: '', unit: 'enterprises', suppressed: 'true' });
    expect(csv.map((row) => row.value)).toEqual(json.rows.map((row) => (row.value === null ? '' : String(row.value))));

    const empty = JSON.parse(readFileSync(path.join(out, 'foretagslyftet-asele_2026-01-01_2099-12-31.json'), 'utf8')) as FunderReport;
    expect(empty.rows[0]).toMatchObject({ code: 'RCO01', value: 0, suppressed: false });
  });

  it('reports one project when asked, for the previous quarter by default', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'funder-report-'));
    const run = await hub.runner.run(funderReportJob, { trigger: 'cli', options: { out, projectId: emptyProjectId } });
    expect(run.error).toBeNull();
    expect(run.counts).toMatchObject({ exported: 1 });
    expect(readdirSync(out)).toEqual(expect.arrayContaining([expect.stringMatching(/^foretagslyftet-asele_\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}\.json$/)]));
    expect(readdirSync(out)).toHaveLength(2);
  });

  it('fails with a clear message on a half-given period or an unknown project', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'funder-report-'));
    expect((await hub.runner.run(funderReportJob, { trigger: 'cli', options: { out, from: '2026-01-01' } })).error).toBe('give both from and to (YYYY-MM-DD), or neither for the previous quarter');
    expect((await hub.runner.run(funderReportJob, { trigger: 'cli', options: { out, projectId: 'ffffffffffffffffffffffff' } })).error).toBe('no project ffffffffffffffffffffffff in the hub');
    expect(readdirSync(out)).toEqual([]);
  });
});
