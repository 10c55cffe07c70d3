import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { sv } from './sv';

export type Language = 'sv' | 'en';
export const LANGUAGES: readonly Language[] = ['sv', 'en'];
const CHOICE_KEY = 'hub-language';

function chosenLanguage(): Language {
  const chosen = window.localStorage.getItem(CHOICE_KEY);
  return chosen === 'en' ? 'en' : 'sv';
}

/** Swedish unless the person chose English; the choice is kept in this browser and sets the page's lang. */
export async function initI18n(language: Language = chosenLanguage()): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { sv: { translation: sv }, en: { translation: en } },
    lng: language,
    fallbackLng: 'sv',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (next) => {
    document.documentElement.lang = next;
    window.localStorage.setItem(CHOICE_KEY, next);
  });
  return i18next;
}
