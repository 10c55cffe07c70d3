import { ROLES, type HubClaims } from '@hub/shared/auth';
import type { OrganisationKind } from '@hub/shared/contracts';
import { luhnCheckDigit } from './domain/organisation-number';
import type { Contact } from './domain/organisation';
import type { ProjectDetails } from './domain/project';
import type { Applications } from './graphql/context';

/**
 * Demo data: the real organisations, programmes and municipalities of DOMAIN.md. Their organisation numbers are
 * synthetic (valid check digit, pattern NN99xx-xxxx) and every contact person is invented — no real person
 * appears. Seeding is idempotent: what already exists is left as it is.
 */
const SEED_CLAIMS: HubClaims = { sub: 'demo-seed', roles: [ROLES[5]] };

function demoOrganisationNumber(group: number, serial: number): string {
  const nine = `${group}99${String(serial).padStart(6, '0')}`;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

function fictionalContact(given: string, role: Contact['role'], expertise: string[], domain: string): Contact {
  const name = `${given} Exempelsson (fiktiv)`;
  return { name, role, expertise, email: `${given.toLowerCase()}.exempelsson@${domain}.example`, phone: '+46 70 000 00 00' };
}

interface DemoOrganisation {
  key: string;
  kind: OrganisationKind;
  name: string;
  group: number;
  municipalityCode: string;
  website?: string;
  industries?: string[];
  employees?: number;
  foundedYear?: number;
  contacts?: Contact[];
}

const REGION10_OFFICES: Array<[string, string, string]> = [
  ['arjeplog', 'Arjeplogs kommun – Näringslivskontoret', '2506'],
  ['arvidsjaur', 'Arvidsjaurs kommun – Näringslivsenheten', '2505'],
  ['dorotea', 'Dorotea kommun – Näringslivskontoret', '2425'],
  ['lycksele', 'Lycksele kommun – Näringslivsavdelningen', '2481'],
  ['mala', 'Malå kommun – Utvecklingsavdelningen', '2418'],
  ['norsjo', 'Norsjö kommun – Tillväxtenheten', '2417'],
  ['sorsele', 'Sorsele kommun – Näringslivskontoret', '2422'],
  ['storuman', 'Storumans kommun – Näringslivskontoret', '2421'],
  ['vilhelmina', 'Vilhelmina kommun – Näringslivskontoret', '2462'],
  ['asele', 'Åsele kommun – Näringslivskontoret', '2463'],
  ['overkalix', 'Överkalix kommun – Näringslivskontoret', '2513'],
];

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    key: 'almi', kind: 'support-organisation', name: 'Almi Företagspartner Nord', group: 5, municipalityCode: '2580', website: 'https://www.almi.se/nord/',
    contacts: [fictionalContact('Agnes', 'adviser', ['business-planning', 'financing', 'budgeting'], 'almi-demo'), fictionalContact('Birger', 'coach', ['export', 'innovation'], 'almi-demo')],
  },
  { key: 'vinnova', kind: 'funder', name: 'Vinnova', group: 2, municipalityCode: '0180', website: 'https://www.vinnova.se/' },
  { key: 'tillvaxtverket', kind: 'funder', name: 'Tillväxtverket', group: 2, municipalityCode: '0180', website: 'https://tillvaxtverket.se/' },
  { key: 'erdf', kind: 'funder', name: 'Europeiska regionala utvecklingsfonden (ERUF)', group: 2, municipalityCode: '0180' },
  { key: 'esf', kind: 'funder', name: 'Europeiska socialfonden (ESF)', group: 2, municipalityCode: '0180' },
  { key: 'eafrd', kind: 'funder', name: 'Europeiska jordbruksfonden för landsbygdsutveckling', group: 2, municipalityCode: '0180' },
  { key: 'foretagarna-vb', kind: 'network', name: 'Företagarna Västerbotten', group: 8, municipalityCode: '2480', contacts: [fictionalContact('Cecilia', 'business-developer', ['industry-cooperation', 'recruitment'], 'foretagarna-demo')] },
  { key: 'foretagarna-nb', kind: 'network', name: 'Företagarna Norrbotten', group: 8, municipalityCode: '2580' },
  { key: 'akademi-norr', kind: 'university-or-academy', name: 'Akademi Norr', group: 2, municipalityCode: '2421', contacts: [fictionalContact('David', 'project-manager', ['competence', 'digitalisation'], 'akademinorr-demo')] },
  { key: 'umu', kind: 'university-or-academy', name: 'Umeå universitet', group: 2, municipalityCode: '2480', website: 'https://www.umu.se/' },
  { key: 'region-vb', kind: 'region', name: 'Region Västerbotten', group: 2, municipalityCode: '2480' },
  { key: 'region-nb', kind: 'region', name: 'Region Norrbotten', group: 2, municipalityCode: '2580' },
  { key: 'region10', kind: 'network', name: 'Region 10 – Möjligheternas Region', group: 2, municipalityCode: '2481' },
  { key: 'sparbanken-nord', kind: 'support-organisation', name: 'Sparbanken Nord', group: 8, municipalityCode: '2580', industries: ['64190'] },
  { key: 'gallivare-naringsliv', kind: 'municipal-business-office', name: 'Gällivare Näringsliv', group: 5, municipalityCode: '2523' },
  ...REGION10_OFFICES.map(([key, name, municipalityCode]): DemoOrganisation => ({
    key, kind: 'municipal-business-office', name, group: 2, municipalityCode,
    contacts: [fictionalContact('Elin', 'business-developer', ['business-planning', 'recruitment', 'suppliers'], `${key}-demo`)],
  })),
  // fictional companies of the kinds that took part in "Steget vidare" in Malå and Arjeplog
  { key: 'demo-turism-mala', kind: 'company', name: 'Fjällglimt Turism AB (demo)', group: 5, municipalityCode: '2418', industries: ['55201', '79900'], employees: 4, foundedYear: 2012 },
  { key: 'demo-handel-mala', kind: 'company', name: 'Malå Lanthandel AB (demo)', group: 5, municipalityCode: '2418', industries: ['47111'], employees: 6, foundedYear: 1998 },
  { key: 'demo-it-mala', kind: 'company', name: 'Skogsdata IT AB (demo)', group: 5, municipalityCode: '2418', industries: ['62010', '63110'], employees: 3, foundedYear: 2024 },
  { key: 'demo-bygg-mala', kind: 'company', name: 'Norrform Bygg & Design AB (demo)', group: 5, municipalityCode: '2418', industries: ['41200', '74100'], employees: 12, foundedYear: 2006 },
  { key: 'demo-halsa-mala', kind: 'company', name: 'Myrstack Hälsa & Skönhet AB (demo)', group: 5, municipalityCode: '2418', industries: ['96021'], employees: 1, foundedYear: 2025 },
  { key: 'demo-turism-arjeplog', kind: 'company', name: 'Silvervägen Äventyr AB (demo)', group: 5, municipalityCode: '2506', industries: ['93199'], employees: 5, foundedYear: 2016 },
  { key: 'demo-employer-sorsele', kind: 'employer', name: 'Vindelälvens Vård AB (demo)', group: 5, municipalityCode: '2422', industries: ['87301'], employees: 45, foundedYear: 1994 },
];

