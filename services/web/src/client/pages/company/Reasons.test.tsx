import { render, screen } from '@testing-library/react';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { sv } from '../../i18n/sv';
import { Reasons } from './Reasons';

const REASONS = [
  { code: 'SERVES_MUNICIPALITY', texts: { sv: 'erbjuds i Malå', en: 'serves Malå' } },
  { code: 'DEADLINE_SOON', texts: { sv: 'sista ansökningsdag om 5 dagar', en: 'deadline in 5 days' } },
];

async function renderIn(language: 'sv' | 'en') {
  const i18n = createInstance();
  await i18n.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: language, fallbackLng: 'sv', interpolation: { escapeValue: false } });
  render(
    <I18nextProvider i18n={i18n}>
      <Reasons reasons={REASONS} />
    </I18nextProvider>,
  );
}

describe('a match’s reasons', () => {
  it('are listed in Swedish for a Swedish reader', async () => {
    await renderIn('sv');
    const items = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toEqual(['erbjuds i Malå', 'sista ansökningsdag om 5 dagar']);
    expect(screen.getByRole('list', { name: sv.company.matches.reasons })).toBeTruthy();
  });

  it('are listed in English for an English reader', async () => {
    await renderIn('en');
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['serves Malå', 'deadline in 5 days']);
  });
});
