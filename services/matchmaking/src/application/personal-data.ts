import { requireRole, type HubClaims } from '@hub/shared/auth';
import type { Logger } from '@hub/shared/logging';
import { updateEach, withAggregateLock } from '@hub/shared/mongo';
import { ERASED_PERSON, type PrivacyLedger } from '@hub/shared/privacy';
import type { FunnelPositionDocument, MatchmakingModels, NeedsAnalysisDocument, ReferralDocument } from '../infrastructure/models';
import type { MatchingView } from './matching-view';

/** A PersonErased event's payload. */
export interface ErasureRequest {
  erasureId: string;
  personId: string;
}

/** What this service holds on one person, keyed by their hub id. */
export interface PersonalDataCopy {
  needsRecorded: Array<{ companyId: string; need: string; priority: number; note: string | null; recordedAt: string }>;
  stageChanges: Array<{ companyId: string; projectId: string; stage: string; at: string; correction: boolean }>;
  referralActions: Array<{ referralId: string; companyId: string; status: string; at: string; organisationId: string | null; note: string | null }>;
  /** The person as an adviser of an organisation, from the register's events (by contact id). */
  adviserProfiles: Array<{ organisationId: string; expertise: string[] }>;
}

/**
 * A person's rights over what this service holds on them: who recorded a need, moved a funnel stage or acted on a
 * referral (their account's sub), and advisers in the register's read model (their contact id). Partner meetings
 * hold organisations only: their requests are made by and for companies.
 */
export class PersonalDataApplication {
  constructor(
    private readonly models: MatchmakingModels,
    private readonly view: MatchingView,
    private readonly ledger: PrivacyLedger,
    private readonly logger: Logger,
  ) {}

  /**
   * The records stay (they are the companies' history, and the counts are made from them); the person's id in them
   * becomes ERASED_PERSON, each document rewritten under its lock like every other write here. An adviser leaves the
   * read model and the matching view now rather than when the register's own update arrives.
   */
  async erase({ erasureId, personId }: ErasureRequest, correlationId: string): Promise<void> {
    const { needsAnalyses, funnelPositions, referrals } = this.models;
    const anonymised = <T extends { recordedBy?: string; by?: string }>(entries: readonly T[]): T[] =>
      entries.map((entry) => ({ ...entry, ...(entry.recordedBy === personId ? { recordedBy: ERASED_PERSON } : {}), ...(entry.by === personId ? { by: ERASED_PERSON } : {}) }));
    // the analysis's updatedAt stays: what the company needs did not change
    await updateEach(needsAnalyses, { 'needs.recordedBy': personId }, (doc) => ({ $set: { needs: anonymised(doc.needs) }, $inc: { revision: 1 } }), { timestamps: false });
    await updateEach(funnelPositions, { 'history.by': personId }, (doc) => ({ $set: { history: anonymised(doc.history) }, $inc: { revision: 1 } }), { timestamps: false });
    await updateEach(referrals, { 'history.by': personId }, (doc) => ({ $set: { history: anonymised(doc.history) }, $inc: { revision: 1 } }), { timestamps: false });
    const advising = await this.models.organisations.find({ 'advisers.contactId': personId }).lean();
    for (const organisation of advising) {
      const advisers = await withAggregateLock(this.models.organisations, organisation._id, async () => {
        const current = await this.models.organisations.findById(organisation._id).lean();
        const remaining = (current?.advisers ?? []).filter((adviser) => adviser.contactId !== personId);
        await this.models.organisations.updateOne({ _id: organisation._id }, { $set: { advisers: remaining } });
        return remaining;
      });
      this.view.organisationChanged(organisation._id, { advisers: advisers.map((a) => ({ contactId: a.contactId, expertise: [...a.expertise] })) });
    }
    await this.ledger.completeErasure(erasureId, personId, correlationId);
    this.logger.info({ erasureId, advising: advising.length }, 'erased a person from matchmaking');
  }

  /** A right-of-access copy, for admins. */
  async copyFor(claims: HubClaims, personId: string): Promise<PersonalDataCopy> {
    requireRole(claims, 'admin');
    const [analyses, positions, referrals, advising] = await Promise.all([
      this.models.needsAnalyses.find({ 'needs.recordedBy': personId }, { outbox: 0 }).sort({ _id: 1 }).lean<NeedsAnalysisDocument[]>(),
      this.models.funnelPositions.find({ 'history.by': personId }, { outbox: 0 }).sort({ _id: 1 }).lean<FunnelPositionDocument[]>(),
      this.models.referrals.find({ 'history.by': personId }, { outbox: 0 }).sort({ _id: 1 }).lean<ReferralDocument[]>(),
      this.models.organisations.find({ 'advisers.contactId': personId }).sort({ _id: 1 }).lean(),
    ]);
    return {
      needsRecorded: analyses.flatMap((doc) =>
        doc.needs
          .filter((n) => n.recordedBy === personId)
          .map((n) => ({ companyId: doc._id, need: n.need, priority: n.priority, note: n.note ?? null, recordedAt: n.recordedAt.toISOString() })),
      ),
      stageChanges: positions.flatMap((doc) =>
        doc.history.filter((h) => h.by === personId).map((h) => ({ companyId: doc.companyId, projectId: doc.projectId, stage: h.stage, at: h.at, correction: h.correction === true })),
      ),
      referralActions: referrals.flatMap((doc) =>
        doc.history
          .filter((h) => h.by === personId)
          .map((h) => ({ referralId: doc._id.toHexString(), companyId: doc.companyId, status: h.status, at: h.at, organisationId: h.byOrganisationId ?? null, note: h.note ?? null })),
      ),
      adviserProfiles: advising.flatMap((doc) =>
        (doc.advisers ?? []).filter((a) => a.contactId === personId).map((a) => ({ organisationId: doc._id, expertise: [...a.expertise] })),
      ),
    };
  }
}
