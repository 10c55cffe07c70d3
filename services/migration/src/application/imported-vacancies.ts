import { createHash } from 'node:crypto';
import type { VacancyDetails, VacancyStatus } from '../domain/vacancy';

interface Imported {
  id: string;
  employerId: string;
  fingerprint: string;
  status: VacancyStatus;
}

/**
 * The facts an import compares: a change to any of them is an update, anything else is the same ad again. A digest,
 * since one is kept per imported ad: their text itself, the description included, was kilobytes each.
 */
export function importFingerprint(employerId: string, details: VacancyDetails): string {
  const { title, occupationCode, municipalityCode, startDate, workMode, housingHelp, positions, applicationDeadline, description } = details;
  return createHash('sha256')
    .update(JSON.stringify([employerId, title, occupationCode, municipalityCode, startDate, workMode, housingHelp, positions, applicationDeadline, description]))
    .digest('base64');
}

/**
 * Vacancies by their source's id, in memory: a sync of 500 job ads is compared here instead of by a query, which on
 * FerretDB scans the whole collection. Loaded at start, kept by the service's own writes (one replica, like the index).
 */
export class ImportedVacancies {
  private readonly byExternalId = new Map<string, Imported>();

  get(externalId: string): Imported | undefined {
    return this.byExternalId.get(externalId);
  }

  set(externalId: string, entry: Imported): void {
    this.byExternalId.set(externalId, entry);
  }

  get size(): number {
    return this.byExternalId.size;
  }
}
