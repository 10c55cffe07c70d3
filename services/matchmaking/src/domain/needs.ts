import { hasRole, type HubClaims } from '@hub/shared/auth';
import { NEEDS, type Need, type OrganisationKind, type TargetGroup } from '@hub/shared/contracts';
import { ForbiddenError, ValidationError } from '@hub/shared/errors';
import type { NeedPriority } from './model';
import { PROVIDER_KINDS } from './referral';

/** Owner groups a company may declare for itself; company size and age come from the register instead. */
export const OWNER_GROUPS: readonly TargetGroup[] = ['women', 'young-people', 'foreign-born'];
export const LIMITS = { note: 1000, tags: 20, tag: 60 } as const;

export interface NeedInput {
  need: string;
  priority: number;
  note?: string | null;
}

export interface NeedsAnalysisInput {
  needs: NeedInput[];
  ownerGroups?: string[] | null;
  offers?: string[] | null;
  seeks?: string[] | null;
}

export interface StoredNeed {
  need: Need;
  priority: NeedPriority;
  note: string | null;
  recordedBy: string;
  recordedAt: Date;
}

export interface ValidNeedsAnalysis {
  needs: Array<{ need: Need; priority: NeedPriority; note: string | null }>;
  ownerGroups: TargetGroup[];
  offers: string[];
  seeks: string[];
}

function tags(values: readonly string[] | null | undefined, field: string): string[] {
  const list = values ?? [];
  if (list.length > LIMITS.tags) throw new ValidationError({ en: `At most ${LIMITS.tags} tags`, sv: `Högst ${LIMITS.tags} nyckelord` }, field);
  return [
    ...new Set(
      list.map((tag, index) => {
        // kept as written (lower case); matching compares them with Swedish letters folded
        const tidy = tag.toLowerCase().replace(/\s+/g, ' ').trim();
        if (tidy.length === 0 || tidy.length > LIMITS.tag) throw new ValidationError({ en: `A tag has 1 to ${LIMITS.tag} characters`, sv: `Ett nyckelord har 1 till ${LIMITS.tag} tecken` }, `${field}.${index}`);
        return tidy;
      }),
    ),
  ];
}

/** Validates a needs analysis as the caller sends it; the field paths match the input. */
export function validateNeedsAnalysis(input: NeedsAnalysisInput, prefix = 'input'): ValidNeedsAnalysis {
  const seen = new Set<string>();
  const needs = input.needs.map((item, index) => {
    const field = `${prefix}.needs.${index}`;
    if (!(NEEDS as readonly string[]).includes(item.need)) throw new ValidationError({ en: `A need is one of: ${NEEDS.join(', ')}`, sv: `Ett behov är ett av: ${NEEDS.join(', ')}` }, `${field}.need`);
    if (seen.has(item.need)) throw new ValidationError({ en: `${item.need} is listed twice`, sv: `${item.need} finns med två gånger` }, `${field}.need`);
    seen.add(item.need);
    if (!Number.isInteger(item.priority) || item.priority < 1 || item.priority > 3) throw new ValidationError({ en: 'A priority is 1 (most pressing), 2 or 3', sv: 'Prioriteten är 1 (mest angeläget), 2 eller 3' }, `${field}.priority`);
    const note = item.note?.trim() || null;
    if (note !== null && note.length > LIMITS.note) throw new ValidationError({ en: `At most ${LIMITS.note} characters`, sv: `Högst ${LIMITS.note} tecken` }, `${field}.note`);
    return { need: item.need as Need, priority: item.priority as NeedPriority, note };
  });
  const ownerGroups = [...new Set(input.ownerGroups ?? [])];
  const notOwnerGroup = ownerGroups.findIndex((group) => !(OWNER_GROUPS as readonly string[]).includes(group));
  if (notOwnerGroup >= 0) throw new ValidationError({ en: `An owner group is one of: ${OWNER_GROUPS.join(', ')}`, sv: `Ägarens grupp är en av: ${OWNER_GROUPS.join(', ')}` }, `${prefix}.ownerGroups.${notOwnerGroup}`);
  return { needs, ownerGroups: ownerGroups as TargetGroup[], offers: tags(input.offers, `${prefix}.offers`), seeks: tags(input.seeks, `${prefix}.seeks`) };
}

/**
 * Keeps who recorded a need and when for the needs that did not change, so the analysis shows who said what;
 * a need that is new or changed is recorded by the caller now.
 */
export function mergeNeeds(current: readonly StoredNeed[], next: ValidNeedsAnalysis['needs'], by: string, at: Date): StoredNeed[] {
  return next.map((need) => {
    const same = current.find((c) => c.need === need.need && c.priority === need.priority && c.note === need.note);
    return same ?? { ...need, recordedBy: by, recordedAt: at };
  });
}

/**
 * Who works with a company's needs: admins, the company's own staff, its municipal office, and the staff of
 * support organisations (advisers do needs analyses and need them to match).
 */
export function assertMayWorkWithCompany(claims: HubClaims, company: { id: string; municipalityCode: string }, callerKind: OrganisationKind | undefined): void {
  if (hasRole(claims, 'admin')) return;
  if (hasRole(claims, 'municipal-staff') && claims.municipalityCode === company.municipalityCode) return;
  if (hasRole(claims, 'partner-staff') && claims.organisationId === company.id) return;
  if (hasRole(claims, 'partner-staff') && callerKind !== undefined && PROVIDER_KINDS.has(callerKind)) return;
  throw new ForbiddenError({ en: "A company's needs are for its own staff, its municipal office and support organisations' staff", sv: 'Ett företags behovsanalys visas bara för dess egen personal, dess kommunala näringslivskontor och stödaktörernas personal' });
}

/** The owner's self-declared groups are more private still: the company itself, its municipal office, admins. */
export function mayReadOwnerGroups(claims: HubClaims, company: { id: string; municipalityCode: string }): boolean {
  return (
    hasRole(claims, 'admin') ||
    (hasRole(claims, 'municipal-staff') && claims.municipalityCode === company.municipalityCode) ||
    (hasRole(claims, 'partner-staff') && claims.organisationId === company.id)
  );
}
