import type { HubClaims } from '@hub/shared/auth';
import type { OutcomeKind } from '@hub/shared/contracts';
import { serverOperator } from '@hub/shared/mongo';
import { assertMayReadIndicators, computeIndicators, indicatorRows, indicatorsCsv, validateScope, type IndicatorReport, type IndicatorScope } from '../domain/indicators';
import type { OfferingSnapshot } from '../domain/enrolment';
import { loadRosters, type EnrolmentModels, type OutcomeDocument } from '../infrastructure/enrolment-models';
import type { EnrolmentLookups } from './enrolments';

export type { IndicatorReport, IndicatorScope } from '../domain/indicators';

const COUNTED_OUTCOMES: OutcomeKind[] = ['company-started', 'jobs-created'];

export interface IndicatorLookups extends EnrolmentLookups {
  /** Offerings matching the scope's offeringId and projectId (all offerings when neither is given). */
  offeringsIn(scope: IndicatorScope): Promise<OfferingSnapshot[]>;
}

/**
 * Indicators for funders, computed from the stored rosters and outcomes, for staff only. Offerings in scope come
 * from `offeringsIn` (by offering and project); the municipality and the period filter the enrolments here, and the
 * period also the sessions counted as activities.
 */
export class IndicatorsApplication {
  constructor(
    private readonly models: EnrolmentModels,
    private readonly lookups: IndicatorLookups,
  ) {}

  async indicators(claims: HubClaims, scope: IndicatorScope): Promise<IndicatorReport> {
    assertMayReadIndicators(claims);
    const valid = validateScope(scope);
    const offerings = await this.lookups.offeringsIn(valid);
    const ids = offerings.map((o) => o.id);
    const [rosters, outcomes] = await Promise.all([
      loadRosters(this.models, ids),
      // only what the indicators count, never the goals text
      this.models.outcomes
        .find(
          { offeringId: serverOperator({ $in: ids }), kind: serverOperator({ $in: COUNTED_OUTCOMES }) },
          { enrolmentId: 1, companyId: 1, kind: 1, jobs: 1, jobsBasis: 1, newCompanyId: 1, createdAt: 1 },
        )
        .lean<OutcomeDocument[]>(),
    ]);
    const members = [...rosters.values()].flatMap((roster) => roster.members.map((m) => ({ ...m, offeringId: roster.offeringId })));
    const facts = outcomes.map((o) => ({ enrolmentId: o.enrolmentId, companyId: o.companyId, kind: o.kind, jobs: o.jobs, jobsBasis: o.jobsBasis, newCompanyId: o.newCompanyId, recordedAt: o.createdAt }));
    return computeIndicators(valid, offerings, members, facts);
  }

  async csv(claims: HubClaims, scope: IndicatorScope): Promise<string> {
    return indicatorsCsv(indicatorRows(await this.indicators(claims, scope)));
  }
}
