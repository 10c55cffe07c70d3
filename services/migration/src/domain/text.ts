import { ValidationError } from '@hub/shared/errors';

/** A text that must be there: trimmed, then 1 to `maxLength` characters. */
export function requiredText(value: string, field: string, maxLength: number): string {
  const text = value.trim();
  if (text.length === 0) throw new ValidationError({ en: 'must not be empty', sv: 'får inte vara tomt' }, field);
  if (text.length > maxLength) throw new ValidationError({ en: `must be at most ${maxLength} characters`, sv: `får vara högst ${maxLength} tecken` }, field);
  return text;
}

/** A text that may be left out: blank counts as left out (null), anything else as a required text. */
export function optionalText(value: string | null | undefined, field: string, maxLength: number): string | null {
  if (value === null || value === undefined || value.trim().length === 0) return null;
  return requiredText(value, field, maxLength);
}

/** A text in both of the hub's languages, worded from the same facts: reasons, for people to read. */
export interface LocalisedText {
  sv: string;
  en: string;
}
