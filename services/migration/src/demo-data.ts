/**
 * Demo data for the in-migration service: vacancies of the demo employers (from the organisations seed), and
 * clearly fictional people who consider moving. Person ids are fixed so a second seed finds them.
 */
export const DEMO_VACANCIES = [
  { employer: 'Vindelälvens Vård AB (demo)', input: { title: 'Undersköterska till hemtjänsten i Sorsele', occupationCode: '5321', municipalityCode: '2422', startDate: '2027-02-01', workMode: 'ON_SITE', housingHelp: true, positions: 2 } },
  { employer: 'Vindelälvens Vård AB (demo)', input: { title: 'Sjuksköterska, äldreboende', occupationCode: '2221', municipalityCode: '2422', startDate: '2027-03-01', workMode: 'ON_SITE', housingHelp: true } },
  { employer: 'Skogsdata IT AB (demo)', input: { title: 'Systemutvecklare, skogliga data', occupationCode: '2512', municipalityCode: '2418', workMode: 'HYBRID', housingHelp: false } },
  { employer: 'Norrform Bygg & Design AB (demo)', input: { title: 'Snickare', occupationCode: '7111', municipalityCode: '2418', startDate: '2027-04-01', workMode: 'ON_SITE', housingHelp: true } },
  { employer: 'Silvervägen Äventyr AB (demo)', input: { title: 'Kock till vintersäsongen', occupationCode: '5120', municipalityCode: '2506', startDate: '2026-12-15', workMode: 'ON_SITE', housingHelp: true } },
] as const;

const consent = (purpose: string) => ({ purpose, channel: 'WEB_FORM', textVersion: 'moveupnorth-2026.1' });

export const DEMO_CANDIDATES = [
  {
    personId: 'de7000000000000000000001',
    profile: {
      name: 'Alva Exempelsson (fiktiv)',
      email: 'alva.exempelsson@example.invalid',
      currentLocation: 'Göteborg',
      occupations: ['2221'],
      skills: ['geriatrik', 'palliativ vård'],
      languages: ['sv', 'en'],
      household: { partnerOccupation: '2341', childrenAges: [4, 9] },
      wishes: { municipalityCodes: ['2422', '2481'], housingType: 'HOUSE', moveFrom: '2027-03' },
    },
    consents: [consent('IN_MIGRATION_SERVICE'), consent('SHARE_WITH_EMPLOYERS')],
    sharedFields: ['OCCUPATIONS', 'SKILLS', 'LANGUAGES'],
    caseIn: '2422',
  },
  {
    personId: 'de7000000000000000000002',
    profile: {
      name: 'Jonas Påhittad (fiktiv)',
      phone: '+46 70 000 00 02',
      currentLocation: 'Stockholm',
      occupations: ['2512'],
      languages: ['sv', 'en', 'fi'],
      wishes: { municipalityCodes: ['2418'], housingType: 'RENTAL', moveFrom: '2027-01' },
    },
    consents: [consent('IN_MIGRATION_SERVICE')],
    sharedFields: [],
    caseIn: null,
  },
] as const;

/** What Sorsele plans to receive this year (a demo figure). */
export const DEMO_CAPACITY = { municipalityCode: '2422', input: { households: 12, housingUnits: 5, preschoolPlaces: 4, schoolPlaces: 10 } };
