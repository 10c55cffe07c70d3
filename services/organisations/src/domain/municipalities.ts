/**
 * Reference data: the municipalities the hub starts with. Region 10's ten members and the partner municipalities
 * of North Business Arena and the Akademi Norr project, and the seats of the support organisations; more can be stored, so nothing assumes exactly ten.
 * SCB code = JobTech lau-2 code; the county is the code's first two digits.
 */
export interface MunicipalityRecord {
  code: string;
  name: string;
  region10: boolean;
  jobtechConceptId?: string;
}

export const COUNTIES: Record<string, string> = {
  '01': 'Stockholms län',
  '24': 'Västerbottens län',
  '25': 'Norrbottens län',
};

export const REFERENCE_MUNICIPALITIES: MunicipalityRecord[] = [
  { code: '2506', name: 'Arjeplog', region10: true, jobtechConceptId: 'vkQW_GB6_MNk' },
  { code: '2505', name: 'Arvidsjaur', region10: true, jobtechConceptId: 'A5WX_XVo_Zt6' },
  { code: '2425', name: 'Dorotea', region10: true, jobtechConceptId: 'tSkf_Tbn_rHk' },
  { code: '2481', name: 'Lycksele', region10: true, jobtechConceptId: '7rpN_naz_3Uz' },
  { code: '2418', name: 'Malå', region10: true, jobtechConceptId: '7sHJ_YCE_5Zv' },
  { code: '2417', name: 'Norsjö', region10: true, jobtechConceptId: 'XmpG_vPQ_K7T' },
  { code: '2422', name: 'Sorsele', region10: true, jobtechConceptId: 'VM7L_yJK_Doo' },
  { code: '2421', name: 'Storuman', region10: true, jobtechConceptId: 'gQgT_BAk_fMu' },
  { code: '2462', name: 'Vilhelmina', region10: true, jobtechConceptId: 'tUnW_mFo_Hvi' },
  { code: '2463', name: 'Åsele', region10: true, jobtechConceptId: 'xLdL_tMA_JJv' },
  { code: '2584', name: 'Kiruna', region10: false },
  { code: '2523', name: 'Gällivare', region10: false },
  { code: '2510', name: 'Jokkmokk', region10: false },
  { code: '2521', name: 'Pajala', region10: false },
  { code: '2518', name: 'Övertorneå', region10: false },
  { code: '2513', name: 'Överkalix', region10: false },
  // where the regional and national support organisations sit
  { code: '2480', name: 'Umeå', region10: false },
  { code: '2580', name: 'Luleå', region10: false },
  { code: '0180', name: 'Stockholm', region10: false },
];

export function isMunicipalityCode(code: string): boolean {
  return /^\d{4}$/.test(code);
}

export function countyOf(code: string): { code: string; name: string } {
  const county = code.slice(0, 2);
  return { code: county, name: COUNTIES[county] ?? `Län ${county}` };
}
