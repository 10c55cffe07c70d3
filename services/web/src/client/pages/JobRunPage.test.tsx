import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, within } from '@testing-library/react';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { JobRunPageDocument } from '../graphql/graphql';
import { en } from '../i18n/en';
import { sv } from '../i18n/sv';
import { JobRunPage } from './JobRunPage';

// as the graph answers it, with the type names the cache keys objects by: the error and each reason in Swedish and English
const RUN = {
  __typename: 'JobRun',
  id: 'run-1',
  job: 'FUNDING_CALLS',
  trigger: 'CLI',
  status: 'FAILED',
  startedAt: '2026-12-07T09:00:00.000Z',
  endedAt: '2026-12-07T09:00:02.000Z',
  errorTexts: { __typename: 'LocalisedText', sv: 'ingen organisation 202100-5216 i hubben', en: 'no organisation 202100-5216 in the hub' },
  counts: { __typename: 'JobRunCounts', fetched: 2, created: 0, updated: 0, unchanged: 0, closed: 0, rejected: 1, exported: 0 },
  rejected: [{ __typename: 'RejectedItem', item: '2026-412', texts: { __typename: 'LocalisedText', sv: 'Diarienummer är inte skrivet NNNN-NNNNN', en: 'Diarienummer is not written NNNN-NNNNN' } }],
  options: [],
};

async function renderIn(language: 'sv' | 'en') {
  const i18n = createInstance();
  await i18n.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: language, fallbackLng: 'sv', interpolation: { escapeValue: false } });
  render(
    <I18nextProvider i18n={i18n}>
      <MockedProvider mocks={[{ request: { query: JobRunPageDocument, variables: { id: 'run-1' } }, result: { data: { jobRun: RUN } } }]}>
        <MemoryRouter initialEntries={['/jobs/run-1']}>
          <Routes>
            <Route path="/jobs/:id" element={<JobRunPage />} />
          </Routes>
        </MemoryRouter>
      </MockedProvider>
    </I18nextProvider>,
  );
}

describe('a job run', () => {
  it('says why it failed and why each item was rejected in Swedish to a Swedish reader, not marked as another language', async () => {
    await renderIn('sv');
    const error = await screen.findByRole('region', { name: sv.jobs.error });
    expect(error.querySelector('p')?.textContent).toBe('ingen organisation 202100-5216 i hubben');
    const rejected = within(screen.getByRole('region', { name: sv.jobs.rejected })).getByRole('row', { name: /2026-412/ });
    expect(rejected.textContent).toContain('Diarienummer är inte skrivet NNNN-NNNNN');
    expect(document.querySelector('[lang]')).toBeNull();
  });

  it('says it in English to an English reader', async () => {
    await renderIn('en');
    const error = await screen.findByRole('region', { name: en.jobs.error });
    expect(error.querySelector('p')?.textContent).toBe('no organisation 202100-5216 in the hub');
    const rejected = within(screen.getByRole('region', { name: en.jobs.rejected })).getByRole('row', { name: /2026-412/ });
    expect(rejected.textContent).toContain('Diarienummer is not written NNNN-NNNNN');
  });
});
