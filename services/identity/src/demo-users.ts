import type { Role } from '@hub/shared/auth';

/**
 * The development provider's fictional people: one business-office adviser and one migration officer in each
 * Region 10 municipality, staff of three support organisations, an administrator, an integration operator and a
 * member of the public. Every name is invented and says so. They share the password the seed is given.
 */
export interface DemoUser {
  username: string;
  name: string;
  roles: Role[];
  municipalityCode?: string;
  /** Resolved to the organisation's id through the graph when the directory is written. */
  organisationName?: string;
}

const MUNICIPALITIES: Array<{ key: string; place: string; code: string; office: string }> = [
  { key: 'arjeplog', place: 'Arjeplog', code: '2506', office: 'Arjeplogs kommun – Näringslivskontoret' },
  { key: 'arvidsjaur', place: 'Arvidsjaur', code: '2505', office: 'Arvidsjaurs kommun – Näringslivsenheten' },
  { key: 'dorotea', place: 'Dorotea', code: '2425', office: 'Dorotea kommun – Näringslivskontoret' },
  { key: 'lycksele', place: 'Lycksele', code: '2481', office: 'Lycksele kommun – Näringslivsavdelningen' },
  { key: 'mala', place: 'Malå', code: '2418', office: 'Malå kommun – Utvecklingsavdelningen' },
  { key: 'norsjo', place: 'Norsjö', code: '2417', office: 'Norsjö kommun – Tillväxtenheten' },
  { key: 'sorsele', place: 'Sorsele', code: '2422', office: 'Sorsele kommun – Näringslivskontoret' },
  { key: 'storuman', place: 'Storuman', code: '2421', office: 'Storumans kommun – Näringslivskontoret' },
  { key: 'vilhelmina', place: 'Vilhelmina', code: '2462', office: 'Vilhelmina kommun – Näringslivskontoret' },
  { key: 'asele', place: 'Åsele', code: '2463', office: 'Åsele kommun – Näringslivskontoret' },
];

export const DEMO_USERS: DemoUser[] = [
  ...MUNICIPALITIES.flatMap(({ key, place, code, office }): DemoUser[] => [
    { username: `${key}.naringsliv`, name: `Näringslivsrådgivare i ${place} (fiktiv)`, roles: ['municipal-staff'], municipalityCode: code, organisationName: office },
    { username: `${key}.inflytt`, name: `Inflyttarhandläggare i ${place} (fiktiv)`, roles: ['migration-officer'], municipalityCode: code },
  ]),
  { username: 'almi.radgivare', name: 'Rådgivare på Almi Nord (fiktiv)', roles: ['partner-staff'], organisationName: 'Almi Företagspartner Nord' },
  { username: 'akademinorr.projekt', name: 'Projektledare på Akademi Norr (fiktiv)', roles: ['partner-staff'], organisationName: 'Akademi Norr' },
  { username: 'foretagarna.vb', name: 'Verksamhetsutvecklare på Företagarna Västerbotten (fiktiv)', roles: ['partner-staff'], organisationName: 'Företagarna Västerbotten' },
  { username: 'hub.admin', name: 'Hubbens administratör (fiktiv)', roles: ['admin'] },
  { username: 'integration.drift', name: 'Driftansvarig för integrationer (fiktiv)', roles: ['integration'] },
  { username: 'besokare', name: 'Besökare (fiktiv)', roles: ['public'] },
];
