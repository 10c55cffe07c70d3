import { User } from 'oidc-client-ts';
import { describe, expect, it } from 'vitest';
import { signedInUser } from './session';

function oidcUser(claims: Record<string, unknown>): User {
  return new User({
    access_token: 'access-token',
    token_type: 'Bearer',
    profile: { sub: 'subject-1', iss: 'https://id.example', aud: 'web', exp: 2_000_000_000, iat: 1_900_000_000, ...claims },
  });
}

describe('signedInUser', () => {
  it('maps the ID token claims', () => {
    const user = oidcUser({
      preferred_username: 'anna.berg',
      name: 'Anna Berg',
      roles: ['municipal-staff', 'admin'],
      municipality_code: '2482',
      organisation_id: 'org-17',
    });
    expect(signedInUser(user)).toEqual({
      name: 'Anna Berg',
      username: 'anna.berg',
      roles: ['municipal-staff', 'admin'],
      municipalityCode: '2482',
      organisationId: 'org-17',
    });
  });

  it('drops roles the client does not know', () => {
    const user = oidcUser({ preferred_username: 'p', roles: ['superuser', 'partner-staff', 42, null, 'Admin', 'public'] });
    expect(signedInUser(user).roles).toEqual(['partner-staff', 'public']);
  });

  it('gives no roles when the claim is missing or not a list', () => {
    expect(signedInUser(oidcUser({})).roles).toEqual([]);
    expect(signedInUser(oidcUser({ roles: 'admin' })).roles).toEqual([]);
  });

  it('falls back to the subject for the username and to the username for the name', () => {
    expect(signedInUser(oidcUser({}))).toMatchObject({ username: 'subject-1', name: 'subject-1' });
    expect(signedInUser(oidcUser({ preferred_username: 'erik' }))).toMatchObject({ username: 'erik', name: 'erik' });
    expect(signedInUser(oidcUser({ preferred_username: '', name: '' }))).toMatchObject({ username: 'subject-1', name: 'subject-1' });
  });

  it('gives no municipality or organisation when the claims are missing, empty or not text', () => {
    const none = { municipalityCode: null, organisationId: null };
    expect(signedInUser(oidcUser({}))).toMatchObject(none);
    expect(signedInUser(oidcUser({ municipality_code: '', organisation_id: '' }))).toMatchObject(none);
    expect(signedInUser(oidcUser({ municipality_code: 2482, organisation_id: { id: 1 } }))).toMatchObject(none);
  });
});
