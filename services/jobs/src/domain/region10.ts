/**
 * Region 10's ten municipalities with their SCB codes (JobTech's `municipality_code`, the hub's municipality ids)
 * and JobTech's concept ids, by which the job-ad stream is filtered to the region.
 */
export const REGION10_MUNICIPALITIES = [
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
] as const;

const CODES = new Set<string>(REGION10_MUNICIPALITIES.map((municipality) => municipality.code));

export function isRegion10Municipality(code: string): boolean {
  return CODES.has(code);
}
