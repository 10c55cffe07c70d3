import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, within } from '@testing-library/react';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CandidateMatchesDocument } from '../../graphql/graphql';
import { en } from '../../i18n/en';
import { sv } from '../../i18n/sv';
import { Matches } from './Matches';

const SORSELE = { __typename: 'Municipality', code: '2422', name: 'Sorsele' } as const;

// as the graph answers it, with the type names the cache keys objects by: each reason in Swedish and English
const MATCHES = {
  candidateMatches: {
    __typename: 'CandidateMatches',
    vacancies: [
      {
        __typename: 'VacancyMatch',
        vacancyId: 'v1',
        forPartner: false,
        score: 1,
        reasonTexts: [
          { __typename: 'LocalisedText', sv: 'ditt yrke: Grundutbildade sjuksköterskor', en: 'your occupation: Grundutbildade sjuksköterskor' },
          { __typename: 'LocalisedText', sv: 'börjar 1 december 2026, innan du kan flytta (januari 2027)', en: 'starts 2026-12-01, before you can move (2027-01)' },
        ],
        vacancy: { __typename: 'Vacancy', id: 'v1', title: 'Sjuksköterska, äldreboende', employer: null, municipality: SORSELE },
      },
    ],
    places: [
      {
        __typename: 'PlaceMatch',
        municipality: SORSELE,
        score: 0.8,
        reasonTexts: [{ __typename: 'LocalisedText', sv: 'Sorsele är en av orterna du vill flytta till', en: 'Sorsele is one of the places you wish to move to' }],
        vacancies: 1,
        partnerVacancies: 0,
      },
    ],
  },
};

async function renderIn(language: 'sv' | 'en') {
  const i18n = createInstance();
  await i18n.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: language, fallbackLng: 'sv', interpolation: { escapeValue: false } });
  render(
    <I18nextProvider i18n={i18n}>
      <MockedProvider mocks={[{ request: { query: CandidateMatchesDocument, variables: { candidateId: 'c1' } }, result: { data: MATCHES } }]}>
        <MemoryRouter>
          <Matches candidateId="c1" />
        </MemoryRouter>
      </MockedProvider>
    </I18nextProvider>,
  );
}

function reasonsIn(tableName: string): Array<string | null> {
  return within(screen.getByRole('table', { name: tableName }))
    .getAllByRole('listitem')
    .map((item) => item.textContent);
}

describe('dual-career matches', () => {
  it('give the graph’s reasons in Swedish to a Swedish reader, not marked as another language', async () => {
    await renderIn('sv');
    await screen.findByRole('table', { name: sv.migration.matches.vacanciesCaption });
    expect(reasonsIn(sv.migration.matches.vacanciesCaption)).toEqual(['ditt yrke: Grundutbildade sjuksköterskor', 'börjar 1 december 2026, innan du kan flytta (januari 2027)']);
    expect(reasonsIn(sv.migration.matches.placesCaption)).toEqual(['Sorsele är en av orterna du vill flytta till']);
    expect(document.querySelector('[lang]')).toBeNull();
  });

  it('give them in English to an English reader', async () => {
    await renderIn('en');
    await screen.findByRole('table', { name: en.migration.matches.vacanciesCaption });
    expect(reasonsIn(en.migration.matches.vacanciesCaption)).toEqual(['your occupation: Grundutbildade sjuksköterskor', 'starts 2026-12-01, before you can move (2027-01)']);
    expect(reasonsIn(en.migration.matches.placesCaption)).toEqual(['Sorsele is one of the places you wish to move to']);
    expect(document.querySelector('[lang]')).toBeNull();
  });
});
