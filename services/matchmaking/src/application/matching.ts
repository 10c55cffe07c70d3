import { hasRole, type HubClaims } from '@hub/shared/auth';
import { swedishDate } from '@hub/shared/calendar';
import { ForbiddenError, ValidationError } from '@hub/shared/errors';
import { explainExclusion, matchAdvisers, matchCompanies, matchOfferings, type AdviserMatch, type CompanyMatch, type ExclusionReason, type MatchReason, type OfferingMatchResult } from '../domain/matching';
import type { CompanyProfile, LocalisedText } from '../domain/model';
import type { MatchingView } from './matching-view';
import type { NeedsApplication } from './needs';

export const MAX_FIRST = 50;

function pageSize(first: number, field: string): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) throw new ValidationError({ en: `first is 1 to ${MAX_FIRST}`, sv: `first ska vara 1 till ${MAX_FIRST}` }, field);
  return first;
}

export interface MatchExplanation {
  companyId: string;
  offeringId: string;
  suggested: boolean;
  score: number | null;
  reasons: MatchReason[];
  exclusion: ExclusionReason | null;
  text: string | null;
  texts: LocalisedText | null;
}

/**
 * Matching answered from the in-memory view, never by asking the offerings service: rankings follow needs and
 * offerings as soon as their events or writes arrive.
 */
export class MatchingApplication {
  constructor(
    private readonly view: MatchingView,
    private readonly needs: NeedsApplication,
    private readonly today: () => string = swedishDate,
  ) {}

  /** The company's best offerings, and the relevant ones left out with why (the first `excludedFirst`). */
  offeringMatches(claims: HubClaims, companyId: string, first: number, excludedFirst: number): OfferingMatchResult {
    const company = this.readableCompany(claims, companyId);
    const result = matchOfferings(company, this.view.offerings, this.today(), { limit: pageSize(first, 'first') });
    return { matches: result.matches, excluded: result.excluded.slice(0, pageSize(excludedFirst, 'excludedFirst')) };
  }

  /** One offering for one company: suggested with its score and reasons, or left out with why. */
  explain(claims: HubClaims, companyId: string, offeringId: string): MatchExplanation {
    const company = this.readableCompany(claims, companyId);
    const offering = this.view.offering(offeringId.toLowerCase());
    if (!offering) throw new ValidationError({ en: `No offering with id ${offeringId} (if it was just published, try again in a moment)`, sv: `Det finns ingen insats med id ${offeringId} (om den nyss publicerats, försök igen om en stund)` }, 'offeringId');
    const base = { companyId: company.id, offeringId: offering.id };
    const today = this.today();
    const excluded = explainExclusion(company, offering, today);
    if (excluded) return { ...base, suggested: false, score: null, reasons: [], exclusion: excluded.reason, text: excluded.text, texts: excluded.texts };
    const [match] = matchOfferings(company, [offering], today, { limit: 1 }).matches;
    return { ...base, suggested: true, score: match?.score ?? null, reasons: match?.reasons ?? [], exclusion: null, text: null, texts: null };
  }

  /** Companies to meet or buy from, in any municipality. */
  companyMatches(claims: HubClaims, companyId: string, first: number): CompanyMatch[] {
    const company = this.readableCompany(claims, companyId);
    return matchCompanies(company, this.view.companies(), { limit: pageSize(first, 'first') });
  }

  adviserMatches(claims: HubClaims, companyId: string, first: number): AdviserMatch[] {
    const company = this.readableCompany(claims, companyId);
    return matchAdvisers(company, this.view.advisers(), { limit: pageSize(first, 'first') });
  }

  /**
   * The companies an offering suits best: for its provider's staff and admins; a municipal office sees its own
   * municipality's companies. Ranked by the same score a company's own list uses.
   */
  suitedCompanies(claims: HubClaims, offeringId: string, first: number): Array<{ companyId: string; score: number; reasons: CompanyMatch['reasons'] }> {
    const offering = this.view.offering(offeringId.toLowerCase());
    if (!offering) return [];
    const limit = pageSize(first, 'first');
    const isProvider = (hasRole(claims, 'partner-staff') || hasRole(claims, 'municipal-staff')) && claims.organisationId === offering.providerId;
    let inScope: (company: CompanyProfile) => boolean;
    if (hasRole(claims, 'admin') || isProvider) inScope = () => true;
    else if (hasRole(claims, 'municipal-staff') && claims.municipalityCode) inScope = (company) => company.municipalityCode === claims.municipalityCode;
    else throw new ForbiddenError({ en: "The companies an offering suits are for its provider's staff and the municipal offices", sv: 'Vilka företag en insats passar visas bara för arrangörens personal och kommunernas näringslivskontor' });

    const today = this.today();
    const suited: Array<{ companyId: string; score: number; reasons: CompanyMatch['reasons'] }> = [];
    for (const company of this.view.companies()) {
      if (!inScope(company)) continue;
      const [match] = matchOfferings(company, [offering], today, { limit: 1 }).matches;
      if (match) suited.push({ companyId: company.id, score: match.score, reasons: match.reasons });
    }
    return suited.sort((a, b) => b.score - a.score || (a.companyId < b.companyId ? -1 : 1)).slice(0, limit);
  }

  private readableCompany(claims: HubClaims, companyId: string): CompanyProfile {
    const company = this.needs.requireCompany(companyId);
    this.needs.assertMayWorkWith(claims, company);
    return company;
  }
}
