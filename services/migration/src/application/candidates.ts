import { hasRole, type HubClaims } from '@hub/shared/auth';
import { CandidateRegistered, ConsentGiven, ConsentWithdrawn, type ConsentPurpose } from '@hub/shared/contracts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@hub/shared/errors';
import { findByIds, isDuplicateKeyError, parseObjectId, serverOperator, updateEach, withAggregateLock, type Page } from '@hub/shared/mongo';
import { pageAmong, pageOf } from '@hub/shared/search';
import type { PrivacyLedger } from '@hub/shared/privacy';
import { Types } from 'mongoose';
import { validateCandidateProfile, type CandidateProfileInput } from '../domain/candidate';
import { giveConsent, hasConsent, withdrawConsent, type ConsentChannel, type ConsentRecord } from '../domain/consent';
import { isRegion10Municipality } from '@hub/shared/contracts';
import type { OutboxNudge } from '@hub/shared/messaging';
import { hotQueries } from '../infrastructure/hot-queries';
import type { CandidateDocument, MigrationModels, SharedField } from '../infrastructure/models';
import { canReadCandidate, isOfficerFor } from './access';
import { outboxEntry } from './event-sink';

export interface ConsentInput {
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  textVersion: string;
}

export interface RegisterCandidateInput {
  personId?: string | null;
  profile: CandidateProfileInput;
  consents: ConsentInput[];
  sharedFields?: SharedField[] | null;
}

/** Fields of a candidate that are personal data, as named in the access log. */
const CANDIDATE_FIELDS = ['candidate'];

/**
 * People who consider moving. Registered and read by migration officers (for their own municipality) and admins;
 * every read is logged first.
 */
export class CandidatesApplication {
  constructor(
    private readonly models: MigrationModels,
    private readonly ledger: PrivacyLedger,
    private readonly outbox: OutboxNudge,
  ) {}

  /**
   * Gives candidates stored before their indexed copies existed those copies; at start, once (afterwards the read finds
   * none). Without them an officer's list and employers' shared profiles would leave those candidates out.
   */
  async copyIndexedFields(): Promise<number> {
    return updateEach(
      this.models.candidates,
      { sharesWithEmployers: serverOperator({ $exists: false }) },
      (candidate) => ({ $set: { wishedMunicipalityCodes: candidate.wishes.municipalityCodes, sharesWithEmployers: hasConsent(candidate.consents as ConsentRecord[], 'share-with-employers') } }),
      { timestamps: false },
    );
  }

  async register(claims: HubClaims, input: RegisterCandidateInput, correlationId: string): Promise<CandidateDocument> {
    if (!hasRole(claims, 'migration-officer')) throw new ForbiddenError({ en: 'Candidates are registered by migration officers', sv: 'Kandidater registreras av inflyttningshandläggare' });
    const profile = validateCandidateProfile(input.profile, 'input.profile');
    if (!profile.wishes.municipalityCodes.some((code) => isOfficerFor(claims, code))) {
      throw new ForbiddenError({ en: 'Officers register people who wish to move to their own municipality', sv: 'Handläggare registrerar personer som vill flytta till den egna kommunen' });
    }
    const at = new Date();
    const consents: ConsentRecord[] = [];
    input.consents.forEach((consent, index) => {
      const record = giveConsent(consents, { ...consent, at, recordedBy: claims.sub }, `input.consents.${index}`);
      if (record) consents.push(record);
    });
    if (!hasConsent(consents, 'in-migration-service')) {
      throw new ValidationError({ en: 'Registering needs the consent to the in-migration service itself', sv: 'Registreringen kräver samtycke till själva inflyttarservicen' }, 'input.consents');
    }
    const sharedFields = uniqueSharedFields(input.sharedFields ?? []);
    if (sharedFields.length > 0 && !hasConsent(consents, 'share-with-employers')) {
      throw new ValidationError({ en: 'Sharing with employers needs the consent to share', sv: 'Att dela med arbetsgivare kräver samtycke till delning' }, 'input.sharedFields');
    }
    const _id = input.personId ? parseObjectId(input.personId.toLowerCase(), 'input.personId') : new Types.ObjectId();
    const candidateId = _id.toHexString();
    const doc = new this.models.candidates({
      _id,
      ...profile,
      wishedMunicipalityCodes: profile.wishes.municipalityCodes,
      consents,
      sharesWithEmployers: hasConsent(consents, 'share-with-employers'),
      sharedFields,
      registeredBy: claims.sub,
      registeredAt: at.toISOString(),
      outbox: [
        outboxEntry(CandidateRegistered, candidateId, { candidateId }, correlationId),
        ...consents.map((c) => outboxEntry(ConsentGiven, candidateId, { candidateId, purpose: c.purpose, textVersion: c.textVersion }, correlationId)),
      ],
    });
    try {
      await doc.save();
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new ConflictError({ en: 'This person is already registered as a candidate', sv: 'Personen är redan registrerad som kandidat' }, 'input.personId');
      throw error;
    }
    this.outbox.nudgeCreated(this.models.candidates, [doc.toObject()]);
    return this.read(claims, candidateId, correlationId);
  }

