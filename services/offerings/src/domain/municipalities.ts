/**
 * Reference data: the SCB codes of the municipalities the hub knows, the same list the organisations service
 * starts with. Services share no code, and organisation events only carry the codes in use, so this service
 * keeps its own copy to refuse a mistyped code; a municipality added there is added here too.
 */
export const KNOWN_MUNICIPALITY_CODES: ReadonlySet<string> = new Set([
  // Region 10
  '2506', '2505', '2425', '2481', '2418', '2417', '2422', '2421', '2462', '2463',
  // partner municipalities of North Business Arena and the Akademi Norr project
  '2584', '2523', '2510', '2521', '2518', '2513',
  // seats of the regional and national support organisations
  '2480', '2580', '0180',
]);

export function isMunicipalityCode(code: string): boolean {
  return /^\d{4}$/.test(code);
}
