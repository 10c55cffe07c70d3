import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { placeRefusals } from '../../graph';
import { funnelField, needsField, referralField } from './field-errors';

/** The graph's refusal naming these paths, each worded in both languages as the services send it. */
const refusal = (code: string, ...paths: string[]) =>
  new CombinedGraphQLErrors({ errors: paths.map((field) => ({ message: `${field} refused`, extensions: { code, field, texts: { sv: `Fältet ${field} godtas inte`, en: `Field ${field} refused` } } })) });

describe('needsField', () => {
  it("puts a need's refusal beside that row's field, in the person's language", () => {
    expect(placeRefusals(refusal('BAD_USER_INPUT', 'input.needs.2.priority', 'input.needs.0.need'), needsField, 'sv')).toEqual({
      errors: { 'needs.2.priority': 'Fältet input.needs.2.priority godtas inte', 'needs.0.need': 'Fältet input.needs.0.need godtas inte' },
      unplaced: false,
    });
    expect(placeRefusals(refusal('BAD_USER_INPUT', 'input.needs.1.note'), needsField, 'en').errors).toEqual({ 'needs.1.note': 'Field input.needs.1.note refused' });
  });

  it("puts a tag's refusal and a too long list beside the list", () => {
    expect(needsField('input.offers.2')).toBe('offers');
    expect(needsField('input.seeks')).toBe('seeks');
    expect(needsField('input.ownerGroups.0')).toBe('ownerGroups');
  });

  it('leaves a path the form does not have to the form as a whole', () => {
    expect(needsField('companyId')).toBeUndefined();
    expect(placeRefusals(refusal('BAD_USER_INPUT', 'companyId'), needsField, 'sv')).toEqual({ errors: {}, unplaced: true });
  });
});

describe('referralField', () => {
  it('places the provider and the note', () => {
    expect(referralField('input.toOrganisationId')).toBe('provider');
    expect(referralField('input.note')).toBe('note');
    expect(referralField('input.companyId')).toBeUndefined();
  });
});

describe('funnelField', () => {
  it('places the stage, the correction and the project', () => {
    expect(funnelField('stage')).toBe('stage');
    expect(funnelField('correction')).toBe('correction');
    expect(funnelField('projectId')).toBe('project');
    expect(funnelField('companyId')).toBeUndefined();
  });
});
