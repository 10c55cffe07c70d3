import { ValidationError, type Wording } from '@hub/shared/errors';
import { isYearMonth } from './dates';
import { isLanguageCode } from './languages';
import { isRegion10Municipality } from '@hub/shared/contracts';
import { isOccupationCode } from './occupations';
import { optionalText, requiredText } from './text';

/** A person who considers moving to Region 10: what they do, who moves with them, and where they wish to go. */

export const HOUSING_TYPES = ['rental', 'owned-apartment', 'house', 'any'] as const;
export type HousingType = (typeof HOUSING_TYPES)[number];

export const CANDIDATE_LIMITS = {
  nameLength: 120,
  emailLength: 254,
  phoneDigits: { min: 8, max: 15 },
  currentLocationLength: 120,
  occupations: 5,
  skills: 20,
  skillLength: 60,
  languages: 10,
  children: 10,
  childAge: { min: 0, max: 17 },
  municipalities: 10,
} as const;

export interface CandidateProfileInput {
  name: string;
  email?: string | null;
  phone?: string | null;
  currentLocation: string;
  occupations: string[];
  skills?: string[] | null;
  languages?: string[] | null;
  household?: { partnerOccupation?: string | null; childrenAges?: number[] | null } | null;
  wishes: { municipalityCodes: string[]; housingType?: HousingType | null; moveFrom?: string | null };
}

export interface CandidateProfile {
  name: string;
  email: string | null;
  /** E.164, e.g. +46701234567 */
  phone: string | null;
  currentLocation: string;
  occupations: string[];
  skills: string[];
  /** ISO 639-1 codes */
  languages: string[];
  household: { partnerOccupation: string | null; childrenAges: number[] };
  /** moveFrom is the month (YYYY-MM) from which the household can move. */
  wishes: { municipalityCodes: string[]; housingType: HousingType; moveFrom: string | null };
}

export function validateCandidateProfile(input: CandidateProfileInput, prefix = 'input'): CandidateProfile {
  const name = requiredText(input.name, `${prefix}.name`, CANDIDATE_LIMITS.nameLength);
  const email = optionalText(input.email, `${prefix}.email`, CANDIDATE_LIMITS.emailLength);
  const phone = input.phone?.trim() || null;
  // The migration officer must be able to reach the person somehow.
  if (email === null && phone === null) throw new ValidationError({ en: 'give an e-mail address or a phone number', sv: 'ange en e-postadress eller ett telefonnummer' }, `${prefix}.email`);
  return {
    name,
    email: email === null ? null : validateEmail(email, `${prefix}.email`),
    phone: phone === null ? null : normalisePhone(phone, `${prefix}.phone`),
    currentLocation: requiredText(input.currentLocation, `${prefix}.currentLocation`, CANDIDATE_LIMITS.currentLocationLength),
    occupations: validateOccupations(input.occupations, `${prefix}.occupations`),
    skills: validateSkills(input.skills ?? [], `${prefix}.skills`),
    languages: validateLanguages(input.languages ?? [], `${prefix}.languages`),
    household: {
      partnerOccupation: validatePartnerOccupation(input.household?.partnerOccupation, `${prefix}.household.partnerOccupation`),
      childrenAges: validateChildrenAges(input.household?.childrenAges ?? [], `${prefix}.household.childrenAges`),
    },
    wishes: {
      municipalityCodes: validateMunicipalityCodes(input.wishes.municipalityCodes, `${prefix}.wishes.municipalityCodes`),
      housingType: validateHousingType(input.wishes.housingType, `${prefix}.wishes.housingType`),
      moveFrom: validateMoveFrom(input.wishes.moveFrom, `${prefix}.wishes.moveFrom`),
    },
  };
}

/**
 * Places for the children in the municipality's preschool (ages 1–5) and compulsory school (6–15, förskoleklass
 * through grundskola). Infants stay at home and 16–17-year-olds go to upper-secondary school, which the
 * municipalities here mostly do not run themselves, so neither is counted.
 */
export function schoolNeeds(childrenAges: number[]): { preschool: number; school: number } {
  return {
    preschool: childrenAges.filter((age) => age >= 1 && age <= 5).length,
    school: childrenAges.filter((age) => age >= 6 && age <= 15).length,
  };
}

// One @, no spaces, and a domain of dot-separated non-empty labels.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

function validateEmail(email: string, field: string): string {
  if (!EMAIL_PATTERN.test(email)) throw new ValidationError({ en: 'not an e-mail address', sv: 'inte en e-postadress' }, field);
  return email.toLowerCase();
}

/**
 * To E.164: '+' or '00' starts an international number, a single leading 0 a Swedish one (070-123 45 67 →
 * +46701234567). Spaces, hyphens, dots, brackets and the "(0)" some write after the country code are dropped.
 */
function normalisePhone(phone: string, field: string): string {
  const compact = phone.replace(/\(0\)/g, '').replace(/[\s\-.()/]/g, '');
  const digits = /^\+\d+$/.test(compact)
    ? compact.slice(1)
    : /^00\d+$/.test(compact)
      ? compact.slice(2)
      : /^0\d+$/.test(compact)
        ? `46${compact.slice(1)}`
        : null;
  const { min, max } = CANDIDATE_LIMITS.phoneDigits;
  // No country code starts with 0.
  if (digits === null || digits.startsWith('0') || digits.length < min || digits.length > max) {
    throw new ValidationError({ en: 'not a phone number: write it as 070-123 45 67 or with a country code, +47 912 34 567', sv: 'inte ett telefonnummer: skriv det som 070-123 45 67 eller med landsnummer, +47 912 34 567' }, field);
  }
  return `+${digits}`;
}

