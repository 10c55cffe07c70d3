import { ForbiddenError, UnauthenticatedError } from '../errors';
import { NOT_ALLOWED_FOR_ROLE, NOT_AUTHENTICATED } from './authorize';
import { ROLES, type HubClaims, type Role } from './claims';

/**
 * Who may read a field of the graph, written down beside each subgraph's schema (`src/policy.ts`) and checked
 * against the running hub, field by field and role by role, by services/jobs/test/policy-matrix.test.ts. It records
 * what the application layer enforces.
 *
 * A scope says on whose behalf a role may read: `any` (whatever its token says), or a relation between the caller's
 * token (organisationId, municipalityCode) and the object the field belongs to. The relations are named here, once,
 * so that every subgraph and the matrix test mean the same thing by them.
 *
 * One part is enforced from here: a mutation refuses a role its policy names in no scope before anything else runs
 * (gateMutations), so that such a caller learns nothing, not even whether an id exists or what input is wrong. Who
 * acts in which scope stays with the application layer, which knows the objects.
 */
export const SCOPES = {
  any: 'whatever the token names',
  'own-organisation': "the token's organisationId is the organisation itself (or the company the object is about)",
  'own-municipality': "the token's municipalityCode is the municipality the object belongs to or concerns (a company's, an enrolled or suited company's)",
  'provider-organisation': "the token's organisationId is a support provider's (a support organisation, funder, university, network, region or municipal office), which works with every company",
  'offering-provider': "the token's organisationId is the provider of the offering the object belongs to",
  'any-municipality': "the token names a municipality; what the field lists is limited to that municipality's",
  'project-runner': "the token's organisationId owns the project or is a partner in it",
  'referral-sender': "the token's organisationId is the municipal office that sent the referral",
  'referral-recipient': "the token's organisationId is the provider the referral is addressed to",
  'meeting-organiser': "the token's organisationId organises the partner meeting",
  'meeting-participant': "the token's organisationId takes part in the partner meeting",
  'case-municipality': "the token's municipalityCode is the in-migration case's municipality",
  'candidate-municipality': "the token's municipalityCode is one the candidate wishes to move to or has a case in",
  employer: "the token's organisationId is the vacancy's employer",
} as const;
export type Scope = keyof typeof SCOPES;

/** One way to be allowed: a role, acting in a scope. */
export interface Grant {
  role: Role;
  scope: Scope;
}

/**
 * How a refused caller sees the field: an `error` (FORBIDDEN at the field's path), `null`, or an `empty` list (the
 * objects the caller may not see filtered out, or none at all).
 */
export type Refusal = 'error' | 'null' | 'empty';

export type FieldPolicy =
  /** Readable whenever the object it is on is: the object's way in decides. */
  | { inherit: true }
  | {
      grants: readonly Grant[];
      refusal: Refusal;
      /**
       * Callers answered without an error but shown only their own slice of the list (a municipal office, its own
       * municipality's companies): outside their slice they see nothing.
       */
      narrowed?: readonly Grant[];
    };

/** Every field of every object type the subgraph defines (its entity extensions, Query and Mutation too), by name. */
export type SubgraphPolicy = Record<string, Record<string, FieldPolicy>>;

export const INHERIT: FieldPolicy = { inherit: true };

type GrantSpec = Role | readonly [Role, Scope];

/** A field readable by these roles (each `any`, or in the scope given), refused as `refusal` to everyone else. */
export function allow(refusal: Refusal, ...specs: GrantSpec[]): FieldPolicy {
  return { refusal, grants: allowGrants(specs) };
}

/** A list field whose `narrowed` callers see only their own part of it (see FieldPolicy). */
export function narrowedTo(policy: FieldPolicy, ...specs: GrantSpec[]): FieldPolicy {
  if ('inherit' in policy) throw new Error('an inherited field has no grants of its own to narrow');
  return { ...policy, narrowed: allowGrants(specs) };
}

function allowGrants(specs: readonly GrantSpec[]): Grant[] {
  return specs.map((spec) => (typeof spec === 'string' ? { role: spec, scope: 'any' } : { role: spec[0], scope: spec[1] }));
}

/** Every role, the public included. */
export const EVERYONE: FieldPolicy = allow('error', ...ROLES);

/** The same policy for several fields: `{ ...fields(INHERIT, 'id', 'name') }`. */
export function fields(policy: FieldPolicy, ...names: string[]): Record<string, FieldPolicy> {
  return Object.fromEntries(names.map((name) => [name, policy]));
}

type Resolver = (...args: never[]) => unknown;

/**
 * The subgraph's Mutation resolvers, each first refusing (FORBIDDEN) a caller holding none of the roles its policy
 * names; an admin is refused too where the policy does not name it. Throws at start for a mutation without a policy.
 */
export function gateMutations<T extends Record<string, Resolver>>(mutations: T, policies: Record<string, FieldPolicy> | undefined): T {
  const gated = Object.entries(mutations).map(([name, resolve]) => {
    const policy = policies?.[name];
    if (!policy || 'inherit' in policy) throw new Error(`Mutation.${name} has no policy of its own in src/policy.ts`);
    const roles = new Set(policy.grants.map((grant) => grant.role));
    const gate = (...args: never[]) => {
      // a resolver's third argument is the request's context, which carries the verified claims
      const claims = (args[2] as { claims?: HubClaims } | undefined)?.claims;
      if (!claims) throw new UnauthenticatedError(NOT_AUTHENTICATED);
      if (!claims.roles.some((role) => roles.has(role))) throw new ForbiddenError(NOT_ALLOWED_FOR_ROLE);
      return resolve(...args);
    };
    return [name, gate] as const;
  });
  return Object.fromEntries(gated) as T;
}
