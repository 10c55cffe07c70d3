import { nextRunAt, parseJobSchedules } from './schedules';

describe('parseJobSchedules', () => {
  it('reads one cron expression per job', () => {
    expect(parseJobSchedules('job-ads=*/15 * * * *; funding-calls=0 6 * * *;funder-report=0 5 1 * *')).toEqual([
      { job: 'job-ads', cron: '*/15 * * * *' },
      { job: 'funding-calls', cron: '0 6 * * *' },
      { job: 'funder-report', cron: '0 5 1 * *' },
    ]);
  });

  it('reads nothing as no schedules', () => {
    expect(parseJobSchedules('')).toEqual([]);
    expect(parseJobSchedules(' ; ')).toEqual([]);
  });

  it.each([
    ['job-adz=* * * * *', /unknown job "job-adz"/],
    ['job-ads=* * * * *;job-ads=0 6 * * *', /job "job-ads" is scheduled twice/],
    ['job-ads=every day', /"every day" is not a cron expression for job-ads/],
    ['job-ads', /"" is not a cron expression for job-ads/],
  ])('refuses %s', (text, message) => {
    expect(() => parseJobSchedules(text)).toThrow(message);
  });
});

describe('nextRunAt', () => {
  it('reads the expression in Swedish time, summer and winter', () => {
    expect(nextRunAt('0 6 * * *', new Date('2026-01-15T12:00:00Z'))?.toISOString()).toBe('2026-01-16T05:00:00.000Z');
    expect(nextRunAt('0 6 * * *', new Date('2026-07-15T12:00:00Z'))?.toISOString()).toBe('2026-07-16T04:00:00.000Z');
  });
});
