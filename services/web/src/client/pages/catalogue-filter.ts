import type { Need, OfferingFilter, OfferingKind, OfferingSort, TargetGroup } from '../graphql/graphql';
import { sv } from '../i18n/sv';

/** The catalogue's search as the address keeps it, so a search can be bookmarked, shared and gone back to. */
export interface CatalogueSearch {
  text: string;
  need: string;
  kind: string;
  municipality: string;
  targetGroup: string;
  deadlineFrom: string;
  deadlineTo: string;
  sort: string;
}

const KEYS: ReadonlyArray<keyof CatalogueSearch> = ['text', 'need', 'kind', 'municipality', 'targetGroup', 'deadlineFrom', 'deadlineTo', 'sort'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value the graph's enum has (the texts name every value); anything else in an edited address is left out. */
function known<T extends string>(values: Record<T, string>, value: string): value is T {
  return Object.hasOwn(values, value);
}

/** A whole, real calendar date: a half-typed or impossible one (2027-13-45) is not sent. */
function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function searchFromParams(params: URLSearchParams): CatalogueSearch {
  return Object.fromEntries(KEYS.map((key) => [key, params.get(key) ?? ''])) as unknown as CatalogueSearch;
}

export function paramsFromSearch(search: CatalogueSearch): URLSearchParams {
  return new URLSearchParams(KEYS.filter((key) => search[key] !== '').map((key) => [key, search[key]]));
}

/** The graph's filter for a search: empty and unknown choices left out, and a date not sent until it is whole. */
export function offeringFilter(search: CatalogueSearch): { filter: OfferingFilter; sort: OfferingSort } {
  const { enums } = sv;
  const filter: OfferingFilter = {};
  const text = search.text.trim();
  if (text) filter.text = text;
  if (known<Need>(enums.Need, search.need)) filter.needs = [search.need];
  if (known<OfferingKind>(enums.OfferingKind, search.kind)) filter.kind = search.kind;
  if (/^\d{4}$/.test(search.municipality)) filter.municipalityCode = search.municipality;
  if (known<TargetGroup>(enums.TargetGroup, search.targetGroup)) filter.targetGroups = [search.targetGroup];
  if (isDate(search.deadlineFrom)) filter.deadlineFrom = search.deadlineFrom;
  if (isDate(search.deadlineTo)) filter.deadlineTo = search.deadlineTo;
  return { filter, sort: known<OfferingSort>(enums.OfferingSort, search.sort) ? search.sort : 'DEADLINE' };
}
