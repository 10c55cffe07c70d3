// The role × field matrix over the whole supergraph. Every field of every object type the gateway composes has a
// declared policy in its subgraph's src/policy.ts (who may read it, in what scope, and how a refusal shows); this
// test fails on a field without one and on a policy naming a field that is gone. Then, against the whole hub with
// the demo data seeded, it asks every field as every role, each with tokens in and out of the scopes that matter for
// the object the field is on, and compares each answer with the policy; every mutation is called by every role with
// input that cannot write (unknown ids), and the roles the policy refuses must be refused.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildASTSchema,
  getNamedType,
  isLeafType,
  isObjectType,
  Kind,
  parse,
  type GraphQLField,
  type GraphQLObjectType,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';
import { ROLES, type FieldPolicy, type HubClaims, type Refusal, type Role, type Scope, type SubgraphPolicy } from '@hub/shared/auth';
import { composeSupergraph, readSubgraphSources, SUBGRAPHS } from '@hub/gateway';
import { POLICY as MATCHMAKING } from '@hub/matchmaking';
import { POLICY as MIGRATION } from '@hub/migration';
import { POLICY as OFFERINGS } from '@hub/offerings';
import { POLICY as ORGANISATIONS } from '@hub/organisations';
import { POLICY as JOBS } from '../src/policy';
import { cacheDir, startInfrastructure, type RunningInfrastructure } from '@hub/infra';
import { uniqueName } from '@hub/infra/testkit';
import { startWholeHub, type WholeHub } from './whole-hub';

jest.setTimeout(600_000);

const POLICIES: Record<string, SubgraphPolicy> = { organisations: ORGANISATIONS, offerings: OFFERINGS, matchmaking: MATCHMAKING, migration: MIGRATION, jobs: JOBS };

/** The composed API schema: the supergraph without federation's own join__/link__ types. */
const supergraph = buildASTSchema(parse(composeSupergraph(readSubgraphSources(SUBGRAPHS))));
const objectTypes = Object.values(supergraph.getTypeMap()).filter(
  (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__') && !type.name.startsWith('join__') && !type.name.startsWith('link__'),
);

/** The object types and their fields as one subgraph's own schema file defines or extends them. */
function subgraphFields(schemaFile: string): Map<string, Set<string>> {
  const fields = new Map<string, Set<string>>();
  for (const definition of parse(readFileSync(schemaFile, 'utf8')).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const node = definition as ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
    const names = fields.get(node.name.value) ?? new Set<string>();
    for (const field of node.fields ?? []) names.add(field.name.value);
    fields.set(node.name.value, names);
  }
  return fields;
}

/** A field's policy; several subgraphs may declare one shared field (an entity's key, PageInfo), and must agree. */
function declaredPolicies(typeName: string, fieldName: string): FieldPolicy[] {
  return Object.values(POLICIES).flatMap((policy) => {
    const declared = policy[typeName]?.[fieldName];
    return declared ? [declared] : [];
  });
}

function policyOf(typeName: string, fieldName: string): FieldPolicy {
  const declared = declaredPolicies(typeName, fieldName);
  if (declared.length === 0) throw new Error(`${typeName}.${fieldName} has no policy`);
  return declared[0] as FieldPolicy;
}

describe('every field of the supergraph has a declared policy', () => {
  it.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.schemaFile]))('%s: its policy names exactly the fields its schema defines', (name, schemaFile) => {
    const defined = Object.fromEntries([...subgraphFields(schemaFile)].map(([type, names]) => [type, [...names].sort()]));
    const declared = Object.fromEntries(Object.entries(POLICIES[name as string] ?? {}).map(([type, fields]) => [type, Object.keys(fields).sort()]));
    expect(declared).toEqual(defined);
  });

  it('covers every field of every object type the gateway composes, and subgraphs sharing a field agree on it', () => {
    const without: string[] = [];
    const disagreeing: string[] = [];
    for (const type of objectTypes) {
      for (const field of Object.keys(type.getFields())) {
        const declared = declaredPolicies(type.name, field).map((policy) => JSON.stringify(policy));
        if (declared.length === 0) without.push(`${type.name}.${field}`);
        else if (new Set(declared).size > 1) disagreeing.push(`${type.name}.${field}`);
      }
    }
    expect(without).toEqual([]);
    expect(disagreeing).toEqual([]);
  });
});

// ---- who asks -----------------------------------------------------------------------------------------------------

/** A caller's organisation and municipality, and the scopes they are in towards the object asked about. */
interface Persona {
  name: string;
  claims: Pick<HubClaims, 'organisationId' | 'municipalityCode'>;
  scopes: Scope[];
}

/** The demo ids the fixtures need, found (or, for what the demo data lacks, made) before the matrix runs. */
interface Ids {
  myrstack: string;
  silvervagen: string;
  malaOffice: string;
  sorseleOffice: string;
  lyckseleOffice: string;
  almi: string;
  vindelalven: string;
  project: string;
  offering: string;
  referral: string;
  meeting: string;
  candidate: string;
  inMigrationCase: string;
  vacancy: string;
  erasure: string;
  jobRun: string;
}

/** What a query is about, which decides whose scopes matter (see personas). */
type Subject = 'none' | 'company' | 'provider' | 'municipality' | 'candidate' | 'referral' | 'offering' | 'vacancy' | 'meeting';

