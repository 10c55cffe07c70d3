/** An entity another subgraph owns, by key: the gateway fetches the rest from its owner. */
export const organisationRef = (id: string) => ({ __typename: 'Organisation', id });
export const offeringRef = (id: string) => ({ __typename: 'Offering', id });
export const projectRef = (id: string) => ({ __typename: 'Project', id });
