import { hasRole, type HubClaims } from '@hub/shared/auth';
import type { OrganisationKind, OrganisationStatus } from '@hub/shared/contracts';
import { ConflictError, ForbiddenError, ValidationError } from '@hub/shared/errors';

/**
 * A municipal business office refers one of its companies to a provider (Almi, Vinnova, a university…), the
 * offices' role as the agencies' "locally extended arm". The provider answers (accepts or declines), works with
 * the company and reports it done; the office can take back a referral the provider has not answered yet.
 */
export const REFERRAL_STATUSES = ['proposed', 'accepted', 'declined', 'in-progress', 'completed', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/**
 * The legal changes. Withdrawal is added to the provider's steps because a referral made by mistake, or one the
 * company no longer wants, must be closable; only while unanswered, since once accepted the provider owns the work.
 */
const NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  proposed: ['accepted', 'declined', 'withdrawn'],
  accepted: ['in-progress'],
  'in-progress': ['completed'],
  declined: [],
  completed: [],
  withdrawn: [],
};

/** How a change reads in a message: "cannot be completed". */
const PARTICIPLE: Record<ReferralStatus, string> = {
  proposed: 'proposed',
  accepted: 'accepted',
  declined: 'declined',
  'in-progress': 'started',
  completed: 'completed',
  withdrawn: 'withdrawn',
};

/** How a referral's status and a change to it read in a Swedish message: "En slutförd remiss kan inte återkallas". */
const STATUS_IN_SWEDISH: Record<ReferralStatus, string> = {
  proposed: 'skickad',
  accepted: 'accepterad',
  declined: 'avböjd',
  'in-progress': 'påbörjad',
  completed: 'slutförd',
  withdrawn: 'återkallad',
};
const CHANGE_IN_SWEDISH: Record<ReferralStatus, string> = {
  proposed: 'skickas',
  accepted: 'accepteras',
  declined: 'avböjas',
  'in-progress': 'påbörjas',
  completed: 'slutföras',
  withdrawn: 'återkallas',
};

export const MAX_NOTE_LENGTH = 2000;

/**
 * Organisations that offer support and so can receive a referral. A municipal business office is one too: in the
 * hub offices provide offerings themselves, and a company may be sent to a neighbouring office's programme.
 * Companies and employers receive support, they do not give it.
 */
export const PROVIDER_KINDS: ReadonlySet<OrganisationKind> = new Set([
  'support-organisation',
  'funder',
  'university-or-academy',
  'network',
  'region',
  'municipal-business-office',
]);

const REFERABLE_KINDS: ReadonlySet<OrganisationKind> = new Set(['company', 'employer']);

export interface ReferralChange {
  status: ReferralStatus;
  /** ISO-8601 */
  at: string;
  /** The user (claims.sub). */
  by: string;
  /** The user's organisation; null for an admin acting for none. */
  byOrganisationId: string | null;
  note?: string;
}

export interface Referral {
  id: string;
  companyId: string;
  /** The company's municipality when it was referred: scopes reports by municipality. */
  municipalityCode: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  /** What the office tells the provider about the company and why it is referred. */
  note: string;
  status: ReferralStatus;
  /** Oldest first; the first entry is the proposal. */
  history: ReferralChange[];
  /** ISO-8601 */
  createdAt: string;
  /** When the provider first accepted or declined; null while unanswered. */
  firstResponseAt: string | null;
}

export interface ReferralInput {
  companyId: string;
  toOrganisationId: string;
  note: string;
  /** Only for an admin, who belongs to no office: the office the referral is made for. */
  fromOrganisationId?: string;
}

export interface OrganisationSnapshot {
  kind: OrganisationKind;
  status: OrganisationStatus;
}

/** What the caller looked up for createReferral; null when the organisation does not exist. */
export interface ReferralFacts {
  company: (OrganisationSnapshot & { municipalityCode: string }) | null;
  provider: OrganisationSnapshot | null;
  /** The referring office, the one referringOrganisationId names. */
  referrer: OrganisationSnapshot | null;
  /** Whether the company already has a referral to this provider that is not closed (proposed, accepted, in progress). */
  openReferralToProvider: boolean;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'An' : 'A';
}

function validNote(note: string | undefined, field: string, required: boolean): string | undefined {
  const trimmed = note?.trim() ?? '';
  if (trimmed.length === 0) {
    if (required) throw new ValidationError({ en: 'Write a note for the provider: who the company is and what it needs', sv: 'Skriv en anteckning till stödaktören: vem företaget är och vad det behöver' }, field);
    return undefined;
  }
  if (trimmed.length > MAX_NOTE_LENGTH) throw new ValidationError({ en: `At most ${MAX_NOTE_LENGTH} characters`, sv: `Högst ${MAX_NOTE_LENGTH} tecken` }, field);
  return trimmed;
}

/**
 * The office a referral is made from: the caller's own office for municipal staff; an admin names one. The
 * caller of createReferral uses it to look up facts.referrer.
 */
