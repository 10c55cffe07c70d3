import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { OfferingStatus } from '../graphql/graphql';
import type { Language } from '../i18n';
import { en } from '../i18n/en';
import { sv } from '../i18n/sv';
import {
  actionsFor,
  draftInput,
  EMPTY_OFFERING_FORM,
  EMPTY_OUTCOME_FORM,
  EMPTY_SESSION_FORM,
  fieldErrors,
  formFromOffering,
  localErrors,
  offeringFieldErrors,
  offeringInput,
  OUTCOME_PATHS,
  outcomeInput,
  SESSION_PATHS,
  sessionInput,
  stockholmTimeToUtc,
  type OfferingForm,
  type OfferingValues,
} from './offering-form';

async function tFor(language: Language): Promise<TFunction> {
  const instance = createInstance();
  await instance.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: language, fallbackLng: 'sv', interpolation: { escapeValue: false } });
  return instance.t;
}

const STEGET_VIDARE: OfferingValues = {
  title: { sv: 'Steget vidare Malå', en: 'The next step, Malå' },
  description: { sv: 'Utvecklingsprogram för företag i Malå.', en: null },
  kind: 'DEVELOPMENT_PROGRAMME',
  format: 'HYBRID',
  needs: ['BUSINESS_PLANNING', 'BUDGETING'],
  targetGroups: ['ESTABLISHED_COMPANIES'],
  municipalitiesServed: [{ code: '2418' }],
  startDate: '2027-09-01',
  endDate: '2027-11-30',
  applicationDeadline: '2027-08-21',
  capacity: 7,
  priceSek: 0,
  link: null,
  project: { id: 'p0000000000000000000001a' },
  industries: ['62', '47111'],
  funding: { description: 'ERUF 50 %, Region Västerbotten 25 %', funder: null },
  eligibility: { maxEmployees: 49, maxCompanyAgeYears: null, sniPrefixes: ['10'], municipalityCodes: ['2418', '2422'] },
};

const filled: OfferingForm = { ...EMPTY_OFFERING_FORM, kind: 'COURSE', titleSv: ' Digitala verktyg ', descriptionSv: 'Kurs', capacity: '1 200', priceSek: '2 500' };

