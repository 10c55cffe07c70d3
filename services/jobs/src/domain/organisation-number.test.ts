import { readOrganisationNumber } from './organisation-number';

describe('readOrganisationNumber', () => {
  it.each([
    ['2021002114', '202100-2114'],
    ['202100-2114', '202100-2114'],
    ['165560360793', '556036-0793'],
    [' 212000-0142 ', '212000-0142'],
  ])('reads %s as %s', (input, number) => {
    expect(readOrganisationNumber(input)).toEqual({ kind: 'organisation', number });
  });

  it('tells a personal identity number (third digit below 2) without repeating it', () => {
    expect(readOrganisationNumber('7501011234')).toEqual({ kind: 'personal-identity-number' });
  });

  it.each(['556036-0794', '556036-0703', '55603607', 'SE5560360793'])('refuses %s', (input) => {
    expect(readOrganisationNumber(input)).toEqual({ kind: 'invalid' });
  });
});
