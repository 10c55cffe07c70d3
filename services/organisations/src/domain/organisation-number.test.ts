import { ValidationError } from '@hub/shared/errors';
import { luhnCheckDigit, normaliseOrganisationNumber, vatNumber } from './organisation-number';

describe('organisation number', () => {
  it.each(['202100-2114', '212000-0142', '556036-0793', '202100-5489', '202100-3054'])('accepts the public number %s', (number) => {
    expect(normaliseOrganisationNumber(number)).toBe(number);
  });

  it('normalises the compact and the twelve-digit forms', () => {
    expect(normaliseOrganisationNumber('5560360793')).toBe('556036-0793');
    expect(normaliseOrganisationNumber('16556036-0793')).toBe('556036-0793');
  });

  it.each([
    ['556036-0794', 'wrong check digit'],
    ['556036-0703', 'wrong check digit'],
    ['550036-0793', 'third digit'],
    ['551036-0793', 'third digit'],
    ['19800101-1234', 'ten digits'],
    ['55603-60793x', 'ten digits'],
    ['', 'ten digits'],
  ])('rejects %s (%s)', (number, reason) => {
    expect(() => normaliseOrganisationNumber(number)).toThrow(ValidationError);
    expect(() => normaliseOrganisationNumber(number)).toThrow(new RegExp(reason));
  });

  it('names the field at fault', () => {
    try {
      normaliseOrganisationNumber('556036-0794', 'input.organisationNumber');
      throw new Error('expected a validation error');
    } catch (error) {
      expect((error as ValidationError).field).toBe('input.organisationNumber');
    }
  });

  it('computes the Luhn digit with weights 2,1,2,…', () => {
    expect(luhnCheckDigit('556036079')).toBe(3);
    expect(luhnCheckDigit('202100211')).toBe(4);
  });

  it('derives the VAT number', () => {
    expect(vatNumber('556036-0793')).toBe('SE556036079301');
  });
});
