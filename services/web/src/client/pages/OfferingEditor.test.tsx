import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { GraphQLError } from 'graphql';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { EditedOfferingFragment } from '../graphql/graphql';
import { en } from '../i18n/en';
import { sv } from '../i18n/sv';
import { FORM_CHOICES, OfferingFormSection, UPDATE } from './OfferingEditor';
import { MUNICIPALITIES } from './useMunicipalityChoices';

const PROVIDER = 'a1a1a1a1a1a1a1a1a1a1a1a1';
// as the graph answers it, with the type names the fragment's own type leaves out
const OFFERING = {
  __typename: 'Offering',
  id: 'b2b2b2b2b2b2b2b2b2b2b2b2',
  status: 'DRAFT',
  provider: { __typename: 'Organisation', id: PROVIDER },
  title: { __typename: 'LocalisedText', sv: 'Exportlyftet', en: null },
  description: null,
  kind: 'COACHING',
  format: null,
  needs: [],
  targetGroups: [],
  municipalitiesServed: [],
  startDate: null,
  endDate: null,
  applicationDeadline: null,
  capacity: null,
  priceSek: 0,
  link: null,
  project: null,
  industries: [],
  funding: null,
  eligibility: { __typename: 'Eligibility', maxEmployees: null, maxCompanyAgeYears: null, sniPrefixes: [], municipalityCodes: [] },
  sessions: [],
} as EditedOfferingFragment;

const CHOICES: MockLink.MockedResponse = {
  request: { query: FORM_CHOICES, variables: { providerId: PROVIDER } },
  result: {
    data: {
      projects: { __typename: 'ProjectConnection', nodes: [{ __typename: 'Project', id: 'c3c3c3c3c3c3c3c3c3c3c3c3', name: 'North Business Arena' }] },
      funders: {
        __typename: 'OrganisationConnection',
        nodes: [
          { __typename: 'Organisation', id: 'd4d4d4d4d4d4d4d4d4d4d4d4', name: 'Vinnova' },
          { __typename: 'Organisation', id: 'e5e5e5e5e5e5e5e5e5e5e5e5', name: 'Tillväxtverket' },
        ],
      },
    },
  },
};
const REGION: MockLink.MockedResponse = {
  request: { query: MUNICIPALITIES },
  result: {
    data: {
      municipalities: [
        { __typename: 'Municipality', code: '2418', name: 'Malå' },
        { __typename: 'Municipality', code: '2422', name: 'Sorsele' },
      ],
    },
  },
};

/** What the form sends once the person has chosen a project, a funder, industries and eligibility. */
const SENT = {
  kind: 'COACHING',
  title: { sv: 'Exportlyftet', en: null },
  description: null,
  format: null,
  needs: [],
  targetGroups: [],
  municipalityCodes: [],
  startDate: null,
  endDate: null,
  applicationDeadline: null,
  capacity: null,
  priceSek: 0,
  link: null,
  projectId: 'c3c3c3c3c3c3c3c3c3c3c3c3',
  industries: ['62', '47111'],
  funding: { funderId: 'e5e5e5e5e5e5e5e5e5e5e5e5' },
  eligibility: { maxEmployees: null, maxCompanyAgeYears: null, sniPrefixes: ['10'], municipalityCodes: ['2422'] },
};
const update = (result: MockLink.MockedResponse['result']): MockLink.MockedResponse => ({ request: { query: UPDATE, variables: { id: OFFERING.id, input: SENT } }, result });
const SAVED = update({
  data: {
    updateOffering: {
      ...OFFERING,
      project: { __typename: 'Project', id: 'c3c3c3c3c3c3c3c3c3c3c3c3' },
      industries: ['62', '47111'],
      funding: { __typename: 'Funding', description: null, funder: { __typename: 'Organisation', id: 'e5e5e5e5e5e5e5e5e5e5e5e5' } },
      eligibility: { ...OFFERING.eligibility, sniPrefixes: ['10'], municipalityCodes: ['2422'] },
    },
  },
});

