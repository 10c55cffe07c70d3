import { ValidationError } from '@hub/shared/errors';

/**
 * A Swedish organisation number: ten digits, written NNNNNN-NNNN, whose third digit is 2 or more (a lower one
 * would be a personal identity number, which the hub does not take as an organisation's identity) and whose last
 * digit is the Luhn check digit over the first nine. The twelve-digit form with the `16` prefix is accepted.
 */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return (10 - (sum % 10)) % 10;
}

export function normaliseOrganisationNumber(input: string, field = 'organisationNumber'): string {
  const compact = input.trim().replace(/[-\s]/g, '');
  const digits = compact.length === 12 && compact.startsWith('16') ? compact.slice(2) : compact;
  if (!/^\d{10}$/.test(digits)) {
    throw new ValidationError({ en: 'An organisation number has ten digits, written NNNNNN-NNNN', sv: 'Ett organisationsnummer har tio siffror och skrivs NNNNNN-NNNN' }, field);
  }
  if (Number(digits[2]) < 2) {
    throw new ValidationError({ en: 'An organisation number has 2 or more as its third digit', sv: 'Ett organisationsnummer har 2 eller högre som tredje siffra' }, field);
  }
  if (luhnCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) {
    throw new ValidationError({ en: 'The organisation number has a wrong check digit', sv: 'Organisationsnumret har fel kontrollsiffra' }, field);
  }
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** The VAT number follows from the organisation number: SE + the ten digits + 01. */
export function vatNumber(organisationNumber: string): string {
  return `SE${organisationNumber.replace('-', '')}01`;
}
