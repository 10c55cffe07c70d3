import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** The graph through the gateway, each request with the signed-in person's access token. */
export function createGraphClient(graphqlUrl: string, accessToken: () => string | null): ApolloClient {
  const auth = new SetContextLink(({ headers }) => {
    const token = accessToken();
    return { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } };
  });
  return new ApolloClient({
    link: auth.concat(new HttpLink({ uri: graphqlUrl })),
    cache: new InMemoryCache({
      typePolicies: {
        Municipality: { keyFields: ['code'] },
        // lists of matches and summaries have no ids of their own
        SeatSummary: { merge: true },
      },
    }),
  });
}

/** What went wrong, in terms a page shows: the graph's code, and each error's message by the field it names. */
export interface GraphProblem {
  /** UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, …; NETWORK when the gateway was not reached. */
  code: string;
  /** Messages by the input field they concern (`input.name`), for forms to show beside that field. */
  fields: Record<string, string>;
}

export function graphProblem(error: unknown): GraphProblem {
  if (CombinedGraphQLErrors.is(error)) {
    const fields: Record<string, string> = {};
    for (const item of error.errors) {
      const field = item.extensions?.field as string | undefined;
      if (field) fields[field] = item.message;
    }
    return { code: String(error.errors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), fields };
  }
  if (ServerError.is(error)) {
    const body = safeJson(error.bodyText) as { errors?: Array<{ extensions?: { code?: unknown } }> } | null;
    const code = body?.errors?.[0]?.extensions?.code;
    return { code: typeof code === 'string' ? code : `HTTP_${error.statusCode}`, fields: {} };
  }
  return { code: 'NETWORK', fields: {} };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
