import { addMonths, assertCalendarDate, isCalendarDate, isYearMonth, swedishDateText, swedishMonthText } from './dates';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-04-31')).toBe(false);
    expect(isCalendarDate('2027-13-01')).toBe(false);
    expect(isCalendarDate('2027-1-01')).toBe(false);
    expect(isCalendarDate('2027-01-01T00:00')).toBe(false);
  });

  it('accepts months 01 to 12', () => {
    expect(isYearMonth('2027-01')).toBe(true);
    expect(isYearMonth('2027-12')).toBe(true);
    expect(isYearMonth('2027-13')).toBe(false);
    expect(isYearMonth('2027-00')).toBe(false);
    expect(isYearMonth('2027-1')).toBe(false);
  });

  it('names the field of a bad date', () => {
    expect(() => assertCalendarDate('2027-02-30', 'input.startDate')).toThrow(expect.objectContaining({ field: 'input.startDate', code: 'BAD_USER_INPUT' }));
  });

  it('adds calendar months, keeping the day or falling back to the month end', () => {
    expect(addMonths('2026-03-15', 6)).toBe('2026-09-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 12)).toBe('2027-11-30');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
  });

  it('words dates and months as Swedish text does: day without a leading zero, month in lower case', () => {
    expect(swedishDateText('2026-12-01')).toBe('1 december 2026');
    expect(swedishDateText('2027-03-15')).toBe('15 mars 2027');
    expect(swedishMonthText('2027-01')).toBe('januari 2027');
    expect(swedishMonthText('2027-05')).toBe('maj 2027');
  });
});