const REGION10_CODES = ['2506', '2505', '2425', '2481', '2418', '2417', '2422', '2421', '2462', '2463'];

type DemoProject = Omit<ProjectDetails, 'ownerId' | 'funders' | 'partnerIds'> & { owner: string; funders: Array<[string, number]>; partners: string[] };

export const DEMO_PROJECTS: DemoProject[] = [
  {
    kind: 'project', name: 'Näringslivsutveckling i Möjligheternas Region (NiMR)', owner: 'region10', startDate: '2019-01-01', endDate: '2022-12-31',
    description: 'Affärscoachning och stöd till företag i Region 10:s inlandskommuner.', municipalityCodes: REGION10_CODES,
    funders: [['erdf', 50], ['region-vb', 25], ['region10', 25]], partners: ['almi', 'mala', 'arjeplog', 'norsjo'],
  },
  {
    kind: 'project', name: 'Smart hållbar industri i Möjligheternas Region (SHiMR)', owner: 'region10', startDate: '2023-01-01', endDate: '2025-12-31',
    description: 'Konsultstöd, workshops och behovsanalyser med Agenda 2030-perspektiv.', municipalityCodes: REGION10_CODES,
    funders: [['erdf', 50], ['region-vb', 25], ['region10', 25]], partners: ['almi'],
  },
  {
    kind: 'project', name: 'Move Up North', owner: 'sorsele', startDate: '2023-01-01', endDate: '2026-12-31',
    description: 'Inflyttarservice och kompetensförsörjning för regionens arbetsgivare.', municipalityCodes: REGION10_CODES,
    funders: [['esf', 100]], partners: REGION10_OFFICES.filter(([key]) => key !== 'sorsele' && key !== 'overkalix').map(([key]) => key),
  },
  {
    kind: 'programme', name: 'North Business Arena', owner: 'gallivare-naringsliv', startDate: '2017-01-01', endDate: '2019-12-31',
    description: 'Åtta kommuner i samarbete för utveckling av näringslivet: startrådgivning, nätverk, mässor och matchmaking.',
    municipalityCodes: ['2584', '2523', '2510', '2505', '2506', '2521', '2518', '2513'],
    funders: [['tillvaxtverket', 40], ['erdf', 40], ['sparbanken-nord', 10], ['foretagarna-nb', 10]], partners: ['foretagarna-nb', 'sparbanken-nord'],
  },
  {
    kind: 'project', name: 'Utveckling av näringslivet och företagsklimatet i Malå kommun (1,76-projektet)', owner: 'mala', startDate: '2022-01-01', endDate: '2024-12-31',
    description: '1,76 miljoner kronor per år från Tillväxtverket till kommuner i stödområde A.', municipalityCodes: ['2418'],
    funders: [['tillvaxtverket', 100]], partners: [],
  },
  {
    kind: 'project', name: 'Kompetens och digitalisering för mikroföretag i glesbygd', owner: 'akademi-norr', startDate: '2023-01-01', endDate: '2024-12-31',
    description: 'Kompetenshöjande kurser om digitala verktyg för mikroföretag.', municipalityCodes: ['2505', '2463', '2513'],
    funders: [['erdf', 100]], partners: ['umu', 'foretagarna-vb', 'foretagarna-nb', 'arvidsjaur', 'asele', 'overkalix'],
  },
];