export function referringOrganisationId(claims: HubClaims, input: Pick<ReferralInput, 'fromOrganisationId'>): string {
  if (!hasRole(claims, 'municipal-staff')) throw new ForbiddenError({ en: 'Only the staff of a municipal business office may refer a company', sv: 'Bara personal på ett kommunalt näringslivskontor får remittera ett företag' });
  if (hasRole(claims, 'admin')) {
    const from = input.fromOrganisationId ?? claims.organisationId;
    if (!from) throw new ValidationError({ en: 'Say which office the referral is made for', sv: 'Ange vilket kontor remissen görs för' }, 'input.fromOrganisationId');
    return from;
  }
  if (!claims.organisationId) throw new ForbiddenError({ en: 'Your account belongs to no organisation, so it cannot refer', sv: 'Ditt konto hör inte till någon organisation och kan därför inte remittera' });
  if (input.fromOrganisationId !== undefined && input.fromOrganisationId !== claims.organisationId) {
    throw new ForbiddenError({ en: 'A referral is made from your own office', sv: 'En remiss skickas från ditt eget kontor' });
  }
  return claims.organisationId;
}

/**
 * A new referral, proposed. Municipal staff refer the companies of their own municipality (as they act for it
 * elsewhere in the hub); an admin any company.
 */
export function createReferral(claims: HubClaims, input: ReferralInput, facts: ReferralFacts, now: Date, id: string): Referral {
  const fromOrganisationId = referringOrganisationId(claims, input);
  if (!facts.referrer) throw new ValidationError({ en: `No organisation with id ${fromOrganisationId}`, sv: `Det finns ingen organisation med id ${fromOrganisationId}` }, 'input.fromOrganisationId');
  if (facts.referrer.kind !== 'municipal-business-office') throw new ValidationError({ en: `${fromOrganisationId} is not a municipal business office`, sv: `${fromOrganisationId} är inte ett kommunalt näringslivskontor` }, 'input.fromOrganisationId');
  if (facts.referrer.status !== 'active') throw new ValidationError({ en: 'The referring office is inactive', sv: 'Det remitterande kontoret är inte aktivt' }, 'input.fromOrganisationId');

  const { company, provider } = facts;
  if (!company) throw new ValidationError({ en: `No organisation with id ${input.companyId}`, sv: `Det finns ingen organisation med id ${input.companyId}` }, 'input.companyId');
  if (!REFERABLE_KINDS.has(company.kind)) throw new ValidationError({ en: 'Only a company or an employer can be referred', sv: 'Bara ett företag eller en arbetsgivare kan remitteras' }, 'input.companyId');
  if (company.status !== 'active') throw new ValidationError({ en: 'The company is inactive', sv: 'Företaget är inte aktivt' }, 'input.companyId');
  if (!hasRole(claims, 'admin') && claims.municipalityCode !== company.municipalityCode) {
    throw new ForbiddenError({ en: 'An office refers the companies of its own municipality', sv: 'Ett kontor remitterar företag i sin egen kommun' });
  }

  if (!provider) throw new ValidationError({ en: `No organisation with id ${input.toOrganisationId}`, sv: `Det finns ingen organisation med id ${input.toOrganisationId}` }, 'input.toOrganisationId');
  if (!PROVIDER_KINDS.has(provider.kind)) throw new ValidationError({ en: `${input.toOrganisationId} is not a provider`, sv: `${input.toOrganisationId} är inte en stödaktör` }, 'input.toOrganisationId');
  if (provider.status !== 'active') throw new ValidationError({ en: 'The provider is inactive', sv: 'Stödaktören är inte aktiv' }, 'input.toOrganisationId');
  if (input.toOrganisationId === fromOrganisationId) throw new ValidationError({ en: 'An office cannot refer a company to itself', sv: 'Ett kontor kan inte remittera ett företag till sig självt' }, 'input.toOrganisationId');
  if (facts.openReferralToProvider) throw new ConflictError({ en: 'The company already has an open referral to this provider', sv: 'Företaget har redan en öppen remiss till den här stödaktören' }, 'input.toOrganisationId');

  const note = validNote(input.note, 'input.note', true)!;
  const at = now.toISOString();
  return {
    id,
    companyId: input.companyId,
    municipalityCode: company.municipalityCode,
    fromOrganisationId,
    toOrganisationId: input.toOrganisationId,
    note,
    status: 'proposed',
    history: [{ status: 'proposed', at, by: claims.sub, byOrganisationId: claims.organisationId ?? null }],
    createdAt: at,
    firstResponseAt: null,
  };
}

/** A provider may be a municipal business office, whose staff hold the municipal role. */
function isProviderStaff(claims: HubClaims, referral: Pick<Referral, 'toOrganisationId'>): boolean {
  return hasRole(claims, 'partner-staff', 'municipal-staff') && claims.organisationId === referral.toOrganisationId;
}

