import { hasRole, type HubClaims } from '@hub/shared/auth';
import { swedishDate } from '@hub/shared/calendar';
import type { OfferingStatus, OrganisationKind, OutcomeKind } from '@hub/shared/contracts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@hub/shared/errors';
import { OFFERING_STATUS_IN_SWEDISH } from './offering';

export interface OfferingSnapshot {
  id: string;
  providerId: string;
  projectId: string | null;
  status: OfferingStatus;
  /** null = unlimited */
  capacity: number | null;
  /** YYYY-MM-DD, the last day an application is accepted (Swedish time) */
  applicationDeadline: string | null;
  municipalityCodes: string[];
  /** startsAt is ISO-8601 */
  sessions: Array<{ id: string; startsAt: string }>;
}

export interface OrganisationFacts {
  id: string;
  kind: OrganisationKind;
  municipalityCode: string;
  status: 'active' | 'inactive';
}

/** Self-declared by the company's owner, every part optional; reported only as suppressed aggregates. */
export interface OwnerProfile {
  gender?: 'woman' | 'man' | 'non-binary';
  ageGroup?: 'under-30' | '30-49' | '50-plus';
  foreignBorn?: boolean;
}

export const GENDERS = ['woman', 'man', 'non-binary'] as const;
export const AGE_GROUPS = ['under-30', '30-49', '50-plus'] as const;

export type MemberStatus = 'enrolled' | 'waitlisted' | 'withdrawn';

/** Where an enrolment stands, as the Swedish wording of an error says it. */
const MEMBER_STATUS_IN_SWEDISH: Record<MemberStatus, string> = { enrolled: 'har plats', waitlisted: 'står på väntelistan', withdrawn: 'är återtagen' };

export interface EnrolmentView {
  id: string;
  offeringId: string;
  companyId: string;
  status: MemberStatus;
  /** 1-based place in the queue while waitlisted, else null */
  waitlistPosition: number | null;
  enrolledAt: string;
  attendedSessionIds: string[];
}

export interface SeatSummary {
  capacity: number | null;
  enrolled: number;
  waitlisted: number;
}

/** One company's enrolment as the roster of its offering stores it. */
export interface Member {
  enrolmentId: string;
  companyId: string;
  /** The company's municipality when it enrolled: scopes the municipal office and the indicators. */
  municipalityCode: string;
  status: MemberStatus;
  /** Order of acceptance within the offering; the waitlist is served in this order. */
  seq: number;
  enrolledAt: Date;
  /** When the company got a seat (at once or by promotion); null while it has never held one. */
  seatedAt: Date | null;
  withdrawnAt: Date | null;
  attendedSessionIds: string[];
  ownerProfile: OwnerProfile;
}

export interface Roster {
  offeringId: string;
  enrolled: number;
  waitlisted: number;
  /** The last entry of the offering's roster log; the next change is written at lastSeq + 1. */
  lastSeq: number;
  members: Member[];
}

/**
 * The roster of an offering is an append-only log: each change is one entry at the next sequence number, with
 * the decision taken (seat or waitlist, who was promoted) and the counts after it. Replaying it gives the roster.
 */
export type RosterEntry =
  | {
      seq: number;
      type: 'enrol';
      enrolmentId: string;
      companyId: string;
      municipalityCode: string;
      status: 'enrolled' | 'waitlisted';
      ownerProfile: OwnerProfile;
      at: Date;
    }
  | { seq: number; type: 'withdraw'; enrolmentId: string; promotedEnrolmentId: string | null; at: Date }
  /** A seat freed by a raised capacity, given to the first in the waitlist. */
  | { seq: number; type: 'promote'; enrolmentId: string; at: Date };

/** Replays the recorded decisions (in seq order); attendance is kept apart and joined by the caller. */
export function replay(offeringId: string, entries: readonly RosterEntry[]): Roster {
  const members = new Map<string, Member>();
  let lastSeq = 0;
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    lastSeq = entry.seq;
    if (entry.type === 'enrol') {
      members.set(entry.enrolmentId, {
        enrolmentId: entry.enrolmentId,
        companyId: entry.companyId,
        municipalityCode: entry.municipalityCode,
        status: entry.status,
        seq: entry.seq,
        enrolledAt: entry.at,
        seatedAt: entry.status === 'enrolled' ? entry.at : null,
        withdrawnAt: null,
        attendedSessionIds: [],
        ownerProfile: entry.ownerProfile,
      });
      continue;
    }
    if (entry.type === 'withdraw') {
      const withdrawn = members.get(entry.enrolmentId);
      if (withdrawn) members.set(entry.enrolmentId, { ...withdrawn, status: 'withdrawn', withdrawnAt: entry.at });
    }
    const promotedId = entry.type === 'promote' ? entry.enrolmentId : entry.promotedEnrolmentId;
    const promoted = promotedId ? members.get(promotedId) : undefined;
    if (promoted) members.set(promoted.enrolmentId, { ...promoted, status: 'enrolled', seatedAt: entry.at });
  }
  const list = [...members.values()];
  return {
    offeringId,
    enrolled: list.filter((m) => m.status === 'enrolled').length,
    waitlisted: list.filter((m) => m.status === 'waitlisted').length,
    lastSeq,
    members: list,
  };
}