describe('the offering form', () => {
  it('shows what the graph holds, an absent value as an empty field and a free offering without a price', () => {
    expect(formFromOffering(STEGET_VIDARE)).toEqual({
      titleSv: 'Steget vidare Malå',
      titleEn: 'The next step, Malå',
      descriptionSv: 'Utvecklingsprogram för företag i Malå.',
      descriptionEn: '',
      kind: 'DEVELOPMENT_PROGRAMME',
      format: 'HYBRID',
      needs: ['BUSINESS_PLANNING', 'BUDGETING'],
      targetGroups: ['ESTABLISHED_COMPANIES'],
      municipalityCodes: ['2418'],
      startDate: '2027-09-01',
      endDate: '2027-11-30',
      applicationDeadline: '2027-08-21',
      capacity: '7',
      priceSek: '',
      link: '',
      maxEmployees: '49',
      maxCompanyAgeYears: '',
      projectId: 'p0000000000000000000001a',
      industries: '62, 47111',
      fundingKind: 'description',
      fundingDescription: 'ERUF 50 %, Region Västerbotten 25 %',
      funderId: '',
      eligibleSniPrefixes: '10',
      eligibleMunicipalityCodes: ['2418', '2422'],
    });
  });

  it('gives back the same values as input when nothing was changed', () => {
    const { input, errors } = offeringInput(formFromOffering(STEGET_VIDARE));
    expect(errors).toEqual({});
    expect(input).toEqual({
      kind: 'DEVELOPMENT_PROGRAMME',
      title: { sv: 'Steget vidare Malå', en: 'The next step, Malå' },
      description: { sv: 'Utvecklingsprogram för företag i Malå.', en: null },
      format: 'HYBRID',
      needs: ['BUSINESS_PLANNING', 'BUDGETING'],
      targetGroups: ['ESTABLISHED_COMPANIES'],
      municipalityCodes: ['2418'],
      startDate: '2027-09-01',
      endDate: '2027-11-30',
      applicationDeadline: '2027-08-21',
      capacity: 7,
      priceSek: 0,
      link: null,
      projectId: 'p0000000000000000000001a',
      industries: ['62', '47111'],
      funding: { description: 'ERUF 50 %, Region Västerbotten 25 %' },
      eligibility: { maxEmployees: 49, maxCompanyAgeYears: null, sniPrefixes: ['10'], municipalityCodes: ['2418', '2422'] },
    });
  });

  it('shows a funder as the funding chosen, and sends it back as the funder', () => {
    const funded = formFromOffering({ ...STEGET_VIDARE, funding: { description: null, funder: { id: 'f0000000000000000000001a' } } });
    expect([funded.fundingKind, funded.funderId, funded.fundingDescription]).toEqual(['funder', 'f0000000000000000000001a', '']);
    expect(offeringInput(funded).input.funding).toEqual({ funderId: 'f0000000000000000000001a' });
  });

  it('reads SNI codes separated by commas, spaces or semicolons, and leaves each for the graph to check', () => {
    const { input } = offeringInput({ ...filled, industries: ' 62,47111 ;  5 ', eligibleSniPrefixes: '' });
    expect(input.industries).toEqual(['62', '47111', '5']);
    expect(input.eligibility?.sniPrefixes).toEqual([]);
  });

  it('asks for the funding the kind chosen needs, and clears the funding when none is stated', () => {
    expect(offeringInput({ ...filled, fundingKind: 'description', fundingDescription: '  ' }).errors).toEqual({ fundingDescription: 'required' });
    expect(offeringInput({ ...filled, fundingKind: 'funder' }).errors).toEqual({ funderId: 'choose' });
    // a description typed before the kind was changed to none is not sent
    expect(offeringInput({ ...filled, fundingKind: '', fundingDescription: 'ERUF' }).input.funding).toBeNull();
    expect(offeringInput({ ...filled, projectId: '' }).input.projectId).toBeNull();
  });

  it('sends emptied fields as null so an update clears them, and trims text', () => {
    const { input } = offeringInput(filled);
    expect(input.title).toEqual({ sv: 'Digitala verktyg', en: null });
    expect(input.format).toBeNull();
    expect(input.startDate).toBeNull();
    expect(input.link).toBeNull();
    expect(input.municipalityCodes).toEqual([]);
  });

  it('reads numbers grouped with spaces, as Swedes write them', () => {
    const { input, errors } = offeringInput(filled);
    expect(errors).toEqual({});
    expect(input.capacity).toBe(1200);
    expect(input.priceSek).toBe(2500);
  });

  it('refuses numbers that are not whole, by field, and a missing kind', () => {
    const { errors } = offeringInput({ ...filled, kind: '', capacity: 'tio', priceSek: '12,50', maxEmployees: '-3' });
    expect(errors).toEqual({ kind: 'required', capacity: 'wholeNumber', priceSek: 'wholeNumber', maxEmployees: 'wholeNumber' });
  });

  it('leaves out a title whose both languages are empty, and keeps an English one without Swedish for the graph to refuse', () => {
    expect(offeringInput({ ...filled, titleSv: ' ', titleEn: '' }).input.title).toBeNull();
    expect(offeringInput({ ...filled, titleSv: '', titleEn: 'Digital tools' }).input.title).toEqual({ sv: '', en: 'Digital tools' });
  });

  it('creates a draft for the provider', () => {
    const { input } = draftInput(filled, '65a000000000000000000001');
    expect(input.providerId).toBe('65a000000000000000000001');
    expect(input.kind).toBe('COURSE');
  });
});

