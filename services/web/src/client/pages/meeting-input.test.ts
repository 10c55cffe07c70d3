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
  it('puts the graph’s errors beside the form’s fields, in the person’s language', () => {
    const problem = { code: 'BAD_USER_INPUT', fields: { 'input.slots': 'Slots are 1 to 100', 'input.projectId': 'Unknown project p9' } };
    expect(meetingFieldErrors(t, [], problem)).toEqual({ slots: 'meetings.errors.slots', projectId: 'meetings.errors.projectId' });
  });

  it('adds the form’s own findings and ignores fields it does not have', () => {
    expect(meetingFieldErrors(t, ['name'], { code: 'BAD_USER_INPUT', fields: { other: 'x' } })).toEqual({ name: 'meetings.errors.name' });
    expect(meetingFieldErrors(t, [], null)).toEqual({});
  });
});
