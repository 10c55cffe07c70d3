import { describe, expect, it } from 'vitest';
import { type Area, mayUse } from './permissions';
import type { Role, SignedInUser } from './session';

const AREAS: readonly Area[] = ['catalogue', 'directory', 'companies', 'referralsSent', 'referralsInbox', 'ownOfferings', 'candidates', 'dashboards', 'jobRuns', 'meetings', 'receivingCapacity', 'privacy'];

function user(...roles: Role[]): SignedInUser {
  return { name: 'Test Person', username: 'test', roles, municipalityCode: null, organisationId: null };
}

function areasFor(who: SignedInUser | null): Area[] {
  return AREAS.filter((area) => mayUse(who, area));
}

describe('mayUse', () => {
  it('shows nothing when no one is signed in', () => {
    expect(areasFor(null)).toEqual([]);
  });

  it('shows nothing to a signed-in person without a known role', () => {
    expect(areasFor(user())).toEqual([]);
  });

  it('lets the public see the catalogue and the directory but not companies', () => {
    const visitor = user('public');
    expect(mayUse(visitor, 'catalogue')).toBe(true);
    expect(mayUse(visitor, 'directory')).toBe(true);
    expect(mayUse(visitor, 'companies')).toBe(false);
    expect(areasFor(visitor)).toEqual(['catalogue', 'directory']);
  });

  it('lets municipal staff see companies, the referrals they sent, their projects’ dashboards and the partner-meeting planner', () => {
    expect(areasFor(user('municipal-staff'))).toEqual(['catalogue', 'directory', 'companies', 'referralsSent', 'dashboards', 'meetings']);
  });

  it('lets partner staff see their inbox, own offerings and dashboards but not companies', () => {
    expect(areasFor(user('partner-staff'))).toEqual(['catalogue', 'directory', 'referralsInbox', 'ownOfferings', 'dashboards']);
  });

  it('lets migration officers see candidates and their municipality’s receiving capacity', () => {
    expect(areasFor(user('migration-officer'))).toEqual(['catalogue', 'directory', 'candidates', 'receivingCapacity']);
  });

  it('lets integration see job runs but not the dashboards', () => {
    expect(areasFor(user('integration'))).toEqual(['catalogue', 'directory', 'jobRuns']);
  });

  it('lets admins see everything but what belongs to an organisation or a municipality: own offerings, the meeting planner, receiving capacity', () => {
    expect(areasFor(user('admin'))).toEqual(AREAS.filter((area) => !['ownOfferings', 'meetings', 'receivingCapacity'].includes(area)));
  });

  it('keeps a person’s data export and erasure for admins', () => {
    const others: Role[] = ['public', 'partner-staff', 'municipal-staff', 'migration-officer', 'integration'];
    expect(others.filter((role) => mayUse(user(role), 'privacy'))).toEqual([]);
    expect(mayUse(user('admin'), 'privacy')).toBe(true);
  });

  it('gives a person with several roles the union of them', () => {
    expect(areasFor(user('public', 'integration'))).toEqual(['catalogue', 'directory', 'jobRuns']);
    expect(mayUse(user('partner-staff', 'municipal-staff'), 'companies')).toBe(true);
    expect(mayUse(user('partner-staff', 'municipal-staff'), 'referralsInbox')).toBe(true);
  });
});
