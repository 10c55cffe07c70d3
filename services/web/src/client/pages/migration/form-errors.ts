import type { TFunction } from 'i18next';
import { graphProblem } from '../../graph';
import type { Texts } from '../../i18n/sv';

/** The inputs of the migration pages' forms that the graph names when it refuses a value. */
export type FormInput = keyof Texts['migration']['fieldErrors'];

export interface FormErrors {
  /** Each refused input's message in the person's language, to show beside it. */
  inputs: Partial<Record<FormInput, string>>;
  /** The request failed for a reason no input of the form explains: the form shows the problem with a retry. */
  general: boolean;
}

/**
 * Where the graph's refusal of a form goes: beside the inputs it names, in the person's language, or as the form's
 * problem. The graph names a mutation's arguments with or without `input.` before them.
 */
export function formErrors(error: unknown, inputs: readonly FormInput[], t: TFunction): FormErrors {
  if (!error) return { inputs: {}, general: false };
  const { code, fields } = graphProblem(error);
  const named = Object.keys(fields);
  const placed: Partial<Record<FormInput, string>> = {};
  let general = named.length === 0;
  for (const field of named) {
    const input = inputs.find((candidate) => candidate === field.replace(/^input\./, ''));
    if (input) placed[input] = inputMessage(input, code, t);
    else general = true;
  }
  return { inputs: placed, general };
}

/** The message for an input the person filled in so the graph cannot take it, without asking the graph. */
export function inputMessage(input: FormInput, code: string, t: TFunction): string {
  const messages = t(`migration.fieldErrors.${input}`, { returnObjects: true }) as Record<string, string>;
  return messages[code] ?? messages.BAD_USER_INPUT ?? t('errors.BAD_USER_INPUT');
}

/** A whole number typed into a field, or null when what is typed is not one (the graph takes whole numbers only). */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : null;
}
