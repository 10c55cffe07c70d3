import { vacancyFromAd, type JobAd } from './jobtech';

function ad(overrides: Partial<JobAd> = {}): JobAd {
  return {
    id: '29710001',
    headline: '  Sjuksköterska till medicinavdelningen, Lycksele lasarett ',
    application_deadline: '2026-03-22T23:59:59',
    number_of_vacancies: 3,
    description: { text: 'Vi söker sjuksköterskor.' },
    employer: { name: 'Region Västerbotten', organization_number: '2321000222' },
    occupation_group: { concept_id: 'Z8ci_bBE_tmx', label: 'Grundutbildade sjuksköterskor', legacy_ams_taxonomy_id: '2221' },
    workplace_address: { municipality: 'Lycksele', municipality_code: '2481', municipality_concept_id: '7rpN_naz_3Uz' },
    removed: false,
    timestamp: 1771745040000,
    ...overrides,
  };
}

describe('vacancyFromAd', () => {
  it('maps an ad to a vacancy of its employer, joined on the organisation number', () => {
    expect(vacancyFromAd(ad())).toEqual({
      organisationNumber: '232100-0222',
      employerName: 'Region Västerbotten',
      vacancy: {
        title: 'Sjuksköterska till medicinavdelningen, Lycksele lasarett',
        occupationCode: '2221',
        municipalityCode: '2481',
        workMode: 'ON_SITE',
        housingHelp: false,
        positions: 3,
        applicationDeadline: '2026-03-22',
        description: 'Vi söker sjuksköterskor.',
        externalId: 'jobtech:29710001',
      },
    });
  });

  it('takes remote work when the ad says so, and keeps within the hub’s limits', () => {
    const mapped = vacancyFromAd(ad({ remote_work: true, headline: 'x'.repeat(300), number_of_vacancies: 900, description: { text: 'y'.repeat(30_000) } }));
    if ('rejected' in mapped) throw new Error(mapped.rejected);
    expect(mapped.vacancy).toMatchObject({ workMode: 'REMOTE', positions: 500 });
    expect(mapped.vacancy.title).toHaveLength(200);
    expect(mapped.vacancy.description).toHaveLength(20_000);
  });

  it('defaults what the ad leaves out', () => {
    const mapped = vacancyFromAd(ad({ number_of_vacancies: null, application_deadline: null, description: null, remote_work: null }));
    if ('rejected' in mapped) throw new Error(mapped.rejected);
    expect(mapped.vacancy).toMatchObject({ positions: 1, applicationDeadline: null, description: null, workMode: 'ON_SITE' });
  });

  it.each([
    ['outside Region 10', { workplace_address: { municipality: 'Umeå', municipality_code: '2480' } }, 'outside Region 10: Umeå 2480'],
    ['without organisation number', { employer: { name: 'Enskild firma', organization_number: null } }, 'no organisation number (a sole trader?): employers are joined on it'],
    ['with a personal identity number', { employer: { name: 'Enskild firma', organization_number: '7501011234' } }, 'the employer is identified by a personal identity number (a sole trader)'],
    ['with a wrong check digit', { employer: { name: 'AB', organization_number: '5560360794' } }, 'not a valid organisation number'],
    ['without occupation group', { occupation_group: null }, 'no occupation group (SSYK 2012)'],
    ['without headline', { headline: ' ' }, 'no headline'],
  ])('rejects an ad %s', (_case, overrides, reason) => {
    expect(vacancyFromAd(ad(overrides as Partial<JobAd>))).toEqual({ rejected: reason });
  });
});
