import type { Need, OrganisationKind, TargetGroup } from '@hub/shared/contracts';
import { Interner } from '@hub/shared/search';
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
  /** What is known of offerings whose publication has not been seen yet (an enrolment count alone, say). */
  private readonly partialOfferings = new Map<string, Partial<OfferingFactsRecord>>();
  /** Events and documents bring their own copy of every code, date and list, which offerings repeat: held once. */
  private readonly shared = new Interner();
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

  /** A published offering's facts are kept in the index alone, and its changes merged into those. */
  offeringChanged(id: string, facts: Partial<OfferingFactsRecord>): void {
    const record = { ...(this.partialOfferings.get(id) ?? this.offerings.get(id)), ...facts };
    const complete = toOfferingFacts(id, record, this.shared);
    if (complete) {
      this.partialOfferings.delete(id);
      this.offerings.upsert(complete);
    } else {
      this.partialOfferings.set(id, record);
    }
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

/**
 * Null until the offering's publication has been seen (an enrolment count alone says too little). The values and
 * lists many offerings repeat are taken from `shared`.
 */
function toOfferingFacts(id: string, r: Partial<OfferingFactsRecord>, shared: Interner): OfferingFacts | null {
  if (!r.providerId || !r.kind || !r.status || !r.format || !r.eligibility) return null;
  return {
    id,
    providerId: shared.value(r.providerId),
    projectId: shared.value(r.projectId ?? null),
    kind: shared.value(r.kind),
    status: shared.value(r.status),
    needs: shared.list(r.needs ?? []),
    targetGroups: shared.list(r.targetGroups ?? []),
    sniCodes: shared.list(r.sniCodes ?? []),
    municipalityCodes: shared.list(r.municipalityCodes ?? []),
    format: shared.value(r.format),
    startDate: shared.value(r.startDate ?? null),
    endDate: shared.value(r.endDate ?? null),
    applicationDeadline: shared.value(r.applicationDeadline ?? null),
    capacity: r.capacity ?? null,
    enrolled: r.enrolled ?? 0,
    // a stored document's eligibility may lack rules it was written without: absent ones limit nothing
    eligibility: {
      maxEmployees: r.eligibility.maxEmployees ?? null,
      maxCompanyAgeYears: r.eligibility.maxCompanyAgeYears ?? null,
      sniPrefixes: shared.list(r.eligibility.sniPrefixes ?? []),
      municipalityCodes: shared.list(r.eligibility.municipalityCodes ?? []),
    },
  };
}
