import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime, formatDuration, formatNumber, sortSwedish } from '../format';
import { graphql } from '../graphql';
import type { Language } from '../i18n';
import { allowedActions, responseHours, responsesByProvider } from './referral-actions';
import { ReferralActionDialog, referralElementId } from './ReferralActionDialog';
import { ReferralStatusFilter, useReferralStatusFilter } from './ReferralStatusFilter';

const SENT = graphql(`
  query ReferralsSent($organisationId: ID!, $status: ReferralStatus) {
    organisation(id: $organisationId) {
      id
      name
      referralsSent(status: $status) {
        ...ReferralFields
      }
    }
  }
`);

/** The office's referrals to providers: where each stands, how fast each provider answered, and taking one back. */
export function ReferralsSent() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  usePageTitle(t('referrals.sentTitle'));
  const { user } = useAuth();
  const [status, setStatus] = useReferralStatusFilter();
  const { data, error, loading, refetch } = useQuery(SENT, {
    variables: { organisationId: user?.organisationId ?? '', status: status || null },
    skip: !user?.organisationId,
    // the other party changes referrals too: each visit and filter asks the graph again
    fetchPolicy: 'cache-and-network',
  });
  // newest first: the ones still waiting for an answer are usually the recent ones
  const referrals = [...(data?.organisation?.referralsSent ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const providers = sortSwedish(responsesByProvider(referrals), (provider) => provider.providerName);
  const duration = (hours: number | null) => (hours === null ? t('referrals.notAnswered') : formatDuration(hours, language));

  return (
    <section aria-labelledby="sent-title">
      <h1 id="sent-title">{t('referrals.sentTitle')}</h1>
      <p>{t('referrals.sentIntro')}</p>
      {!user?.organisationId && <p>{t('referrals.noOrganisation')}</p>}
      <ReferralStatusFilter value={status} onChange={setStatus} />
      {error && <Problem error={error} onRetry={() => void refetch()} />}
      <p role="status" className="result-count">
        {loading ? t('app.loading') : t('referrals.count', { count: referrals.length })}
      </p>
      {referrals.length > 0 && (
        <>
          <table className="table">
            <caption>{t('referrals.sentCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('referrals.company')}</th>
                <th scope="col">{t('referrals.provider')}</th>
                <th scope="col">{t('referrals.status')}</th>
                <th scope="col">{t('referrals.sentAt')}</th>
                <th scope="col">{t('referrals.responseTime')}</th>
                <th scope="col">{t('referrals.actionsHeading')}</th>
              </tr>
            </thead>
            <tbody>
              {referrals.map((referral) => (
                <tr key={referral.id} id={referralElementId(referral.id)} tabIndex={-1}>
                  <th scope="row">{referral.company.name}</th>
                  <td data-label={t('referrals.provider')}>{referral.to.name}</td>
                  <td data-label={t('referrals.status')}>
                    <span className={`status status-${referral.status.toLowerCase()}`}>{t(`enums.ReferralStatus.${referral.status}`)}</span>
                  </td>
                  <td data-label={t('referrals.sentAt')}>{formatDateTime(referral.createdAt, language)}</td>
                  <td data-label={t('referrals.responseTime')}>{duration(responseHours(referral))}</td>
                  <td>
                    {allowedActions(referral.status, 'sender').map((action) => (
                      <ReferralActionDialog key={action} action={action} referral={referral} onStale={() => void refetch()} />
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <h2 id="response-times">{t('referrals.responseTimesTitle')}</h2>
          <table className="table">
            <caption>{t('referrals.responseTimesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('referrals.provider')}</th>
                <th scope="col">{t('referrals.sentCount')}</th>
                <th scope="col">{t('referrals.answered')}</th>
                <th scope="col">{t('referrals.waiting')}</th>
                <th scope="col">{t('referrals.medianResponse')}</th>
              </tr>
            </thead>
            <tbody>
              {providers.map((provider) => (
                <tr key={provider.providerId}>
                  <th scope="row">{provider.providerName}</th>
                  <td data-label={t('referrals.sentCount')}>{formatNumber(provider.sent, language)}</td>
                  <td data-label={t('referrals.answered')}>{formatNumber(provider.answered, language)}</td>
                  <td data-label={t('referrals.waiting')}>{formatNumber(provider.waiting, language)}</td>
                  <td data-label={t('referrals.medianResponse')}>{duration(provider.medianHours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
