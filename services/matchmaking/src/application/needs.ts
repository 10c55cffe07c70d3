import type { HubClaims } from '@hub/shared/auth';
import { NeedRecorded } from '@hub/shared/contracts';
import { ConflictError, ValidationError } from '@hub/shared/errors';
import { withAggregateLock } from '@hub/shared/mongo';
import type { OutboxNudge } from '@hub/shared/messaging';
import type { CompanyProfile } from '../domain/model';
import { assertMayWorkWithCompany, mergeNeeds, validateNeedsAnalysis, type NeedsAnalysisInput, type StoredNeed } from '../domain/needs';
import { hotQueries } from '../infrastructure/hot-queries';
import type { MatchmakingModels, NeedsAnalysisDocument } from '../infrastructure/models';
import { outboxEntry } from './event-sink';
import { analysisFacts, type MatchingView } from './matching-view';

export interface NeedsAnalysisView {
  companyId: string;
  municipalityCode: string;
  needs: StoredNeed[];
  ownerGroups: string[];
  offers: string[];
  seeks: string[];
  updatedAt: Date | null;
}

export class NeedsApplication {
  constructor(
    private readonly models: MatchmakingModels,
    private readonly view: MatchingView,
    private readonly outbox: OutboxNudge,
  ) {}

  /** The company as matching knows it; an unknown, inactive or non-company organisation is bad input. */
  requireCompany(companyId: string, field = 'companyId'): CompanyProfile {
    const company = this.view.company(companyId.toLowerCase());
    if (!company) throw new ValidationError({ en: `No active company with id ${companyId} (if it was just registered, try again in a moment)`, sv: `Det finns inget aktivt företag med id ${companyId} (om det nyss registrerats, försök igen om en stund)` }, field);
    return company;
  }

  assertMayWorkWith(claims: HubClaims, company: CompanyProfile): void {
    assertMayWorkWithCompany(claims, company, claims.organisationId ? this.view.organisation(claims.organisationId)?.kind : undefined);
  }

  /** Replaces the company's needs analysis; unchanged needs keep who recorded them and when. */
  async record(claims: HubClaims, companyId: string, input: NeedsAnalysisInput, correlationId: string): Promise<NeedsAnalysisView> {
    const company = this.requireCompany(companyId);
    this.assertMayWorkWith(claims, company);
    const valid = validateNeedsAnalysis(input);
    const state = await withAggregateLock(this.models.needsAnalyses, company.id, async () => {
      const current = await this.models.needsAnalyses.findOne(hotQueries.needsAnalysisById.filter(company.id), { outbox: 0 }).lean<NeedsAnalysisDocument>();
      const needs = mergeNeeds((current?.needs ?? []) as StoredNeed[], valid.needs, claims.sub, new Date());
      const event = outboxEntry(NeedRecorded, company.id, { companyId: company.id, needs: needs.map(({ need, priority }) => ({ need, priority })) }, correlationId);
      const next = { needs, ownerGroups: valid.ownerGroups, offers: valid.offers, seeks: valid.seeks };
      if (!current) {
        await this.models.needsAnalyses.create({ _id: company.id, ...next, outbox: [event] });
        return next;
      }
      // the lock serialises writers; the revision check guards against one that went around it
      const result = await this.models.needsAnalyses.updateOne(hotQueries.needsAnalysisAtRevision.filter(company.id, current.revision), {
        $set: next,
        $inc: { revision: 1 },
        $push: { outbox: event },
      });
      if (result.modifiedCount !== 1) throw new ConflictError({ en: "The company's needs were changed by someone else at the same time; try again", sv: 'Företagets behovsanalys ändrades av någon annan samtidigt; försök igen' });
      return next;
    });
    this.outbox.nudge(this.models.needsAnalyses, [company.id]);
    this.view.analysisChanged(company.id, analysisFacts(state));
    return this.analysisOf(company);
  }

  async read(claims: HubClaims, companyId: string): Promise<NeedsAnalysisView | null> {
    const company = this.view.company(companyId.toLowerCase());
    if (!company) return null;
    this.assertMayWorkWith(claims, company);
    return this.analysisOf(company);
  }

  private async analysisOf(company: CompanyProfile): Promise<NeedsAnalysisView> {
    const doc = await this.models.needsAnalyses.findOne(hotQueries.needsAnalysisById.filter(company.id), { outbox: 0 }).lean<NeedsAnalysisDocument>();
    return {
      companyId: company.id,
      municipalityCode: company.municipalityCode,
      needs: (doc?.needs ?? []) as StoredNeed[],
      ownerGroups: doc?.ownerGroups ?? [],
      offers: doc?.offers ?? [],
      seeks: doc?.seeks ?? [],
      updatedAt: doc?.updatedAt ?? null,
    };
  }
}