/**
 * For each kind of object a query starts from, callers in and out of its scopes. The company is Myrstack (Malå,
 * 2418; its owner declared a group); the candidate wishes to move to Sorsele (2422, where she has a case) and
 * Lycksele (2481); the referral is Malå's office's to Almi; the offering is Almi's in Malå, Myrstack enrolled.
 */
function personas(subject: Subject, ids: Ids): Persona[] {
  const none: Persona = { name: 'no organisation or municipality', claims: {}, scopes: [] };
  const at = (name: string, organisationId: string, municipalityCode: string, scopes: Scope[]): Persona => ({ name, claims: { organisationId, municipalityCode }, scopes });
  switch (subject) {
    case 'none':
      return [none, at('a support organisation', ids.almi, '2580', [])];
    case 'company':
      return [
        at('the company itself', ids.myrstack, '2418', ['own-organisation', 'own-municipality']),
        at("the company's municipal office", ids.malaOffice, '2418', ['own-municipality', 'provider-organisation']),
        at('a support organisation', ids.almi, '2580', ['provider-organisation']),
        at('another company, elsewhere', ids.silvervagen, '2506', []),
        none,
      ];
    case 'provider':
      return [at('the provider itself', ids.almi, '2580', ['own-organisation', 'provider-organisation']), at('another company', ids.silvervagen, '2506', []), none];
    case 'municipality':
      return [at("the municipality's office", ids.sorseleOffice, '2422', ['own-municipality']), at("another municipality's office", ids.malaOffice, '2418', []), none];
    case 'candidate':
      return [
        at('an office where the candidate has a case', ids.sorseleOffice, '2422', ['candidate-municipality', 'case-municipality']),
        at('an office the candidate wishes to move to', ids.lyckseleOffice, '2481', ['candidate-municipality']),
        at('another municipality', ids.malaOffice, '2418', []),
        none,
      ];
    case 'referral':
      return [
        at('the office that sent it', ids.malaOffice, '2418', ['referral-sender']),
        at('the provider it is addressed to', ids.almi, '2580', ['referral-recipient']),
        at('another office', ids.sorseleOffice, '2422', []),
        none,
      ];
    case 'offering':
      return [
        at('the provider', ids.almi, '2580', ['offering-provider']),
        at("the enrolled company's municipality", ids.malaOffice, '2418', ['own-municipality']),
        at('another company, elsewhere', ids.silvervagen, '2506', []),
        none,
      ];
    case 'vacancy':
      return [at('the employer', ids.vindelalven, '2422', ['employer']), at('another company', ids.silvervagen, '2506', []), none];
    case 'meeting':
      return [
        at('the organiser', ids.malaOffice, '2418', ['meeting-organiser']),
        at('a participant', ids.myrstack, '2418', ['meeting-participant']),
        at('another company', ids.silvervagen, '2506', []),
        none,
      ];
  }
}

/** The scopes every caller is in: `any`, and `any-municipality` when the token names one. */
function scopesOf(persona: Persona): Set<Scope> {
  return new Set<Scope>(['any', ...persona.scopes, ...(persona.claims.municipalityCode ? (['any-municipality'] as const) : [])]);
}

type Decision = 'allowed' | Refusal;

function decide(policy: FieldPolicy, role: Role, persona: Persona): Decision {
  if ('inherit' in policy) return 'allowed';
  const scopes = scopesOf(persona);
  const granted = (grants: readonly { role: Role; scope: Scope }[] | undefined) => (grants ?? []).some((grant) => grant.role === role && scopes.has(grant.scope));
  if (granted(policy.grants)) return 'allowed';
  if (granted(policy.narrowed)) return 'empty';
  return policy.refusal;
}

// ---- how each field is reached ------------------------------------------------------------------------------------

/** Each Query field: its arguments (from the demo ids) and what it is about, which decides whose scopes matter. */
function queryRoots(ids: Ids): Record<string, { args?: string; subject: Subject }> {
  return {
    organisation: { args: `(id: "${ids.myrstack}")`, subject: 'company' },
    organisationByNumber: { args: '(organisationNumber: "000000-0000")', subject: 'none' },
    organisationsByNumber: { args: '(organisationNumbers: ["000000-0000"])', subject: 'none' },
    organisations: { subject: 'none' },
    municipality: { args: '(code: "2422")', subject: 'municipality' },
    municipalities: { subject: 'none' },
    project: { args: `(id: "${ids.project}")`, subject: 'none' },
    projects: { subject: 'none' },
    offering: { args: `(id: "${ids.offering}")`, subject: 'offering' },
    offerings: { subject: 'none' },
    indicators: { args: `(scope: { offeringId: "${ids.offering}" })`, subject: 'none' },
    indicatorsCsv: { args: `(scope: { offeringId: "${ids.offering}" })`, subject: 'none' },
    referral: { args: `(id: "${ids.referral}")`, subject: 'referral' },
    explainMatch: { args: `(companyId: "${ids.myrstack}", offeringId: "${ids.offering}")`, subject: 'company' },
    funnel: { subject: 'none' },
    referralResponseTimes: { args: `(organisationId: "${ids.almi}")`, subject: 'provider' },
    partnerMeeting: { args: `(id: "${ids.meeting}")`, subject: 'meeting' },
    partnerMeetings: { subject: 'none' },
    candidate: { args: `(id: "${ids.candidate}")`, subject: 'candidate' },
    candidates: { args: '(municipalityCode: "2422")', subject: 'municipality' },
    inMigrationCase: { args: `(id: "${ids.inMigrationCase}")`, subject: 'candidate' },
    vacancy: { args: `(id: "${ids.vacancy}")`, subject: 'vacancy' },
    vacancies: { subject: 'none' },
    candidateMatches: { args: `(candidateId: "${ids.candidate}")`, subject: 'candidate' },
    personalData: { args: `(personId: "${ids.candidate}")`, subject: 'none' },
    accessLog: { subject: 'none' },
    erasure: { args: `(id: "${ids.erasure}")`, subject: 'none' },
    jobRuns: { subject: 'none' },
    jobRun: { args: `(id: "${ids.jobRun}")`, subject: 'none' },
    jobSchedules: { subject: 'none' },
  };
}

