import type { TFunction } from 'i18next';
import type { Choice } from '../components/fields';
import { sortSwedish } from '../format';
import type { Texts } from '../i18n/sv';

type EnumName = keyof Texts['enums'];

/** An enum's values as choices in the person's language, in alphabetical order, "any" first. */
export function enumChoices(t: TFunction, name: EnumName, anyLabel: string | null): Choice[] {
  const values = Object.keys((t(`enums.${name}`, { returnObjects: true }) as Record<string, string>) ?? {});
  const choices = sortSwedish(
    values.map((value) => ({ id: value, label: t(`enums.${name}.${value}`) })),
    (choice) => choice.label,
  );
  return anyLabel === null ? choices : [{ id: '', label: anyLabel }, ...choices];
}