const ENROLLABLE_KINDS: ReadonlySet<OrganisationKind> = new Set(['company', 'employer']);


export function assertOpenForEnrolment(offering: OfferingSnapshot, now: Date): void {
  if (offering.status !== 'published') throw new ValidationError({ en: `The offering is ${offering.status}, not open for enrolment`, sv: `Insatsen har status ${OFFERING_STATUS_IN_SWEDISH[offering.status]} och tar inte emot anmälningar` }, 'offeringId');
  if (offering.applicationDeadline !== null && swedishDate(now) > offering.applicationDeadline) {
    throw new ValidationError({ en: `The application deadline ${offering.applicationDeadline} has passed; the offering is not open for enrolment`, sv: `Sista ansökningsdag ${offering.applicationDeadline} har passerat; insatsen tar inte emot anmälningar` }, 'offeringId');
  }
}

export function assertEnrollableCompany(organisation: OrganisationFacts | null, companyId: string): OrganisationFacts {
  if (!organisation) throw new ValidationError({ en: `No organisation with id ${companyId}`, sv: `Det finns ingen organisation med id ${companyId}` }, 'companyId');
  if (!ENROLLABLE_KINDS.has(organisation.kind)) throw new ValidationError({ en: 'Only a company or an employer can enrol', sv: 'Bara ett företag eller en arbetsgivare kan anmälas' }, 'companyId');
  if (organisation.status !== 'active') throw new ValidationError({ en: 'The organisation is inactive', sv: 'Organisationen är inte aktiv' }, 'companyId');
  return organisation;
}

export function validateOwnerProfile(profile: OwnerProfile | undefined): OwnerProfile {
  if (!profile) return {};
  const valid: OwnerProfile = {};
  if (profile.gender !== undefined && profile.gender !== null) {
    if (!(GENDERS as readonly string[]).includes(profile.gender)) throw new ValidationError({ en: 'Unknown gender', sv: 'Okänt kön' }, 'ownerProfile.gender');
    valid.gender = profile.gender;
  }
  if (profile.ageGroup !== undefined && profile.ageGroup !== null) {
    if (!(AGE_GROUPS as readonly string[]).includes(profile.ageGroup)) throw new ValidationError({ en: 'Unknown age group', sv: 'Okänd åldersgrupp' }, 'ownerProfile.ageGroup');
    valid.ageGroup = profile.ageGroup;
  }
  if (profile.foreignBorn !== undefined && profile.foreignBorn !== null) {
    if (typeof profile.foreignBorn !== 'boolean') throw new ValidationError({ en: 'foreignBorn is true or false', sv: 'foreignBorn är true eller false' }, 'ownerProfile.foreignBorn');
    valid.foreignBorn = profile.foreignBorn;
  }
  return valid;
}

function isActive(member: Member): boolean {
  return member.status !== 'withdrawn';
}

/**
 * Accepts a company into a roster: a seat while the capacity allows, else the end of the waitlist. The caller
 * writes the decision at seq lastSeq + 1 only, so it holds for exactly the roster it was computed from.
 */
export function admit(
  roster: Roster,
  capacity: number | null,
  company: { id: string; municipalityCode: string },
  ownerProfile: OwnerProfile,
  enrolmentId: string,
  now: Date,
): { member: Member; enrolled: number; waitlisted: number } {
  if (roster.members.some((m) => m.companyId === company.id && isActive(m))) {
    throw new ConflictError({ en: 'The company is already enrolled in this offering or on its waitlist', sv: 'Företaget är redan anmält till insatsen eller står på dess väntelista' }, 'companyId');
  }
  // a company that waits keeps its place: a newcomer never takes a seat ahead of the waitlist
  const seated = hasFreeSeat(roster.enrolled, capacity) && roster.waitlisted === 0;
  const member: Member = {
    enrolmentId,
    companyId: company.id,
    municipalityCode: company.municipalityCode,
    status: seated ? 'enrolled' : 'waitlisted',
    seq: roster.lastSeq + 1,
    enrolledAt: now,
    seatedAt: seated ? now : null,
    withdrawnAt: null,
    attendedSessionIds: [],
    ownerProfile,
  };
  return { member, enrolled: roster.enrolled + (seated ? 1 : 0), waitlisted: roster.waitlisted + (seated ? 0 : 1) };
}