/** Query field arguments that have no default, on the types below Query. */
function fieldArgs(): Record<string, string> {
  const today = new Date().toISOString().slice(0, 10);
  return {
    'Municipality.migrationIndicators': `(from: "2020-01-01", to: "${today}")`,
    'Municipality.receivingCapacity': `(year: ${today.slice(0, 4)})`,
  };
}

/**
 * How to reach an object of each type from a Query field: the hops, each `Type.field`, with arguments where the
 * default ones would not reach demo data. The first hop's subject decides the callers (see queryRoots).
 */
const REACH: Record<string, string[]> = {
  Organisation: ['Query.organisation'],
  IndustryCode: ['Query.organisation', 'Organisation.industries'],
  Contact: ['Query.organisations(filter: { text: "Almi" }, first: 1)', 'OrganisationConnection.nodes', 'Organisation.contacts'],
  Municipality: ['Query.municipality'],
  County: ['Query.municipality', 'Municipality.county'],
  Project: ['Query.project'],
  FundingShare: ['Query.project', 'Project.funders'],
  PersonalData: ['Query.personalData'],
  PageInfo: ['Query.organisations', 'OrganisationConnection.pageInfo'],
  OrganisationConnection: ['Query.organisations'],
  ProjectConnection: ['Query.projects'],
  NeedsAnalysis: ['Query.organisation', 'Organisation.needsAnalysis'],
  RecordedNeed: ['Query.organisation', 'Organisation.needsAnalysis', 'NeedsAnalysis.needs'],
  OfferingMatches: ['Query.organisation', 'Organisation.offeringMatches'],
  OfferingMatch: ['Query.organisation', 'Organisation.offeringMatches', 'OfferingMatches.matches'],
  MatchReason: ['Query.organisation', 'Organisation.offeringMatches', 'OfferingMatches.matches', 'OfferingMatch.reasons'],
  ExcludedOffering: ['Query.organisation', 'Organisation.offeringMatches', 'OfferingMatches.excluded'],
  MatchExplanation: ['Query.explainMatch'],
  CompanyMatch: ['Query.organisation', 'Organisation.companyMatches'],
  AdviserMatch: ['Query.organisation', 'Organisation.adviserMatches'],
  SuitedCompany: ['Query.offering', 'Offering.suitedCompanies'],
  FunnelPosition: ['Query.organisation', 'Organisation.funnelPositions'],
  StageChange: ['Query.organisation', 'Organisation.funnelPositions', 'FunnelPosition.history'],
  FunnelReport: ['Query.funnel'],
  FunnelCounts: ['Query.funnel', 'FunnelReport.total'],
  StageCounts: ['Query.funnel', 'FunnelReport.total', 'FunnelCounts.reached'],
  FunnelRow: ['Query.funnel', 'FunnelReport.rows'],
  Referral: ['Query.referral'],
  ReferralChange: ['Query.referral', 'Referral.history'],
  ReferralResponseTimes: ['Query.referralResponseTimes'],
  PartnerMeeting: ['Query.partnerMeeting'],
  MeetingRequest: ['Query.partnerMeeting', 'PartnerMeeting.requests'],
  Meeting: ['Query.partnerMeeting', 'PartnerMeeting.meetings'],
  PartnerMeetingConnection: ['Query.partnerMeetings'],
  Offering: ['Query.offering'],
  LocalisedText: ['Query.offering', 'Offering.title'],
  Funding: ['Query.offerings(filter: { kind: COACHING }, first: 1)', 'OfferingConnection.nodes', 'Offering.funding'],
  Eligibility: ['Query.offering', 'Offering.eligibility'],
  Session: ['Query.offering', 'Offering.sessions'],
  OfferingConnection: ['Query.offerings'],
  SeatSummary: ['Query.offering', 'Offering.seats'],
  Enrolment: ['Query.offering', 'Offering.enrolments'],
  Outcome: ['Query.offering', 'Offering.enrolments', 'Enrolment.outcomes'],
  IndicatorReport: ['Query.indicators'],
  SuppressibleCount: ['Query.indicators', 'IndicatorReport.participatingCompanies'],
  BreakdownCell: ['Query.indicators', 'IndicatorReport.ownerGender'],
  Vacancy: ['Query.vacancy'],
  Occupation: ['Query.vacancy', 'Vacancy.occupation'],
  SharedProfile: ['Query.vacancy', 'Vacancy.sharedProfiles'],
  Candidate: ['Query.candidate'],
  Household: ['Query.candidate', 'Candidate.household'],
  Wishes: ['Query.candidate', 'Candidate.wishes'],
  ConsentState: ['Query.candidate', 'Candidate.consents'],
  ConsentRecord: ['Query.candidate', 'Candidate.consentHistory'],
  InMigrationCase: ['Query.inMigrationCase'],
  CaseStepState: ['Query.inMigrationCase', 'InMigrationCase.steps'],
  CaseNote: ['Query.inMigrationCase', 'InMigrationCase.notes'],
  MigrationIndicators: ['Query.municipality', 'Municipality.migrationIndicators'],
  ReceivingCapacity: ['Query.municipality', 'Municipality.receivingCapacity'],
  CandidateMatches: ['Query.candidateMatches'],
  VacancyMatch: ['Query.candidateMatches', 'CandidateMatches.vacancies'],
  PlaceMatch: ['Query.candidateMatches', 'CandidateMatches.places'],
  AccessLogConnection: ['Query.accessLog'],
  AccessLogEntry: ['Query.accessLog', 'AccessLogConnection.nodes'],
  Erasure: ['Query.erasure'],
  ErasureCompletion: ['Query.erasure', 'Erasure.completions'],
  CandidateConnection: ['Query.candidates'],
  VacancyConnection: ['Query.vacancies'],
  InMigrationCaseConnection: ['Query.municipality', 'Municipality.inMigrationCases'],
  JobRun: ['Query.jobRun'],
  JobRunCounts: ['Query.jobRun', 'JobRun.counts'],
  RejectedItem: ['Query.jobRun', 'JobRun.rejected'],
  JobRunOption: ['Query.jobRun', 'JobRun.options'],
  JobRunConnection: ['Query.jobRuns'],
};

