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
  messageKey,
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
  it('puts each error by its field, in Swedish', async () => {
    const t = await tFor('sv');
    expect(
      offeringFieldErrors(
        {
          'input.endDate': 'A period ends on or after its start',
          'input.link': 'A link is an http(s) URL',
          'input.title.sv': 'At most 200 characters',
          'input.needs.2': 'Unknown need',
          'input.eligibility.maxEmployees': 'A whole number, zero or more',
        },
        t,
      ),
    ).toEqual({
      endDate: 'Slutdatumet kan inte vara före startdatumet.',
      link: 'Ange en webbadress som börjar med http:// eller https://.',
      titleSv: 'Högst 200 tecken.',
      needs: 'Välj ett alternativ.',
      maxEmployees: 'Ange ett heltal, 0 eller mer.',
    });
  });

  it('says the same in English', async () => {
    const t = await tFor('en');
    expect(offeringFieldErrors({ 'input.applicationDeadline': 'The application deadline is on or before the start' }, t)).toEqual({
      applicationDeadline: 'The application deadline must be on or before the start date.',
    });
  });

  it('marks every field publishing found missing, with or without the input prefix', async () => {
    const t = await tFor('sv');
    const message = 'A published offering needs these fields filled in: description.sv, startDate, needs, format';
    expect(offeringFieldErrors({ 'description.sv': message }, t)).toEqual({
      descriptionSv: 'Fyll i detta.',
      startDate: 'Fyll i detta.',
      needs: 'Fyll i detta.',
      format: 'Fyll i detta.',
    });
    const whenUpdating = 'A published offering needs these fields filled in: input.title.sv, input.endDate';
    expect(offeringFieldErrors({ 'input.title.sv': whenUpdating }, t)).toEqual({ titleSv: 'Fyll i detta.', endDate: 'Fyll i detta.' });
  });

  it('gives a general text for a message it does not know, and nothing for a path no field holds', async () => {
    const t = await tFor('sv');
    expect(offeringFieldErrors({ 'input.capacity': 'Something new went wrong' }, t)).toEqual({ capacity: 'Värdet godtas inte.' });
    expect(offeringFieldErrors({ id: 'A closed offering is no longer edited', 'input.providerId': 'Not a valid id' }, t)).toEqual({});
  });

  it('recognises the messages of sessions and outcomes', async () => {
    const t = await tFor('sv');
    expect(fieldErrors(SESSION_PATHS, { 'input.endsAt': 'A session ends after it starts', 'input.place': 'A session has a place or a link to join' }, t)).toEqual({
      endsAt: 'Tillfället måste sluta efter att det börjar.',
      place: 'Ange en plats eller en länk.',
    });
    expect(fieldErrors(OUTCOME_PATHS, { 'input.goals': 'Describe the goals', 'input.jobsBasis': 'Say whether the jobs are expected or realised' }, t)).toEqual({
      goals: 'Fyll i detta.',
      jobsBasis: 'Välj ett alternativ.',
    });
    expect(
      offeringFieldErrors(
        {
          'input.industries.2': '"5" is not an SNI code or prefix (2 to 5 digits)',
          'input.eligibility.sniPrefixes.0': '"A1" is not an SNI code or prefix (2 to 5 digits)',
          'input.eligibility.municipalityCodes.1': 'Unknown municipality code 9999',
          'input.funding': 'Funding is either a description or a funder organisation, one of the two',
          'input.funding.funderId': 'Not a valid id',
        },
        t,
      ),
    ).toEqual({
      industries: 'Ange SNI-koder med 2–5 siffror, åtskilda med komma.',
      eligibleSniPrefixes: 'Ange SNI-koder med 2–5 siffror, åtskilda med komma.',
      eligibleMunicipalityCodes: 'Okänd kommun.',
      fundingKind: 'Ange antingen en beskrivning eller en finansiär.',
      funderId: 'Värdet godtas inte.',
    });
    expect(fieldErrors(OUTCOME_PATHS, { 'input.newCompanyId': 'No organisation with id c0ffee000000000000000001' }, await tFor('en'))).toEqual({
      newCompanyId: 'The organisation is not in the hub.',
    });
  });

  it('reads the limit out of the message', () => {
    expect(messageKey('At most 4000 characters')).toEqual({ key: 'tooLong', max: 4000 });
    expect(messageKey('At most 100000000')).toEqual({ key: 'tooLarge', max: 100000000 });
    expect(messageKey('At most 50 entries')).toEqual({ key: 'tooMany' });
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