function hasFreeSeat(enrolled: number, capacity: number | null): boolean {
  return capacity === null || enrolled < capacity;
}

function firstWaiting(roster: Roster): Member | undefined {
  return roster.members.filter((m) => m.status === 'waitlisted').sort((a, b) => a.seq - b.seq)[0];
}

/**
 * The next promotion a roster owes: the first in the waitlist, while a seat is free (after the capacity was
 * raised, say). Null when there is no free seat or nobody waiting.
 */
export function nextPromotion(roster: Roster, capacity: number | null, now: Date): { promoted: Member; members: Member[]; enrolled: number; waitlisted: number } | null {
  const first = firstWaiting(roster);
  if (!first || !hasFreeSeat(roster.enrolled, capacity)) return null;
  const promoted: Member = { ...first, status: 'enrolled', seatedAt: now };
  return {
    promoted,
    members: roster.members.map((m) => (m.enrolmentId === promoted.enrolmentId ? promoted : m)),
    enrolled: roster.enrolled + 1,
    waitlisted: roster.waitlisted - 1,
  };
}

export function findMember(roster: Roster, enrolmentId: string): Member {
  const member = roster.members.find((m) => m.enrolmentId === enrolmentId);
  if (!member) throw new NotFoundError({ en: `No enrolment with id ${enrolmentId}`, sv: `Det finns ingen anmälan med id ${enrolmentId}` }, 'enrolmentId');
  return member;
}

/**
 * Withdraws an enrolment. A freed seat goes to the first in the waitlist (lowest seq) while the capacity allows,
 * so a capacity lowered meanwhile is not overfilled by the promotion.
 */
export function withdrawal(
  roster: Roster,
  enrolmentId: string,
  capacity: number | null,
  now: Date,
): { members: Member[]; withdrawn: Member; promoted: Member | null; enrolled: number; waitlisted: number } {
  const target = findMember(roster, enrolmentId);
  if (!isActive(target)) throw new ValidationError({ en: 'The enrolment is withdrawn already', sv: 'Anmälan är redan återtagen' }, 'enrolmentId');
  let enrolled = roster.enrolled;
  let waitlisted = roster.waitlisted;
  if (target.status === 'enrolled') enrolled--;
  else waitlisted--;
  const withdrawn: Member = { ...target, status: 'withdrawn', withdrawnAt: now };

  let promoted: Member | null = null;
  if (target.status === 'enrolled' && hasFreeSeat(enrolled, capacity)) {
    const first = firstWaiting(roster);
    if (first) {
      promoted = { ...first, status: 'enrolled', seatedAt: now };
      enrolled++;
      waitlisted--;
    }
  }
  const members = roster.members.map((m) => (m.enrolmentId === withdrawn.enrolmentId ? withdrawn : promoted && m.enrolmentId === promoted.enrolmentId ? promoted : m));
  return { members, withdrawn, promoted, enrolled, waitlisted };
}

/** Attendance is kept for enrolled companies, per session of the offering. */
export function assertMayAttend(member: Member, offering: OfferingSnapshot, sessionId: string): void {
  if (!offering.sessions.some((s) => s.id === sessionId)) throw new ValidationError({ en: `The offering has no session ${sessionId}`, sv: `Insatsen har inget tillfälle ${sessionId}` }, 'sessionId');
  if (member.status !== 'enrolled') throw new ValidationError({ en: `Attendance is recorded for enrolled companies; this enrolment is ${member.status}`, sv: `Närvaro registreras för företag med plats; den här anmälan ${MEMBER_STATUS_IN_SWEDISH[member.status]}` }, 'enrolmentId');
}

export function toEnrolmentView(offeringId: string, member: Member, members: readonly Member[]): EnrolmentView {
  const waitlistPosition =
    member.status === 'waitlisted' ? members.filter((m) => m.status === 'waitlisted' && m.seq <= member.seq).length : null;
  return {
    id: member.enrolmentId,
    offeringId,
    companyId: member.companyId,
    status: member.status,
    waitlistPosition,
    enrolledAt: member.enrolledAt.toISOString(),
    attendedSessionIds: [...member.attendedSessionIds],
  };
}

