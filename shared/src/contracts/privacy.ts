import { z } from 'zod';
import { defineEvent } from '../events';
import { TOPICS } from './topics';

/**
 * The hub's services, as they name themselves in erasure completions and access-log entries. A person's hub id is
 * the subject of their account; records about them carry it (a candidate's id, an organisation contact's id).
 */
export const HUB_SERVICES = ['organisations', 'offerings', 'matchmaking', 'migration'] as const;
export type HubService = (typeof HUB_SERVICES)[number];

const id = z.string().min(1);

/** Erase everything the hub holds on a person. Every service honours it and answers PersonErasureCompleted. */
export const PersonErased = defineEvent({
  type: 'PersonErased',
  version: 1,
  topic: TOPICS.privacy,
  payload: z.strictObject({ erasureId: id, personId: id }),
});

/** One service has removed or anonymised everything it held on the person of an erasure. */
export const PersonErasureCompleted = defineEvent({
  type: 'PersonErasureCompleted',
  version: 1,
  topic: TOPICS.privacy,
  payload: z.strictObject({ erasureId: id, service: z.enum(HUB_SERVICES) }),
});

/**
 * Someone read personal data, or tried to and was refused: who (their account's subject), whose (the persons' hub
 * ids), which fields, in which service. The migration service keeps these as the hub's access log for admins.
 * Events from before refusals were logged carry no outcome: they were reads.
 */
export const ACCESS_OUTCOMES = ['read', 'refused'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];

export const PersonalDataAccessed = defineEvent({
  type: 'PersonalDataAccessed',
  version: 1,
  topic: TOPICS.privacy,
  payload: z.strictObject({
    accessId: id,
    readerId: id,
    subjectIds: z.array(id).min(1),
    fields: z.array(z.string().min(1)).min(1),
    service: z.enum(HUB_SERVICES),
    outcome: z.enum(ACCESS_OUTCOMES).optional(),
  }),
});

export const privacyEvents = [PersonErased, PersonErasureCompleted, PersonalDataAccessed];
