import { hasRole, type HubClaims } from '@hub/shared/auth';
import { StageChanged } from '@hub/shared/contracts';
import { ConflictError, ForbiddenError, ValidationError } from '@hub/shared/errors';
import { withAggregateLock } from '@hub/shared/mongo';
import type { OutboxNudge } from '@hub/shared/messaging';
import { funnelCounts, setStage, type FunnelEntry, type FunnelReport, type FunnelStage } from '../domain/funnel';
import { hotQueries } from '../infrastructure/hot-queries';
import type { FunnelPositionDocument, MatchmakingModels } from '../infrastructure/models';
import { outboxEntry } from './event-sink';
import type { NeedsApplication } from './needs';
import { dayPeriod } from './period';

export interface FunnelFilterInput {
  projectId?: string | null;
  municipalityCode?: string | null;
  /** YYYY-MM-DD, inclusive */
  from?: string | null;
  /** YYYY-MM-DD, inclusive */
  to?: string | null;
}

function toEntry(doc: FunnelPositionDocument): FunnelEntry {
  return {
    companyId: doc.companyId,
    projectId: doc.projectId,
    municipalityCode: doc.municipalityCode,
    stage: doc.stage as FunnelStage,
    history: doc.history.map((h) => ({ stage: h.stage as FunnelStage, at: h.at, by: h.by, ...(h.correction ? { correction: true as const } : {}) })),
  };
}

export class FunnelApplication {
  constructor(
    private readonly models: MatchmakingModels,
    private readonly needs: NeedsApplication,
    private readonly outbox: OutboxNudge,
  ) {}

  async setStage(claims: HubClaims, companyId: string, projectId: string, stage: FunnelStage, correction: boolean, correlationId: string): Promise<FunnelEntry> {
    const company = this.needs.requireCompany(companyId);
    const project = await this.models.projects.findOne(hotQueries.projectFactsById.filter(projectId.toLowerCase())).lean();
    if (!project) throw new ValidationError({ en: `Unknown project ${projectId} (if it was just registered, try again in a moment)`, sv: `Okänt projekt ${projectId} (om det nyss registrerats, försök igen om en stund)` }, 'projectId');
    const runsProject = [project.ownerOrganisationId, ...project.partnerOrganisationIds].includes(claims.organisationId ?? '');
    const mayWork = claims.roles.includes('admin') || (hasRole(claims, 'partner-staff', 'municipal-staff') && runsProject);
    const _id = `${project._id}:${company.id}`;

    const { entry, changed } = await withAggregateLock(this.models.funnelPositions, _id, async () => {
      const current = await this.models.funnelPositions.findOne(hotQueries.funnelPositionById.filter(_id), { outbox: 0 }).lean<FunnelPositionDocument>();
      const subject = { companyId: company.id, projectId: project._id, municipalityCode: company.municipalityCode };
      const decided = setStage(current ? toEntry(current) : subject, stage, claims, mayWork, new Date(), { correction });
      if (!decided.changed) return decided;
      const event = outboxEntry(StageChanged, company.id, { companyId: company.id, projectId: project._id, from: current ? (current.stage as FunnelStage) : null, to: stage }, correlationId);
      const state = { stage: decided.entry.stage, history: decided.entry.history };
      if (!current) {
        await this.models.funnelPositions.create({ _id, ...subject, ...state, outbox: [event] });
        return decided;
      }
      // the lock serialises writers; the revision check guards against one that went around it
      const result = await this.models.funnelPositions.updateOne(hotQueries.funnelPositionAtRevision.filter(_id, current.revision), { $set: state, $inc: { revision: 1 }, $push: { outbox: event } });
      if (result.modifiedCount !== 1) throw new ConflictError({ en: "The company's stage was changed by someone else at the same time; try again", sv: 'Företagets steg ändrades av någon annan samtidigt; försök igen' });
      return decided;
    });
    if (changed) this.outbox.nudge(this.models.funnelPositions, [_id]);
    return entry;
  }

  /** A company's positions, for those who work with it. */
  async positionsOf(claims: HubClaims, companyId: string): Promise<FunnelEntry[]> {
    this.needs.assertMayWorkWith(claims, this.needs.requireCompany(companyId));
    const rows = await this.models.funnelPositions.find(hotQueries.funnelPositionsOfCompany.filter(companyId.toLowerCase()), { outbox: 0 }).lean<FunnelPositionDocument[]>();
    return rows.map(toEntry).sort((a, b) => (a.projectId < b.projectId ? -1 : 1));
  }

  /** Aggregates only, so for every staff and integration role; not the public. */
  async report(claims: HubClaims, filter: FunnelFilterInput): Promise<FunnelReport> {
    if (!hasRole(claims, 'partner-staff', 'municipal-staff', 'integration')) throw new ForbiddenError({ en: 'Funnel counts are for staff and integration roles', sv: 'Trattens siffror är till för personal och integrationer' });
    const projectId = filter.projectId?.toLowerCase();
    const municipalityCode = filter.municipalityCode ?? undefined;
    // without either, the whole hub's funnel: a report over every position
    const conditions = projectId
      ? hotQueries.funnelOfProject.filter(projectId, municipalityCode)
      : municipalityCode
        ? hotQueries.funnelOfMunicipality.filter(municipalityCode)
        : {};
    const rows = await this.models.funnelPositions.find(conditions, { outbox: 0 }).lean<FunnelPositionDocument[]>();
    return funnelCounts(rows.map(toEntry), {
      ...(filter.projectId ? { projectId: filter.projectId.toLowerCase() } : {}),
      ...(filter.municipalityCode ? { municipalityCode: filter.municipalityCode } : {}),
      ...dayPeriod(filter.from, filter.to),
    });
  }
}
