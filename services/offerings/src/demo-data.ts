/**
 * Demo offerings from DOMAIN.md, by provider and project name as the organisations service's demo data has
 * them. Values are GraphQL input values: the seed sends them through the gateway like any integration.
 */
export interface DemoOffering {
  provider: string;
  project?: string;
  input: Record<string, unknown>;
}

const REGION10 = ['2506', '2505', '2425', '2481', '2418', '2417', '2422', '2421', '2462', '2463'];
const NORTH_BUSINESS_ARENA = ['2584', '2523', '2510', '2505', '2506', '2521', '2518', '2513'];

const stegetVidare = (municipality: string, name: string, capacity: number) => ({
  kind: 'DEVELOPMENT_PROGRAMME',
  title: { sv: `Steget vidare ${name}`, en: `The next step, ${name}` },
  description: {
    sv: `Utvecklingsprogram för företag i ${name} med gruppseminarier och individuella rådgivningsmöten, fysiskt och digitalt, tillsammans med Almi Nord.`,
  },
  targetGroups: ['ESTABLISHED_COMPANIES', 'MICRO_COMPANIES'],
  municipalityCodes: [municipality],
  format: 'HYBRID',
  startDate: '2020-09-01',
  endDate: '2020-11-30',
  applicationDeadline: '2020-08-21',
  capacity,
  priceSek: 0,
  needs: ['BUSINESS_PLANNING', 'BUDGETING', 'ANALYSING_SURROUNDINGS'],
  eligibility: { municipalityCodes: [municipality] },
});

