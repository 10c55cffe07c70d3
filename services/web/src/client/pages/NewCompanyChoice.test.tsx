import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createInstance } from 'i18next';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { en } from '../i18n/en';
import { sv } from '../i18n/sv';
import { ACTIVE_COMPANY_SEARCH } from './active-companies';
import { NewCompanyChoice, newCompanyChoices } from './NewCompanyChoice';

const company = (id: string, name: string) => ({ __typename: 'Organisation' as const, id, name, municipality: { __typename: 'Municipality' as const, code: '2418', name: 'Malå' } });
const search = (text: string, nodes: ReturnType<typeof company>[]): MockLink.MockedResponse => ({
  request: { query: ACTIVE_COMPANY_SEARCH, variables: { text } },
  result: { data: { organisations: { __typename: 'OrganisationConnection', nodes } } },
});

/** The choice as the outcome form holds it; each id chosen is also told to `chose`. */
function Form({ error, chose }: { error?: string; chose(id: string): void }) {
  const [value, setValue] = useState('');
  const change = (id: string) => {
    chose(id);
    setValue(id);
  };
  return <NewCompanyChoice value={value} onChange={change} error={error} />;
}

async function renderChoice(mocks: MockLink.MockedResponse[], error?: string) {
  const i18n = createInstance();
  await i18n.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: 'sv', interpolation: { escapeValue: false } });
  const chose = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <MockedProvider mocks={mocks}>
        <Form error={error} chose={chose} />
      </MockedProvider>
    </I18nextProvider>,
  );
  return chose;
}

describe('newCompanyChoices', () => {
  it('puts none first, then the chosen company, then the others found in Swedish order', () => {
    const none = { id: '', label: 'Inte registrerat i hubben' };
    const chosen = { id: 'c2', label: 'Öjebyn Snickeri AB (Malå)' };
    const found = [
      { id: 'c3', label: 'Åsele Bygg AB (Åsele)' },
      { id: 'c2', label: 'Öjebyn Snickeri AB (Malå)' },
      { id: 'c1', label: 'Zeta AB (Malå)' },
    ];
    expect(newCompanyChoices(none, chosen, found).map((choice) => choice.id)).toEqual(['', 'c2', 'c1', 'c3']);
    expect(newCompanyChoices(none, null, []).map((choice) => choice.id)).toEqual(['']);
  });
});

describe('NewCompanyChoice', () => {
  it('offers the companies a search finds and keeps the one chosen when the search changes', async () => {
    const chose = await renderChoice([search('Skog', [company('c1', 'Skogsdata IT AB'), company('c2', 'Malå Skogsvård AB')]), search('Fjäll', [company('c3', 'Fjällglimt Turism AB')])]);
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: 'Sök det nya företaget' }), 'Skog');
    await user.click(screen.getByRole('button', { name: /Det nya företaget/ }));
    await user.click(await screen.findByRole('option', { name: 'Skogsdata IT AB (Malå)' }));
    expect(chose.mock.calls).toEqual([['c1']]);

    await user.clear(screen.getByRole('searchbox', { name: 'Sök det nya företaget' }));
    await user.type(screen.getByRole('searchbox', { name: 'Sök det nya företaget' }), 'Fjäll');
    await user.click(screen.getByRole('button', { name: /Det nya företaget/ }));
    await screen.findByRole('option', { name: 'Fjällglimt Turism AB (Malå)' });
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Inte registrerat i hubben', 'Skogsdata IT AB (Malå)', 'Fjällglimt Turism AB (Malå)']);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('option')).toBeNull());
    expect(screen.getByRole('button', { name: /Det nya företaget/ }).textContent).toContain('Skogsdata IT AB (Malå)');
    expect(chose.mock.calls).toEqual([['c1']]);
  });

  it("shows the graph's error beside the choice", async () => {
    await renderChoice([], 'Organisationen finns inte i hubben.');
    expect(screen.getByRole('button', { name: /Det nya företaget/ }).closest('.field')?.textContent).toContain('Organisationen finns inte i hubben.');
  });
});
