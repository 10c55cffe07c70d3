import { Types } from 'mongoose';
import type { HubClaims } from '@hub/shared/auth';
import { OrganisationDeactivated, OrganisationRegistered, OrganisationUpdated, type OrganisationKind } from '@hub/shared/contracts';
import { ConflictError, NotFoundError, ValidationError } from '@hub/shared/errors';
import { isDuplicateKeyError, parseObjectId, withAggregateLock, type Page } from '@hub/shared/mongo';
import { pageOf, swedishSortKey } from '@hub/shared/search';
import type { OutboxNudge } from '@hub/shared/messaging';
import { assertMayDeactivateOrganisation, assertMayEditOrganisation } from '../domain/access';
import { changedFields, matchingFacts, validateOrganisationDetails, type IdentifiedDetails, type OrganisationDetails } from '../domain/organisation';
import { hotQueries } from '../infrastructure/hot-queries';
import type { OrganisationDocument, OrganisationsModels } from '../infrastructure/models';
import type { OrganisationItem, RegisterIndex } from '../infrastructure/register-index';
import { outboxEntry } from './event-sink';
import type { MunicipalitiesApplication } from './municipalities';

export interface OrganisationFilter {
  kind?: OrganisationKind;
  municipalityCode?: string;
  /** An SNI code or its prefix: "62" finds every company in IT services. */
  industry?: string;
  status?: 'active' | 'inactive';
  text?: string;
}

/** The numbers one look-up may ask for: a batch of job ads has at most a few hundred employers. */
const MAX_NUMBERS_PER_LOOKUP = 500;

export class OrganisationsApplication {
  constructor(
    private readonly models: OrganisationsModels,
    private readonly municipalities: MunicipalitiesApplication,
    private readonly index: RegisterIndex,
    private readonly outbox: OutboxNudge,
  ) {}

  /** Re-read after a write: the answer, and this replica's lists and reads showing the write at once. */
  private async written(id: string): Promise<OrganisationDocument> {
    const organisation = await this.stored(id);
    this.index.organisationWritten(organisation);
    return organisation;
  }

  /** The record as stored, for a write under its lock: this replica's copy may not have another replica's last write yet. */
  private async stored(id: string): Promise<OrganisationDocument> {
    const organisation = await this.models.organisations.findOne(hotQueries.organisationById.filter(parseObjectId(id))).lean<OrganisationDocument>();
    if (!organisation) throw new NotFoundError({ en: `No organisation with id ${id}`, sv: `Det finns ingen organisation med id ${id}` }, 'id');
    return organisation;
  }

