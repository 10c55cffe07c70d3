import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { sv } from '../../i18n/sv';
import { formErrors, inputMessage, wholeNumber } from './form-errors';

async function translator(language: 'sv' | 'en'): Promise<TFunction> {
  const instance = createInstance();
  await instance.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: language, interpolation: { escapeValue: false } });
  return instance.t;
}

function refusal(code: string, field?: string): CombinedGraphQLErrors {
  return new CombinedGraphQLErrors({ data: null, errors: [{ message: 'must not be empty', extensions: { code, ...(field && { field }) } }] });
}

describe('formErrors', () => {
  it('puts the graph’s refusal beside the input it names, in Swedish rather than the graph’s English', async () => {
    const t = await translator('sv');
    expect(formErrors(refusal('BAD_USER_INPUT', 'text'), ['text'], t)).toEqual({ inputs: { text: 'Skriv en anteckning, högst 2000 tecken.' }, general: false });
  });

  it('finds the input whether the graph names it with input. before it or not', async () => {
    const t = await translator('en');
    expect(formErrors(refusal('BAD_USER_INPUT', 'input.textVersion'), ['purpose', 'channel', 'textVersion'], t).inputs).toEqual({
      textVersion: 'A text version is 1 to 40 letters, digits, dots, hyphens or underscores.',
    });
  });

  it('tells a conflict from an invalid value where the input has both', async () => {
    const t = await translator('sv');
    expect(formErrors(refusal('CONFLICT', 'movedInOn'), ['movedInOn'], t).inputs.movedInOn).toBe('Inflyttningen är redan registrerad, eller ärendet är stängt.');
    expect(formErrors(refusal('BAD_USER_INPUT', 'movedInOn'), ['movedInOn'], t).inputs.movedInOn).toBe('Ange ett datum som inte ligger i framtiden.');
  });

  it('leaves a refusal naming no input of the form, or none at all, to the form’s problem', async () => {
    const t = await translator('sv');
    expect(formErrors(refusal('BAD_USER_INPUT', 'caseId'), ['text'], t)).toEqual({ inputs: {}, general: true });
    expect(formErrors(refusal('CONFLICT'), ['text'], t)).toEqual({ inputs: {}, general: true });
    expect(formErrors(new TypeError('Failed to fetch'), ['text'], t)).toEqual({ inputs: {}, general: true });
  });

  it('has nothing to say before anything failed', async () => {
    expect(formErrors(undefined, ['text'], await translator('sv'))).toEqual({ inputs: {}, general: false });
  });

  it('gives an input’s message without asking the graph, for what cannot be sent at all', async () => {
    expect(inputMessage('purpose', 'BAD_USER_INPUT', await translator('sv'))).toBe('Välj ett ändamål.');
    // an input without a conflict text of its own says what a valid value is
    expect(inputMessage('households', 'CONFLICT', await translator('en'))).toBe('A whole number from 0 to 100,000.');
  });
});

describe('wholeNumber', () => {
  it.each([
    ['12', 12],
    [' 0 ', 0],
    ['-1', -1],
  ])('reads %j as %d (the graph judges the range)', (text, value) => {
    expect(wholeNumber(text)).toBe(value);
  });

  it.each(['', '1.5', '1e3', 'tolv', '12 st'])('does not read %j as a whole number', (text) => {
    expect(wholeNumber(text)).toBeNull();
  });
});
