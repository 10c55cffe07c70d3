/** GraphQL enum values mapped to the values the domain and the events use. */
export const OfferingKind = {
  DEVELOPMENT_PROGRAMME: 'development-programme',
  COACHING: 'coaching',
  CONSULTING_SUPPORT: 'consulting-support',
  WORKSHOP_OR_SEMINAR: 'workshop-or-seminar',
  COURSE: 'course',
  NETWORK_OR_FAIR: 'network-or-fair',
  MATCHMAKING_EVENT: 'matchmaking-event',
  START_UP_ADVICE: 'start-up-advice',
  INNOVATION_ADVICE: 'innovation-advice',
  FUNDING_CALL: 'funding-call',
  LOAN: 'loan',
  GRANT: 'grant',
};

export const OfferingStatus = { DRAFT: 'draft', PUBLISHED: 'published', CLOSED: 'closed', ARCHIVED: 'archived' };

export const OfferingFormat = { ON_SITE: 'on-site', DIGITAL: 'digital', HYBRID: 'hybrid' };

export const TargetGroup = {
  NEW_ENTREPRENEURS: 'new-entrepreneurs',
  ESTABLISHED_COMPANIES: 'established-companies',
  MICRO_COMPANIES: 'micro-companies',
  WOMEN: 'women',
  YOUNG_PEOPLE: 'young-people',
  FOREIGN_BORN: 'foreign-born',
};

export const Need = {
  EXPORT: 'export',
  INDUSTRY_COOPERATION: 'industry-cooperation',
  RECRUITMENT: 'recruitment',
  BUSINESS_PLANNING: 'business-planning',
  BUDGETING: 'budgeting',
  ANALYSING_SURROUNDINGS: 'analysing-surroundings',
  SUPPLIERS: 'suppliers',
  DIGITALISATION: 'digitalisation',
  FINANCING: 'financing',
  SUSTAINABILITY: 'sustainability',
  INNOVATION: 'innovation',
  START_UP: 'start-up',
  GENDER_EQUALITY: 'gender-equality',
  COMPETENCE: 'competence',
};

export const OfferingSort = { DEADLINE: 'deadline', START_DATE: 'start', TITLE: 'title' };

export const EnrolmentStatus = { ENROLLED: 'enrolled', WAITLISTED: 'waitlisted', WITHDRAWN: 'withdrawn' };

export const Gender = { WOMAN: 'woman', MAN: 'man', NON_BINARY: 'non-binary' };

export const AgeGroup = { UNDER_30: 'under-30', AGE_30_49: '30-49', AGE_50_PLUS: '50-plus' };

export const OutcomeKind = {
  GOALS_SET: 'goals-set',
  INVESTMENT_MADE: 'investment-made',
  JOBS_CREATED: 'jobs-created',
  COMPANY_STARTED: 'company-started',
  TURNOVER_BAND: 'turnover-band',
};

export const JobBasis = { EXPECTED: 'expected', REALISED: 'realised' };

export const TurnoverBand = {
  NO_TURNOVER: 'no-turnover',
  UNDER_500K_SEK: 'under-500k-sek',
  FROM_500K_TO_1M_SEK: '500k-1m-sek',
  FROM_1M_TO_5M_SEK: '1m-5m-sek',
  FROM_5M_TO_20M_SEK: '5m-20m-sek',
  FROM_20M_TO_50M_SEK: '20m-50m-sek',
  OVER_50M_SEK: 'over-50m-sek',
};
