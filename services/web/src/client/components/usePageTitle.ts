import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Each page names itself in the browser's title, so screen readers and tabs tell pages apart. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
}
