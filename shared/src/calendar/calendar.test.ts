import { swedishDate } from './index';

describe('swedishDate', () => {
  it("is the date in Sweden, a day ahead of UTC's in the last hour or two before midnight UTC", () => {
    // winter: UTC+1
    expect(swedishDate(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(swedishDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    // summer: UTC+2
    expect(swedishDate(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(swedishDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });
});
