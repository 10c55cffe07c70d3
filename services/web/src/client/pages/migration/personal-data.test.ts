import { describe, expect, it } from 'vitest';
import { dataExport, erasureSteps, HUB_SERVICES } from './personal-data';

const PERSON = 'de7000000000000000000002';

describe('erasureSteps', () => {
  it('lists every service, migration first, those not done yet as waiting', () => {
    expect(erasureSteps([{ service: 'offerings', at: '2026-12-07T10:00:02Z' }, { service: 'migration', at: '2026-12-07T10:00:00Z' }])).toEqual([
      { service: 'migration', completedAt: '2026-12-07T10:00:00Z' },
      { service: 'organisations', completedAt: null },
      { service: 'offerings', completedAt: '2026-12-07T10:00:02Z' },
      { service: 'matchmaking', completedAt: null },
    ]);
  });

  it('shows a service the page does not know yet after the others rather than hiding it', () => {
    expect(erasureSteps([{ service: 'jobs', at: '2026-12-07T10:00:03Z' }]).at(-1)).toEqual({ service: 'jobs', completedAt: '2026-12-07T10:00:03Z' });
  });
});

describe('dataExport', () => {
  const answer = { personId: PERSON, migration: { candidate: { name: 'Jonas Påhittad (fiktiv)' }, cases: [] }, organisations: null, offerings: {}, matchmaking: { needsRecorded: [] } };

  it('offers one JSON file with every service’s part under the person’s id', () => {
    const exported = dataExport(answer);
    expect(exported.fileName).toBe(`personal-data-${PERSON}.json`);
    expect(exported.href.startsWith('data:application/json;charset=utf-8,')).toBe(true);
    const document = JSON.parse(decodeURIComponent(exported.href.slice(exported.href.indexOf(',') + 1))) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(['personId', ...HUB_SERVICES]);
    expect(document).toMatchObject({ personId: PERSON, migration: answer.migration, organisations: null, offerings: {} });
  });

  it('shows each service’s part, a service holding nothing as nothing', () => {
    const parts = dataExport(answer).parts;
    expect(parts.map((part) => part.service)).toEqual(['migration', 'organisations', 'offerings', 'matchmaking']);
    expect(parts[0]?.json).toContain('"name": "Jonas Påhittad (fiktiv)"');
    expect(parts[1]?.json).toBeNull();
    expect(parts[2]?.json).toBeNull();
    expect(parts[3]?.json).toContain('needsRecorded');
  });
});
