/**
 * Swedish organisation numbers as job ads carry them (`2321000222`, `232100-0222` or the twelve-digit `16…`
 * form), written the hub's way, NNNNNN-NNNN. A number whose third digit is below 2 is a personal identity number
 * (a sole trader's): personal data, never used as an employer's identity nor repeated in a run record.
 */
export type OrganisationNumberReading =
  | { kind: 'organisation'; number: string }
  | { kind: 'personal-identity-number' }
  | { kind: 'invalid' };

export function readOrganisationNumber(input: string): OrganisationNumberReading {
  const compact = input.trim().replace(/[-\s]/g, '');
  const digits = compact.length === 12 && compact.startsWith('16') ? compact.slice(2) : compact;
  if (!/^\d{10}$/.test(digits)) return { kind: 'invalid' };
  if (Number(digits[2]) < 2) return { kind: 'personal-identity-number' };
  if (luhnCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) return { kind: 'invalid' };
  return { kind: 'organisation', number: `${digits.slice(0, 6)}-${digits.slice(6)}` };
}

/** Weights 2,1,2,1,…; products over 9 lose 9; check = (10 − sum mod 10) mod 10. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    const product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}
