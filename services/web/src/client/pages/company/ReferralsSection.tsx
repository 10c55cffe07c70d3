import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { ChoiceInput, TextAreaInput } from '../../components/fields';
import { Problem } from '../../components/Problem';
import { formatDate, sortSwedish } from '../../format';
import { placeRefusals } from '../../graph';
import { graphql } from '../../graphql';
import type { Language } from '../../i18n';
import { referralField } from './field-errors';

const REFERRALS = graphql(`
  query CompanyReferrals($officeId: ID!) {
    organisation(id: $officeId) {
      id
      referralsSent {
        id
        status
        createdAt
        company {
          id
        }
        to {
          id
          name
        }
      }
    }
  }
`);

// the provider kinds a referral may go to (ReferralInput.toOrganisationId), each asked for apart as the filter takes one kind
const PROVIDERS = graphql(`
  query ReferralProviders {
    support: organisations(filter: { kind: SUPPORT_ORGANISATION }, first: 50) {
      nodes {
        id
        name
      }
    }
    funders: organisations(filter: { kind: FUNDER }, first: 50) {
      nodes {
        id
        name
      }
    }
    universities: organisations(filter: { kind: UNIVERSITY_OR_ACADEMY }, first: 50) {
      nodes {
        id
        name
      }
    }
    networks: organisations(filter: { kind: NETWORK }, first: 50) {
      nodes {
        id
        name
      }
    }
    regions: organisations(filter: { kind: REGION }, first: 50) {
      nodes {
        id
        name
      }
    }
  }
`);

const REFER = graphql(`
  mutation ReferCompany($input: ReferralInput!) {
    referCompany(input: $input) {
      id
      status
      to {
        id
        name
      }
    }
  }
`);

/** The company's referrals from the adviser's office, and the dialog that refers it to a provider. */
export function ReferralsSection({ companyId, companyName }: { companyId: string; companyName: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { user } = useAuth();
  const officeId = user?.organisationId ?? '';
  const referrals = useQuery(REFERRALS, { variables: { officeId }, skip: officeId === '' });
  const [created, setCreated] = useState<{ provider: string; status: string } | null>(null);
  const mine = (referrals.data?.organisation?.referralsSent ?? []).filter((referral) => referral.company.id === companyId);

  return (
    <section aria-labelledby="referrals-title">
      <h2 id="referrals-title">{t('company.refer.title')}</h2>
      {referrals.error && <Problem error={referrals.error} onRetry={() => void referrals.refetch()} />}
      {created && (
        <p role="status" className="success">
          {t('company.refer.created', { provider: created.provider, status: t(`enums.ReferralStatus.${created.status as 'PROPOSED'}`) })}
        </p>
      )}
      {mine.length === 0 ? (
        <p>{t('company.refer.none')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('company.refer.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('company.refer.provider')}</th>
              <th scope="col">{t('company.refer.status')}</th>
              <th scope="col">{t('company.refer.sent')}</th>
            </tr>
          </thead>
          <tbody>
            {mine.map((referral) => (
              <tr key={referral.id}>
                <th scope="row">{referral.to.name}</th>
                <td>{t(`enums.ReferralStatus.${referral.status}`)}</td>
                <td>{formatDate(referral.createdAt.slice(0, 10), language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <DialogTrigger>
        <Button className="primary">{t('company.refer.open')}</Button>
        <Modal className="modal" isDismissable>
          <Dialog className="dialog" aria-labelledby="refer-title">
            {({ close }) => (
              <ReferForm
                companyId={companyId}
                companyName={companyName}
                onCancel={close}
                onReferred={(referral) => {
                  setCreated(referral);
                  close();
                }}
              />
            )}
          </Dialog>
        </Modal>
      </DialogTrigger>
    </section>
  );
}

function ReferForm(props: { companyId: string; companyName: string; onCancel(): void; onReferred(referral: { provider: string; status: string }): void }) {
  const { t, i18n } = useTranslation();
  const [provider, setProvider] = useState('');
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const providers = useQuery(PROVIDERS);
  const [refer, { loading }] = useMutation(REFER, { refetchQueries: ['CompanyReferrals'], awaitRefetchQueries: true });
  const { errors, unplaced } = placeRefusals(failure, referralField, i18n.language);
  const lists = providers.data ? [providers.data.support, providers.data.funders, providers.data.universities, providers.data.networks, providers.data.regions] : [];
  const choices = [
    { id: '', label: t('company.refer.chooseProvider') },
    ...sortSwedish(
      lists.flatMap((list) => list.nodes),
      (organisation) => organisation.name,
    ).map((organisation) => ({ id: organisation.id, label: organisation.name })),
  ];

  const send = async () => {
    setFailure(null);
    try {
      const result = await refer({ variables: { input: { companyId: props.companyId, toOrganisationId: provider, note } } });
      if (result.data) props.onReferred({ provider: result.data.referCompany.to.name, status: result.data.referCompany.status });
    } catch (error) {
      // the dialog stays open with what was entered
      setFailure(error);
    }
  };

  return (
    <Form
      validationBehavior="aria"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <Heading slot="title" id="refer-title">
        {t('company.refer.dialogTitle', { company: props.companyName })}
      </Heading>
      <p>{t('company.refer.dialogIntro')}</p>
      {providers.error && <Problem error={providers.error} onRetry={() => void providers.refetch()} />}
      <ChoiceInput label={t('company.refer.provider')} choices={choices} value={provider} onChange={setProvider} error={errors.provider} />
      <TextAreaInput label={t('company.refer.note')} hint={t('company.refer.noteHint')} value={note} onChange={setNote} error={errors.note} />
      {unplaced && <Problem error={failure} onRetry={() => void send()} />}
      <div className="actions">
        <Button type="submit" className="primary" isDisabled={loading}>
          {loading ? t('company.saving') : t('company.refer.send')}
        </Button>
        <Button onPress={props.onCancel}>{t('company.cancel')}</Button>
      </div>
    </Form>
  );
}
