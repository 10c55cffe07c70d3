import { Types } from 'mongoose';
import { hasRole, type HubClaims } from '@hub/shared/auth';
import { ReferralAccepted, ReferralCompleted, ReferralCreated, ReferralDeclined, ReferralStarted, ReferralWithdrawn, type OrganisationKind, type OrganisationStatus } from '@hub/shared/contracts';
import { ConflictError, ForbiddenError, NotFoundError } from '@hub/shared/errors';
import type { EventDefinition } from '@hub/shared/events';
import { parseObjectId, withAggregateLock } from '@hub/shared/mongo';
import type { OutboxNudge } from '@hub/shared/messaging';
import {
  createReferral,
  referringOrganisationId,
  responseTimeStats,
  transition,
  visibleTo,
  type Referral,
  type ReferralInput,
  type ReferralStatus,
  type ResponseTimeStats,
} from '../domain/referral';
import { hotQueries } from '../infrastructure/hot-queries';
import type { MatchmakingModels, ReferralDocument } from '../infrastructure/models';
import { outboxEntry } from './event-sink';
import type { MatchingView } from './matching-view';

const OPEN_STATUSES: ReferralStatus[] = ['proposed', 'accepted', 'in-progress'];

type ReferralFactsPayload = { referralId: string; companyId: string; fromOrganisationId: string; toOrganisationId: string };
const EVENT_OF: Record<Exclude<ReferralStatus, 'proposed'>, EventDefinition<ReferralFactsPayload>> = {
  accepted: ReferralAccepted,
  declined: ReferralDeclined,
  'in-progress': ReferralStarted,
  completed: ReferralCompleted,
  withdrawn: ReferralWithdrawn,
};

function toReferral(doc: ReferralDocument): Referral {
  return {
    id: doc._id.toHexString(),
    companyId: doc.companyId,
    municipalityCode: doc.municipalityCode,
    fromOrganisationId: doc.fromOrganisationId,
    toOrganisationId: doc.toOrganisationId,
    note: doc.note,
    status: doc.status as ReferralStatus,
    history: doc.history.map((h) => ({
      status: h.status as ReferralStatus,
      at: h.at,
      by: h.by,
      byOrganisationId: h.byOrganisationId ?? null,
      ...(h.note ? { note: h.note } : {}),
    })),
    createdAt: doc.createdAt.toISOString(),
    firstResponseAt: doc.firstResponseAt ?? null,
  };
}

function factsPayload(referral: Referral): ReferralFactsPayload {
  return { referralId: referral.id, companyId: referral.companyId, fromOrganisationId: referral.fromOrganisationId, toOrganisationId: referral.toOrganisationId };
}

export class ReferralsApplication {
  constructor(
    private readonly models: MatchmakingModels,
    private readonly view: MatchingView,
    private readonly outbox: OutboxNudge,
  ) {}

  async refer(claims: HubClaims, input: ReferralInput, correlationId: string): Promise<Referral> {
    const snapshot = (id: string) => {
      const facts = this.view.organisation(id.toLowerCase());
      return facts?.kind && facts.status ? { kind: facts.kind as OrganisationKind, status: facts.status as OrganisationStatus, municipalityCode: facts.municipalityCode ?? '' } : null;
    };
    const normalised = { ...input, companyId: input.companyId.toLowerCase(), toOrganisationId: input.toOrganisationId.toLowerCase() };
    const fromOrganisationId = referringOrganisationId(claims, input);
    // the company's referrals to the provider by indexed equalities, their status checked here (an $in is read in full)
    const earlier = await this.models.referrals.find(hotQueries.referralsOfCompanyTo.filter(normalised.companyId, normalised.toOrganisationId), { status: 1 }).lean<Array<{ status: ReferralStatus }>>();
    const open = earlier.filter((referral) => OPEN_STATUSES.includes(referral.status)).length;
    const id = new Types.ObjectId();
    const referral = createReferral(
      claims,
      normalised,
      { company: snapshot(normalised.companyId), provider: snapshot(normalised.toOrganisationId), referrer: snapshot(fromOrganisationId), openReferralToProvider: open > 0 },
      new Date(),
      id.toHexString(),
    );
    const { id: _, createdAt: __, ...state } = referral;
    const created = await this.models.referrals.create({ _id: id, ...state, outbox: [outboxEntry(ReferralCreated, referral.id, factsPayload(referral), correlationId)] });
    this.outbox.nudgeCreated(this.models.referrals, [created.toObject()]);
    return this.require(referral.id);
  }

