import { render, screen, within } from '@testing-library/react';
import { createInstance, type i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import type { Language } from '../i18n';
import { sv } from '../i18n/sv';
import type { Figures } from '../pages/dashboard-data';
import { ChartWithTable } from './ChartWithTable';

async function i18nFor(language: Language): Promise<I18n> {
  const instance = createInstance();
  await instance.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: language, fallbackLng: 'sv', interpolation: { escapeValue: false } });
  return instance;
}

const FIGURES: Figures = {
  series: ['Har nått steget', 'Står i steget nu'],
  rows: [
    { key: 'CONTACT', label: 'Kontakt', values: [1234, 7] },
    { key: 'ENGAGED', label: 'Bearbetas', values: [4.5, null] },
  ],
};

async function renderChart(language: Language) {
  const i18n = await i18nFor(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <ChartWithTable id="funnel" title="Företag per steg" rowTitle="Steg" figures={FIGURES} />
    </I18nextProvider>,
  );
}

function rows(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .map((row) => Array.from(row.children, (cell) => cell.textContent ?? ''));
}

describe('ChartWithTable', () => {
  it('gives the figures a table with a caption, column and row headers, in Swedish number format', async () => {
    await renderChart('sv');
    const table = screen.getByRole('table', { name: 'Företag per steg (tabell)' });
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Steg', 'Har nått steget', 'Står i steget nu']);
    expect(within(table).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Kontakt', 'Bearbetas']);
    expect(rows(table).slice(1)).toEqual([
      ['Kontakt', '1\u00a0234', '7'],
      ['Bearbetas', '4,5', 'Redovisas ej (1–4)'],
    ]);
  });

  it('formats the figures by English rules in English', async () => {
    await renderChart('en');
    expect(rows(screen.getByRole('table')).slice(1)).toEqual([
      ['Kontakt', '1,234', '7'],
      ['Bearbetas', '4.5', 'Withheld (1–4)'],
    ]);
  });

  it('hides the chart from assistive technology, which reads the table instead', async () => {
    const { container } = await renderChart('sv');
    expect(container.querySelector('[data-chart="funnel"]')?.getAttribute('aria-hidden')).toBe('true');
    expect(screen.getByRole('heading', { level: 3, name: 'Företag per steg' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Företag per steg' })).toBeTruthy();
  });
});