/** Types no query reaches in the seeded hub, and why; their fields are still each declared and checked for a policy. */
const UNREACHED: Record<string, string> = {
  OfferingSyncResult: 'only a mutation returns it, and the matrix writes nothing',
  VacancySyncResult: 'only a mutation returns it, and the matrix writes nothing',
  RetentionRun: 'only a mutation returns it, and the matrix writes nothing',
  FollowUp: 'a follow-up is recorded 6 months after moving in at the earliest',
  UnmetRequest: "the demo partner meeting meets every request",
  JobSchedule: 'the test hub runs no schedules (none without the internet)',
};

interface Hop {
  type: string;
  field: string;
  args: string;
}

function parseHop(hop: string, ids: Ids): Hop {
  const match = /^(\w+)\.(\w+)(\(.*\))?$/.exec(hop);
  if (!match) throw new Error(`not a hop: ${hop}`);
  const [, type, field, args] = match as unknown as [string, string, string, string | undefined];
  const defaults = type === 'Query' ? queryRoots(ids)[field]?.args : fieldArgs()[`${type}.${field}`];
  return { type, field, args: args ?? defaults ?? '' };
}

function fieldOf(type: string, name: string): GraphQLField<unknown, unknown> {
  const field = (supergraph.getType(type) as GraphQLObjectType | undefined)?.getFields()[name];
  if (!field) throw new Error(`${type}.${name} is not in the supergraph`);
  return field;
}

/** A field as a selection: a leaf as itself, an object by its __typename (its own type's row checks its fields). */
function selection(type: string, name: string, ids: Ids): string {
  const { args } = parseHop(`${type}.${name}`, ids);
  return `${name}${args}${isLeafType(getNamedType(fieldOf(type, name).type)) ? '' : ' { __typename }'}`;
}