function isReferrerStaff(claims: HubClaims, referral: Pick<Referral, 'fromOrganisationId'>): boolean {
  return hasRole(claims, 'municipal-staff') && claims.organisationId === referral.fromOrganisationId;
}

/**
 * Moves a referral on: the provider's staff accept, decline, start and complete it; the referring office's staff
 * withdraw it; an admin may do either. Who may is checked before whether the change is legal, so that an outsider
 * learns nothing of the referral's state. Returns the new referral; the old one is left as it was.
 */
export function transition(referral: Referral, to: ReferralStatus, claims: HubClaims, now: Date, note?: string): Referral {
  if (!(REFERRAL_STATUSES as readonly string[]).includes(to)) throw new ValidationError({ en: `Unknown referral status ${String(to)}`, sv: `Okänd status för remiss ${String(to)}` }, 'status');
  if (!hasRole(claims, 'admin')) {
    if (to === 'withdrawn' && !isReferrerStaff(claims, referral)) throw new ForbiddenError({ en: 'Only the referring office may withdraw a referral', sv: 'Bara det remitterande kontoret får återkalla en remiss' });
    if (to !== 'withdrawn' && !isProviderStaff(claims, referral)) {
      throw new ForbiddenError({ en: 'Only the staff of the organisation a referral is addressed to may answer it or report on it', sv: 'Bara personal hos den organisation som remissen är ställd till får svara på den eller rapportera om den' });
    }
  }
  if (!NEXT[referral.status].includes(to)) {
    throw new ValidationError({ en: `${article(referral.status)} ${referral.status} referral cannot be ${PARTICIPLE[to]}`, sv: `En ${STATUS_IN_SWEDISH[referral.status]} remiss kan inte ${CHANGE_IN_SWEDISH[to]}` }, 'status');
  }
  const at = now.toISOString();
  const change: ReferralChange = { status: to, at, by: claims.sub, byOrganisationId: claims.organisationId ?? null };
  const text = validNote(note, 'note', false);
  if (text !== undefined) change.note = text;
  const answered = to === 'accepted' || to === 'declined';
  return {
    ...referral,
    status: to,
    history: [...referral.history, change],
    firstResponseAt: referral.firstResponseAt ?? (answered ? at : null),
  };
}

/**
 * The parties see a referral: the office that sent it, the provider it is addressed to, and admins. Other staff
 * of the company's municipality do not: the note is written for the provider, and in practice the municipality's
 * office is the one that sent it.
 */
export function visibleTo(claims: HubClaims, referral: Referral): boolean {
  return hasRole(claims, 'admin') || isReferrerStaff(claims, referral) || isProviderStaff(claims, referral);
}

export interface ResponseTimeStats {
  /** Referrals proposed in the period. */
  count: number;
  /** Of those, accepted or declined by now. */
  answered: number;
  /** Hours from proposal to the first answer; null without answers. Interpolated between ranks. */
  medianHours: number | null;
  p90Hours: number | null;
  /** Still proposed, waiting for an answer. */
  unanswered: number;
  /** Hours the longest-waiting unanswered referral has waited until now; null when none waits. */
  oldestWaitingHours: number | null;
}

const HOUR_MS = 3_600_000;

/** The p-th percentile of ascending values, linearly interpolated (as a spreadsheet's PERCENTILE does). */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const position = (p / 100) * (sorted.length - 1);
  const below = Math.floor(position);
  const lower = sorted[below]!;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return lower + (upper - lower) * (position - below);
}

function parseTime(value: string | undefined, field: string): number | null {
  if (value === undefined) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new ValidationError({ en: 'Expected an ISO-8601 time', sv: 'Ange en tidpunkt enligt ISO 8601' }, field);
  return time;
}

/**
 * How fast providers answer the referrals proposed in the period (from inclusive, to exclusive; all when
 * absent). Withdrawn referrals that were never answered count in `count` only.
 */
export function responseTimeStats(referrals: readonly Referral[], now: Date, period: { from?: string; to?: string } = {}): ResponseTimeStats {
  const from = parseTime(period.from, 'period.from');
  const to = parseTime(period.to, 'period.to');
  const inPeriod = referrals.filter((r) => {
    const created = Date.parse(r.createdAt);
    return (from === null || created >= from) && (to === null || created < to);
  });
  const hours = inPeriod
    .filter((r) => r.firstResponseAt !== null)
    .map((r) => (Date.parse(r.firstResponseAt!) - Date.parse(r.createdAt)) / HOUR_MS)
    .sort((a, b) => a - b);
  const waiting = inPeriod.filter((r) => r.status === 'proposed').map((r) => (now.getTime() - Date.parse(r.createdAt)) / HOUR_MS);
  return {
    count: inPeriod.length,
    answered: hours.length,
    medianHours: percentile(hours, 50),
    p90Hours: percentile(hours, 90),
    unanswered: waiting.length,
    oldestWaitingHours: waiting.length > 0 ? Math.max(...waiting) : null,
  };
}
