import type { MatchmakingContext } from '../context';

export const PersonalData = {
  // The key is all there is: each service answers its own field for the person.
  __resolveReference: (reference: { personId: string }) => ({ personId: reference.personId }),
  matchmaking: (personalData: { personId: string }, _: unknown, ctx: MatchmakingContext) => ctx.app.personalData.copyFor(ctx.claims, personalData.personId),
};
