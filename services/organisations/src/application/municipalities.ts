import { REFERENCE_MUNICIPALITIES } from '../domain/municipalities';
import { findByIds } from '@hub/shared/mongo';
import { hotQueries } from '../infrastructure/hot-queries';
import type { MunicipalityDocument, OrganisationsModels } from '../infrastructure/models';

export class MunicipalitiesApplication {
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
  }

  async byCode(code: string): Promise<MunicipalityDocument | null> {
    return this.models.municipalities.findOne(hotQueries.municipalityByCode.filter(code)).lean<MunicipalityDocument>();
  }

  async byCodes(codes: readonly string[]): Promise<Map<string, MunicipalityDocument>> {
    const rows = await findByIds(this.models.municipalities, codes);
    return new Map(rows.map((row) => [row._id, row]));
  }

  async list(region10Only: boolean): Promise<MunicipalityDocument[]> {
    return this.models.municipalities.find(region10Only ? hotQueries.region10Municipalities.filter() : {}).sort({ name: 1 }).lean<MunicipalityDocument[]>();
  }
}