  /** A candidate for a caller allowed to see them; the read is logged before the data is returned. */
  async read(claims: HubClaims, id: string, correlationId: string, field = 'id'): Promise<CandidateDocument> {
    const doc = await this.visible(claims, id, field, correlationId);
    await this.ledger.recordRead({ readerId: claims.sub, subjectIds: [id.toLowerCase()], fields: CANDIDATE_FIELDS }, correlationId);
    return doc;
  }

  async list(claims: HubClaims, municipalityCode: string | null | undefined, first: number, after: string | null | undefined, correlationId: string): Promise<Page<CandidateDocument>> {
    if (!hasRole(claims, 'migration-officer')) throw new ForbiddenError({ en: 'Candidates are for migration officers', sv: 'Kandidater visas bara för inflyttningshandläggare' });
    const code = municipalityCode ?? (hasRole(claims, 'admin') ? null : claims.municipalityCode ?? null);
    if (code !== null && !isRegion10Municipality(code)) throw new ValidationError({ en: 'Not one of Region 10’s municipalities', sv: 'Inte en av Region 10:s kommuner' }, 'municipalityCode');
    if (code === null && !hasRole(claims, 'admin')) throw new ForbiddenError({ en: 'Your token names no municipality', sv: 'Din inloggning anger ingen kommun' });
    if (code !== null && !isOfficerFor(claims, code)) throw new ForbiddenError({ en: "Only the municipality's own migration officers may do this", sv: 'Bara kommunens egna inflyttningshandläggare får göra detta' });
    // two equalities rather than one $or, which FerretDB would answer by reading every candidate; an admin's list is all of them
    const registered = (filter: Record<string, string>) => this.models.candidates.find(filter, { registeredAt: 1 }).lean<Array<Pick<CandidateDocument, '_id' | 'registeredAt'>>>();
    const candidates =
      code === null
        ? await registered({})
        : [...(await registered(hotQueries.candidatesWishingToMoveTo.filter(code))), ...(await registered(hotQueries.candidatesWithCaseIn.filter(code)))];
    const ids = await pageAmong(candidates, (candidate) => ({ id: candidate._id.toHexString(), sortKey: candidate.registeredAt }), { first, after });
    const page = await pageOf(ids, (found) => findByIds(this.models.candidates, found, { outbox: 0 }));
    await this.ledger.recordRead({ readerId: claims.sub, subjectIds: page.items.map((c) => c._id.toHexString()), fields: CANDIDATE_FIELDS }, correlationId);
    return page;
  }

  async updateProfile(claims: HubClaims, id: string, input: CandidateProfileInput, correlationId: string): Promise<CandidateDocument> {
    const profile = validateCandidateProfile(input, 'input');
    await this.change(claims, id, 'id', correlationId, () => ({ $set: { ...profile, wishedMunicipalityCodes: profile.wishes.municipalityCodes } }));
    return this.read(claims, id, correlationId);
  }

  async giveConsent(claims: HubClaims, id: string, input: ConsentInput, correlationId: string): Promise<CandidateDocument> {
    await this.change(claims, id, 'candidateId', correlationId, (current) => {
      const record = giveConsent(current.consents as ConsentRecord[], { ...input, at: new Date(), recordedBy: claims.sub }, 'input');
      if (!record) return null;
      return {
        $push: { consents: record, outbox: outboxEntry(ConsentGiven, id, { candidateId: id, purpose: record.purpose, textVersion: record.textVersion }, correlationId) },
        $set: { sharesWithEmployers: sharesWithEmployers(current, record) },
      };
    });
    return this.read(claims, id, correlationId, 'candidateId');
  }

