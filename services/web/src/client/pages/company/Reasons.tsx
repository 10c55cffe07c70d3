import { useTranslation } from 'react-i18next';

/** A match's reasons; the graph words them in English only, so they are marked as English for screen readers. */
export function Reasons({ reasons }: { reasons: ReadonlyArray<{ code: string; text: string }> }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <ul className="reasons" aria-label={t('company.matches.reasons')}>
      {reasons.map((reason) => (
        <li key={`${reason.code}:${reason.text}`} lang="en">
          {reason.text}
        </li>
      ))}
    </ul>
  );
}