function queryText(hops: Hop[], leaves: string[]): string {
  let body = leaves.join(' ');
  for (const hop of [...hops].reverse()) body = `${hop.field}${hop.args} { ${body} }`;
  return `{ ${body} }`;
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

const namesOf = (path: ReadonlyArray<string | number> | undefined) => (path ?? []).filter((part): part is string => typeof part === 'string').join('.');

/** The value at a path of field names, through the first item of each list; `unreached` when something is missing. */
function valueAt(data: unknown, path: string[]): { value: unknown } | 'unreached' {
  let value = data;
  for (const name of path) {
    if (Array.isArray(value)) value = value[0];
    if (value === null || value === undefined || typeof value !== 'object') return 'unreached';
    value = (value as Record<string, unknown>)[name];
  }
  return { value };
}

/** What the answer shows for the field at `path` (names from the root), given the decision expected there. */
function compare(answer: Answer, path: string[], expected: Decision, ownRefusal: Refusal | undefined): string | undefined {
  const at = path.join('.');
  const errors = answer.errors ?? [];
  const forbiddenHere = errors.some((error) => error.extensions?.code === 'FORBIDDEN' && namesOf(error.path) === at);
  if (expected === 'error') return forbiddenHere ? undefined : `expected FORBIDDEN at ${at}, got ${JSON.stringify(errors.map((e) => [e.extensions?.code, namesOf(e.path)]))}`;
  const blocking = errors.filter((error) => at === namesOf(error.path) || at.startsWith(`${namesOf(error.path)}.`) || namesOf(error.path) === '');
  if (blocking.length > 0) return `expected ${expected === 'allowed' ? 'an answer' : `${expected}`} at ${at}, got ${JSON.stringify(blocking.map((e) => [e.extensions?.code, namesOf(e.path), e.message]))}`;
  const found = valueAt(answer.data, path);
  if (found === 'unreached') return `unreached: nothing on the way to ${at}`;
  const { value } = found;
  if (expected === 'null') return value === null ? undefined : `expected null at ${at}, got ${JSON.stringify(value)}`;
  if (expected === 'empty') return Array.isArray(value) && value.length === 0 ? undefined : `expected an empty list at ${at}, got ${JSON.stringify(value)}`;
  if (value === undefined) return `no ${at} in the answer`;
  // a field refused by showing nothing must show something to those allowed, or the check proves nothing
  if (ownRefusal === 'null' && value === null) return `allowed, but ${at} is null in the demo data: the check proves nothing`;
  if (ownRefusal === 'empty' && Array.isArray(value) && value.length === 0) return `allowed, but ${at} is empty in the demo data: the check proves nothing`;
  return undefined;
}

/** The first hop (or the field itself) whose policy refuses the caller, and how; or allowed. */
function expectation(hops: Hop[], leafType: string, leaf: string, role: Role, persona: Persona): { decision: Decision; path: string[] } {
  const steps = [...hops.map((hop) => ({ type: hop.type, field: hop.field })), { type: leafType, field: leaf }];
  for (let i = 0; i < steps.length; i += 1) {
    const step = steps[i] as { type: string; field: string };
    const decision = decide(policyOf(step.type, step.field), role, persona);
    if (decision !== 'allowed') return { decision, path: steps.slice(0, i + 1).map((s) => s.field) };
  }
  return { decision: 'allowed', path: steps.map((s) => s.field) };
}

const ownRefusalOf = (policy: FieldPolicy) => ('inherit' in policy ? undefined : policy.refusal);

// ---- the hub ------------------------------------------------------------------------------------------------------

let hub: WholeHub;
let ids: Ids;
const counts = { reads: 0, mutations: 0, requests: 0, fields: new Set<string>(), types: new Set<string>() };

async function ask(query: string, claims: Omit<HubClaims, 'sub'>): Promise<Answer> {
  counts.requests += 1;
  const response = await hub.gateway.gql(query, {}, hub.gateway.token({ sub: `policy-matrix:${claims.roles.join('+')}`, ...claims }));
  if (response.status >= 500) throw new Error(`HTTP ${response.status} for ${query}`);
  return response as Answer;
}

async function must<T>(query: string, claims: Omit<HubClaims, 'sub'> = { roles: ['admin'] }): Promise<T> {
  const answer = await ask(query, claims);
  if (answer.errors || !answer.data) throw new Error(`${query.slice(0, 80)}… failed: ${JSON.stringify(answer.errors)}`);
  return answer.data as T;
}

async function organisationId(name: string): Promise<string> {
  const { organisations } = await must<{ organisations: { nodes: Array<{ id: string; name: string }> } }>(
    `{ organisations(filter: { text: ${JSON.stringify(name)} }, first: 50) { nodes { id name } } }`,
  );
  const found = organisations.nodes.find((node) => node.name === name);
  if (!found) throw new Error(`no demo organisation ${name}`);
  return found.id;
}

/** Runs `work` over `items`, a few at a time: the hub is shared with the machine's other work. */
async function inPool<T>(items: T[], work: (item: T) => Promise<void>, size = 6): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await work(item);
      }
    }),
  );
}

let infrastructure: RunningInfrastructure;

