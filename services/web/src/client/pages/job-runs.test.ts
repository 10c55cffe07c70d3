import { describe, expect, it } from 'vitest';
import { runFilter, runSeconds } from './job-runs';

describe('runFilter', () => {
  it('asks for every run when nothing is chosen', () => {
    expect(runFilter('', '')).toEqual({});
  });

  it('asks for the chosen job and status', () => {
    expect(runFilter('ORGANISATION_IMPORT', '')).toEqual({ job: 'ORGANISATION_IMPORT' });
    expect(runFilter('', 'FAILED')).toEqual({ status: 'FAILED' });
    expect(runFilter('JOB_ADS', 'SUCCEEDED')).toEqual({ job: 'JOB_ADS', status: 'SUCCEEDED' });
  });
});

describe('runSeconds', () => {
  it('is null while the run goes on', () => {
    expect(runSeconds('2026-12-07T10:00:00.000Z', null)).toBeNull();
  });

  it('counts whole seconds, a quick run as one', () => {
    expect(runSeconds('2026-12-07T10:00:00.000Z', '2026-12-07T10:01:30.400Z')).toBe(90);
    expect(runSeconds('2026-12-07T10:00:00.000Z', '2026-12-07T10:00:00.120Z')).toBe(1);
  });
});
