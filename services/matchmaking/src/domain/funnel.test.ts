import type { HubClaims } from '@hub/shared/auth';
import { ForbiddenError, ValidationError } from '@hub/shared/errors';
import { funnelCounts, setStage, type FunnelEntry, type FunnelStage, type FunnelSubject } from './funnel';

const staff: HubClaims = { sub: 'user-staff', roles: ['municipal-staff'], organisationId: 'org-office-malaa', municipalityCode: '2418' };
const subject: FunnelSubject = { companyId: 'org-company-1', projectId: 'project-nba', municipalityCode: '2418' };
const at = (day: number): Date => new Date(Date.UTC(2025, 0, day, 9));

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/** An entry moved through the stages on days 1, 2, 3…; a stage written `!x` is a correction to x. */
function entry(steps: string[], base: FunnelSubject = subject): FunnelEntry {
  let current: FunnelEntry | FunnelSubject = base;
  steps.forEach((step, i) => {
    const correction = step.startsWith('!');
    current = setStage(current, step.replace('!', '') as FunnelStage, staff, true, at(i + 1), { correction }).entry;
  });
  return current as FunnelEntry;
}

describe('setStage', () => {
  it('enters a company into the funnel with its first stage', () => {
    expect(setStage(subject, 'contact', staff, true, at(1))).toEqual({
      entry: { ...subject, stage: 'contact', history: [{ stage: 'contact', at: at(1).toISOString(), by: 'user-staff' }] },
      changed: true,
    });
  });

  it('moves forward one stage or skipping one, and records each change', () => {
    const moved = entry(['contact', 'engaged', 'deep-dive']);
    expect(moved.stage).toBe('deep-dive');
    expect(moved.history.map((h) => [h.stage, h.at])).toEqual([
      ['contact', at(1).toISOString()],
      ['engaged', at(2).toISOString()],
      ['deep-dive', at(3).toISOString()],
    ]);
    expect(entry(['contact', 'deep-dive']).stage).toBe('deep-dive');
    expect(entry(['deep-dive']).history).toHaveLength(1);
  });

  it('treats setting the current stage as no change', () => {
    const current = entry(['contact', 'engaged']);
    const result = setStage(current, 'engaged', staff, true, at(9));
    expect(result.changed).toBe(false);
    expect(result.entry).toBe(current);
  });

  it('refuses a backward move unless it is a correction', () => {
    const current = entry(['contact', 'deep-dive']);
    const error = thrown(() => setStage(current, 'engaged', staff, true, at(9)));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/has reached deep-dive.*correction/);
    expect((error as ValidationError).field).toBe('stage');

    const corrected = setStage(current, 'engaged', staff, true, at(9), { correction: true });
    expect(corrected.changed).toBe(true);
    expect(corrected.entry.stage).toBe('engaged');
    expect(corrected.entry.history.at(-1)).toEqual({ stage: 'engaged', at: at(9).toISOString(), by: 'user-staff', correction: true });
    expect(corrected.entry.history).toHaveLength(3);
  });

  it('refuses a correction for a company not yet in the funnel', () => {
    const error = thrown(() => setStage(subject, 'engaged', staff, true, at(1), { correction: true }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('correction');
  });

  it('refuses a user who does not work in the project', () => {
    expect(() => setStage(subject, 'contact', staff, false, at(1))).toThrow(ForbiddenError);
    expect(() => setStage(entry(['contact']), 'engaged', staff, false, at(2))).toThrow(ForbiddenError);
  });

  it('refuses an unknown stage', () => {
    const error = thrown(() => setStage(subject, 'signed' as FunnelStage, staff, true, at(1)));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('Unknown stage signed');
  });

  it('leaves the entry it was given as it was', () => {
    const current = entry(['contact']);
    setStage(current, 'engaged', staff, true, at(2));
    expect(current.stage).toBe('contact');
    expect(current.history).toHaveLength(1);
  });
});

describe('funnelCounts', () => {
  const nba = (companyId: string, municipalityCode: string): FunnelSubject => ({ companyId, projectId: 'project-nba', municipalityCode });
  const akademi = (companyId: string, municipalityCode: string): FunnelSubject => ({ companyId, projectId: 'project-akademi', municipalityCode });
  // days 1, 2, 3… of January 2025, one step a day
  const entries = [
    entry(['contact', 'engaged', 'deep-dive'], nba('c1', '2505')),
    entry(['contact', 'engaged'], nba('c2', '2505')),
    entry(['contact'], nba('c3', '2506')),
    entry(['deep-dive'], nba('c4', '2506')),
    // engaged by mistake on day 2, corrected on day 3: it reached contact only
    entry(['contact', 'engaged', '!contact'], nba('c5', '2506')),
    entry(['contact', 'engaged'], akademi('c1', '2505')),
  ];
  const counts = (contact: number, engaged: number, deepDive: number): Record<FunnelStage, number> => ({ contact, engaged, 'deep-dive': deepDive });

  it('counts every stage a company reached, cumulatively, and where each stands now', () => {
    const report = funnelCounts(entries.slice(0, 5));
    expect(report.total).toEqual({ reached: counts(5, 3, 2), current: counts(2, 1, 2) });
  });

  it('gives a row per project and municipality, and counts a company in two projects once in the total', () => {
    const report = funnelCounts(entries);
    expect(report.rows).toEqual([
      { projectId: 'project-akademi', municipalityCode: '2505', reached: counts(1, 1, 0), current: counts(0, 1, 0) },
      { projectId: 'project-nba', municipalityCode: '2505', reached: counts(2, 2, 1), current: counts(0, 1, 1) },
      { projectId: 'project-nba', municipalityCode: '2506', reached: counts(3, 1, 1), current: counts(2, 0, 1) },
    ]);
    // c1 is at deep-dive in one project and engaged in the other: counted once, at deep-dive
    expect(report.total).toEqual({ reached: counts(5, 3, 2), current: counts(2, 1, 2) });
  });

  it('filters by project and municipality', () => {
    expect(funnelCounts(entries, { projectId: 'project-akademi' }).rows).toHaveLength(1);
    const report = funnelCounts(entries, { projectId: 'project-nba', municipalityCode: '2505' });
    expect(report.rows.map((r) => [r.projectId, r.municipalityCode])).toEqual([['project-nba', '2505']]);
    expect(report.total.reached).toEqual(counts(2, 2, 1));
  });

  it('counts what was reached in the period, and the stage at its end', () => {
    // day 2 only: c1 and c2 became engaged, c5's engagement was a mistake corrected to contact (kept at day 2)
    const report = funnelCounts(entries.slice(0, 5), { from: at(2).toISOString(), to: at(3).toISOString() });
    expect(report.total.reached).toEqual(counts(3, 2, 0));
    // at the end of day 2: c1, c2 engaged; c3, c5 in contact; c4 in deep-dive
    expect(report.total.current).toEqual(counts(2, 2, 1));
  });

  it('counts the stage at the end of a period that ended before later steps', () => {
    const report = funnelCounts(entries.slice(0, 2), { to: at(2).toISOString() });
    expect(report.total).toEqual({ reached: counts(2, 0, 0), current: counts(2, 0, 0) });
  });

  it('shows a place with entries but nothing in the period as zeros', () => {
    const report = funnelCounts([entries[2]!], { from: at(5).toISOString() });
    expect(report.rows).toEqual([{ projectId: 'project-nba', municipalityCode: '2506', reached: counts(0, 0, 0), current: counts(1, 0, 0) }]);
  });

  it('leaves a company out of the current counts before it entered the funnel', () => {
    const report = funnelCounts([entries[0]!], { from: at(0).toISOString(), to: at(1).toISOString() });
    expect(report.total).toEqual({ reached: counts(0, 0, 0), current: counts(0, 0, 0) });
  });

  it('refuses a period that is not one', () => {
    const notTime = thrown(() => funnelCounts(entries, { from: 'spring' }));
    expect(notTime).toBeInstanceOf(ValidationError);
    expect((notTime as ValidationError).field).toBe('filter.from');
    const reversed = thrown(() => funnelCounts(entries, { from: at(3).toISOString(), to: at(2).toISOString() }));
    expect((reversed as ValidationError).field).toBe('filter.to');
  });
});
