import type { TFunction } from 'i18next';
import type { ReceivingCapacityInput } from '../../graphql/graphql';
import { inputMessage, wholeNumber } from './form-errors';

/** The figures of a receiving capacity, in the order the page shows them. */
export const CAPACITY_INPUTS = ['households', 'housingUnits', 'preschoolPlaces', 'schoolPlaces'] as const satisfies ReadonlyArray<keyof ReceivingCapacityInput>;

type CapacityKey = (typeof CAPACITY_INPUTS)[number];
export type CapacityForm = Record<CapacityKey, string>;

/** The years a capacity is planned for: last year, to correct it, this year and the next three. */
export function capacityYears(thisYear: number): [number, number, ...number[]] {
  return [thisYear - 1, thisYear, thisYear + 1, thisYear + 2, thisYear + 3];
}

/** The form's starting values: the year's capacity when one is set, else empty fields. */
export function emptyCapacityForm(current: Record<CapacityKey, number> | null): CapacityForm {
  return Object.fromEntries(CAPACITY_INPUTS.map((key) => [key, current ? String(current[key]) : ''])) as CapacityForm;
}

/**
 * The graph's input from what is typed, or, for each field that holds no whole number, its message: the graph takes
 * whole numbers only (ranges it checks itself and names the field).
 */
export function capacityInput(form: CapacityForm, t: TFunction): { input: ReceivingCapacityInput | null; errors: Partial<Record<CapacityKey, string>> } {
  const errors: Partial<Record<CapacityKey, string>> = {};
  const input: Partial<ReceivingCapacityInput> = {};
  for (const key of CAPACITY_INPUTS) {
    const value = wholeNumber(form[key]);
    if (value === null) errors[key] = inputMessage(key, t);
    else input[key] = value;
  }
  return Object.keys(errors).length === 0 ? { input: input as ReceivingCapacityInput, errors } : { input: null, errors };
}
