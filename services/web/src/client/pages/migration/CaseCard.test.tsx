import { InMemoryCache } from '@apollo/client';
import { useFragment } from '@apollo/client/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { AddCaseNoteDocument, CaseFieldsFragmentDoc, RecordMoveInDocument, type CaseFieldsFragment } from '../../graphql/graphql';
import { en } from '../../i18n/en';
import { sv } from '../../i18n/sv';
import { CaseCard } from './CaseCard';

// as the graph answers it, with the type names the cache keys objects by
const CASE = {
  __typename: 'InMigrationCase',
  id: 'case-1',
  municipality: { __typename: 'Municipality', code: '2422', name: 'Sorsele' },
  householdSize: 4,
  status: 'OPEN',
  steps: (['HOUSING', 'PARTNER_JOB', 'SCHOOL_AND_PRESCHOOL', 'POPULATION_REGISTRATION', 'WELCOME_AND_INTRODUCTION'] as const).map((step) => ({
    __typename: 'CaseStepState',
    step,
    completedAt: step === 'HOUSING' ? '2026-11-02T09:00:00.000Z' : null,
  })),
  notes: [],
  movedInOn: null,
  followUps: [],
  outcome: null,
  openedAt: '2026-11-01T09:00:00.000Z',
  closedAt: null,
  anonymised: false,
} as CaseFieldsFragment;

/** The case as the cache holds it, as the candidate page's query would show it after each answer. */
function CachedCase() {
  const { data, complete } = useFragment({ fragment: CaseFieldsFragmentDoc, fragmentName: 'CaseFields', from: { __typename: 'InMigrationCase', id: CASE.id } });
  return complete ? <CaseCard inMigrationCase={data} /> : null;
}

async function renderCase(mocks: MockLink.MockedResponse[]) {
  const i18n = createInstance();
  await i18n.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: 'sv', interpolation: { escapeValue: false } });
  const cache = new InMemoryCache({ typePolicies: { Municipality: { keyFields: ['code'] } } });
  cache.writeFragment({ fragment: CaseFieldsFragmentDoc, fragmentName: 'CaseFields', data: CASE });
  return render(
    <I18nextProvider i18n={i18n}>
      <MockedProvider mocks={mocks} cache={cache}>
        <CachedCase />
      </MockedProvider>
    </I18nextProvider>,
  );
}

describe('CaseCard', () => {
  it('offers the steps not done yet, the move-in and closing as not moved, and no follow-up before a move-in', async () => {
    await renderCase([]);
    expect(screen.getByRole('heading', { level: 3, name: 'Ärende i Sorsele' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Markera som klart: Bostad' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Markera som klart: Partnerns arbete' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Spara inflyttningen' })).toBeTruthy();
    expect(screen.getByText('Flyttade inte')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Spara uppföljningen' })).toBeNull();
  });

  it('shows the graph’s refusal of a note beside the field in Swedish and keeps what was typed', async () => {
    const user = userEvent.setup();
    await renderCase([
      {
        request: { query: AddCaseNoteDocument, variables: { caseId: 'case-1', text: '   ' } },
        result: { errors: [new GraphQLError('must not be empty', { extensions: { code: 'BAD_USER_INPUT', field: 'text', texts: { sv: 'Får inte vara tom', en: 'must not be empty' } } })] },
      },
    ]);
    const note = screen.getByRole('textbox', { name: 'Anteckningens text' });
    await user.type(note, '   ');
    await user.click(screen.getByRole('button', { name: 'Spara anteckningen' }));
    await screen.findByText('Får inte vara tom');
    expect(note.getAttribute('aria-invalid')).toBe('true');
    expect((note as HTMLTextAreaElement).value).toBe('   ');
    expect(screen.queryByText('must not be empty')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Försök igen' })).toBeNull();
  });

  it('asks for a move-in date before sending anything', async () => {
    const user = userEvent.setup();
    await renderCase([]);
    await user.click(screen.getByRole('button', { name: 'Spara inflyttningen' }));
    expect(screen.getByText('Ange ett datum som inte ligger i framtiden.')).toBeTruthy();
    expect(screen.getByLabelText('Inflyttningsdatum').getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps the move-in date when the hub does not answer, and sends it again on retry', async () => {
    const user = userEvent.setup();
    const variables = { caseId: 'case-1', movedInOn: '2026-11-30' };
    await renderCase([
      { request: { query: RecordMoveInDocument, variables }, error: new TypeError('Failed to fetch') },
      { request: { query: RecordMoveInDocument, variables }, result: { data: { recordMoveIn: { ...CASE, status: 'MOVED_IN', movedInOn: '2026-11-30' } } } },
    ]);
    const date = screen.getByLabelText('Inflyttningsdatum');
    await user.type(date, '2026-11-30');
    await user.click(screen.getByRole('button', { name: 'Spara inflyttningen' }));
    const problem = await screen.findByRole('alert');
    expect(problem.textContent).toContain('Hubben svarar inte just nu.');
    expect((date as HTMLInputElement).value).toBe('2026-11-30');
    await user.click(screen.getByRole('button', { name: 'Försök igen' }));
    await screen.findByText('30 november 2026');
    expect(screen.getByText('Inflyttad')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    // moved in: no second move-in, and the case now closes as moved in
    expect(screen.queryByRole('button', { name: 'Spara inflyttningen' })).toBeNull();
    expect(screen.getByText('Flyttade in')).toBeTruthy();
  });
});
