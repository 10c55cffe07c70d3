import type { Language } from '../i18n';

const LOCALES: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

/** A calendar date (YYYY-MM-DD) as people write it in the language: 15 januari 2027 / 15 January 2027. */
export function formatDate(date: string, language: Language): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)),
  );
}

/** A moment in Swedish time, which is where the region's sessions happen. */
export function formatDateTime(moment: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(moment));
}

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language]).format(value);
}

/** Sorts by Swedish rules whatever the language shown: å, ä and ö come after z, as the region's names expect. */
export function sortSwedish<T>(items: readonly T[], key: (item: T) => string): T[] {
  const collator = new Intl.Collator('sv-SE');
  return [...items].sort((a, b) => collator.compare(key(a), key(b)));
}

/** A span of hours as a person reads it: minutes under an hour, hours under two days, days after that. */
export function formatDuration(hours: number, language: Language): string {
  const [value, unit] = hours < 1 ? [Math.max(1, Math.round(hours * 60)), 'minute'] : hours < 48 ? [Math.round(hours), 'hour'] : [Math.round(hours / 24), 'day'];
  return new Intl.NumberFormat(LOCALES[language], { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** A share of 0 to 1 as a whole percentage: 76 % in Swedish, 76% in English. */
export function formatPercent(share: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A language's name from its ISO 639-1 code, in the language shown: "fi" is finska / Finnish. */
export function formatLanguageName(code: string, language: Language): string {
  return new Intl.DisplayNames([LOCALES[language]], { type: 'language' }).of(code) ?? code;
}
