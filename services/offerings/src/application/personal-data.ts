import { requireRole, type HubClaims } from '@hub/shared/auth';
import type { Logger } from '@hub/shared/logging';
import { updateEach } from '@hub/shared/mongo';
import { ERASED_PERSON, type PrivacyLedger } from '@hub/shared/privacy';
import type { EnrolmentModels, OutcomeDocument } from '../infrastructure/enrolment-models';

/** A PersonErased event's payload. */
export interface ErasureRequest {
  erasureId: string;
  personId: string;
}

/** What this service holds on one person: the follow-up outcomes they recorded. */
export interface PersonalDataCopy {
  outcomesRecorded: Array<{ outcomeId: string; enrolmentId: string; offeringId: string; companyId: string; kind: string; recordedAt: string }>;
}

/**
 * A person's rights over what this service holds on them. Offerings, rosters and attendance are about
 * organisations; the one person id kept is who recorded an outcome (their account's sub).
 */
export class PersonalDataApplication {
  constructor(
    private readonly models: EnrolmentModels,
    private readonly ledger: PrivacyLedger,
    private readonly logger: Logger,
  ) {}

  /** The outcomes stay (they are the programmes' results); who recorded them does not. */
  async erase({ erasureId, personId }: ErasureRequest, correlationId: string): Promise<void> {
    const outcomes = await updateEach(this.models.outcomes, { recordedBy: personId }, { $set: { recordedBy: ERASED_PERSON } });
    await this.ledger.completeErasure(erasureId, personId, correlationId);
    this.logger.info({ erasureId, outcomes }, 'erased a person from outcome records');
  }

  /** A right-of-access copy, for admins. */
  async copyFor(claims: HubClaims, personId: string): Promise<PersonalDataCopy> {
    requireRole(claims, 'admin');
    const outcomes = await this.models.outcomes.find({ recordedBy: personId }, { outbox: 0 }).sort({ createdAt: 1, _id: 1 }).lean<OutcomeDocument[]>();
    return {
      outcomesRecorded: outcomes.map((o) => ({
        outcomeId: o._id.toHexString(),
        enrolmentId: o.enrolmentId,
        offeringId: o.offeringId,
        companyId: o.companyId,
        kind: o.kind,
        recordedAt: o.createdAt.toISOString(),
      })),
    };
  }
}
