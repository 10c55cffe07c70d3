import { ValidationError } from '@hub/shared/errors';
import { CANDIDATE_LIMITS, schoolNeeds, validateCandidateProfile, type CandidateProfileInput } from './candidate';

const input: CandidateProfileInput = {
  name: '  Sara Lind ',
  email: ' Sara.Lind@Example.SE ',
  phone: '070-123 45 67',
  currentLocation: ' Göteborg ',
  occupations: ['2221', ' 2341'],
  skills: ['Akutsjukvård', ' körkort B ', 'AKUTSJUKVÅRD'],
  languages: ['sv', 'EN', 'se', 'sv'],
  household: { partnerOccupation: '2343', childrenAges: [0, 4, 9, 16] },
  wishes: { municipalityCodes: ['2481', '2422'], moveFrom: '2027-01' },
};

function fieldOfError(change: Partial<CandidateProfileInput>, prefix?: string): string | undefined {
  try {
    validateCandidateProfile({ ...input, ...change }, prefix);
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  return undefined;
}

describe('candidate profile', () => {
  it('normalises a complete profile: trims, lower-cases the e-mail, writes the phone as E.164, drops repeats', () => {
    expect(validateCandidateProfile(input)).toEqual({
      name: 'Sara Lind',
      email: 'sara.lind@example.se',
      phone: '+46701234567',
      currentLocation: 'Göteborg',
      occupations: ['2221', '2341'],
      skills: ['Akutsjukvård', 'körkort B'],
      languages: ['sv', 'en', 'se'],
      household: { partnerOccupation: '2343', childrenAges: [0, 4, 9, 16] },
      wishes: { municipalityCodes: ['2481', '2422'], housingType: 'any', moveFrom: '2027-01' },
    });
  });

  it('fills the defaults of a minimal profile', () => {
    const profile = validateCandidateProfile({
      name: 'Ola',
      phone: '+47 912 34 567',
      currentLocation: 'Oslo, Norge',
      occupations: ['7411'],
      wishes: { municipalityCodes: ['2506'] },
    });
    expect(profile).toMatchObject({
      email: null,
      phone: '+4791234567',
      skills: [],
      languages: [],
      household: { partnerOccupation: null, childrenAges: [] },
      wishes: { municipalityCodes: ['2506'], housingType: 'any', moveFrom: null },
    });
  });

  it('requires a way to reach the person', () => {
    expect(fieldOfError({ email: null, phone: null })).toBe('input.email');
    expect(fieldOfError({ email: '  ', phone: '' })).toBe('input.email');
    expect(fieldOfError({ email: null })).toBeUndefined();
    expect(fieldOfError({ phone: null })).toBeUndefined();
  });

  it('accepts sane e-mail addresses only', () => {
    for (const email of ['sara', 'sara@example', 'sa ra@example.se', 'sara@@example.se', 'a@b@example.se', 'sara@example..se', 'sara@.se', `${'a'.repeat(250)}@x.se`]) {
      expect(fieldOfError({ email })).toBe('input.email');
    }
  });

  it('normalises Swedish and international phone numbers, refusing the rest', () => {
    const phoneOf = (phone: string): string | null => validateCandidateProfile({ ...input, phone }).phone;
    expect(phoneOf('0701234567')).toBe('+46701234567');
    expect(phoneOf('+46 (0)70-123 45 67')).toBe('+46701234567');
    expect(phoneOf('0046 70 123 45 67')).toBe('+46701234567');
    expect(phoneOf('0950-123 45')).toBe('+4695012345');
    for (const phone of ['701234567', '070-12', '+0701234567', '+46 70 123 45 67 89 01 2', 'ring mig', '070-123 45 67 ank. 3']) {
      expect(fieldOfError({ phone })).toBe('input.phone');
    }
  });

  it('checks name and current location lengths', () => {
    expect(fieldOfError({ name: '   ' })).toBe('input.name');
    expect(fieldOfError({ name: 'x'.repeat(CANDIDATE_LIMITS.nameLength) })).toBeUndefined();
    expect(fieldOfError({ name: 'x'.repeat(CANDIDATE_LIMITS.nameLength + 1) })).toBe('input.name');
    expect(fieldOfError({ currentLocation: '' })).toBe('input.currentLocation');
    expect(fieldOfError({ currentLocation: 'x'.repeat(121) })).toBe('input.currentLocation');
  });

  it('requires one to five known occupations without repeats, pointing at the one at fault', () => {
    expect(fieldOfError({ occupations: [] })).toBe('input.occupations');
    expect(fieldOfError({ occupations: ['2221', '2222', '2223', '2224', '2225', '2226'] })).toBe('input.occupations');
    expect(fieldOfError({ occupations: ['2221', '9998'] })).toBe('input.occupations.1');
    expect(fieldOfError({ occupations: ['2221', '221'] })).toBe('input.occupations.1');
    expect(fieldOfError({ occupations: ['2221', '2341', '2221'] })).toBe('input.occupations.2');
  });

  it('bounds skills and languages', () => {
    expect(fieldOfError({ skills: ['ok', ' '] })).toBe('input.skills.1');
    expect(fieldOfError({ skills: ['x'.repeat(61)] })).toBe('input.skills.0');
    expect(fieldOfError({ skills: Array.from({ length: 21 }, (_, i) => `skill ${i}`) })).toBe('input.skills');
    // Repeats do not count against the limit.
    expect(fieldOfError({ skills: [...Array.from({ length: 20 }, (_, i) => `skill ${i}`), 'SKILL 0'] })).toBeUndefined();
    expect(fieldOfError({ languages: ['sv', 'swe'] })).toBe('input.languages.1');
    expect(fieldOfError({ languages: ['xx'] })).toBe('input.languages.0');
    expect(fieldOfError({ languages: ['sv', 'en', 'fi', 'se', 'no', 'da', 'de', 'fr', 'es', 'it', 'pl'] })).toBe('input.languages');
  });

  it('checks the household: the partner an SSYK code, the children 0 to 17 in whole years', () => {
    expect(fieldOfError({ household: { partnerOccupation: '9999' } })).toBe('input.household.partnerOccupation');
    expect(fieldOfError({ household: { partnerOccupation: '' } })).toBeUndefined();
    expect(fieldOfError({ household: null })).toBeUndefined();
    expect(fieldOfError({ household: { childrenAges: [3, -1] } })).toBe('input.household.childrenAges.1');
    expect(fieldOfError({ household: { childrenAges: [18] } })).toBe('input.household.childrenAges.0');
    expect(fieldOfError({ household: { childrenAges: [2, 4, 5.5] } })).toBe('input.household.childrenAges.2');
    expect(fieldOfError({ household: { childrenAges: Array.from({ length: 11 }, () => 3) } })).toBe('input.household.childrenAges');
    expect(fieldOfError({ household: { childrenAges: [0, 17] } })).toBeUndefined();
  });

  it('checks the wishes', () => {
    const wishes = input.wishes;
    expect(fieldOfError({ wishes: { ...wishes, municipalityCodes: [] } })).toBe('input.wishes.municipalityCodes');
    expect(fieldOfError({ wishes: { ...wishes, municipalityCodes: ['2481', '2480'] } })).toBe('input.wishes.municipalityCodes.1');
    expect(fieldOfError({ wishes: { ...wishes, municipalityCodes: ['2481', '2481'] } })).toBe('input.wishes.municipalityCodes.1');
    expect(fieldOfError({ wishes: { ...wishes, housingType: 'castle' as never } })).toBe('input.wishes.housingType');
    expect(fieldOfError({ wishes: { ...wishes, moveFrom: '2027-13' } })).toBe('input.wishes.moveFrom');
    expect(fieldOfError({ wishes: { ...wishes, moveFrom: '2027-01-01' } })).toBe('input.wishes.moveFrom');
    expect(validateCandidateProfile({ ...input, wishes: { ...wishes, housingType: 'house' } }).wishes.housingType).toBe('house');
  });

  it('puts the caller\'s prefix on field paths', () => {
    expect(fieldOfError({ household: { childrenAges: [1, 20] } }, 'candidate')).toBe('candidate.household.childrenAges.1');
  });
});

describe('school needs', () => {
  it('counts preschool for ages 1-5 and school for 6-15, neither for infants or upper-secondary ages', () => {
    expect(schoolNeeds([0, 1, 5, 6, 15, 16, 17])).toEqual({ preschool: 2, school: 2 });
    expect(schoolNeeds([])).toEqual({ preschool: 0, school: 0 });
  });
});
