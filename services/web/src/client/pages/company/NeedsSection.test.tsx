import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { sv } from '../../i18n/sv';
import { NeedsSection, RECORD_NEEDS } from './NeedsSection';

const ANALYSIS = { needs: [{ need: 'FINANCING' as const, priority: 1, note: null }], ownerGroups: [], offers: ['hudvård'], seeks: [], updatedAt: null };
const SENT = { companyId: 'company-1', input: { needs: [{ need: 'FINANCING', priority: 1 }], ownerGroups: [], offers: ['hudvård', 'naturkosmetik'], seeks: [] } };
const SAVED: MockLink.MockedResponse = { request: { query: RECORD_NEEDS, variables: SENT }, result: { data: { recordNeeds: { __typename: 'NeedsAnalysis', updatedAt: '2026-12-07T10:00:00Z' } } } };

async function renderSection(mocks: MockLink.MockedResponse[]) {
  const i18n = createInstance();
  await i18n.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: 'sv', fallbackLng: 'sv', interpolation: { escapeValue: false } });
  render(
    <I18nextProvider i18n={i18n}>
      <MockedProvider mocks={mocks}>
        <NeedsSection companyId="company-1" analysis={ANALYSIS} />
      </MockedProvider>
    </I18nextProvider>,
  );
}

async function addKeywordAndSave() {
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Ändra behovsanalysen' }));
  const offers = screen.getByRole('textbox', { name: 'Erbjuder' });
  await user.type(offers, ', naturkosmetik');
  await user.click(screen.getByRole('button', { name: 'Spara behovsanalysen' }));
  return { user, offers };
}

describe('the needs form', () => {
  it("shows the graph's refusal of a keyword beside its field, in Swedish, and keeps what was typed", async () => {
    const refused = new CombinedGraphQLErrors({ errors: [{ message: 'A tag has 1 to 60 characters', extensions: { code: 'BAD_USER_INPUT', field: 'input.offers.1', texts: { sv: 'Ett nyckelord har 1 till 60 tecken', en: 'A tag has 1 to 60 characters' } } }] });
    await renderSection([{ request: { query: RECORD_NEEDS, variables: SENT }, error: refused }]);
    const { offers } = await addKeywordAndSave();
    const message = await screen.findByText('Ett nyckelord har 1 till 60 tecken');
    expect(offers.getAttribute('aria-invalid')).toBe('true');
    expect(offers.getAttribute('aria-describedby')?.split(' ')).toContain(message.id);
    expect((offers as HTMLInputElement).value).toBe('hudvård, naturkosmetik');
    expect(screen.getByRole('alert').textContent).toBe('Rätta de markerade fälten och spara igen.');
  });

  it('offers a retry when the hub does not answer, which sends the same analysis again', async () => {
    await renderSection([{ request: { query: RECORD_NEEDS, variables: SENT }, error: new Error('offline') }, SAVED]);
    const { user, offers } = await addKeywordAndSave();
    expect((await screen.findByRole('alert')).textContent).toContain('Hubben svarar inte just nu.');
    expect((offers as HTMLInputElement).value).toBe('hudvård, naturkosmetik');
    await user.click(screen.getByRole('button', { name: 'Försök igen' }));
    // saved: the form closes
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    expect(screen.getByRole('button', { name: 'Ändra behovsanalysen' })).toBeTruthy();
  });
});
