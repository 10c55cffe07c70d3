import { Button } from 'react-aria-components';

interface Connection {
  nodes: readonly unknown[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** "Show more" under a list the graph gives a page at a time; nothing once the last page is shown. */
export function ShowMore({ connection, label, onMore }: { connection: Connection | undefined; label: string; onMore(after: string | null | undefined): void }) {
  if (!connection?.pageInfo.hasNextPage) return null;
  return <Button onPress={() => onMore(connection.pageInfo.endCursor)}>{label}</Button>;
}

/** For fetchMore's updateQuery: the query's connection `field` with the next page's nodes after those shown. */
export function appendingPage<K extends string>(field: K) {
  return <T extends Record<K, { nodes: readonly unknown[] }>>(previous: T, { fetchMoreResult }: { fetchMoreResult: T }): T =>
    ({ ...previous, [field]: { ...fetchMoreResult[field], nodes: [...previous[field].nodes, ...fetchMoreResult[field].nodes] } }) as T;
}
