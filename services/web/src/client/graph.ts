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

/** A text the graph gives in Swedish and English, such as its reason for refusing an input. */
export interface Wording {
  sv: string;
  en: string;
}

/**
 * The wording in the person's language (English when they chose it, Swedish otherwise), as a sentence of its own:
 * some services word their refusals as clauses ("the move-in date must not be in the future").
 */
export function wordingIn(wording: Wording, language: string): string {
  const text = language.startsWith('en') ? wording.en : wording.sv;
  return text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
}

/** What went wrong, in terms a page shows: the graph's code, and each error's wording by the field it names. */
export interface GraphProblem {
  /** UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, …; NETWORK when the gateway was not reached. */
  code: string;
  /** The graph's reasons by the input field they concern (`input.name`), for forms to show beside that field. */
  fields: Record<string, Wording>;
  /** The first error's reason as the service worded it, where it did; a request that never reached one has none. */
  reason?: Wording;
}

export function graphProblem(error: unknown): GraphProblem {
  if (CombinedGraphQLErrors.is(error)) {
    const fields: Record<string, Wording> = {};
    for (const item of error.errors) {
      // a refusal concerning several inputs names them all in `fields`, the first also as `field`
      const named = Array.isArray(item.extensions?.fields) ? item.extensions.fields : [item.extensions?.field];
      for (const field of named) if (typeof field === 'string') fields[field] = wordingOf(item.extensions?.texts, item.message);
    }
    const first = error.errors[0];
    const reason = isWording(first?.extensions?.texts) ? first.extensions.texts : undefined;
    return { code: String(first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), fields, ...(reason && { reason }) };
  }
  if (ServerError.is(error)) {
    const body = safeJson(error.bodyText) as { errors?: Array<{ extensions?: { code?: unknown } }> } | null;
    const code = body?.errors?.[0]?.extensions?.code;
    return { code: typeof code === 'string' ? code : `HTTP_${error.statusCode}`, fields: {} };
  }
  return { code: 'NETWORK', fields: {} };
}

/** The services word every refusal in both languages (`extensions.texts`); an error without them keeps its message. */
function wordingOf(texts: unknown, message: string): Wording {
  return isWording(texts) ? { sv: texts.sv, en: texts.en } : { sv: message, en: message };
}

function isWording(texts: unknown): texts is Wording {
  const candidate = texts as Partial<Wording> | null | undefined;
  return typeof candidate?.sv === 'string' && typeof candidate.en === 'string';
}

/**
 * The graph's refusals placed beside the form's fields, in the person's language. `fieldOf` says which field of the
 * form a graph path concerns; a refusal naming no field of the form, or naming none at all, leaves the form's
 * problem `unplaced`, for the page to show with a retry.
 */
export function placeRefusals<F extends string>(error: unknown, fieldOf: (path: string) => F | undefined, language: string): { errors: Partial<Record<F, string>>; unplaced: boolean } {
  if (!error) return { errors: {}, unplaced: false };
  const paths = Object.entries(graphProblem(error).fields);
  const errors: Partial<Record<F, string>> = {};
  let unplaced = paths.length === 0;
  for (const [path, wording] of paths) {
    const field = fieldOf(path);
    if (field === undefined) unplaced = true;
    else errors[field] ??= wordingIn(wording, language);
  }
  return { errors, unplaced };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
