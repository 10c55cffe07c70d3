import { ValidationError } from '@hub/shared/errors';

export const SNI_VERSIONS = ['SNI2007', 'SNI2025'] as const;
export type SniVersion = (typeof SNI_VERSIONS)[number];

export interface IndustryCode {
  /** Two to five digits: division, group, class, or the national fifth-level subclass. */
  code: string;
  /** SNI 2025 moves codes between sections, so every code carries its version. */
  version: SniVersion;
}

export function normaliseIndustryCodes(codes: IndustryCode[], field = 'industries'): IndustryCode[] {
  if (codes.length > 20) throw new ValidationError({ en: 'At most 20 industry codes', sv: 'Högst 20 branschkoder' }, field);
  const seen = new Set<string>();
  return codes.map((industry, index) => {
    const code = industry.code.trim().replace('.', '');
    if (!/^\d{2,5}$/.test(code) || code.startsWith('00')) {
      throw new ValidationError({ en: `"${industry.code.slice(0, 12)}" is not an SNI code (2 to 5 digits)`, sv: `"${industry.code.slice(0, 12)}" är inte en SNI-kod (2 till 5 siffror)` }, `${field}.${index}.code`);
    }
    const key = `${industry.version}:${code}`;
    if (seen.has(key)) throw new ValidationError({ en: 'An industry code is listed once', sv: 'En branschkod får bara anges en gång' }, `${field}.${index}.code`);
    seen.add(key);
    return { code, version: industry.version };
  });
}
