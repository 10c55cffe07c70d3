import { municipalityRef } from './references';

export const Wishes = {
  municipalities: (w: { municipalityCodes: string[] }) => w.municipalityCodes.map(municipalityRef),
};
