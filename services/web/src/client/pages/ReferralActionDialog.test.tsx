import { MockedProvider } from '@apollo/client/testing/react';
import { GraphQLError } from 'graphql';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { Language } from '../i18n';
import { en } from '../i18n/en';
import { sv } from '../i18n/sv';
import { REFERRAL_MUTATIONS, ReferralActionDialog } from './ReferralActionDialog';


const referral = { id: 'r1', company: { name: 'Myrstack Hälsa & Skönhet AB (demo)' } };
const organisation = (id: string, name: string) => ({ __typename: 'Organisation' as const, id, name });
const accepted = {
  __typename: 'Referral' as const,
  id: 'r1',
  status: 'ACCEPTED' as const,
  note: 'Nystartat företag',
  createdAt: '2026-03-02T08:00:00Z',
  firstResponseAt: '2026-03-02T10:00:00Z',
  company: organisation('c1', referral.company.name),
  from: organisation('o1', 'Malå kommun – Utvecklingsavdelningen'),
  to: organisation('o2', 'Almi Företagspartner Nord'),
  history: [],
};

async function renderDialog(language: Language, result: { data?: unknown; errors?: GraphQLError[] }, onStale = vi.fn()) {
  const i18n = createInstance();
  await i18n.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: language, interpolation: { escapeValue: false } });
  const mocks = [{ request: { query: REFERRAL_MUTATIONS.accept, variables: { id: 'r1', note: 'Vi ringer i morgon.' } }, result }];
  render(
    <I18nextProvider i18n={i18n}>
      <MockedProvider mocks={mocks}>
        <ReferralActionDialog action="accept" referral={referral} onStale={onStale} />
      </MockedProvider>
    </I18nextProvider>,
  );
  return onStale;
}

async function acceptWithNote() {
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Acceptera: Myrstack Hälsa & Skönhet AB (demo)' }));
  const dialog = screen.getByRole('dialog', { name: 'Acceptera remissen' });
  await user.type(screen.getByRole('textbox', { name: 'Anteckning (frivillig)' }), 'Vi ringer i morgon.');
  await user.click(screen.getByRole('button', { name: 'Acceptera remissen' }));
  return { user, dialog };
}

describe('ReferralActionDialog', () => {
  it('opens a dialog named by its heading that says which company the change concerns', async () => {
    await renderDialog('sv', { data: { acceptReferral: accepted } });
    await userEvent.setup().click(screen.getByRole('button', { name: /^Acceptera: / }));
    expect(screen.getByRole('dialog', { name: 'Acceptera remissen' }).textContent).toContain('Ni tar emot Myrstack Hälsa & Skönhet AB (demo)');
  });

  it('closes once the graph has made the change, with the note sent', async () => {
    await renderDialog('sv', { data: { acceptReferral: accepted } });
    await acceptWithNote();
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('says in Swedish that someone else changed the referral, keeps the note, and has the list asked again on closing', async () => {
    const onStale = await renderDialog('sv', { errors: [new GraphQLError('A withdrawn referral cannot be accepted', { extensions: { code: 'BAD_USER_INPUT', field: 'status' } })] });
    const { user } = await acceptWithNote();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Remissen har redan ändrats av någon annan');
    expect(alert.textContent).not.toContain('withdrawn');
    expect((screen.getByRole('textbox', { name: 'Anteckning (frivillig)' }) as HTMLTextAreaElement).value).toBe('Vi ringer i morgon.');
    // nothing more to try: only a way out
    expect(screen.queryByRole('button', { name: 'Acceptera remissen' })).toBeNull();
    expect(onStale).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Stäng' }));
    expect(onStale).toHaveBeenCalledTimes(1);
  });

  it('shows a too long note beside the note field, in English for an English reader', async () => {
    await renderDialog('en', { errors: [new GraphQLError('At most 2000 characters', { extensions: { code: 'BAD_USER_INPUT', field: 'note', texts: { sv: 'Högst 2000 tecken', en: 'At most 2000 characters' } } })] });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Accept: Myrstack Hälsa & Skönhet AB (demo)' }));
    await user.type(screen.getByRole('textbox', { name: 'Note (optional)' }), 'Vi ringer i morgon.');
    await user.click(screen.getByRole('button', { name: 'Accept the referral' }));
    const note = screen.getByRole('textbox', { name: 'Note (optional)' });
    await vi.waitFor(() => expect(note.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('At most 2000 characters')).toBeTruthy();
    // the same change can be tried again
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('offers a retry when the hub does not answer, leaving the dialog open', async () => {
    await renderDialog('sv', { errors: [new GraphQLError('boom', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] });
    await acceptWithNote();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Hubben kunde inte svara (INTERNAL_SERVER_ERROR)');
    expect(screen.getByRole('dialog', { name: 'Acceptera remissen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Försök igen' })).toBeTruthy();
  });
});
