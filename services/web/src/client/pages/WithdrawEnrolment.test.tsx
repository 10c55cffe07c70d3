import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { GraphQLError } from 'graphql';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { EnrolmentStatus } from '../graphql/graphql';
import { en } from '../i18n/en';
import { sv } from '../i18n/sv';
import { promotedFromWaitlist, WITHDRAW_ENROLMENT, WithdrawEnrolment } from './WithdrawEnrolment';

const entry = (id: string, status: EnrolmentStatus, name: string) => ({ id, status, company: { name } });
const ROSTER = [entry('e1', 'ENROLLED', 'Fjällglimt Turism AB'), entry('e2', 'WAITLISTED', 'Malå Lanthandel AB'), entry('e3', 'WAITLISTED', 'Skogsdata IT AB')];

const answered = (enrolments: Array<{ id: string; status: EnrolmentStatus; waitlistPosition: number | null }>) => ({
  data: {
    withdrawEnrolment: {
      __typename: 'Enrolment',
      id: 'e1',
      status: 'WITHDRAWN',
      offering: {
        __typename: 'Offering',
        id: 'o1',
        seats: { __typename: 'SeatSummary', capacity: 1, enrolled: 1, waitlisted: 1 },
        enrolments: enrolments.map((enrolment) => ({ __typename: 'Enrolment', ...enrolment })),
      },
    },
  },
});
const PROMOTED = answered([
  { id: 'e1', status: 'WITHDRAWN', waitlistPosition: null },
  { id: 'e2', status: 'ENROLLED', waitlistPosition: null },
  { id: 'e3', status: 'WAITLISTED', waitlistPosition: 1 },
]);
const withdrawal = (result: MockLink.MockedResponse['result']): MockLink.MockedResponse => ({ request: { query: WITHDRAW_ENROLMENT, variables: { enrolmentId: 'e1' } }, result });

async function renderButton(mocks: MockLink.MockedResponse[], language: 'sv' | 'en' = 'sv') {
  const i18n = createInstance();
  await i18n.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: language, interpolation: { escapeValue: false } });
  const onWithdrawn = vi.fn();
  render(
    <I18nextProvider i18n={i18n}>
      <MockedProvider mocks={mocks}>
        <WithdrawEnrolment enrolment={ROSTER[0]!} roster={ROSTER} onWithdrawn={onWithdrawn} />
      </MockedProvider>
    </I18nextProvider>,
  );
  return onWithdrawn;
}

describe('promotedFromWaitlist', () => {
  it('names the companies that waited and now have a seat', () => {
    expect(promotedFromWaitlist(ROSTER, PROMOTED.data.withdrawEnrolment.offering.enrolments)).toEqual(['Malå Lanthandel AB']);
  });

  it('names nobody when the seat stays free or the withdrawn company only waited', () => {
    const after = [
      { id: 'e1', status: 'ENROLLED' as const },
      { id: 'e2', status: 'WITHDRAWN' as const },
      { id: 'e3', status: 'WAITLISTED' as const },
    ];
    expect(promotedFromWaitlist(ROSTER, after)).toEqual([]);
  });
});

describe('WithdrawEnrolment', () => {
  it('asks first in a dialog named by its heading; cancelling withdraws nothing', async () => {
    const onWithdrawn = await renderButton([withdrawal(PROMOTED)]);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Avanmäl Fjällglimt Turism AB' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Avanmäla Fjällglimt Turism AB?' });
    expect(dialog.textContent).toContain(sv.ownOfferings.roster.withdrawSeated);
    await user.click(screen.getByRole('button', { name: 'Avbryt' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(onWithdrawn).not.toHaveBeenCalled();
  });

  it('withdraws once confirmed and reports who moved up from the waitlist', async () => {
    const onWithdrawn = await renderButton([withdrawal(PROMOTED)], 'en');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Withdraw Fjällglimt Turism AB' }));
    await user.click(screen.getByRole('alertdialog', { name: 'Withdraw Fjällglimt Turism AB?' }).querySelector('button.primary')!);
    await waitFor(() => expect(onWithdrawn).toHaveBeenCalledWith('Fjällglimt Turism AB', ['Malå Lanthandel AB']));
  });

  it("shows the graph's refusal in the user's language with a retry that withdraws", async () => {
    const refused = withdrawal({ errors: [new GraphQLError('The enrolment is withdrawn already', { extensions: { code: 'BAD_USER_INPUT', field: 'enrolmentId' } })] });
    const onWithdrawn = await renderButton([refused, withdrawal(PROMOTED)]);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Avanmäl Fjällglimt Turism AB' }));
    await user.click(screen.getByRole('alertdialog').querySelector('button.primary')!);
    expect((await screen.findByRole('alert')).textContent).toContain(sv.errors.BAD_USER_INPUT);
    await user.click(screen.getByRole('button', { name: 'Försök igen' }));
    await waitFor(() => expect(onWithdrawn).toHaveBeenCalledWith('Fjällglimt Turism AB', ['Malå Lanthandel AB']));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
