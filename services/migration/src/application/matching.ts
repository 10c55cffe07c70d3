import { canActForOrganisation, hasRole, type HubClaims } from '@hub/shared/auth';
import { swedishDate } from '@hub/shared/calendar';
import { ForbiddenError, ValidationError } from '@hub/shared/errors';
import type { PrivacyLedger } from '@hub/shared/privacy';
import { hasConsent, type ConsentRecord } from '../domain/consent';
import { matchPlaces, matchVacancies, type MatchCandidate, type PlaceCapacity, type PlaceMatch, type VacancyFacts, type VacancyIndex, type VacancyMatch } from '../domain/matching';
import { occupationGroup } from '../domain/occupations';
import { hotQueries } from '../infrastructure/hot-queries';
import type { CandidateDocument, MigrationModels, SharedField } from '../infrastructure/models';
import type { CandidatesApplication } from './candidates';
import type { CasesApplication } from './cases';

const MAX_MATCHES = 50;

export interface CandidateMatches {
  vacancies: VacancyMatch[];
  places: PlaceMatch[];
}

function toMatchCandidate(doc: CandidateDocument): MatchCandidate {
  return {
    occupations: doc.occupations,
    partnerOccupation: doc.household.partnerOccupation ?? null,
    childrenAges: doc.household.childrenAges,
    wishes: { municipalityCodes: doc.wishes.municipalityCodes, housingType: doc.wishes.housingType, moveFrom: doc.wishes.moveFrom ?? null },
  };
}

function requireFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_MATCHES) throw new ValidationError({ en: `first is between 1 and ${MAX_MATCHES}`, sv: `first ska vara mellan 1 och ${MAX_MATCHES}` }, 'first');
}

/**
 * People to jobs and places, from the in-memory vacancy index: the candidate's own vacancies and their partner's
 * (dual career), and the municipalities where the household could live; employers see consenting candidates only.
 */
export class MatchingApplication {
  constructor(
    private readonly models: MigrationModels,
    private readonly index: VacancyIndex,
    private readonly candidates: CandidatesApplication,
    private readonly cases: CasesApplication,
    private readonly ledger: PrivacyLedger,
  ) {}

  async candidateMatches(claims: HubClaims, candidateId: string, first: number, correlationId: string): Promise<CandidateMatches> {
    requireFirst(first);
    const today = swedishDate();
    // the places' capacities are no one's personal data: read beside the candidate rather than after them
    const [stored, capacityRows] = await Promise.all([this.candidates.read(claims, candidateId, correlationId, 'candidateId'), this.cases.capacitiesOf(Number(today.slice(0, 4)))]);
    const candidate = toMatchCandidate(stored);
    const own = matchVacancies(candidate, this.index, { today, first });
    const partner = candidate.partnerOccupation ? matchVacancies(candidate, this.index, { today, first, forPartner: true }) : [];
    const capacities = new Map<string, PlaceCapacity>(
      capacityRows.map((c) => [c.municipalityCode, { municipalityCode: c.municipalityCode, housingUnits: c.housingUnits, preschoolPlaces: c.preschoolPlaces, schoolPlaces: c.schoolPlaces }]),
    );
    return { vacancies: [...own, ...partner], places: matchPlaces(candidate, this.index, capacities, { today }) };
  }

  /**
   * Candidates an employer may contact about a vacancy: those whose sharing consent holds right now, whose occupation
   * fits, and only the fields they share. Reading them is logged.
   */
  async sharedProfiles(claims: HubClaims, vacancy: Pick<VacancyFacts, 'employerId' | 'occupationCode' | 'municipalityCode' | 'workMode'>, first: number, correlationId: string): Promise<Array<{ candidate: CandidateDocument; sharedFields: SharedField[] }>> {
    requireFirst(first);
    // Not canActForEmployer: an integration job imports vacancies but never reads people.
    if (!(hasRole(claims, 'partner-staff') && canActForOrganisation(claims, vacancy.employerId))) {
      throw new ForbiddenError({ en: "Candidates' profiles are shared with the employer's own staff", sv: 'Kandidaternas profiler delas bara med arbetsgivarens egen personal' });
    }
    const group = occupationGroup(vacancy.occupationCode);
    const sharing = await this.models.candidates.find(hotQueries.candidatesSharingWithEmployers.filter(), { outbox: 0 }).sort({ registeredAt: 1 }).lean<CandidateDocument[]>();
    // the consents decide, read as they are now; the indexed flag only selects whom to read
    const fitting = sharing
      .filter((c) => c.sharedFields.length > 0 && hasConsent(c.consents as ConsentRecord[], 'share-with-employers'))
      .filter((c) => c.occupations.some((code) => code === vacancy.occupationCode || occupationGroup(code) === group))
      .filter((c) => vacancy.workMode === 'remote' || c.wishes.municipalityCodes.includes(vacancy.municipalityCode))
      .sort((a, b) => Number(b.occupations.includes(vacancy.occupationCode)) - Number(a.occupations.includes(vacancy.occupationCode)))
      .slice(0, first);
    const fields = [...new Set(fitting.flatMap((c) => c.sharedFields))].map((f) => `shared:${f}`);
    if (fitting.length > 0) await this.ledger.recordRead({ readerId: claims.sub, subjectIds: fitting.map((c) => c._id.toHexString()), fields }, correlationId);
    return fitting.map((candidate) => ({ candidate, sharedFields: candidate.sharedFields }));
  }
}
