import { createEvent } from '../events';
import {
  hubEventRegistry,
  OrganisationRegistered,
  OrganisationUpdated,
  ORGANISATION_KINDS,
  ProjectRegistered,
  TOPICS,
} from './index';

describe('hub contracts', () => {
  it('registers every event on its topic', () => {
    expect(hubEventRegistry.topics()).toEqual([TOPICS.organisations, TOPICS.offerings, TOPICS.matchmaking, TOPICS.migration, TOPICS.privacy]);
    expect(TOPICS.organisations).toEqual({ name: 'hub.organisations.v1', partitions: 3, retentionMs: -1 });
    expect(TOPICS.offerings).toEqual({ name: 'hub.offerings.v1', partitions: 3, retentionMs: -1 });
    expect(TOPICS.deadLetter).toEqual({ name: 'hub.dead-letter.v1', partitions: 1, retentionMs: 2_592_000_000 });
  });

  it('round-trips an organisation event through the hub registry', () => {
    const event = createEvent(OrganisationRegistered, {
      aggregateId: 'org-1',
      producer: 'organisations',
      payload: { organisationId: 'org-1', kind: 'municipal-business-office', municipalityCode: '2418', sniCodes: [] },
    });
    expect(hubEventRegistry.parse(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it('rejects an unknown kind, a malformed municipality code and a name', () => {
    const event = createEvent(OrganisationUpdated, {
      aggregateId: 'org-1',
      producer: 'organisations',
      payload: {
        organisationId: 'org-1',
        changedFields: ['kind'],
        kind: ORGANISATION_KINDS[0],
        municipalityCode: '2506',
        sniCodes: ['62010'],
        status: 'active',
      },
    });
    const raw = { ...event, payload: { ...event.payload, kind: 'bank', municipalityCode: '25', name: 'Almi' } };
    expect(() => hubEventRegistry.parse(raw)).toThrow(
      /payload\.kind: .*payload\.municipalityCode: expected a four-digit SCB municipality code.*Unrecognized key: "name"/,
    );
  });

  it('accepts several municipalities on a project', () => {
    const payload = {
      projectId: 'p-1',
      ownerOrganisationId: 'org-1',
      municipalityCodes: ['2584', '2523', '2510'],
      partnerOrganisationIds: ['org-2'],
    };
    expect(createEvent(ProjectRegistered, { aggregateId: 'p-1', producer: 'organisations', payload }).payload).toEqual(
      payload,
    );
  });
});