  async move(claims: HubClaims, id: string, to: Exclude<ReferralStatus, 'proposed'>, note: string | undefined, correlationId: string): Promise<Referral> {
    const _id = parseObjectId(id);
    await withAggregateLock(this.models.referrals, _id, async () => {
      const doc = await this.models.referrals.findOne(hotQueries.referralById.filter(_id), { outbox: 0 }).lean<ReferralDocument>();
      if (!doc) throw new NotFoundError({ en: `No referral with id ${id}`, sv: `Det finns ingen remiss med id ${id}` }, 'id');
      const current = toReferral(doc);
      if (!visibleTo(claims, current)) throw new NotFoundError({ en: `No referral with id ${id}`, sv: `Det finns ingen remiss med id ${id}` }, 'id');
      const next = transition(current, to, claims, new Date(), note);
      // the lock serialises writers; the revision check guards against one that went around it
      const result = await this.models.referrals.updateOne(
        hotQueries.referralAtRevision.filter(_id, doc.revision),
        {
          $set: { status: next.status, history: next.history, firstResponseAt: next.firstResponseAt },
          $inc: { revision: 1 },
          $push: { outbox: outboxEntry(EVENT_OF[to], next.id, factsPayload(next), correlationId) },
        },
      );
      if (result.modifiedCount !== 1) throw new ConflictError({ en: 'The referral was changed by someone else at the same time; try again', sv: 'Remissen ändrades av någon annan samtidigt; försök igen' });
    });
    this.outbox.nudge(this.models.referrals, [_id]);
    return this.require(id);
  }

  /** Null for an unknown id and for a referral the caller is not a party to (its existence is not disclosed). */
  async byId(claims: HubClaims, id: string): Promise<Referral | null> {
    const doc = await this.models.referrals.findOne(hotQueries.referralById.filter(parseObjectId(id)), { outbox: 0 }).lean<ReferralDocument>();
    if (!doc) return null;
    const referral = toReferral(doc);
    return visibleTo(claims, referral) ? referral : null;
  }

  /**
   * The referrals an organisation sent (a municipal office's staff) or received (a provider's staff, which may be an
   * office), for its own staff and admins; another role is refused even with the organisation in its token.
   */
  async listFor(claims: HubClaims, organisationId: string, direction: 'sent' | 'received', status: ReferralStatus | null | undefined): Promise<Referral[]> {
    const staff = direction === 'sent' ? hasRole(claims, 'municipal-staff') : hasRole(claims, 'partner-staff', 'municipal-staff');
    const own = claims.roles.includes('admin') || (staff && claims.organisationId === organisationId);
    if (!own) throw new ForbiddenError({ en: "An organisation's referrals are for its own staff", sv: 'En organisations remisser visas bara för dess egen personal' });
    const conditions = (direction === 'sent' ? hotQueries.referralsSent : hotQueries.referralsReceived).filter(organisationId, status ?? undefined);
    const rows = await this.models.referrals.find(conditions, { outbox: 0 }).sort({ createdAt: -1, _id: -1 }).lean<ReferralDocument[]>();
    return rows.map(toReferral).filter((r) => visibleTo(claims, r));
  }

  /**
   * A provider's own response times; admins and integration jobs (funder reporting) may ask for any provider, or
   * for all when no organisation is given.
   */
  async responseTimes(claims: HubClaims, organisationId: string | null | undefined, period: { from?: string; to?: string }): Promise<ResponseTimeStats> {
    const anyProvider = claims.roles.includes('admin') || claims.roles.includes('integration');
    if (!anyProvider && !(hasRole(claims, 'partner-staff', 'municipal-staff') && organisationId && claims.organisationId === organisationId)) {
      throw new ForbiddenError({ en: "A provider's response times are for its own staff, admins and integration jobs", sv: 'En stödaktörs svarstider visas bara för dess egen personal, administratörer och integrationsjobb' });
    }
    // without a provider, every provider's: a report over every referral
    const rows = await this.models.referrals.find(organisationId ? hotQueries.referralsReceived.filter(organisationId.toLowerCase()) : {}, { outbox: 0 }).lean<ReferralDocument[]>();
    return responseTimeStats(rows.map(toReferral), new Date(), period);
  }

  private async require(id: string): Promise<Referral> {
    const doc = await this.models.referrals.findOne(hotQueries.referralById.filter(parseObjectId(id)), { outbox: 0 }).lean<ReferralDocument>();
    if (!doc) throw new NotFoundError({ en: `No referral with id ${id}`, sv: `Det finns ingen remiss med id ${id}` }, 'id');
    return toReferral(doc);
  }
}
