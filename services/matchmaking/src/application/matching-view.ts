import type { Need, OrganisationKind, TargetGroup } from '@hub/shared/contracts';
import { OfferingIndex } from '../domain/matching';
import type { AdviserProfile, CompanyProfile, OfferingFacts, RecordedNeed } from '../domain/model';
import type { OfferingFactsRecord, OrganisationFacts, ReadModelListener } from '../infrastructure/event-consumer';
import type { MatchmakingModels, NeedsAnalysisDocument } from '../infrastructure/models';

const MATCHABLE_KINDS: ReadonlySet<OrganisationKind> = new Set(['company', 'employer']);

/** What a needs analysis adds to a company's register facts. */
export interface AnalysisFacts {
  needs: RecordedNeed[];
  ownerGroups: TargetGroup[];
  offers: string[];
  seeks: string[];
}

type KnownOrganisation = Partial<OrganisationFacts>;

/**
 * The read models held in memory for matching: offerings in an inverted index, organisations and needs analyses
 * in maps. Loaded once from this service's database at start, then kept current by the event consumer and by
 * this process's own writes, so a match is computed without a database round trip. The database stays the
 * record; this is a cache of it in one process (see the README on running one replica).
 */
export class MatchingView implements ReadModelListener {
  readonly offerings = new OfferingIndex();
  private readonly offeringRecords = new Map<string, Partial<OfferingFactsRecord>>();
  private readonly organisations = new Map<string, KnownOrganisation>();
  private readonly analyses = new Map<string, AnalysisFacts>();

  async load(models: MatchmakingModels): Promise<void> {
    const [organisations, offerings, analyses] = await Promise.all([
      models.organisations.find({}).lean(),
      models.offerings.find({}).lean(),
      models.needsAnalyses.find({}, { outbox: 0 }).lean<NeedsAnalysisDocument[]>(),
    ]);
    for (const { _id, lastEventId: _, ...facts } of organisations) this.organisationChanged(_id, facts as unknown as KnownOrganisation);
    for (const { _id, lastEventId: _, ...facts } of offerings) this.offeringChanged(_id, facts as unknown as Partial<OfferingFactsRecord>);
    for (const doc of analyses) this.analysisChanged(doc._id, analysisFacts(doc));
  }

  organisationChanged(id: string, facts: Partial<OrganisationFacts>): void {
    this.organisations.set(id, { ...this.organisations.get(id), ...facts });
  }

  offeringChanged(id: string, facts: Partial<OfferingFactsRecord>): void {
    const record = { ...this.offeringRecords.get(id), ...facts };
    this.offeringRecords.set(id, record);
    const complete = toOfferingFacts(id, record);
    if (complete) this.offerings.upsert(complete);
  }

  analysisChanged(companyId: string, facts: AnalysisFacts): void {
    this.analyses.set(companyId, facts);
  }

  organisation(id: string): KnownOrganisation | undefined {
    return this.organisations.get(id);
  }

  offering(id: string): OfferingFacts | undefined {
    return this.offerings.get(id);
  }

  /** An active company or employer the register knows, with its needs analysis if it has one. */
  company(id: string): CompanyProfile | null {
    const facts = this.organisations.get(id);
    if (!facts?.kind || !MATCHABLE_KINDS.has(facts.kind) || facts.status !== 'active' || !facts.municipalityCode) return null;
    const analysis = this.analyses.get(id);
    return {
      id,
      municipalityCode: facts.municipalityCode,
      sniCodes: facts.sniCodes ?? [],
      employees: facts.employees ?? null,
      foundedYear: facts.foundedYear ?? null,
      ownerGroups: analysis?.ownerGroups ?? [],
      needs: analysis?.needs ?? [],
      offers: analysis?.offers ?? [],
      seeks: analysis?.seeks ?? [],
    };
  }

  *companies(): Iterable<CompanyProfile> {
    for (const id of this.organisations.keys()) {
      const company = this.company(id);
      if (company) yield company;
    }
  }

  /** Contacts of active organisations that have areas of expertise. */
  *advisers(): Iterable<AdviserProfile> {
    for (const [organisationId, facts] of this.organisations) {
      if (facts.status !== 'active' || !facts.municipalityCode || MATCHABLE_KINDS.has(facts.kind!)) continue;
      for (const adviser of facts.advisers ?? []) {
        yield { organisationId, contactId: adviser.contactId, expertise: adviser.expertise, municipalityCode: facts.municipalityCode };
      }
    }
  }
}

export function analysisFacts(doc: { needs: ReadonlyArray<{ need: string; priority: number }>; ownerGroups: readonly string[]; offers: readonly string[]; seeks: readonly string[] }): AnalysisFacts {
  return {
    needs: doc.needs.map((n) => ({ need: n.need as Need, priority: n.priority as RecordedNeed['priority'] })),
    ownerGroups: doc.ownerGroups as TargetGroup[],
    offers: [...doc.offers],
    seeks: [...doc.seeks],
  };
}

/** Null until the offering's publication has been seen (an enrolment count alone says too little). */
function toOfferingFacts(id: string, r: Partial<OfferingFactsRecord>): OfferingFacts | null {
  if (!r.providerId || !r.kind || !r.status || !r.format || !r.eligibility) return null;
  return {
    id,
    providerId: r.providerId,
    projectId: r.projectId ?? null,
    kind: r.kind,
    status: r.status,
    needs: r.needs ?? [],
    targetGroups: r.targetGroups ?? [],
    sniCodes: r.sniCodes ?? [],
    municipalityCodes: r.municipalityCodes ?? [],
    format: r.format,
    startDate: r.startDate ?? null,
    endDate: r.endDate ?? null,
    applicationDeadline: r.applicationDeadline ?? null,
    capacity: r.capacity ?? null,
    enrolled: r.enrolled ?? 0,
    eligibility: r.eligibility,
  };
}
