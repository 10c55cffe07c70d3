/**
 * Region 10's ten municipalities, the hub's home: the SCB code (also JobTech's `lau-2` code and the hub's municipality
 * id), the name, and JobTech's concept id, by which job ads name the municipality and the job-ad stream is filtered.
 */
export interface Region10Municipality {
  code: string;
  name: string;
  jobtechConceptId: string;
}

export const REGION10_MUNICIPALITIES: readonly Region10Municipality[] = [
  { code: '2506', name: 'Arjeplog', jobtechConceptId: 'vkQW_GB6_MNk' },
  { code: '2505', name: 'Arvidsjaur', jobtechConceptId: 'A5WX_XVo_Zt6' },
  { code: '2425', name: 'Dorotea', jobtechConceptId: 'tSkf_Tbn_rHk' },
  { code: '2481', name: 'Lycksele', jobtechConceptId: '7rpN_naz_3Uz' },
  { code: '2418', name: 'Malå', jobtechConceptId: '7sHJ_YCE_5Zv' },
  { code: '2417', name: 'Norsjö', jobtechConceptId: 'XmpG_vPQ_K7T' },
  { code: '2422', name: 'Sorsele', jobtechConceptId: 'VM7L_yJK_Doo' },
  { code: '2421', name: 'Storuman', jobtechConceptId: 'gQgT_BAk_fMu' },
  { code: '2462', name: 'Vilhelmina', jobtechConceptId: 'tUnW_mFo_Hvi' },
  { code: '2463', name: 'Åsele', jobtechConceptId: 'xLdL_tMA_JJv' },
];

const BY_CODE = new Map(REGION10_MUNICIPALITIES.map((municipality) => [municipality.code, municipality]));
const CODE_BY_CONCEPT_ID = new Map(REGION10_MUNICIPALITIES.map((municipality) => [municipality.jobtechConceptId, municipality.code]));

export function isRegion10Municipality(code: string): boolean {
  return BY_CODE.has(code);
}

export function municipalityName(code: string): string | undefined {
  return BY_CODE.get(code)?.name;
}

export function municipalityCodeForConceptId(conceptId: string): string | undefined {
  return CODE_BY_CONCEPT_ID.get(conceptId);
}
