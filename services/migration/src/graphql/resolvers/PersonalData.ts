import type { MigrationContext } from '../context';

type PersonalDataKey = { personId: string };

export const PersonalData = {
  __resolveReference: (reference: PersonalDataKey, ctx: MigrationContext) => ctx.app.privacy.personalDataKey(ctx.claims, reference.personId),
  migration: (key: PersonalDataKey, _: unknown, ctx: MigrationContext) => ctx.app.privacy.personalData(ctx.claims, key.personId, ctx.correlationId),
};