beforeAll(async () => {
  // servers of its own: other test files' events on the shared topics would add companies to this hub's read models,
  // and an out-of-scope caller's list is expected empty
  infrastructure = await startInfrastructure({ dataDir: path.join(cacheDir(), 'run', uniqueName('policy-matrix')), throwaway: true });
  hub = await startWholeHub('policy-matrix', { endpoints: infrastructure });
  await hub.seed();
  const DEMO_NAMES = {
    myrstack: 'Myrstack Hälsa & Skönhet AB (demo)',
    silvervagen: 'Silvervägen Äventyr AB (demo)',
    lanthandel: 'Malå Lanthandel AB (demo)',
    malaOffice: 'Malå kommun – Utvecklingsavdelningen',
    sorseleOffice: 'Sorsele kommun – Näringslivskontoret',
    lyckseleOffice: 'Lycksele kommun – Näringslivsavdelningen',
    almi: 'Almi Företagspartner Nord',
    vindelalven: 'Vindelälvens Vård AB (demo)',
  };
  const found = await Promise.all(Object.entries(DEMO_NAMES).map(async ([key, name]) => [key, await organisationId(name)] as const));
  const { myrstack, silvervagen, lanthandel, malaOffice, sorseleOffice, lyckseleOffice, almi, vindelalven } = Object.fromEntries(found) as Record<keyof typeof DEMO_NAMES, string>;
  const { projects } = await must<{ projects: { nodes: Array<{ id: string }> } }>('{ projects(first: 1) { nodes { id } } }');
  const { offerings } = await must<{ offerings: { nodes: Array<{ id: string; title: { sv: string } }> } }>(
    `{ offerings(filter: { providerId: "${almi}", municipalityCode: "2418", openOnly: true }, first: 50) { nodes { id title { sv } } } }`,
  );
  // open to apply for, for the whole region, and for a company that needs financing, as Myrstack does
  const offering = offerings.nodes.find((node) => node.title.sv === 'Almi företagslån')?.id as string;
  const project = projects.nodes[0]?.id as string;

  // what the demo data lacks: a session, an enrolment with an outcome, a funnel position, a partner meeting, a case
  // note, an erasure and a job run
  await must(
    `mutation { addOfferingSession(offeringId: "${offering}", input: { title: "Informationsmöte om lån", startsAt: "2027-02-01T09:00:00Z", endsAt: "2027-02-01T10:00:00Z", place: "Malå" }) { id } }`,
    { roles: ['partner-staff'], organisationId: almi },
  );
  const { enrol } = await must<{ enrol: { id: string } }>(`mutation { enrol(offeringId: "${offering}", companyId: "${myrstack}", ownerProfile: { gender: WOMAN }) { id } }`);
  await must(`mutation { recordOutcome(enrolmentId: "${enrol.id}", input: { kind: JOBS_CREATED, jobs: 1, jobsBasis: EXPECTED }) { id } }`);
  await must(`mutation { setFunnelStage(companyId: "${myrstack}", projectId: "${project}", stage: CONTACT) { stage } }`);
  const organiser = { roles: ['municipal-staff'] as Role[], organisationId: malaOffice, municipalityCode: '2418' };
  const { createPartnerMeeting } = await must<{ createPartnerMeeting: { id: string } }>('mutation { createPartnerMeeting(input: { name: "Matchmakingdag (policy matrix)", slots: 2 }) { id } }', organiser);
  const meeting = createPartnerMeeting.id;
  await must(`mutation { addMeetingParticipants(partnerMeetingId: "${meeting}", companyIds: ["${myrstack}", "${lanthandel}"]) { id } }`, organiser);
  await must(`mutation { requestMeetings(partnerMeetingId: "${meeting}", companyId: "${myrstack}", withCompanyIds: ["${lanthandel}"]) { id } }`, organiser);
  await must(`mutation { schedulePartnerMeeting(id: "${meeting}") { id } }`, organiser);
  const candidate = 'de7000000000000000000001';
  const { candidate: withCases } = await must<{ candidate: { cases: Array<{ id: string }> } }>(`{ candidate(id: "${candidate}") { cases { id } } }`);
  const inMigrationCase = withCases.cases[0]?.id as string;
  await must(`mutation { addCaseNote(caseId: "${inMigrationCase}", text: "Ringde om bostad (fiktiv anteckning).") { id } }`);
  const { organisation: employer } = await must<{ organisation: { vacancies: Array<{ id: string; occupation: { code: string } }> } }>(
    `{ organisation(id: "${vindelalven}") { vacancies { id occupation { code } } } }`,
  );
  const vacancy = employer.vacancies.find((v) => v.occupation.code === '2221')?.id as string;
  const { erasePerson } = await must<{ erasePerson: { id: string } }>('mutation { erasePerson(personId: "de7000000000000000000002") { id } }');
  const run = await hub.jobs.models.runs.create({
    job: 'organisation-import',
    trigger: 'cli',
    status: 'failed',
    startedAt: new Date(),
    endedAt: new Date(),
    counts: { fetched: 2, rejected: 1 },
    rejected: [{ item: 'line 3', reason: 'not a valid organisation number' }],
    error: 'the register did not answer',
    cursorBefore: 'line 1',
    cursorAfter: 'line 2',
    options: [{ name: 'file', value: 'orgs.csv' }],
  });
  ids = {
    myrstack, silvervagen, malaOffice, sorseleOffice, lyckseleOffice, almi, vindelalven, project, offering, candidate, inMigrationCase, vacancy, meeting,
    referral: (await must<{ organisation: { referralsSent: Array<{ id: string }> } }>(`{ organisation(id: "${malaOffice}") { referralsSent { id } } }`, organiser)).organisation.referralsSent[0]?.id as string,
    erasure: erasePerson.id,
    jobRun: run._id.toHexString(),
  };
  for (const [name, id] of Object.entries(ids)) if (!id) throw new Error(`no demo ${name}`);
}, 600_000);

afterAll(async () => {
  // the matrix's size, for the note: fields × roles × callers in and out of scope
  process.stdout.write(
    `policy matrix: ${counts.types.size} types, ${counts.fields.size} fields; ${counts.reads} reads and ${counts.mutations} mutation calls checked ` +
      `(${ROLES.length} roles × the callers of each field's subject) in ${counts.requests} requests\n`,
  );
  await hub?.stop();
  await infrastructure?.stop();
});

// ---- the matrix ---------------------------------------------------------------------------------------------------

