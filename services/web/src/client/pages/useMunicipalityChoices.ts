import { useQuery } from '@apollo/client/react';
import type { Choice } from '../components/fields';
import { sortSwedish } from '../format';
import { graphql } from '../graphql';

export const MUNICIPALITIES = graphql(`
  query Region10Municipalities {
    municipalities(region10Only: true) {
      code
      name
    }
  }
`);

/** Region 10's municipalities as choices, in Swedish order (Åsele last), "any" first. */
export function useMunicipalityChoices(anyLabel: string): Choice[] {
  const { data } = useQuery(MUNICIPALITIES);
  const municipalities = sortSwedish(data?.municipalities ?? [], (municipality) => municipality.name);
  return [{ id: '', label: anyLabel }, ...municipalities.map((municipality) => ({ id: municipality.code, label: municipality.name }))];
}
