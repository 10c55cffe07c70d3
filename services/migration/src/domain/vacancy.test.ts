import { ValidationError } from '@hub/shared/errors';
import { validateVacancy, type VacancyInput } from './vacancy';

const input: VacancyInput = {
  title: ' Grundskollärare 1-6 ',
  occupationCode: '2341',
  municipalityCode: '2481',
  startDate: '2027-02-01',
  workMode: 'on-site',
  housingHelp: true,
  positions: 2,
  externalId: ' 29480213 ',
  description: ' Vi söker en lärare. ',
  applicationDeadline: '2026-12-15',
};

function fieldOfError(change: Partial<VacancyInput>): string | undefined {
  try {
    validateVacancy({ ...input, ...change });
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  return undefined;
}

describe('vacancy details', () => {
  it('trims texts and keeps the rest', () => {
    expect(validateVacancy(input)).toEqual({ ...input, title: 'Grundskollärare 1-6', externalId: '29480213', description: 'Vi söker en lärare.' });
  });

  it('defaults the optional parts', () => {
    const details = validateVacancy({ title: 'Elektriker', occupationCode: '7411', municipalityCode: '2506', workMode: 'hybrid', housingHelp: false });
    expect(details).toEqual({
      title: 'Elektriker',
      occupationCode: '7411',
      municipalityCode: '2506',
      startDate: null,
      workMode: 'hybrid',
      housingHelp: false,
      positions: 1,
      externalId: null,
      description: null,
      applicationDeadline: null,
    });
  });

  it('refuses what is not a vacancy in the region', () => {
    expect(fieldOfError({ title: ' ' })).toBe('input.title');
    expect(fieldOfError({ title: 'x'.repeat(201) })).toBe('input.title');
    expect(fieldOfError({ occupationCode: '234' })).toBe('input.occupationCode');
    expect(fieldOfError({ municipalityCode: '2480' })).toBe('input.municipalityCode');
    expect(fieldOfError({ workMode: 'flexible' as never })).toBe('input.workMode');
  });

  it('accepts real calendar dates only', () => {
    expect(fieldOfError({ startDate: '2027-02-29' })).toBe('input.startDate');
    expect(fieldOfError({ applicationDeadline: '15/12/2026' })).toBe('input.applicationDeadline');
    expect(fieldOfError({ startDate: '2028-02-29' })).toBeUndefined();
  });

  it('bounds positions, external id and description', () => {
    expect(fieldOfError({ positions: 0 })).toBe('input.positions');
    expect(fieldOfError({ positions: 501 })).toBe('input.positions');
    expect(fieldOfError({ positions: 1.5 })).toBe('input.positions');
    expect(fieldOfError({ positions: 500 })).toBeUndefined();
    expect(fieldOfError({ externalId: 'x'.repeat(101) })).toBe('input.externalId');
    expect(fieldOfError({ description: 'x'.repeat(20_001) })).toBe('input.description');
    expect(fieldOfError({ description: 'x'.repeat(20_000) })).toBeUndefined();
  });
});