  async register(claims: HubClaims, input: OrganisationDetails, correlationId: string): Promise<OrganisationDocument> {
    const details = withContactIds(validateOrganisationDetails(input));
    assertMayEditOrganisation(claims, { municipalityCode: details.municipalityCode });
    this.municipalities.assertExists(details.municipalityCode, 'input.municipalityCode');
    const organisation = new this.models.organisations({ ...details, sortName: swedishSortKey(details.name), status: 'active' });
    organisation.set('outbox', [
      outboxEntry(
        OrganisationRegistered,
        organisation.id as string,
        {
          organisationId: organisation.id as string,
          kind: details.kind,
          municipalityCode: details.municipalityCode,
          sniCodes: details.industries.map((i) => i.code),
          ...matchingFacts(details),
        },
        correlationId,
      ),
    ]);
    try {
      await organisation.save();
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new ConflictError({ en: `An organisation with number ${details.organisationNumber} is already registered`, sv: `En organisation med organisationsnummer ${details.organisationNumber} är redan registrerad` }, 'input.organisationNumber');
      }
      throw error;
    }
    const registered = organisation.toObject() as OrganisationDocument;
    this.outbox.nudgeCreated(this.models.organisations, [registered]);
    this.index.organisationWritten(registered);
    return registered;
  }

  async update(claims: HubClaims, id: string, patch: Partial<OrganisationDetails>, correlationId: string): Promise<OrganisationDocument> {
    return this.change(id, correlationId, (current, before) => {
      assertMayEditOrganisation(claims, { id, municipalityCode: current.municipalityCode });
      const after = withContactIds(validateOrganisationDetails({ ...before, ...definedOnly(patch) }));
      if (after.municipalityCode !== before.municipalityCode) {
        // moving a record to another municipality is checked against both the old and the new one
        assertMayEditOrganisation(claims, { id, municipalityCode: after.municipalityCode });
      }
      return after;
    });
  }

  /**
   * Removes a person's contact entries from every organisation that lists them (an erasure), each as an ordinary
   * update: compare-and-set on the revision, and OrganisationUpdated so the other services drop the adviser too.
   * Returns how many organisations listed them.
   */
  async removeContact(contactId: string, correlationId: string): Promise<number> {
    const holders = await this.models.organisations.find({ 'contacts.id': contactId }, { _id: 1 }).lean<Array<{ _id: Types.ObjectId }>>();
    for (const { _id } of holders) {
      // not validated again: leaving a contact out cannot make the record invalid, and an erasure must not wait
      // for someone to fix an unrelated field stored before today's rules
      await this.change(_id.toHexString(), correlationId, (_current, before) => withContactIds({ ...before, contacts: before.contacts.filter((c) => c.id !== contactId) }));
    }
    return holders.length;
  }

  /** Every organisation that lists the person as a contact, with that contact entry. */
  async contactEntriesOf(contactId: string): Promise<Array<{ organisation: OrganisationDocument; contact: OrganisationDocument['contacts'][number] }>> {
    const holders = await this.models.organisations.find({ 'contacts.id': contactId }, { outbox: 0 }).sort({ sortName: 1, _id: 1 }).lean<OrganisationDocument[]>();
    return holders.flatMap((organisation) => organisation.contacts.filter((c) => c.id === contactId).map((contact) => ({ organisation, contact })));
  }

  /**
   * Applies `next` to the current record and stores the result if it differs, with its OrganisationUpdated, under the
   * organisation's lock; the revision check stays as a guard against a writer that went around the lock.
   */
  private async change(
    id: string,
    correlationId: string,
    next: (current: OrganisationDocument, before: OrganisationDetails) => IdentifiedDetails,
  ): Promise<OrganisationDocument> {
    const _id = parseObjectId(id);
    const written = await withAggregateLock(this.models.organisations, _id, async () => {
      const current = await this.stored(id);
      const before = detailsOf(current);
      const after = next(current, before);
      const changed = changedFields(before, after);
      if (changed.length === 0) return false;
      this.municipalities.assertExists(after.municipalityCode, 'input.municipalityCode');
      const entry = outboxEntry(
        OrganisationUpdated,
        id,
        {
          organisationId: id,
          changedFields: changed,
          kind: after.kind,
          municipalityCode: after.municipalityCode,
          sniCodes: after.industries.map((i) => i.code),
          status: current.status,
          ...matchingFacts(after),
        },
        correlationId,
      );
      try {
        const result = await this.models.organisations.updateOne(
          hotQueries.organisationAtRevision.filter(_id, current.revision),
          {
            $set: { ...after, website: after.website ?? null, employees: after.employees ?? null, foundedYear: after.foundedYear ?? null, sortName: swedishSortKey(after.name) },
            $inc: { revision: 1 },
            $push: { outbox: entry },
          },
        );
        if (result.modifiedCount !== 1) throw new ConflictError({ en: 'The organisation was changed by someone else at the same time; try again', sv: 'Organisationen ändrades av någon annan samtidigt; försök igen' });
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) {
          throw new ConflictError({ en: `An organisation with number ${after.organisationNumber} is already registered`, sv: `En organisation med organisationsnummer ${after.organisationNumber} är redan registrerad` }, 'input.organisationNumber');
        }
        throw error;
      }
    });
    if (written) this.outbox.nudge(this.models.organisations, [_id]);
    return this.written(id);
  }

  async deactivate(claims: HubClaims, id: string, correlationId: string): Promise<OrganisationDocument> {
    const _id = parseObjectId(id);
    const written = await withAggregateLock(this.models.organisations, _id, async () => {
      const current = await this.stored(id);
      assertMayDeactivateOrganisation(claims, current);
      if (current.status === 'inactive') return false;
      const entry = outboxEntry(OrganisationDeactivated, id, { organisationId: id }, correlationId);
      await this.models.organisations.updateOne(hotQueries.organisationById.filter(_id), { $set: { status: 'inactive' }, $inc: { revision: 1 }, $push: { outbox: entry } });
      return true;
    });
    if (written) this.outbox.nudge(this.models.organisations, [_id]);
    return this.written(id);
  }

  /** Reads answer from this replica's copies of the records (RegisterIndex), which its writes and the register's events keep current. */
  async byId(id: string): Promise<OrganisationDocument | null> {
    return this.index.organisationRecords([parseObjectId(id).toHexString()])[0] ?? null;
  }

  async requireById(id: string): Promise<OrganisationDocument> {
    const organisation = await this.byId(id);
    if (!organisation) throw new NotFoundError({ en: `No organisation with id ${id}`, sv: `Det finns ingen organisation med id ${id}` }, 'id');
    return organisation;
  }

  /** For entity references and loaders: unknown or malformed ids are simply not found. */
  async byIds(ids: readonly string[]): Promise<Map<string, OrganisationDocument>> {
    const valid = ids.filter((id) => /^[0-9a-f]{24}$/i.test(id)).map((id) => id.toLowerCase());
    return new Map(this.index.organisationRecords(valid).map((row) => [row._id.toHexString(), row]));
  }

  async byOrganisationNumber(organisationNumber: string): Promise<OrganisationDocument | null> {
    return this.withNumber(validateOrganisationNumberQuery(organisationNumber, 'organisationNumber'));
  }

  private withNumber(organisationNumber: string): OrganisationDocument | null {
    const id = this.index.organisationIdByNumber(organisationNumber);
    return id === undefined ? null : (this.index.organisationRecords([id])[0] ?? null);
  }

  /**
   * One organisation (or null) per number, in the order asked: an integration matching a batch of job ads on their
   * employers' numbers asks once instead of once per number.
   */
  async byOrganisationNumbers(organisationNumbers: readonly string[]): Promise<Array<OrganisationDocument | null>> {
    if (organisationNumbers.length < 1 || organisationNumbers.length > MAX_NUMBERS_PER_LOOKUP) {
      throw new ValidationError({ en: `Between 1 and ${MAX_NUMBERS_PER_LOOKUP} numbers at a time`, sv: `Mellan 1 och ${MAX_NUMBERS_PER_LOOKUP} organisationsnummer åt gången` }, 'organisationNumbers');
    }
    const numbers = organisationNumbers.map((number, i) => validateOrganisationNumberQuery(number, `organisationNumbers.${i}`));
    return numbers.map((number) => this.withNumber(number));
  }

  /** From this replica's index: status (active by default), kind, municipality, SNI prefix and text, in Swedish order. */
  async list(filter: OrganisationFilter, first: number, after?: string | null): Promise<Page<OrganisationDocument>> {
    const status = filter.status ?? 'active';
    const conditions: Array<(organisation: OrganisationItem) => boolean> = [(organisation) => organisation.status === status];
    const { kind, municipalityCode, industry } = filter;
    if (kind) conditions.push((organisation) => organisation.kind === kind);
    if (municipalityCode) conditions.push((organisation) => organisation.municipalityCode === municipalityCode);
    if (industry !== undefined) {
      if (!/^\d{2,5}$/.test(industry)) throw new ValidationError({ en: 'An industry filter is an SNI code of 2 to 5 digits', sv: 'Ett branschfilter är en SNI-kod med 2 till 5 siffror' }, 'filter.industry');
      conditions.push((organisation) => organisation.industryCodes.some((code) => code.startsWith(industry)));
    }
    if ((filter.text ?? '').length > 200) throw new ValidationError({ en: 'At most 200 characters', sv: 'Högst 200 tecken' }, 'filter.text');
    const page = this.index.organisations.page({ sort: 'name', text: filter.text, where: conditions, first, after });
    return pageOf(page, async (ids) => this.index.organisationRecords(ids));
  }
}

