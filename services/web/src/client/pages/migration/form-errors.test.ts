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
  const texts = { sv: 'Skriv en anteckning, högst 2000 tecken', en: 'Write a note of at most 2000 characters' };
  return new CombinedGraphQLErrors({ data: null, errors: [{ message: texts.en, extensions: { code, ...(field && { field }), texts } }] });
}

describe('formErrors', () => {
  it('puts the graph’s refusal beside the input it names, in the person’s language', () => {
    expect(formErrors(refusal('BAD_USER_INPUT', 'text'), ['text'], 'sv')).toEqual({ inputs: { text: 'Skriv en anteckning, högst 2000 tecken' }, general: false });
    expect(formErrors(refusal('BAD_USER_INPUT', 'text'), ['text'], 'en').inputs.text).toBe('Write a note of at most 2000 characters');
  });

  it('finds the input whether the graph names it with input. before it or not', () => {
    expect(Object.keys(formErrors(refusal('BAD_USER_INPUT', 'input.textVersion'), ['purpose', 'channel', 'textVersion'], 'sv').inputs)).toEqual(['textVersion']);
  });

  it('leaves a refusal naming no input of the form, or none at all, to the form’s problem', () => {
    expect(formErrors(refusal('BAD_USER_INPUT', 'caseId'), ['text'], 'sv')).toEqual({ inputs: {}, general: true });
    expect(formErrors(refusal('CONFLICT'), ['text'], 'sv')).toEqual({ inputs: {}, general: true });
    expect(formErrors(new TypeError('Failed to fetch'), ['text'], 'sv')).toEqual({ inputs: {}, general: true });
  });

  it('has nothing to say before anything failed', () => {
    expect(formErrors(undefined, ['text'], 'sv')).toEqual({ inputs: {}, general: false });
  });

  it('gives an input’s message without asking the graph, for what cannot be sent at all', async () => {
    expect(inputMessage('purpose', await translator('sv'))).toBe('Välj ett ändamål.');
    expect(inputMessage('households', await translator('en'))).toBe('A whole number from 0 to 100,000.');
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
