import { occupation } from './references';

export const Household = {
  partnerOccupation: (h: { partnerOccupation?: string | null }) => (h.partnerOccupation ? occupation(h.partnerOccupation) : null),
};
