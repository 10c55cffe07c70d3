import type { OrganisationsContext } from '../context';

export const PersonalData = {
  // The key is all there is: each service answers its own field for the person.
  __resolveReference: (reference: { personId: string }) => ({ personId: reference.personId }),
  organisations: (personalData: { personId: string }, _: unknown, ctx: OrganisationsContext) =>
    ctx.app.personalData.copyFor(ctx.claims, personalData.personId, ctx.correlationId),
};