export const DEMO_OFFERINGS: DemoOffering[] = [
  { provider: 'Almi Företagspartner Nord', input: stegetVidare('2418', 'Malå', 7) },
  { provider: 'Almi Företagspartner Nord', input: stegetVidare('2506', 'Arjeplog', 6) },
  {
    provider: 'Almi Företagspartner Nord',
    input: {
      kind: 'WORKSHOP_OR_SEMINAR',
      title: { sv: 'Steget vidare – digital uppföljning Malå och Arjeplog' },
      description: { sv: 'Gemensam digital uppföljning för företagen som gick Steget vidare i Malå och Arjeplog hösten 2020.' },
      targetGroups: ['ESTABLISHED_COMPANIES'],
      municipalityCodes: ['2418', '2506'],
      format: 'DIGITAL',
      startDate: '2021-01-20',
      endDate: '2021-01-20',
      needs: ['BUSINESS_PLANNING'],
    },
  },
  {
    provider: 'Region 10 – Möjligheternas Region',
    project: 'Näringslivsutveckling i Möjligheternas Region (NiMR)',
    input: {
      kind: 'COACHING',
      title: { sv: 'Affärscoachning i Möjligheternas Region', en: 'Business coaching in Region 10' },
      description: { sv: 'Individuell affärscoachning för företag i Region 10:s kommuner.' },
      targetGroups: ['NEW_ENTREPRENEURS', 'ESTABLISHED_COMPANIES', 'WOMEN', 'YOUNG_PEOPLE', 'FOREIGN_BORN'],
      municipalityCodes: REGION10,
      format: 'HYBRID',
      startDate: '2019-01-01',
      endDate: '2022-12-31',
      funding: { description: 'ERUF 50 %, regionen 25 %, kommunerna 25 %' },
      needs: ['BUSINESS_PLANNING', 'FINANCING', 'GENDER_EQUALITY'],
    },
  },
  ...[
    ['CONSULTING_SUPPORT', 'Extern konsultstöd för hållbar industri', 'Stöd av externa konsulter för utvecklingsprojekt med hållbarhetsfokus enligt Agenda 2030.'],
    ['WORKSHOP_OR_SEMINAR', 'Workshoppar om hållbar omställning', 'Workshoppar för företag om hållbar utveckling och Agenda 2030.'],
    ['CONSULTING_SUPPORT', 'Behovsanalys och handlingsplan', 'Behovsanalys av företaget och en handlingsplan med hållbarhetsperspektiv enligt Agenda 2030.'],
  ].map(([kind, title, description]) => ({
    provider: 'Region 10 – Möjligheternas Region',
    project: 'Smart hållbar industri i Möjligheternas Region (SHiMR)',
    input: {
      kind,
      title: { sv: title },
      description: { sv: description },
      targetGroups: ['ESTABLISHED_COMPANIES'],
      municipalityCodes: REGION10,
      format: 'HYBRID',
      startDate: '2023-01-01',
      endDate: '2025-12-31',
      needs: ['SUSTAINABILITY', 'INNOVATION'],
    },
  })),
  ...[
    ['START_UP_ADVICE', 'Nyföretagarrådgivning', ['NEW_ENTREPRENEURS'], ['START_UP', 'BUSINESS_PLANNING']],
    ['INNOVATION_ADVICE', 'Innovationsrådgivning', ['ESTABLISHED_COMPANIES'], ['INNOVATION']],
    ['NETWORK_OR_FAIR', 'Nätverk och mässor', ['ESTABLISHED_COMPANIES'], ['EXPORT', 'INDUSTRY_COOPERATION']],
    ['MATCHMAKING_EVENT', 'Matchmaking och partnermöten', ['ESTABLISHED_COMPANIES'], ['SUPPLIERS', 'EXPORT', 'INDUSTRY_COOPERATION']],
  ].map(([kind, title, targetGroups, needs]) => ({
    provider: 'Gällivare Näringsliv',
    project: 'North Business Arena',
    input: {
      kind,
      title: { sv: `${title as string} – North Business Arena` },
      description: { sv: `${title as string} för företag i Norrbottens inland inom North Business Arena.` },
      targetGroups,
      municipalityCodes: NORTH_BUSINESS_ARENA,
      format: 'HYBRID',
      startDate: '2017-01-01',
      endDate: '2019-12-31',
      needs,
    },
  })),
  {
    provider: 'Akademi Norr',
    project: 'Kompetens och digitalisering för mikroföretag i glesbygd',
    input: {
      kind: 'COURSE',
      title: { sv: 'Digitala verktyg för mikroföretag', en: 'Digital tools for micro companies' },
      description: { sv: 'Kompetenshöjande kurs om digitala verktyg för mikroföretag, med Umeå universitet.' },
      targetGroups: ['MICRO_COMPANIES'],
      municipalityCodes: ['2505', '2463', '2513'],
      format: 'DIGITAL',
      startDate: '2023-02-01',
      endDate: '2023-11-30',
      applicationDeadline: '2023-01-15',
      capacity: 30,
      eligibility: { maxEmployees: 9 },
      needs: ['DIGITALISATION', 'COMPETENCE'],
    },
  },
  {
    provider: 'Vinnova',
    input: {
      kind: 'FUNDING_CALL',
      title: { sv: 'Vinnova – utlysning för innovativa små företag' },
      description: { sv: 'Finansiering av innovationsprojekt i små och medelstora företag.' },
      targetGroups: ['ESTABLISHED_COMPANIES'],
      format: 'DIGITAL',
      startDate: '2026-01-15',
      endDate: '2026-12-31',
      applicationDeadline: '2026-01-15',
      funding: { description: 'Vinnova' },
      needs: ['INNOVATION', 'FINANCING'],
    },
  },
  {
    provider: 'Almi Företagspartner Nord',
    input: {
      kind: 'LOAN',
      title: { sv: 'Almi företagslån' },
      description: { sv: 'Lån till små och medelstora företag som komplement till bankens finansiering.' },
      targetGroups: ['NEW_ENTREPRENEURS', 'ESTABLISHED_COMPANIES'],
      format: 'HYBRID',
      startDate: '2025-01-01',
      endDate: '2027-12-31',
      needs: ['FINANCING'],
    },
  },
  {
    provider: 'Tillväxtverket',
    input: {
      kind: 'GRANT',
      title: { sv: 'Stöd till kommuner i stödområde A' },
      description: { sv: 'Bidrag på 1,76 miljoner kronor om året till var och en av de 39 kommunerna i stödområde A för näringslivsutveckling.' },
      targetGroups: ['ESTABLISHED_COMPANIES'],
      municipalityCodes: REGION10,
      format: 'HYBRID',
      startDate: '2022-01-01',
      endDate: '2024-12-31',
      needs: ['FINANCING'],
    },
  },
];
