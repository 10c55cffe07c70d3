import { anonymisationDue } from './retention';

describe('retention', () => {
  const closedAt = new Date('2026-01-10T12:00:00Z');

  it('is due once the retention days have passed since closing, not before', () => {
    expect(anonymisationDue(closedAt, 30, new Date('2026-02-09T11:59:59Z'))).toBe(false);
    expect(anonymisationDue(closedAt, 30, new Date('2026-02-09T12:00:00Z'))).toBe(true);
    expect(anonymisationDue(closedAt, 0, closedAt)).toBe(true);
  });

  it('refuses a retention period that is not a whole number of days', () => {
    expect(() => anonymisationDue(closedAt, -1, closedAt)).toThrow(expect.objectContaining({ field: 'retentionDays' }));
    expect(() => anonymisationDue(closedAt, 1.5, closedAt)).toThrow(expect.objectContaining({ field: 'retentionDays' }));
  });
});