describe('every field, asked as every role in and out of scope, answers as its policy says', () => {
  it('reaches every type but those it cannot, and says why', () => {
    const types = objectTypes.map((type) => type.name).filter((name) => name !== 'Query' && name !== 'Mutation');
    expect(types.filter((name) => !REACH[name] && !UNREACHED[name])).toEqual([]);
    expect([...Object.keys(REACH), ...Object.keys(UNREACHED)].filter((name) => !types.includes(name))).toEqual([]);
    expect(Object.keys(queryRoots({} as Ids)).sort()).toEqual(Object.keys(supergraph.getQueryType()?.getFields() ?? {}).sort());
    expect(Object.keys(MUTATION_ARGS).sort()).toEqual(Object.keys(supergraph.getMutationType()?.getFields() ?? {}).sort());
  });

  it.each(Object.keys(queryRoots({} as Ids)))('Query.%s', async (name) => {
    const root = queryRoots(ids)[name];
    if (!root) throw new Error(`no root for Query.${name}`);
    const failures: string[] = [];
    const cases = ROLES.flatMap((role) => personas(root.subject, ids).map((persona) => ({ role, persona })));
    await inPool(cases, async ({ role, persona }) => {
      const answer = await ask(`{ ${selection('Query', name, ids)} }`, { roles: [role], ...persona.claims });
      const { decision, path } = expectation([], 'Query', name, role, persona);
      const failure = compare(answer, path, decision, ownRefusalOf(policyOf('Query', name)));
      counts.reads += 1;
      if (failure) failures.push(`${role} (${persona.name}): ${failure}`);
    });
    counts.fields.add(`Query.${name}`);
    counts.types.add('Query');
    expect(failures).toEqual([]);
  });

  it.each(Object.keys(REACH))('%s', async (typeName) => {
    const type = supergraph.getType(typeName) as GraphQLObjectType;
    const hops = (REACH[typeName] as string[]).map((hop) => parseHop(hop, ids));
    const subject = queryRoots(ids)[(hops[0] as Hop).field]?.subject ?? 'none';
    const leaves = Object.keys(type.getFields());
    // a field refused with an error is asked alone: its error would null its siblings on the way up
    const alone = leaves.filter((leaf) => ownRefusalOf(policyOf(typeName, leaf)) === 'error');
    const together = leaves.filter((leaf) => !alone.includes(leaf));
    const groups = [...(together.length > 0 ? [together] : []), ...alone.map((leaf) => [leaf])];
    const failures: string[] = [];
    const cases = ROLES.flatMap((role) => personas(subject, ids).flatMap((persona) => groups.map((group) => ({ role, persona, group }))));
    await inPool(cases, async ({ role, persona, group }) => {
      const answer = await ask(queryText(hops, group.map((leaf) => selection(typeName, leaf, ids))), { roles: [role], ...persona.claims });
      for (const leaf of group) {
        const { decision, path } = expectation(hops, typeName, leaf, role, persona);
        const failure = compare(answer, path, decision, ownRefusalOf(policyOf(typeName, leaf)));
        counts.reads += 1;
        if (failure) failures.push(`${typeName}.${leaf} as ${role} (${persona.name}): ${failure}`);
      }
    });
    for (const leaf of leaves) counts.fields.add(`${typeName}.${leaf}`);
    counts.types.add(typeName);
    expect(failures.sort()).toEqual([]);
  });
});

// ---- mutations ----------------------------------------------------------------------------------------------------

/** An id no object has. */
const UNKNOWN = '000000000000000000000000';
const BAD_VACANCY = '{ title: "", occupationCode: "0", municipalityCode: "2463", workMode: ON_SITE, housingHelp: false }';

/** Each mutation's arguments: unknown ids or input that fails validation, so that no call writes anything. */
const MUTATION_ARGS: Record<string, string> = {
  registerOrganisation: '(input: { kind: COMPANY, name: "", organisationNumber: "0", municipalityCode: "2463" })',
  updateOrganisation: `(id: "${UNKNOWN}", input: { name: "" })`,
  deactivateOrganisation: `(id: "${UNKNOWN}")`,
  registerProject: `(input: { kind: PROJECT, name: "", ownerId: "${UNKNOWN}", startDate: "2026-01-01", municipalityCodes: [], funders: [] })`,
  updateProject: `(id: "${UNKNOWN}", input: { name: "" })`,
  createOfferingDraft: `(input: { providerId: "${UNKNOWN}", kind: COURSE, capacity: -1 })`,
  updateOffering: `(id: "${UNKNOWN}", input: { capacity: -1 })`,
  publishOffering: `(id: "${UNKNOWN}")`,
  closeOffering: `(id: "${UNKNOWN}")`,
  archiveOffering: `(id: "${UNKNOWN}")`,
  addOfferingSession: `(offeringId: "${UNKNOWN}", input: { title: "", startsAt: "2026-01-01T10:00:00Z", endsAt: "2026-01-01T09:00:00Z" })`,
  removeOfferingSession: `(offeringId: "${UNKNOWN}", sessionId: "${UNKNOWN}")`,
  enrol: `(offeringId: "${UNKNOWN}", companyId: "${UNKNOWN}")`,
  withdrawEnrolment: `(enrolmentId: "${UNKNOWN}")`,
  recordAttendance: `(enrolmentId: "${UNKNOWN}", sessionId: "${UNKNOWN}", attended: true)`,
  recordOutcome: `(enrolmentId: "${UNKNOWN}", input: { kind: GOALS_SET })`,
  syncFundingCalls: `(providerId: "${UNKNOWN}", input: [{ externalId: "", title: { sv: "" }, description: { sv: "" }, startDate: "2026-01-01", applicationDeadline: "2025-01-01" }])`,
  closeImportedOfferings: `(providerId: "${UNKNOWN}", externalIds: [""])`,
  recordNeeds: `(companyId: "${UNKNOWN}", input: { needs: [] })`,
  setFunnelStage: `(companyId: "${UNKNOWN}", projectId: "${UNKNOWN}", stage: CONTACT)`,
  referCompany: `(input: { companyId: "${UNKNOWN}", toOrganisationId: "${UNKNOWN}", note: "" })`,
  acceptReferral: `(id: "${UNKNOWN}")`,
  declineReferral: `(id: "${UNKNOWN}")`,
  startReferral: `(id: "${UNKNOWN}")`,
  completeReferral: `(id: "${UNKNOWN}")`,
  withdrawReferral: `(id: "${UNKNOWN}")`,
  createPartnerMeeting: '(input: { name: "", slots: 0 })',
  addMeetingParticipants: `(partnerMeetingId: "${UNKNOWN}", companyIds: ["${UNKNOWN}"])`,
  requestMeetings: `(partnerMeetingId: "${UNKNOWN}", companyId: "${UNKNOWN}", withCompanyIds: [])`,
  schedulePartnerMeeting: `(id: "${UNKNOWN}")`,
  registerCandidate: '(input: { profile: { name: "", currentLocation: "", occupations: [], wishes: { municipalityCodes: ["2463"] } }, consents: [] })',
  updateCandidate: `(id: "${UNKNOWN}", input: { name: "", currentLocation: "", occupations: [], wishes: { municipalityCodes: [] } })`,
  giveConsent: `(candidateId: "${UNKNOWN}", input: { purpose: NEWSLETTER, channel: EMAIL, textVersion: "" })`,
  withdrawConsent: `(candidateId: "${UNKNOWN}", purpose: NEWSLETTER, channel: EMAIL)`,
  setSharedFields: `(candidateId: "${UNKNOWN}", fields: [])`,
  openCase: `(candidateId: "${UNKNOWN}", municipalityCode: "2463")`,
  completeCaseStep: `(caseId: "${UNKNOWN}", step: HOUSING)`,
  addCaseNote: `(caseId: "${UNKNOWN}", text: "")`,
  recordMoveIn: `(caseId: "${UNKNOWN}", movedInOn: "2026-01-01")`,
  recordFollowUp: `(caseId: "${UNKNOWN}", input: { months: 7, stillLiving: true, peopleEmployed: 0 })`,
  closeCase: `(caseId: "${UNKNOWN}", outcome: NOT_MOVED)`,
  setReceivingCapacity: '(municipalityCode: "2463", year: 2026, input: { households: -1, housingUnits: -1, preschoolPlaces: -1, schoolPlaces: -1 })',
  publishVacancy: `(employerId: "${UNKNOWN}", input: ${BAD_VACANCY})`,
  closeVacancy: `(id: "${UNKNOWN}")`,
  syncVacancies: `(input: [{ employerId: "${UNKNOWN}", vacancy: ${BAD_VACANCY} }])`,
  // an unknown external id is only counted, so the batch is made invalid by being empty
  closeImportedVacancies: '(externalIds: [])',
  erasePerson: '(personId: "not-a-person")',
  // it takes nothing: an admin's call anonymises the cases closed longer ago than the retention period, of which
  // the demo data has none
  runRetention: '',
};

