import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { meetingFieldErrors, parseMeetingInput } from './meeting-input';

const t = ((key: string) => key) as unknown as TFunction;

describe('parseMeetingInput', () => {
  it('gives the graph’s input with whole numbers and no project or table limit when left empty', () => {
    expect(parseMeetingInput({ name: ' Partnerdag Malå ', slots: '4', tablesPerSlot: '', projectId: '' })).toEqual({
      input: { name: 'Partnerdag Malå', slots: 4, tablesPerSlot: null, projectId: null },
      invalid: [],
    });
    expect(parseMeetingInput({ name: 'Dag', slots: '2', tablesPerSlot: '3', projectId: 'p1' }).input).toEqual({ name: 'Dag', slots: 2, tablesPerSlot: 3, projectId: 'p1' });
  });

  it('names the fields that are not of the right shape and sends nothing', () => {
    expect(parseMeetingInput({ name: '  ', slots: '2.5', tablesPerSlot: 'många', projectId: '' })).toEqual({ input: null, invalid: ['name', 'slots', 'tablesPerSlot'] });
    expect(parseMeetingInput({ name: 'Dag', slots: '', tablesPerSlot: '', projectId: '' })).toEqual({ input: null, invalid: ['slots'] });
  });

  it('leaves ranges to the graph', () => {
    expect(parseMeetingInput({ name: 'Dag', slots: '0', tablesPerSlot: '', projectId: '' }).input?.slots).toBe(0);
  });
});

describe('meetingFieldErrors', () => {
  const refusal = (texts: Record<string, { sv: string; en: string }>) =>
    new CombinedGraphQLErrors({ errors: Object.entries(texts).map(([field, wording]) => ({ message: wording.en, extensions: { code: 'BAD_USER_INPUT', field, texts: wording } })) });

  it('puts the graph’s refusals beside the form’s fields, in the person’s language', () => {
    const error = refusal({ 'input.slots': { sv: 'Antalet pass är 1 till 100', en: 'Slots are 1 to 100' }, 'input.projectId': { sv: 'Okänt projekt p9', en: 'Unknown project p9' } });
    expect(meetingFieldErrors(t, [], error, 'sv')).toEqual({ errors: { slots: 'Antalet pass är 1 till 100', projectId: 'Okänt projekt p9' }, unplaced: false });
    expect(meetingFieldErrors(t, [], error, 'en').errors.slots).toBe('Slots are 1 to 100');
  });

  it('adds the form’s own findings, and leaves a refusal of a field it does not have to the form as a whole', () => {
    expect(meetingFieldErrors(t, ['name'], refusal({ other: { sv: 'x', en: 'x' } }), 'sv')).toEqual({ errors: { name: 'meetings.errors.name' }, unplaced: true });
    expect(meetingFieldErrors(t, [], null, 'sv')).toEqual({ errors: {}, unplaced: false });
  });
});