export async function seedDemoData(app: Applications): Promise<{ organisations: number; projects: number }> {
  const ids = new Map<string, string>();
  let organisationsCreated = 0;
  for (const [serial, demo] of DEMO_ORGANISATIONS.entries()) {
    const organisationNumber = demoOrganisationNumber(demo.group, serial + 1);
    const existing = await app.organisations.byOrganisationNumber(organisationNumber);
    const organisation =
      existing ??
      (await app.organisations.register(
        SEED_CLAIMS,
        {
          kind: demo.kind, name: demo.name, organisationNumber, municipalityCode: demo.municipalityCode,
          industries: (demo.industries ?? []).map((code) => ({ code, version: 'SNI2007' })), contacts: demo.contacts ?? [],
          ...(demo.website ? { website: demo.website } : {}),
          ...(demo.employees !== undefined ? { employees: demo.employees } : {}),
          ...(demo.foundedYear !== undefined ? { foundedYear: demo.foundedYear } : {}),
        },
        'demo-seed',
      ));
    if (!existing) organisationsCreated++;
    ids.set(demo.key, organisation._id.toHexString());
  }
  const idOf = (key: string): string => {
    const id = ids.get(key);
    if (!id) throw new Error(`demo data names an unknown organisation key ${key}`);
    return id;
  };

  let projectsCreated = 0;
  for (const demo of DEMO_PROJECTS) {
    const existing = await app.projects.list({ text: demo.name }, 5);
    if (existing.items.some((project) => project.name === demo.name)) continue;
    const { owner, funders, partners, ...details } = demo;
    await app.projects.register(
      SEED_CLAIMS,
      { ...details, ownerId: idOf(owner), funders: funders.map(([key, sharePercent]) => ({ funderId: idOf(key), sharePercent })), partnerIds: partners.map(idOf) },
      'demo-seed',
    );
    projectsCreated++;
  }
  return { organisations: organisationsCreated, projects: projectsCreated };
}
