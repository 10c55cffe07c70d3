import { occupationLabel } from '../../domain/occupations';

/** An entity another subgraph owns, by key: the gateway fetches the rest from its owner. */
export const organisationRef = (id: string) => ({ __typename: 'Organisation', id });
export const municipalityRef = (code: string) => ({ __typename: 'Municipality', code });

export const occupation = (code: string) => ({ code, label: occupationLabel(code) ?? code });
