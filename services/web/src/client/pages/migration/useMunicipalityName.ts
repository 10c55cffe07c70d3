import { useQuery } from '@apollo/client/react';
import { graphql } from '../../graphql';

const MUNICIPALITY_NAME = graphql(`
  query MunicipalityName($code: ID!) {
    municipality(code: $code) {
      code
      name
    }
  }
`);

/** The name of the signed-in officer's municipality, once the graph has answered. */
export function useMunicipalityName(code: string | null): string | null {
  const { data } = useQuery(MUNICIPALITY_NAME, { variables: { code: code ?? '' }, skip: code === null });
  return data?.municipality?.name ?? null;
}
