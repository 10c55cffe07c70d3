import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../i18n';
import { en } from '../../i18n/en';
import { sv } from '../../i18n/sv';
import { funnelFieldErrors, needsFieldErrors, referralFieldErrors } from './field-errors';

async function tFor(language: Language): Promise<TFunction> {
  const instance = createInstance();
  await instance.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: language, fallbackLng: 'sv', interpolation: { escapeValue: false } });
  return instance.t;
}

const problem = (code: string, ...fields: string[]) => ({ code, fields: Object.fromEntries(fields.map((field) => [field, 'the graph explains in English'])) });

describe('needsFieldErrors', () => {
  it("puts a need's error beside that row's field, in Swedish", async () => {
    const t = await tFor('sv');
    expect(needsFieldErrors(problem('BAD_USER_INPUT', 'input.needs.2.priority'), t)).toEqual({ 'needs.2.priority': 'Prioriteten är 1 (mest angeläget), 2 eller 3.' });
    expect(needsFieldErrors(problem('BAD_USER_INPUT', 'input.needs.0.need', 'input.needs.1.note'), t)).toEqual({
      'needs.0.need': 'Behovet finns redan i analysen; välj ett annat.',
      'needs.1.note': 'Anteckningen får vara högst 1000 tecken.',
    });
  });

  it("puts a tag's error beside its list, naming the tag by its place, and a too long list beside the list", async () => {
    const t = await tFor('sv');
    expect(needsFieldErrors(problem('BAD_USER_INPUT', 'input.offers.2'), t)).toEqual({ offers: 'Nyckelord 3 är för långt: högst 60 tecken.' });
    expect(needsFieldErrors(problem('BAD_USER_INPUT', 'input.seeks'), t)).toEqual({ seeks: 'Högst 20 nyckelord.' });
    expect(needsFieldErrors(problem('BAD_USER_INPUT', 'input.ownerGroups.0'), t)).toEqual({ ownerGroups: 'Ägarens grupper är kvinnor, unga eller utrikes födda.' });
  });

  it('speaks English in English', async () => {
    expect(needsFieldErrors(problem('BAD_USER_INPUT', 'input.offers.0'), await tFor('en'))).toEqual({ offers: 'Keyword 1 is too long: at most 60 characters.' });
  });

  it('leaves out fields the form does not have, so the form shows the problem as a whole', async () => {
    expect(needsFieldErrors(problem('BAD_USER_INPUT', 'companyId'), await tFor('sv'))).toEqual({});
    expect(needsFieldErrors(problem('NETWORK'), await tFor('sv'))).toEqual({});
  });
});

describe('referralFieldErrors', () => {
  it('tells an open referral to the provider from a provider that cannot be chosen', async () => {
    const t = await tFor('sv');
    expect(referralFieldErrors(problem('CONFLICT', 'input.toOrganisationId'), t)).toEqual({ provider: 'Företaget har redan en öppen remiss till den här aktören.' });
    expect(referralFieldErrors(problem('BAD_USER_INPUT', 'input.toOrganisationId'), t)).toEqual({ provider: 'Välj en stödaktör, finansiär, akademi, nätverk eller region.' });
    expect(referralFieldErrors(problem('BAD_USER_INPUT', 'input.note'), t)).toEqual({ note: 'Skriv vem företaget är och vad det behöver, högst 2000 tecken.' });
  });
});

describe('funnelFieldErrors', () => {
  it('explains a step back without a correction, a correction with nothing to correct, and the project', async () => {
    const t = await tFor('sv');
    expect(funnelFieldErrors(problem('BAD_USER_INPUT', 'stage'), t)).toEqual({ stage: 'Ett företag går inte bakåt i tratten; markera ändringen som rättelse om steget blev fel.' });
    expect(funnelFieldErrors(problem('BAD_USER_INPUT', 'correction'), t)).toEqual({ correction: 'Företaget har inget steg i projektet att rätta.' });
    expect(funnelFieldErrors(problem('BAD_USER_INPUT', 'projectId'), t)).toEqual({ project: 'Välj ett projekt som kontoret arbetar i.' });
  });
});