  /** Takes effect at once: sharing with employers is checked on every read against the current consents. */
  async withdrawConsent(claims: HubClaims, id: string, purpose: ConsentPurpose, channel: ConsentChannel, correlationId: string): Promise<CandidateDocument> {
    await this.change(claims, id, 'candidateId', correlationId, (current) => {
      const record = withdrawConsent(current.consents as ConsentRecord[], { purpose, channel, at: new Date(), recordedBy: claims.sub });
      if (!record) return null;
      return {
        $push: { consents: record, outbox: outboxEntry(ConsentWithdrawn, id, { candidateId: id, purpose }, correlationId) },
        $set: { sharesWithEmployers: sharesWithEmployers(current, record) },
      };
    });
    return this.read(claims, id, correlationId, 'candidateId');
  }

  async setSharedFields(claims: HubClaims, id: string, fields: SharedField[], correlationId: string): Promise<CandidateDocument> {
    const sharedFields = uniqueSharedFields(fields);
    await this.change(claims, id, 'candidateId', correlationId, (current) => {
      if (sharedFields.length > 0 && !hasConsent(current.consents as ConsentRecord[], 'share-with-employers')) {
        throw new ValidationError({ en: 'The candidate has not consented to sharing their profile with employers', sv: 'Kandidaten har inte samtyckt till att profilen delas med arbetsgivare' }, 'fields');
      }
      return { $set: { sharedFields } };
    });
    return this.read(claims, id, correlationId, 'candidateId');
  }

  private async visible(claims: HubClaims, id: string, field: string, correlationId: string): Promise<CandidateDocument> {
    if (!hasRole(claims, 'migration-officer')) throw new ForbiddenError({ en: 'Candidates are for migration officers', sv: 'Kandidater visas bara för inflyttningshandläggare' });
    const _id = parseObjectId(id.toLowerCase(), field);
    const doc = await this.models.candidates.findOne(hotQueries.candidateById.filter(_id), { outbox: 0 }).lean<CandidateDocument>();
    if (!doc) throw new NotFoundError({ en: 'No candidate with this id', sv: 'Det finns ingen kandidat med detta id' }, field);
    if (!canReadCandidate(claims, doc)) {
      await this.ledger.recordRefusal({ readerId: claims.sub, subjectIds: [doc._id.toHexString()], fields: CANDIDATE_FIELDS }, correlationId);
      throw new ForbiddenError({ en: "Only the migration officers of the candidate's municipalities may see them", sv: 'Bara inflyttningshandläggarna i kandidatens kommuner får se kandidaten' });
    }
    return doc;
  }

  /**
   * One write under the candidate's lock, planned on what is stored; the revision check guards against a writer that
   * went around the lock.
   */
  private async change(claims: HubClaims, id: string, field: string, correlationId: string, plan: (current: CandidateDocument) => Record<string, unknown> | null): Promise<void> {
    const written = await withAggregateLock(this.models.candidates, id, async () => {
      const current = await this.visible(claims, id, field, correlationId);
      const update = plan(current);
      if (!update) return null;
      const result = await this.models.candidates.updateOne(hotQueries.candidateAtRevision.filter(current._id, current.revision), { ...update, $inc: { revision: 1 } });
      if (result.modifiedCount !== 1) throw new ConflictError({ en: 'The candidate was changed by someone else at the same time; try again', sv: 'Kandidaten ändrades av någon annan samtidigt; försök igen' });
      return current._id;
    });
    if (written) this.outbox.nudge(this.models.candidates, [written]);
  }
}

/** Whether the candidate shares with employers once `record` is appended to their consents. */
function sharesWithEmployers(current: CandidateDocument, record: ConsentRecord): boolean {
  return hasConsent([...(current.consents as ConsentRecord[]), record], 'share-with-employers');
}

function uniqueSharedFields(fields: SharedField[]): SharedField[] {
  return [...new Set(fields)];
}
