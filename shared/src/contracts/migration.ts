import { z } from 'zod';
import { defineEvent } from '../events';
import { TOPICS } from './topics';

export const CONSENT_PURPOSES = ['in-migration-service', 'share-with-employers', 'newsletter'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CASE_STEPS = ['housing', 'partner-job', 'school-and-preschool', 'population-registration', 'welcome-and-introduction'] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

/** How a case ended: the household moved in, or it did not (it chose elsewhere, stopped answering, withdrew). */
export const CASE_OUTCOMES = ['moved-in', 'not-moved'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

// Ids and codes only. Everything about the person (name, contact details, household, wishes, notes) stays in the
// migration service, readable through the graph by the roles allowed to and logged when read.
const id = z.string().min(1);
const municipalityCode = z.string().regex(/^\d{4}$/, 'expected a four-digit SCB municipality code');
const occupationCode = z.string().regex(/^\d{4}$/, 'expected a four-digit SSYK 2012 code');

export const VacancyPublished = defineEvent({
  type: 'VacancyPublished',
  version: 1,
  topic: TOPICS.migration,
  payload: z.strictObject({ vacancyId: id, employerId: id, municipalityCode, occupationCode, externalId: z.string().min(1).nullable() }),
});

/** A vacancy's facts changed (an imported job ad was edited at its source, or reappeared after closing). */
export const VacancyUpdated = defineEvent({
  type: 'VacancyUpdated',
  version: 1,
  topic: TOPICS.migration,
  payload: z.strictObject({ vacancyId: id, employerId: id, municipalityCode, occupationCode, externalId: z.string().min(1).nullable() }),
});

export const VacancyClosed = defineEvent({
  type: 'VacancyClosed',
  version: 1,
  topic: TOPICS.migration,
  payload: z.strictObject({ vacancyId: id, employerId: id }),
});

/** A person who considers moving was registered; the candidate's id is the person's hub id. */
export const CandidateRegistered = defineEvent({
  type: 'CandidateRegistered',
  version: 1,
  topic: TOPICS.migration,
  payload: z.strictObject({ candidateId: id }),
});

export const ConsentGiven = defineEvent({
  type: 'ConsentGiven',
  version: 1,
  topic: TOPICS.migration,
  payload: z.strictObject({ candidateId: id, purpose: z.enum(CONSENT_PURPOSES), textVersion: z.string().min(1) }),
});

export const ConsentWithdrawn = defineEvent({
  type: 'ConsentWithdrawn',
  version: 1,
  topic: TOPICS.migration,
  payload: z.strictObject({ candidateId: id, purpose: z.enum(CONSENT_PURPOSES) }),
});

export const CaseOpened = defineEvent({
  type: 'CaseOpened',
  version: 1,
  topic: TOPICS.migration,
  payload: z.strictObject({ caseId: id, candidateId: id, municipalityCode }),
});

export const CaseStepCompleted = defineEvent({
  type: 'CaseStepCompleted',
  version: 1,
  topic: TOPICS.migration,
  payload: z.strictObject({ caseId: id, municipalityCode, step: z.enum(CASE_STEPS) }),
});

export const CaseClosed = defineEvent({
  type: 'CaseClosed',
  version: 1,
  topic: TOPICS.migration,
  payload: z.strictObject({ caseId: id, municipalityCode, outcome: z.enum(CASE_OUTCOMES) }),
});

export const migrationEvents = [
  VacancyPublished,
  VacancyUpdated,
  VacancyClosed,
  CandidateRegistered,
  ConsentGiven,
  ConsentWithdrawn,
  CaseOpened,
  CaseStepCompleted,
  CaseClosed,
];
