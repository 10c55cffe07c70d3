import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDuration, formatNumber, formatPercent, sortSwedish } from './index';

const NBSP = '\u00a0';

describe('sortSwedish', () => {
  const names = ['Åsele', 'Arjeplog', 'Örnsköldsvik', 'Zeta', 'Ängel'];

  it('puts Å, Ä and Ö after Z, in that order', () => {
    expect(sortSwedish(names, (name) => name)).toEqual(['Arjeplog', 'Zeta', 'Åsele', 'Ängel', 'Örnsköldsvik']);
  });

  it('sorts the Swedish way whatever the page language (English order would differ)', () => {
    // English rules fold å/ä/ö into a/o; the catalogue must not follow them when the page is in English
    const english = [...names].sort(new Intl.Collator('en-GB').compare);
    expect(english).not.toEqual(['Arjeplog', 'Zeta', 'Åsele', 'Ängel', 'Örnsköldsvik']);
    expect(sortSwedish(names, (name) => name)).toEqual(['Arjeplog', 'Zeta', 'Åsele', 'Ängel', 'Örnsköldsvik']);
  });

  it('sorts lower-case letters the same way, by the key given', () => {
    const items = [{ label: 'örn' }, { label: 'ål' }, { label: 'zebra' }, { label: 'äpple' }, { label: 'apa' }];
    expect(sortSwedish(items, (item) => item.label).map((item) => item.label)).toEqual(['apa', 'zebra', 'ål', 'äpple', 'örn']);
  });

  it('leaves the list it was given alone', () => {
    const original = [...names];
    const sorted = sortSwedish(names, (name) => name);
    expect(names).toEqual(original);
    expect(sorted).not.toBe(names);
  });
});

describe('formatDate', () => {
  it('writes a date in Swedish', () => {
    expect(formatDate('2027-01-15', 'sv')).toBe('15 januari 2027');
  });

  it('writes a date in English', () => {
    expect(formatDate('2027-01-15', 'en')).toBe('15 January 2027');
  });

  it('keeps the calendar day at the edges of the year, whatever the time zone', () => {
    expect(formatDate('2026-12-31', 'sv')).toBe('31 december 2026');
    expect(formatDate('2027-01-01', 'en')).toBe('1 January 2027');
  });
});

describe('formatDateTime', () => {
  it('shows the moment in Swedish time', () => {
    // 09:30 UTC is 10:30 in Stockholm in winter, 11:30 in summer
    expect(formatDateTime('2027-01-15T09:30:00Z', 'sv')).toContain('10:30');
    expect(formatDateTime('2027-07-15T09:30:00Z', 'en')).toContain('11:30');
    expect(formatDateTime('2027-01-15T09:30:00Z', 'sv')).toContain('2027');
  });
});

describe('formatNumber', () => {
  it('groups thousands with a non-breaking space and uses a decimal comma in Swedish', () => {
    expect(formatNumber(1234567.5, 'sv')).toBe(`1${NBSP}234${NBSP}567,5`);
    expect(formatNumber(1234, 'sv')).toBe(`1${NBSP}234`);
  });

  it('groups thousands with a comma in English', () => {
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
  });

  it('leaves small numbers ungrouped', () => {
    expect(formatNumber(999, 'sv')).toBe('999');
    expect(formatNumber(0, 'en')).toBe('0');
  });
});

describe('formatDuration', () => {
  it('says minutes under an hour, never none', () => {
    expect(formatDuration(0.25, 'sv')).toBe('15 minuter');
    expect(formatDuration(0.001, 'sv')).toBe('1 minut');
    expect(formatDuration(0.5, 'en')).toBe('30 minutes');
  });

  it('says whole hours under two days and days after that', () => {
    expect(formatDuration(30.4, 'sv')).toBe('30 timmar');
    expect(formatDuration(1, 'en')).toBe('1 hour');
    expect(formatDuration(72, 'sv')).toBe('3 dygn');
    expect(formatDuration(50, 'en')).toBe('2 days');
  });
});

describe('formatPercent', () => {
  it('rounds a share to a whole percentage, with a non-breaking space before the sign in Swedish only', () => {
    expect(formatPercent(0.756, 'sv')).toBe(`76${NBSP}%`);
    expect(formatPercent(0.756, 'en')).toBe('76%');
  });
});