describe('the graph’s errors beside their fields', () => {
  /** The graph's refusal of these paths, each worded in both languages as the services send it. */
  const refusal = (texts: Record<string, { sv: string; en: string }>) =>
    new CombinedGraphQLErrors({ errors: Object.entries(texts).map(([field, wording]) => ({ message: wording.en, extensions: { code: 'BAD_USER_INPUT', field, texts: wording } })) });
  const error = refusal({
    'input.endDate': { sv: 'En period slutar samma dag som den börjar eller senare', en: 'A period ends on or after its start' },
    'input.title.sv': { sv: 'Högst 200 tecken', en: 'At most 200 characters' },
    'input.needs.2': { sv: 'Okänt behov', en: 'Unknown need' },
    'input.eligibility.maxEmployees': { sv: 'Ett heltal, noll eller mer', en: 'A whole number, zero or more' },
  });

  it('puts each refusal by its field, in the person’s language', () => {
    expect(offeringFieldErrors(error, 'sv')).toEqual({
      errors: { endDate: 'En period slutar samma dag som den börjar eller senare', titleSv: 'Högst 200 tecken', needs: 'Okänt behov', maxEmployees: 'Ett heltal, noll eller mer' },
      unplaced: false,
    });
    expect(offeringFieldErrors(error, 'en').errors.endDate).toBe('A period ends on or after its start');
  });

  it('finds the field of a path named on publishing, without the input prefix', () => {
    expect(offeringFieldErrors(refusal({ 'description.sv': { sv: 'Fyll i beskrivning (svenska)', en: 'Fill in description (Swedish)' } }), 'sv').errors).toEqual({ descriptionSv: 'Fyll i beskrivning (svenska)' });
  });

  it('leaves a refusal of a path no field holds to the form as a whole', () => {
    expect(offeringFieldErrors(refusal({ id: { sv: 'Ett stängt erbjudande ändras inte', en: 'A closed offering is no longer edited' } }), 'sv')).toEqual({ errors: {}, unplaced: true });
  });

  it('places the refusals of sessions and outcomes', () => {
    expect(fieldErrors(SESSION_PATHS, refusal({ 'input.endsAt': { sv: 'Ett tillfälle slutar efter att det börjar', en: 'A session ends after it starts' } }), 'sv').errors).toEqual({ endsAt: 'Ett tillfälle slutar efter att det börjar' });
    expect(fieldErrors(OUTCOME_PATHS, refusal({ 'input.goals': { sv: 'Beskriv målen', en: 'Describe the goals' } }), 'en').errors).toEqual({ goals: 'Describe the goals' });
    expect(fieldErrors(OUTCOME_PATHS, refusal({ 'input.newCompanyId': { sv: 'Ingen organisation med id c0ffee', en: 'No organisation with id c0ffee' } }), 'sv').errors).toEqual({ newCompanyId: 'Ingen organisation med id c0ffee' });
  });

  it('places the refusals of industries, eligibility and funding', () => {
    const wording = (sv: string) => ({ sv, en: sv });
    expect(
      offeringFieldErrors(
        refusal({
          'input.industries.2': wording('"5" är ingen SNI-kod'),
          'input.eligibility.sniPrefixes.0': wording('"A1" är ingen SNI-kod'),
          'input.eligibility.municipalityCodes.1': wording('Okänd kommunkod 9999'),
          'input.funding': wording('Finansiering är en beskrivning eller en finansiär'),
          'input.funding.funderId': wording('Ogiltigt id'),
        }),
        'sv',
      ).errors,
    ).toEqual({
      industries: '"5" är ingen SNI-kod',
      eligibleSniPrefixes: '"A1" är ingen SNI-kod',
      eligibleMunicipalityCodes: 'Okänd kommunkod 9999',
      fundingKind: 'Finansiering är en beskrivning eller en finansiär',
      funderId: 'Ogiltigt id',
    });
  });

  it('says the form’s own errors in the person’s language', async () => {
    expect(localErrors({ capacity: 'wholeNumber' }, await tFor('sv'))).toEqual({ capacity: 'Ange ett heltal, 0 eller mer.' });
    expect(localErrors({ capacity: 'wholeNumber' }, await tFor('en'))).toEqual({ capacity: 'Give a whole number, 0 or more.' });
  });
});

describe('what each status allows', () => {
  it.each<[OfferingStatus, ReturnType<typeof actionsFor>]>([
    ['DRAFT', { edit: true, publish: true, close: false, archive: false }],
    ['PUBLISHED', { edit: true, publish: false, close: true, archive: false }],
    ['CLOSED', { edit: false, publish: false, close: false, archive: true }],
    ['ARCHIVED', { edit: false, publish: false, close: false, archive: false }],
  ])('%s', (status, actions) => {
    expect(actionsFor(status)).toEqual(actions);
  });
});