// ---- Follow-up outcomes ----

export const TURNOVER_BANDS = ['no-turnover', 'under-500k-sek', '500k-1m-sek', '1m-5m-sek', '5m-20m-sek', '20m-50m-sek', 'over-50m-sek'] as const;
export type TurnoverBand = (typeof TURNOVER_BANDS)[number];
export const JOB_BASES = ['expected', 'realised'] as const;
export type JobBasis = (typeof JOB_BASES)[number];

export const MAX_GOALS_LENGTH = 1000;
const MAX_JOBS = 100_000;
const MAX_INVESTMENT_SEK = 1_000_000_000_000;

/** An outcome as the caller gives it: `kind` says which of the other fields it carries. */
export interface OutcomeInput {
  kind: OutcomeKind;
  /** goals-set: free text, at most 1000 characters */
  goals?: string | null;
  /** investment-made: whole SEK, ≥ 0 */
  investmentSek?: number | null;
  /** jobs-created: annual full-time equivalents, ≥ 0 */
  jobs?: number | null;
  /** jobs-created: agencies report expected and realised jobs apart */
  jobsBasis?: JobBasis | null;
  /** company-started: the new company's organisation id, when it is registered */
  newCompanyId?: string | null;
  /** turnover-band */
  turnoverBand?: TurnoverBand | null;
}

export type OutcomeDetails =
  | { kind: 'goals-set'; goals: string }
  | { kind: 'investment-made'; investmentSek: number }
  | { kind: 'jobs-created'; jobs: number; jobsBasis: JobBasis }
  | { kind: 'company-started'; newCompanyId: string | null }
  | { kind: 'turnover-band'; turnoverBand: TurnoverBand };

const OUTCOME_FIELDS = ['goals', 'investmentSek', 'jobs', 'jobsBasis', 'newCompanyId', 'turnoverBand'] as const;
const FIELDS_OF_KIND: Record<OutcomeKind, readonly (typeof OUTCOME_FIELDS)[number][]> = {
  'goals-set': ['goals'],
  'investment-made': ['investmentSek'],
  'jobs-created': ['jobs', 'jobsBasis'],
  'company-started': ['newCompanyId'],
  'turnover-band': ['turnoverBand'],
};

function present<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}

export function validateOutcome(input: OutcomeInput): OutcomeDetails {
  const allowed = FIELDS_OF_KIND[input.kind];
  if (!allowed) throw new ValidationError({ en: `Unknown outcome kind ${String(input.kind)}`, sv: `Okänd typ av resultat ${String(input.kind)}` }, 'input.kind');
  // a field of another kind is a mistake by the caller, not something to drop silently
  const stray = OUTCOME_FIELDS.find((field) => !allowed.includes(field) && present(input[field]));
  if (stray) throw new ValidationError({ en: `${stray} does not belong to a ${input.kind} outcome`, sv: `${stray} hör inte till ett resultat av typen ${input.kind}` }, `input.${stray}`);

  switch (input.kind) {
    case 'goals-set': {
      const goals = input.goals?.trim() ?? '';
      if (goals.length === 0) throw new ValidationError({ en: 'Describe the goals', sv: 'Beskriv målen' }, 'input.goals');
      if (goals.length > MAX_GOALS_LENGTH) throw new ValidationError({ en: `At most ${MAX_GOALS_LENGTH} characters`, sv: `Högst ${MAX_GOALS_LENGTH} tecken` }, 'input.goals');
      return { kind: 'goals-set', goals };
    }
    case 'investment-made': {
      const amount = input.investmentSek;
      if (!present(amount) || !Number.isSafeInteger(amount) || amount < 0 || amount > MAX_INVESTMENT_SEK) {
        throw new ValidationError({ en: 'An investment is a whole number of SEK, 0 or more', sv: 'En investering anges i hela kronor, 0 eller mer' }, 'input.investmentSek');
      }
      return { kind: 'investment-made', investmentSek: amount };
    }
    case 'jobs-created': {
      const jobs = input.jobs;
      if (!present(jobs) || !Number.isFinite(jobs) || jobs < 0 || jobs > MAX_JOBS || Math.round(jobs * 10) !== jobs * 10) {
        throw new ValidationError({ en: 'Jobs are full-time equivalents, 0 or more, with at most one decimal', sv: 'Arbetstillfällen anges i årsarbeten, 0 eller mer, med högst en decimal' }, 'input.jobs');
      }
      if (!present(input.jobsBasis) || !(JOB_BASES as readonly string[]).includes(input.jobsBasis)) {
        throw new ValidationError({ en: 'Say whether the jobs are expected or realised', sv: 'Ange om arbetstillfällena är förväntade eller verkliga' }, 'input.jobsBasis');
      }
      return { kind: 'jobs-created', jobs, jobsBasis: input.jobsBasis };
    }
    case 'company-started': {
      const id = input.newCompanyId?.trim();
      return { kind: 'company-started', newCompanyId: id ? id : null };
    }
    case 'turnover-band': {
      if (!present(input.turnoverBand) || !(TURNOVER_BANDS as readonly string[]).includes(input.turnoverBand)) {
        throw new ValidationError({ en: 'Unknown turnover band', sv: 'Okänt omsättningsintervall' }, 'input.turnoverBand');
      }
      return { kind: 'turnover-band', turnoverBand: input.turnoverBand };
    }
  }
}

