import type { TFunction } from 'i18next';
import { placeRefusals } from '../../graph';
import type { Texts } from '../../i18n/sv';

/** The inputs the migration pages' forms check themselves before asking the graph. */
export type CheckedInput = keyof Texts['migration']['fieldErrors'];

export interface FormErrors<I extends string> {
  /** Each refused input's message in the person's language, to show beside it. */
  inputs: Partial<Record<I, string>>;
  /** The request failed for a reason no input of the form explains: the form shows the problem with a retry. */
  general: boolean;
}

/**
 * Where the graph's refusal of a form goes: beside the inputs it names, in the person's language, or as the form's
 * problem. The graph names a mutation's arguments with or without `input.` before them.
 */
export function formErrors<I extends string>(error: unknown, inputs: readonly I[], language: string): FormErrors<I> {
  const { errors, unplaced } = placeRefusals(error, (path) => inputs.find((input) => input === path.replace(/^input\./, '')), language);
  return { inputs: errors, general: unplaced };
}

/** What an input the form cannot send as typed must hold, without asking the graph. */
export function inputMessage(input: CheckedInput, t: TFunction): string {
  return t(`migration.fieldErrors.${input}`);
}

/** A whole number typed into a field, or null when what is typed is not one (the graph takes whole numbers only). */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : null;
}