async function renderForm(mocks: MockLink.MockedResponse[], language: 'sv' | 'en' = 'sv') {
  const i18n = createInstance();
  await i18n.init({ resources: { sv: { translation: sv }, en: { translation: en } }, lng: language, interpolation: { escapeValue: false } });
  render(
    <I18nextProvider i18n={i18n}>
      <MockedProvider mocks={[CHOICES, REGION, ...mocks]}>
        <MemoryRouter>
          <OfferingFormSection providerId={PROVIDER} offering={OFFERING} />
        </MemoryRouter>
      </MockedProvider>
    </I18nextProvider>,
  );
}

async function fillTheNewFields() {
  // keys without a pause between them: the form has many fields to fill
  const user = userEvent.setup({ delay: null });
  await user.click(screen.getByRole('button', { name: /Projekt$/ }));
  await user.click(await screen.findByRole('option', { name: 'North Business Arena' }));
  await user.type(screen.getByRole('textbox', { name: 'Branscher (SNI) som insatsen riktar sig till' }), '62, 47111');
  await user.type(screen.getByRole('textbox', { name: 'Bara för företag i branscherna (SNI)' }), '10');
  const eligibleIn = screen.getByRole('group', { name: 'Bara för företag i kommunerna' });
  await user.click(await within(eligibleIn).findByRole('checkbox', { name: 'Sorsele' }));
  await user.click(screen.getByRole('button', { name: /Hur insatsen finansieras/ }));
  await user.click(screen.getByRole('option', { name: 'En finansiär i hubben' }));
  await user.click(screen.getByRole('button', { name: /Finansiär$/ }));
  // funders in Swedish order
  expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Tillväxtverket', 'Vinnova']);
  await user.click(screen.getByRole('option', { name: 'Tillväxtverket' }));
  await user.click(screen.getByRole('button', { name: 'Spara ändringar' }));
  return user;
}

// the whole form is rendered and driven through several selects, which takes jsdom seconds on a busy machine
describe('the offering form’s project, industries, eligibility and funding', { timeout: 30_000 }, () => {
  it('sends the project, SNI codes, eligibility and funder chosen', async () => {
    await renderForm([SAVED]);
    await fillTheNewFields();
    await screen.findByText('Ändringarna är sparade.');
  });

  it("shows the graph's errors beside the fields they concern and keeps what was typed", async () => {
    const refused = update({
      errors: [new GraphQLError('"47111" is not an SNI code or prefix (2 to 5 digits)', {
          extensions: { code: 'BAD_USER_INPUT', field: 'input.industries.1', texts: { sv: '"47111" är inte en SNI-kod eller början på en (2 till 5 siffror)', en: '"47111" is not an SNI code or prefix (2 to 5 digits)' } },
        })],
    });
    await renderForm([refused]);
    await fillTheNewFields();
    const industries = await screen.findByRole('textbox', { name: 'Branscher (SNI) som insatsen riktar sig till' });
    await waitFor(() => expect(industries.getAttribute('aria-invalid')).toBe('true'));
    expect(industries.closest('.field')?.textContent).toContain('"47111" är inte en SNI-kod eller början på en (2 till 5 siffror)');
    expect((industries as HTMLInputElement).value).toBe('62, 47111');
    expect(screen.getByRole('button', { name: /Finansiär$/ }).textContent).toContain('Tillväxtverket');
  });

  it('asks for a description when that is the kind of funding chosen, in English too', async () => {
    await renderForm([], 'en');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /How the offering is funded/ }));
    await user.click(screen.getByRole('option', { name: 'Description' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const description = screen.getByRole('textbox', { name: 'The funding' });
    expect(within(description.closest('.field') as HTMLElement).getByText(en.ownOfferings.fieldErrors.required)).toBeTruthy();
  });
});
