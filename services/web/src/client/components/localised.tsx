import { useTranslation } from 'react-i18next';

/** A text the graph holds in Swedish and maybe English: the person's language when there is one, marked if not. */
export function Localised({ text }: { text: { sv: string; en?: string | null } | null | undefined }) {
  const { i18n } = useTranslation();
  if (!text) return null;
  if (i18n.language === 'en' && text.en) return <>{text.en}</>;
  return i18n.language === 'sv' ? <>{text.sv}</> : <span lang="sv">{text.sv}</span>;
}
