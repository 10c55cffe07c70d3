import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ChoiceInput } from '../components/fields';
import type { ReferralStatus } from '../graphql/graphql';
import { enumChoices } from './enum-choices';
import { REFERRAL_STATUSES } from './referral-actions';

/** The status a referral list is filtered by, kept in the address so it can be bookmarked; '' for every status. */
export function useReferralStatusFilter(): [ReferralStatus | '', (status: string) => void] {
  const [params, setParams] = useSearchParams();
  const asked = params.get('status') ?? '';
  const status = (REFERRAL_STATUSES as readonly string[]).includes(asked) ? (asked as ReferralStatus) : '';
  const setStatus = (next: string) =>
    setParams(
      (previous) => {
        const changed = new URLSearchParams(previous);
        if (next === '') changed.delete('status');
        else changed.set('status', next);
        return changed;
      },
      { replace: true },
    );
  return [status, setStatus];
}

export function ReferralStatusFilter({ value, onChange }: { value: string; onChange(status: string): void }) {
  const { t } = useTranslation();
  return (
    <form className="filters" aria-label={t('referrals.filters')} onSubmit={(event) => event.preventDefault()}>
      <ChoiceInput label={t('referrals.status')} choices={enumChoices(t, 'ReferralStatus', t('referrals.anyStatus'))} value={value} onChange={onChange} />
    </form>
  );
}