describe('sessions', () => {
  it('reads a time typed as Swedish time, in winter and in summer', () => {
    expect(stockholmTimeToUtc('2027-01-20T09:00')).toBe('2027-01-20T08:00:00.000Z');
    expect(stockholmTimeToUtc('2027-06-15T13:30')).toBe('2027-06-15T11:30:00.000Z');
    // the morning summer time begins (02:00 becomes 03:00)
    expect(stockholmTimeToUtc('2027-03-28T04:00')).toBe('2027-03-28T02:00:00.000Z');
  });

  it('refuses a time that is not whole', () => {
    expect(stockholmTimeToUtc('')).toBeNull();
    expect(stockholmTimeToUtc('2027-01-20')).toBeNull();
  });

  it('makes the session input, empty place or link left out, and names missing times', () => {
    const form = { ...EMPTY_SESSION_FORM, title: 'Uppstart', startsAt: '2027-03-01T09:00', endsAt: '2027-03-01T12:00', place: 'Malå' };
    expect(sessionInput(form)).toEqual({
      errors: {},
      input: { title: 'Uppstart', startsAt: '2027-03-01T08:00:00.000Z', endsAt: '2027-03-01T11:00:00.000Z', place: 'Malå', link: null },
    });
    expect(sessionInput({ ...form, endsAt: '' }).errors).toEqual({ endsAt: 'dateTime' });
  });
});

describe('outcomes', () => {
  it('sends only the fields of the kind chosen', () => {
    const form = { ...EMPTY_OUTCOME_FORM, goals: 'Exportera till Norge', investmentSek: '50 000', jobs: '1,5', jobsBasis: 'EXPECTED', turnoverBand: 'UNDER_500K_SEK', newCompanyId: 'c0ffee000000000000000001' };
    expect(outcomeInput({ ...form, kind: 'GOALS_SET' }).input).toEqual({ kind: 'GOALS_SET', goals: 'Exportera till Norge' });
    expect(outcomeInput({ ...form, kind: 'INVESTMENT_MADE' }).input).toEqual({ kind: 'INVESTMENT_MADE', investmentSek: 50000 });
    expect(outcomeInput({ ...form, kind: 'JOBS_CREATED' }).input).toEqual({ kind: 'JOBS_CREATED', jobs: 1.5, jobsBasis: 'EXPECTED' });
    expect(outcomeInput({ ...form, kind: 'TURNOVER_BAND' }).input).toEqual({ kind: 'TURNOVER_BAND', turnoverBand: 'UNDER_500K_SEK' });
    expect(outcomeInput({ ...form, kind: 'COMPANY_STARTED' }).input).toEqual({ kind: 'COMPANY_STARTED', newCompanyId: 'c0ffee000000000000000001' });
  });

  it('names no started company when none is chosen', () => {
    expect(outcomeInput({ ...EMPTY_OUTCOME_FORM, kind: 'COMPANY_STARTED' }).input).toEqual({ kind: 'COMPANY_STARTED', newCompanyId: null });
  });

  it('asks for a kind first, and refuses numbers it cannot read', () => {
    expect(outcomeInput(EMPTY_OUTCOME_FORM).errors).toEqual({ kind: 'choose' });
    expect(outcomeInput({ ...EMPTY_OUTCOME_FORM, kind: 'INVESTMENT_MADE', investmentSek: '5 miljoner' }).errors).toEqual({ investmentSek: 'wholeNumber' });
    expect(outcomeInput({ ...EMPTY_OUTCOME_FORM, kind: 'JOBS_CREATED', jobs: 'två' }).errors).toEqual({ jobs: 'jobs' });
  });

  it('leaves a missing choice for the graph to name', () => {
    expect(outcomeInput({ ...EMPTY_OUTCOME_FORM, kind: 'JOBS_CREATED', jobs: '2' }).input).toEqual({ kind: 'JOBS_CREATED', jobs: 2, jobsBasis: null });
  });
});
