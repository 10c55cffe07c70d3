import type { Wording } from '@hub/shared/errors';

/** A text in both of the hub's languages, worded from the same facts: why an item was rejected or a run failed. */
export type LocalisedText = Wording;

/** Words the hub has in one form only (an outside source's or a library's own message), as both languages. */
export function untranslated(text: string): LocalisedText {
  return { sv: text, en: text };
}

/** A failure worded in both languages; its message is the English, as logs and the command line read it. */
export class WordedError extends Error {
  constructor(
    readonly texts: LocalisedText,
    options?: ErrorOptions,
  ) {
    super(texts.en, options);
  }
}
