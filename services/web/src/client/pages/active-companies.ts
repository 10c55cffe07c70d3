import { graphql } from '../graphql';

/** Active companies whose name matches what was typed, ten at a time: for choosing one to add or to name. */
export const ACTIVE_COMPANY_SEARCH = graphql(`
  query ActiveCompanySearch($text: String!) {
    organisations(filter: { kind: COMPANY, status: ACTIVE, text: $text }, first: 10) {
      nodes {
        id
        name
        municipality {
          code
          name
        }
      }
    }
  }
`);
