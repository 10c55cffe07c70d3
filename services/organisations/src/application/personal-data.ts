import { requireRole, type HubClaims } from '@hub/shared/auth';
import type { Logger } from '@hub/shared/logging';
import type { PrivacyLedger } from '@hub/shared/privacy';
import type { OrganisationsApplication } from './organisations';

/** A PersonErased event's payload. */
export interface ErasureRequest {
  erasureId: string;
  personId: string;
}

/** What this service holds on one person: their entries as a contact of organisations. */
export interface PersonalDataCopy {
  contacts: Array<{
    organisationId: string;
    organisationName: string;
    id: string;
    name: string;
    role: string;
    email: string | null;
    phone: string | null;
    expertise: string[];
  }>;
}

/**
 * A person's rights over what this service holds on them. Their hub id is their contacts' id (an adviser's account
 * has sub = their contact id); the register keeps no other trace of who did what.
 */
export class PersonalDataApplication {
  constructor(
    private readonly organisations: OrganisationsApplication,
    private readonly ledger: PrivacyLedger,
    private readonly logger: Logger,
  ) {}

  /** Removes the person from every organisation's contacts, then reports the erasure done (once per erasure). */
  async erase({ erasureId, personId }: ErasureRequest, correlationId: string): Promise<void> {
    const organisations = await this.organisations.removeContact(personId, correlationId);
    await this.ledger.completeErasure(erasureId, personId, correlationId);
    this.logger.info({ erasureId, organisations }, 'erased a person from the register');
  }

  /** A right-of-access copy, for admins; handing over contact details is itself a logged read. */
  async copyFor(claims: HubClaims, personId: string, correlationId: string): Promise<PersonalDataCopy> {
    requireRole(claims, 'admin');
    const entries = await this.organisations.contactEntriesOf(personId);
    if (entries.length > 0) await this.ledger.recordRead({ readerId: claims.sub, subjectIds: [personId], fields: ['personalData'] }, correlationId);
    return {
      contacts: entries.map(({ organisation, contact }) => ({
        organisationId: organisation._id.toHexString(),
        organisationName: organisation.name,
        id: personId,
        name: contact.name,
        role: contact.role,
        email: contact.email ?? null,
        phone: contact.phone ?? null,
        expertise: [...contact.expertise],
      })),
    };
  }

  /** Contact details are about to be returned: log the read first, so a failed log fails the read. */
  async recordContactsRead(claims: HubClaims, contactIds: readonly string[], correlationId: string): Promise<void> {
    await this.ledger.recordRead({ readerId: claims.sub, subjectIds: [...contactIds], fields: ['contacts'] }, correlationId);
  }
}
