import { withAggregateLock } from '@hub/shared/mongo';
import { hotQueries } from '../infrastructure/hot-queries';
import type { EmployerFactsDocument, MigrationModels } from '../infrastructure/models';

type EmployerFacts = Partial<Pick<EmployerFactsDocument, 'kind' | 'status'>>;

/**
 * The register's organisations as far as vacancies need them (may it employ?), in memory: a batch of job ads is
 * checked here instead of by a query, which on FerretDB scans the collection. Loaded at start; every change is
 * stored and then kept here by the one consumer that folds the register's events (one replica, like the index).
 */
export class EmployerDirectory {
  private readonly byId = new Map<string, EmployerFacts>();

  constructor(private readonly models: Pick<MigrationModels, 'employers'>) {}

  async load(): Promise<void> {
    for (const { _id, kind, status } of await this.models.employers.find({}).lean<EmployerFactsDocument[]>()) this.byId.set(_id, { kind, status });
  }

  /** Stores what an event of the register says of an organisation, then knows it here. */
  async record(id: string, facts: EmployerFacts, eventId: string): Promise<void> {
    await withAggregateLock(this.models.employers, id, () => this.models.employers.updateOne(hotQueries.employerById.filter(id), { $set: { ...facts, lastEventId: eventId } }, { upsert: true }).exec());
    this.byId.set(id, { ...this.byId.get(id), ...facts });
  }

  get(id: string): EmployerFacts | undefined {
    return this.byId.get(id.toLowerCase());
  }
}