/** Outcomes follow up participation: a company that only ever waited in the waitlist took no part. */
export function assertMayHaveOutcome(member: Member): void {
  if (member.seatedAt === null) throw new ValidationError({ en: 'Outcomes are recorded for companies that took part, not for the waitlist', sv: 'Resultat registreras för företag som deltagit, inte för väntelistan' }, 'enrolmentId');
}

// ---- Who may ----

function isProviderStaff(claims: HubClaims, offering: Pick<OfferingSnapshot, 'providerId'>): boolean {
  // a provider may be a municipal business office, whose staff hold the municipal role
  return (hasRole(claims, 'partner-staff') || hasRole(claims, 'municipal-staff')) && claims.organisationId === offering.providerId;
}

function isMunicipalOfficeOf(claims: HubClaims, municipalityCode: string): boolean {
  return hasRole(claims, 'municipal-staff') && claims.municipalityCode === municipalityCode;
}

/** Enrol and withdraw: the company's own staff, its municipal office, the provider's staff, an admin. */
export function assertMayManageEnrolment(claims: HubClaims, offering: Pick<OfferingSnapshot, 'providerId'>, company: { id: string; municipalityCode: string }): void {
  if (hasRole(claims, 'admin') || isProviderStaff(claims, offering) || isMunicipalOfficeOf(claims, company.municipalityCode)) return;
  if (hasRole(claims, 'partner-staff') && claims.organisationId === company.id) return;
  throw new ForbiddenError({ en: "Only the company's own staff, its municipal office or the provider's staff may enrol or withdraw it", sv: 'Bara företagets egen personal, dess kommunala näringslivskontor eller arrangörens personal får anmäla företaget eller återta anmälan' });
}

/**
 * Who sees an offering's enrolments: the provider's staff and admins see all; a municipal office sees its own
 * municipality's companies. Returns the filter to apply; throws for everyone else.
 */
export function rosterVisibility(claims: HubClaims, offering: Pick<OfferingSnapshot, 'providerId'>): { municipalityCode: string } | 'all' {
  if (hasRole(claims, 'admin') || isProviderStaff(claims, offering)) return 'all';
  if (hasRole(claims, 'municipal-staff') && claims.municipalityCode !== undefined) return { municipalityCode: claims.municipalityCode };
  throw new ForbiddenError({ en: "Enrolments are visible to the provider's staff and the companies' municipal offices only", sv: 'Anmälningar visas bara för arrangörens personal och företagens kommunala näringslivskontor' });
}

export function assertMayRecordAttendance(claims: HubClaims, offering: Pick<OfferingSnapshot, 'providerId'>): void {
  if (hasRole(claims, 'admin') || isProviderStaff(claims, offering)) return;
  throw new ForbiddenError({ en: "Attendance is recorded by the provider's staff", sv: 'Närvaro registreras av arrangörens personal' });
}

export function assertMayRecordOutcome(claims: HubClaims, offering: Pick<OfferingSnapshot, 'providerId'>, member: Pick<Member, 'municipalityCode'>): void {
  if (hasRole(claims, 'admin') || isProviderStaff(claims, offering) || isMunicipalOfficeOf(claims, member.municipalityCode)) return;
  throw new ForbiddenError({ en: "Outcomes are recorded by the provider's staff or the company's municipal office", sv: 'Resultat registreras av arrangörens personal eller företagets kommunala näringslivskontor' });
}
