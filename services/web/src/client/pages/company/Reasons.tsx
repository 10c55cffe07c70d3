import { useTranslation } from 'react-i18next';
import { Localised } from '../../components/localised';

/** A match's reasons, in the person's language. */
export function Reasons({ reasons }: { reasons: ReadonlyArray<{ code: string; texts: { sv: string; en?: string | null } }> }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <ul className="reasons" aria-label={t('company.matches.reasons')}>
      {reasons.map((reason) => (
        <li key={`${reason.code}:${reason.texts.sv}`}>
          <Localised text={reason.texts} />
        </li>
      ))}
    </ul>
  );
}