function validateOccupations(codes: string[], field: string): string[] {
  if (codes.length === 0) throw new ValidationError({ en: 'give at least one occupation', sv: 'ange minst ett yrke' }, field);
  if (codes.length > CANDIDATE_LIMITS.occupations) throw new ValidationError({ en: `at most ${CANDIDATE_LIMITS.occupations} occupations`, sv: `högst ${CANDIDATE_LIMITS.occupations} yrken` }, field);
  return uniqueCodes(codes, field, isOccupationCode, { en: 'not an SSYK 2012 occupation code', sv: 'inte en yrkeskod enligt SSYK 2012' });
}

function validatePartnerOccupation(code: string | null | undefined, field: string): string | null {
  const trimmed = code?.trim();
  if (!trimmed) return null;
  if (!isOccupationCode(trimmed)) throw new ValidationError({ en: 'not an SSYK 2012 occupation code', sv: 'inte en yrkeskod enligt SSYK 2012' }, field);
  return trimmed;
}

function validateMunicipalityCodes(codes: string[], field: string): string[] {
  if (codes.length === 0) throw new ValidationError({ en: 'give at least one municipality', sv: 'ange minst en kommun' }, field);
  if (codes.length > CANDIDATE_LIMITS.municipalities) throw new ValidationError({ en: `at most ${CANDIDATE_LIMITS.municipalities} municipalities`, sv: `högst ${CANDIDATE_LIMITS.municipalities} kommuner` }, field);
  return uniqueCodes(codes, field, isRegion10Municipality, { en: 'not a Region 10 municipality', sv: 'inte en kommun i Region 10' });
}

/** Trimmed codes, each known; a repeated code is an error at the repeat (it is likely a mistake for another). */
function uniqueCodes(codes: string[], field: string, isKnown: (code: string) => boolean, unknown: Wording): string[] {
  const seen = new Set<string>();
  codes.forEach((raw, index) => {
    const code = raw.trim();
    if (!isKnown(code)) throw new ValidationError({ en: `${unknown.en}: ${raw}`, sv: `${unknown.sv}: ${raw}` }, `${field}.${index}`);
    if (seen.has(code)) throw new ValidationError({ en: `${code} is given twice`, sv: `${code} anges två gånger` }, `${field}.${index}`);
    seen.add(code);
  });
  return [...seen];
}

/** Trimmed; repeats that differ only in case are dropped, keeping the first spelling. */
function validateSkills(skills: string[], field: string): string[] {
  const byFolded = new Map<string, string>();
  skills.forEach((raw, index) => {
    const skill = requiredText(raw, `${field}.${index}`, CANDIDATE_LIMITS.skillLength);
    const key = skill.toLowerCase();
    if (!byFolded.has(key)) byFolded.set(key, skill);
  });
  if (byFolded.size > CANDIDATE_LIMITS.skills) throw new ValidationError({ en: `at most ${CANDIDATE_LIMITS.skills} skills`, sv: `högst ${CANDIDATE_LIMITS.skills} kompetenser` }, field);
  return [...byFolded.values()];
}

function validateLanguages(languages: string[], field: string): string[] {
  const codes = new Set<string>();
  languages.forEach((raw, index) => {
    const code = raw.trim().toLowerCase();
    if (!isLanguageCode(code)) throw new ValidationError({ en: `not an ISO 639-1 language code: ${raw}`, sv: `inte en språkkod enligt ISO 639-1: ${raw}` }, `${field}.${index}`);
    codes.add(code);
  });
  if (codes.size > CANDIDATE_LIMITS.languages) throw new ValidationError({ en: `at most ${CANDIDATE_LIMITS.languages} languages`, sv: `högst ${CANDIDATE_LIMITS.languages} språk` }, field);
  return [...codes];
}

function validateChildrenAges(ages: number[], field: string): number[] {
  if (ages.length > CANDIDATE_LIMITS.children) throw new ValidationError({ en: `at most ${CANDIDATE_LIMITS.children} children`, sv: `högst ${CANDIDATE_LIMITS.children} barn` }, field);
  const { min, max } = CANDIDATE_LIMITS.childAge;
  ages.forEach((age, index) => {
    if (!Number.isInteger(age) || age < min || age > max) {
      throw new ValidationError({ en: `a child's age is a whole number of years from ${min} to ${max}`, sv: `ett barns ålder är ett helt antal år från ${min} till ${max}` }, `${field}.${index}`);
    }
  });
  return [...ages];
}

function validateHousingType(housingType: HousingType | null | undefined, field: string): HousingType {
  if (housingType === null || housingType === undefined) return 'any';
  if (!HOUSING_TYPES.includes(housingType)) throw new ValidationError({ en: `housing type is one of ${HOUSING_TYPES.join(', ')}`, sv: `boendeform är en av ${HOUSING_TYPES.join(', ')}` }, field);
  return housingType;
}

function validateMoveFrom(moveFrom: string | null | undefined, field: string): string | null {
  const month = moveFrom?.trim();
  if (!month) return null;
  if (!isYearMonth(month)) throw new ValidationError({ en: `${moveFrom} is not a month of the form YYYY-MM`, sv: `${moveFrom} är inte en månad skriven ÅÅÅÅ-MM` }, field);
  return month;
}
