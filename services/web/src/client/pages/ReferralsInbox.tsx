import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { Problem } from '../components/Problem';
import { usePageTitle } from '../components/usePageTitle';
import { formatDateTime, formatDuration, formatNumber } from '../format';
import { graphql } from '../graphql';
import type { Language } from '../i18n';
import { allowedActions } from './referral-actions';
import { ReferralActionDialog, referralElementId } from './ReferralActionDialog';
import { ReferralStatusFilter, useReferralStatusFilter } from './ReferralStatusFilter';

const INBOX = graphql(`
  query ReferralsInbox($organisationId: ID!, $status: ReferralStatus) {
    organisation(id: $organisationId) {
      id
      name
      referralsReceived(status: $status) {
        ...ReferralFields
      }
    }
    referralResponseTimes(organisationId: $organisationId) {
      count
      answered
      unanswered
      medianHours
      p90Hours
      oldestWaitingHours
    }
  }
`);

/** The referrals offices sent to the provider: answer them, and report the work started and done. */
export function ReferralsInbox() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  usePageTitle(t('referrals.inboxTitle'));
  const { user } = useAuth();
  const [status, setStatus] = useReferralStatusFilter();
  const { data, error, loading, refetch } = useQuery(INBOX, {
    variables: { organisationId: user?.organisationId ?? '', status: status || null },
    skip: !user?.organisationId,
    // the other party changes referrals too: each visit and filter asks the graph again
    fetchPolicy: 'cache-and-network',
  });
  // oldest first: the longest-waiting company is answered first
  const referrals = [...(data?.organisation?.referralsReceived ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const times = data?.referralResponseTimes;
  const hours = (value: number | null | undefined) => (value === null || value === undefined ? t('referrals.none') : formatDuration(value, language));

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('referrals.inboxTitle')}</h1>
      <p>{t('referrals.inboxIntro')}</p>
      {!user?.organisationId && <p>{t('referrals.noOrganisation')}</p>}
      {times && (
        <section aria-labelledby="own-response-times">
          <h2 id="own-response-times">{t('referrals.ownResponseTimes')}</h2>
          <dl className="facts figures">
            <div>
              <dt>{t('referrals.received')}</dt>
              <dd>{formatNumber(times.count, language)}</dd>
            </div>
            <div>
              <dt>{t('referrals.answered')}</dt>
              <dd>{formatNumber(times.answered, language)}</dd>
            </div>
            <div>
              <dt>{t('referrals.waiting')}</dt>
              <dd>{formatNumber(times.unanswered, language)}</dd>
            </div>
            <div>
              <dt>{t('referrals.medianResponse')}</dt>
              <dd>{hours(times.medianHours)}</dd>
            </div>
            <div>
              <dt>{t('referrals.p90Response')}</dt>
              <dd>{hours(times.p90Hours)}</dd>
            </div>
            <div>
              <dt>{t('referrals.oldestWaiting')}</dt>
              <dd>{hours(times.oldestWaitingHours)}</dd>
            </div>
          </dl>
        </section>
      )}
      <h2 id="received">{t('referrals.receivedTitle')}</h2>
      <ReferralStatusFilter value={status} onChange={setStatus} />
      {error && <Problem error={error} onRetry={() => void refetch()} />}
      <p role="status" className="result-count">
        {loading ? t('app.loading') : t('referrals.count', { count: referrals.length })}
      </p>
      <ul className="cards" aria-labelledby="received">
        {referrals.map((referral) => (
          <li key={referral.id} className="card" id={referralElementId(referral.id)} tabIndex={-1}>
            <h3>{referral.company.name}</h3>
            <p className="meta">
              {t('referrals.fromOffice', { office: referral.from.name })} · {formatDateTime(referral.createdAt, language)}
            </p>
            <p>
              {t('referrals.status')}: <span className={`status status-${referral.status.toLowerCase()}`}>{t(`enums.ReferralStatus.${referral.status}`)}</span>
            </p>
            <p className="description">{referral.note}</p>
            <div className="actions">
              {allowedActions(referral.status, 'provider').map((action) => (
                <ReferralActionDialog key={action} action={action} referral={referral} onStale={() => void refetch()} />
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
