import type { Need, OfferingFormat, OfferingKind, OfferingStatus, TargetGroup } from '@hub/shared/contracts';

/** A text in both of the hub's languages, built from the same facts: reasons, for people to read. */
export interface LocalisedText {
  sv: string;
  en: string;
}

/** 1 is the most pressing; a needs analysis ranks each need it records. */
export type NeedPriority = 1 | 2 | 3;

export interface RecordedNeed {
  need: Need;
  priority: NeedPriority;
}

/**
 * What matching knows of a company: register facts from the organisations service's events, and what the needs
 * analysis recorded (needs, self-declared owner groups, what the company offers and seeks).
 */
export interface CompanyProfile {
  id: string;
  municipalityCode: string;
  /** Ranked by turnover, the first is the main industry; five-digit SNI 2007 codes. */
  sniCodes: string[];
  /** null when the register does not say */
  employees: number | null;
  foundedYear: number | null;
  /** Self-declared owner groups only: 'women', 'young-people', 'foreign-born'. */
  ownerGroups: TargetGroup[];
  needs: RecordedNeed[];
  /** Free tags, lower-case, for company-to-company matching: what it sells and what it looks for. */
  offers: string[];
  seeks: string[];
}

/** This service's read model of one offering, from offering and enrolment events. */
export interface OfferingFacts {
  id: string;
  providerId: string;
  projectId: string | null;
  kind: OfferingKind;
  status: OfferingStatus;
  needs: readonly Need[];
  targetGroups: readonly TargetGroup[];
  sniCodes: readonly string[];
  /** Empty = the whole region. */
  municipalityCodes: readonly string[];
  format: OfferingFormat;
  /** YYYY-MM-DD or null */
  startDate: string | null;
  endDate: string | null;
  applicationDeadline: string | null;
  /** null = unlimited */
  capacity: number | null;
  enrolled: number;
  eligibility: {
    maxEmployees: number | null;
    maxCompanyAgeYears: number | null;
    sniPrefixes: readonly string[];
    municipalityCodes: readonly string[];
  };
}

/** A contact of a support organisation who advises on some needs (no name: that stays with the organisations service). */
export interface AdviserProfile {
  organisationId: string;
  contactId: string;
  expertise: Need[];
  /** The adviser's organisation's municipality. */
  municipalityCode: string;
}
