import { allow, EVERYONE, fields, INHERIT, type FieldPolicy, type SubgraphPolicy } from '@hub/shared/auth';

/**
 * Who may read what this subgraph serves (see @hub/shared/auth's policy). People (candidates, their cases) are for
 * the migration officers of the municipalities they concern (canReadCandidate, isOfficerFor) and admins; an
 * employer's staff see the fields consenting candidates share; vacancies and the figures are public.
 */
const ADMINS: FieldPolicy = allow('error', 'admin');
const CANDIDATE_OFFICERS: FieldPolicy = allow('error', 'admin', ['migration-officer', 'candidate-municipality']);
const CASE_OFFICERS: FieldPolicy = allow('error', 'admin', ['migration-officer', 'case-municipality']);
const MUNICIPALITY_OFFICERS: FieldPolicy = allow('error', 'admin', ['migration-officer', 'own-municipality']);
// canActForEmployer: an integration job imports job ads for every employer
const EMPLOYER_EDITS: FieldPolicy = allow('error', 'admin', 'integration', ['partner-staff', 'employer']);

export const POLICY: SubgraphPolicy = {
  Query: {
    candidate: CANDIDATE_OFFICERS,
    candidates: MUNICIPALITY_OFFICERS,
    inMigrationCase: CASE_OFFICERS,
    vacancy: EVERYONE,
    vacancies: EVERYONE,
    candidateMatches: CANDIDATE_OFFICERS,
    ...fields(ADMINS, 'personalData', 'accessLog', 'erasure'),
  },
  Mutation: {
    registerCandidate: MUNICIPALITY_OFFICERS,
    ...fields(CANDIDATE_OFFICERS, 'updateCandidate', 'giveConsent', 'withdrawConsent', 'setSharedFields'),
    openCase: MUNICIPALITY_OFFICERS,
    ...fields(CASE_OFFICERS, 'completeCaseStep', 'addCaseNote', 'recordMoveIn', 'recordFollowUp', 'closeCase'),
    setReceivingCapacity: MUNICIPALITY_OFFICERS,
    ...fields(EMPLOYER_EDITS, 'publishVacancy', 'closeVacancy'),
    ...fields(allow('error', 'admin', 'integration'), 'syncVacancies', 'closeImportedVacancies'),
    ...fields(ADMINS, 'erasePerson', 'runRetention'),
  },
  Organisation: fields(INHERIT, 'id', 'vacancies'),
  Municipality: {
    ...fields(INHERIT, 'code', 'migrationIndicators', 'receivingCapacity'),
    inMigrationCases: MUNICIPALITY_OFFICERS,
  },
  PersonalData: {
    personId: INHERIT,
    migration: ADMINS,
  },
  Vacancy: {
    ...fields(
      INHERIT,
      'id', 'employerId', 'employer', 'title', 'occupation', 'municipality', 'startDate', 'workMode', 'housingHelp', 'positions', 'applicationDeadline', 'description',
      'status', 'externalId', 'publishedAt',
    ),
    // not canActForEmployer: an integration imports vacancies but never reads people
    sharedProfiles: allow('error', 'admin', ['partner-staff', 'employer']),
  },
  Occupation: fields(INHERIT, 'code', 'label'),
  VacancySyncResult: fields(INHERIT, 'created', 'updated', 'unchanged', 'closed', 'unknown'),
  Candidate: {
    ...fields(
      INHERIT,
      'id', 'name', 'email', 'phone', 'currentLocation', 'occupations', 'skills', 'languages', 'household', 'wishes', 'consents', 'consentHistory', 'sharedFields', 'registeredAt',
    ),
    // an officer who may see the candidate sees only the cases of their own municipality
    cases: allow('empty', 'admin', ['migration-officer', 'case-municipality']),
  },
  Household: fields(INHERIT, 'partnerOccupation', 'childrenAges'),
  Wishes: fields(INHERIT, 'municipalities', 'housingType', 'moveFrom'),
  ConsentState: fields(INHERIT, 'purpose', 'given', 'since', 'textVersion', 'channel'),
  ConsentRecord: fields(INHERIT, 'purpose', 'given', 'at', 'channel', 'textVersion'),
  SharedProfile: fields(INHERIT, 'candidateId', 'sharedFields', 'name', 'email', 'phone', 'currentLocation', 'occupations', 'skills', 'languages', 'household', 'wishes'),
  InMigrationCase: fields(INHERIT, 'id', 'candidate', 'municipality', 'householdSize', 'status', 'steps', 'notes', 'movedInOn', 'followUps', 'outcome', 'openedAt', 'closedAt', 'anonymised'),
  CaseStepState: fields(INHERIT, 'step', 'completedAt'),
  CaseNote: fields(INHERIT, 'text', 'at'),
  FollowUp: fields(INHERIT, 'months', 'stillLiving', 'peopleEmployed', 'recordedAt'),
  MigrationIndicators: fields(
    INHERIT,
    'municipalityCode', 'from', 'to', 'activeCases', 'householdsMovedIn', 'peopleMovedIn', 'peopleEmployed', 'followedUpAt12Months', 'stillLivingAfter12Months', 'receivingCapacity',
  ),
  ReceivingCapacity: fields(INHERIT, 'municipalityCode', 'year', 'households', 'housingUnits', 'preschoolPlaces', 'schoolPlaces'),
  CandidateMatches: fields(INHERIT, 'vacancies', 'places'),
  VacancyMatch: fields(INHERIT, 'vacancyId', 'vacancy', 'score', 'reasons', 'reasonTexts', 'forPartner'),
  PlaceMatch: fields(INHERIT, 'municipality', 'score', 'reasons', 'reasonTexts', 'vacancies', 'partnerVacancies'),
  LocalisedText: fields(INHERIT, 'sv', 'en'),
  AccessLogEntry: fields(INHERIT, 'id', 'readerId', 'subjectIds', 'fields', 'service', 'outcome', 'at'),
  Erasure: fields(INHERIT, 'id', 'requestedAt', 'completions', 'complete'),
  ErasureCompletion: fields(INHERIT, 'service', 'at'),
  RetentionRun: fields(INHERIT, 'anonymisedCases', 'closedBefore'),
  PageInfo: fields(INHERIT, 'endCursor', 'hasNextPage'),
  CandidateConnection: fields(INHERIT, 'nodes', 'pageInfo'),
  VacancyConnection: fields(INHERIT, 'nodes', 'pageInfo'),
  InMigrationCaseConnection: fields(INHERIT, 'nodes', 'pageInfo'),
  AccessLogConnection: fields(INHERIT, 'nodes', 'pageInfo'),
};
