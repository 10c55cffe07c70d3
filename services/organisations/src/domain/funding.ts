import { ValidationError } from '@hub/shared/errors';

export interface FundingShare {
  funderId: string;
  /** Percent of the project's budget, with at most two decimals. */
  sharePercent: number;
}

/**
 * A project's funders pay shares that together make the whole budget (NiMR: 50 % ERDF, 25 % region, 25 %
 * municipalities). Shares are compared in hundredths of a percent so 33.33 + 33.33 + 33.34 adds up exactly.
 */
export function validateFundingShares(shares: FundingShare[], field = 'funders'): void {
  if (shares.length === 0) throw new ValidationError({ en: 'A project needs at least one funder', sv: 'Ett projekt behöver minst en finansiär' }, field);
  const seen = new Set<string>();
  let totalHundredths = 0;
  shares.forEach((share, index) => {
    const hundredths = Math.round(share.sharePercent * 100);
    if (!Number.isFinite(share.sharePercent) || share.sharePercent <= 0 || share.sharePercent > 100) {
      throw new ValidationError({ en: 'A funding share is more than 0 and at most 100 percent', sv: 'En finansieringsandel är mer än 0 och högst 100 procent' }, `${field}.${index}.sharePercent`);
    }
    if (Math.abs(hundredths - share.sharePercent * 100) > 1e-6) {
      throw new ValidationError({ en: 'A funding share has at most two decimals', sv: 'En finansieringsandel har högst två decimaler' }, `${field}.${index}.sharePercent`);
    }
    if (seen.has(share.funderId)) {
      throw new ValidationError({ en: 'A funder is listed once, with its whole share', sv: 'En finansiär anges en gång, med hela sin andel' }, `${field}.${index}.funderId`);
    }
    seen.add(share.funderId);
    totalHundredths += hundredths;
  });
  if (totalHundredths !== 10_000) {
    throw new ValidationError({ en: `Funding shares must add up to 100 percent, not ${totalHundredths / 100}`, sv: `Finansieringsandelarna måste bli 100 procent tillsammans, inte ${totalHundredths / 100}` }, field);
  }
}
