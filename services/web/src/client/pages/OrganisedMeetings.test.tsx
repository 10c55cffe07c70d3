import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { GraphQLError } from 'graphql';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Language } from '../i18n';
import { en } from '../i18n/en';
import { sv } from '../i18n/sv';
import { ORGANISED_MEETINGS, OrganisedMeetings } from './OrganisedMeetings';

const participant = (id: string) => ({ __typename: 'Organisation' as const, id });
const meeting = (id: string, name: string, createdAt: string, scheduledAt: string | null, participants: number) => ({
  __typename: 'PartnerMeeting' as const,
  id,
  name,
  createdAt,
  scheduledAt,
  participants: Array.from({ length: participants }, (_, i) => participant(`${id}-c${i}`)),
});
const page = (nodes: ReturnType<typeof meeting>[], endCursor: string | null, hasNextPage: boolean) => ({
  data: { partnerMeetings: { __typename: 'PartnerMeetingConnection' as const, nodes, pageInfo: { __typename: 'PageInfo' as const, endCursor, hasNextPage } } },
});

const FIRST_PAGE = page(
  [meeting('m2', 'Höstens matchmaking', '2026-10-01T08:00:00Z', '2026-10-05T12:30:00Z', 12), meeting('m1', 'Sommarens matchmaking', '2026-06-01T08:00:00Z', null, 0)],
  'cursor-1',
  true,
);
const NEXT_PAGE = page([meeting('m0', 'Vårens matchmaking', '2026-03-01T08:00:00Z', null, 3)], 'cursor-2', false);

async function renderList(language: Language, mocks: MockLink.MockedResponse[]) {
  const i18n = createInstance();
  await i18n.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: language, interpolation: { escapeValue: false } });
  render(
    <I18nextProvider i18n={i18n}>
      <MockedProvider mocks={mocks}>
        <MemoryRouter>
          <OrganisedMeetings />
        </MemoryRouter>
      </MockedProvider>
    </I18nextProvider>,
  );
}

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent));

describe('OrganisedMeetings', () => {
  it('lists each meeting with a link, its creation date, participants and whether it is scheduled, in Swedish', async () => {
    await renderList('sv', [{ request: { query: ORGANISED_MEETINGS, variables: { first: 20 } }, result: FIRST_PAGE }]);
    const table = await screen.findByRole('table', { name: 'Organisationens partnermöten' });
    expect(rowsOf(table)).toEqual([
      ['Höstens matchmaking', '1 okt. 2026 10:00', '12', 'Schema lagt 5 okt. 2026 14:30'],
      ['Sommarens matchmaking', '1 juni 2026 10:00', '0', 'Inget schema än'],
    ]);
    expect(screen.getByRole('link', { name: 'Höstens matchmaking' }).getAttribute('href')).toBe('/meetings/m2');
  });

  it('shows the next page below the first when asked, and no more button after the last', async () => {
    await renderList('en', [
      { request: { query: ORGANISED_MEETINGS, variables: { first: 20 } }, result: FIRST_PAGE },
      { request: { query: ORGANISED_MEETINGS, variables: { first: 20, after: 'cursor-1' } }, result: NEXT_PAGE },
    ]);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Show more' }));
    await screen.findByRole('link', { name: 'Vårens matchmaking' });
    const table = screen.getByRole('table', { name: "The organisation's partner meetings" });
    expect(rowsOf(table).map(([name, , participants, status]) => [name, participants, status])).toEqual([
      ['Höstens matchmaking', '12', 'Scheduled 5 Oct 2026, 14:30'],
      ['Sommarens matchmaking', '0', 'Not scheduled yet'],
      ['Vårens matchmaking', '3', 'Not scheduled yet'],
    ]);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('says so when the organisation has no meetings', async () => {
    await renderList('sv', [{ request: { query: ORGANISED_MEETINGS, variables: { first: 20 } }, result: page([], null, false) }]);
    await screen.findByText('Organisationen har inga partnermöten än.');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it("shows the graph's refusal in the user's language with a retry", async () => {
    const refused = { errors: [new GraphQLError('Partner meetings are for the staff of their organisers', { extensions: { code: 'FORBIDDEN' } })] };
    await renderList('sv', [{ request: { query: ORGANISED_MEETINGS, variables: { first: 20 } }, result: refused }]);
    expect((await screen.findByRole('alert')).textContent).toContain(sv.errors.FORBIDDEN);
    expect(screen.getByRole('button', { name: 'Försök igen' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
