import { ValidationError } from '@hub/shared/errors';
import { REFERENCE_MUNICIPALITIES } from '../domain/municipalities';
import type { MunicipalityDocument, OrganisationsModels } from '../infrastructure/models';

export class MunicipalitiesApplication {
  /**
   * Every municipality, read once at start after the upsert: reference data that only that upsert writes. Most
   * requests name a municipality, and reading it from the database cost a round trip each (FerretDB spends more CPU
   * on a lookup than the subgraph spends on the rest of a small query).
   */
  private byCodeMap = new Map<string, MunicipalityDocument>();
  /** In name order, as the list returns them. */
  private sorted: MunicipalityDocument[] = [];

  constructor(private readonly models: OrganisationsModels) {}

  /**
   * Reference data is upserted at every start, so a new deployment and an old one hold the same list. Without the
   * aggregate lock: nothing else writes these documents, and replicas starting together write the same values.
   */
  async ensureReferenceData(): Promise<void> {
    await this.models.municipalities.bulkWrite(
      REFERENCE_MUNICIPALITIES.map((m) => ({
        updateOne: {
          filter: { _id: m.code },
          update: { $set: { name: m.name, region10: m.region10, ...(m.jobtechConceptId ? { jobtechConceptId: m.jobtechConceptId } : {}) } },
          upsert: true,
        },
      })),
    );
    const all = await this.models.municipalities.find({}).lean<MunicipalityDocument[]>();
    // code-point order, as the database's sort by name gave it
    this.sorted = all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.byCodeMap = new Map(all.map((m) => [m._id, m]));
  }

  byCode(code: string): MunicipalityDocument | null {
    return this.byCodeMap.get(code) ?? null;
  }

  list(region10Only: boolean): MunicipalityDocument[] {
    return region10Only ? this.sorted.filter((m) => m.region10) : this.sorted;
  }

  /** A municipality code given as input names a known municipality. */
  assertExists(code: string, field: string): void {
    if (!this.byCodeMap.has(code)) throw new ValidationError({ en: `Unknown municipality code ${code}`, sv: `Okänd kommunkod ${code}` }, field);
  }
}