/**
 * Callers of each role as the arguments above see them: the insider is the organisation of the unknown ids and of
 * Åsele (2463), the municipality the arguments name, so it is in every scope an argument can put it in; the stranger
 * is in none.
 */
const INSIDER: Persona = { name: 'the organisation and municipality the arguments name', claims: { organisationId: UNKNOWN, municipalityCode: '2463' }, scopes: [] };
const STRANGER: Persona = { name: 'a stranger to every object', claims: { organisationId: 'ffffffffffffffffffffffff', municipalityCode: '2422' }, scopes: [] };
/** Mutations that take no input to make invalid: an allowed call goes through (and, on the demo data, changes nothing). */
const WITHOUT_INPUT = ['runRetention'];

describe('every mutation refuses the roles its policy does not name before anything else, and lets through those it names', () => {
  it.each(Object.keys(MUTATION_ARGS))('Mutation.%s', async (name) => {
    const policy = policyOf('Mutation', name);
    if ('inherit' in policy) throw new Error(`Mutation.${name} cannot inherit: it has no object above it`);
    const failures: string[] = [];
    const cases = ROLES.flatMap((role) => [INSIDER, STRANGER].map((persona) => ({ role, persona })));
    await inPool(cases, async ({ role, persona }) => {
      const answer = await ask(`mutation { ${name}${MUTATION_ARGS[name] ?? ''}${isLeafType(getNamedType(fieldOf('Mutation', name).type)) ? '' : ' { __typename }'} }`, { roles: [role], ...persona.claims });
      const codes = (answer.errors ?? []).map((error) => error.extensions?.code);
      const named = policy.grants.filter((grant) => grant.role === role);
      const through = answer.data !== null && answer.data !== undefined && answer.data[name] !== null && answer.data[name] !== undefined;
      const who = `${role} (${persona.name})`;
      if (named.length === 0) {
        counts.mutations += 1;
        if (!codes.includes('FORBIDDEN')) failures.push(`${who}: expected FORBIDDEN, got ${JSON.stringify(answer.errors ?? answer.data)}`);
      } else if (persona === INSIDER || named.some((grant) => grant.scope === 'any')) {
        // past authorization: refused only by the input (not found, invalid), so nothing is written
        counts.mutations += 1;
        if (codes.includes('FORBIDDEN')) failures.push(`${who}: refused, though the policy lets it call ${name}: ${JSON.stringify(answer.errors)}`);
        else if (through && !WITHOUT_INPUT.includes(name)) failures.push(`${who}: the harmless input went through: ${JSON.stringify(answer.data)}`);
      } else if (through) {
        // granted only in a scope the stranger is not in: refused, one way or another
        failures.push(`${who}: a stranger's call went through: ${JSON.stringify(answer.data)}`);
      }
    });
    counts.fields.add(`Mutation.${name}`);
    counts.types.add('Mutation');
    expect(failures).toEqual([]);
  });
});