function validateOrganisationNumberQuery(value: string, field: string): string {
  if (value.length > 20) throw new ValidationError({ en: 'Not an organisation number', sv: 'Inte ett organisationsnummer' }, field);
  const digits = value.replace(/[-\s]/g, '');
  if (!/^\d{10}$/.test(digits)) throw new ValidationError({ en: 'An organisation number has ten digits, written NNNNNN-NNNN', sv: 'Ett organisationsnummer har tio siffror och skrivs NNNNNN-NNNN' }, field);
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

function detailsOf(organisation: OrganisationDocument): OrganisationDetails {
  return {
    kind: organisation.kind,
    name: organisation.name,
    organisationNumber: organisation.organisationNumber,
    industries: organisation.industries.map((i) => ({ code: i.code, version: i.version })),
    municipalityCode: organisation.municipalityCode,
    ...(organisation.website ? { website: organisation.website } : {}),
    contacts: organisation.contacts.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      name: c.name,
      role: c.role,
      ...(c.email ? { email: c.email } : {}),
      ...(c.phone ? { phone: c.phone } : {}),
      expertise: [...c.expertise],
    })),
    ...(typeof organisation.employees === 'number' ? { employees: organisation.employees } : {}),
    ...(typeof organisation.foundedYear === 'number' ? { foundedYear: organisation.foundedYear } : {}),
  };
}

/** A contact the caller sends without an id is a new one. */
function withContactIds(details: OrganisationDetails): IdentifiedDetails {
  return { ...details, contacts: details.contacts.map((c) => ({ ...c, id: c.id ?? new Types.ObjectId().toHexString() })) };
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined && value !== null)) as Partial<T>;
}
