import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { ActualsQuery, ActualsResponse } from '@/domain/contract/api-contract';
import { actualsParams, fetchActualsOffThread, type RefetchProgress } from './figures-off-thread';
import { apiMode, getJson } from './http';

/** Query options for actual figures; keys nest under `actualQueries.all()` so one invalidation refreshes every view. */
export const actualQueries = {
  all: () => ['actuals'] as const,
  list: (query: ActualsQuery) =>
    queryOptions({
      queryKey: [...actualQueries.all(), query] as const,
      // On a server a set's figures can be a province's (240,000 figures, about 20 MB of JSON): they are read,
      // parsed and checked in the figures worker, as a refetch is, so the page never parses them in one long
      // task. The demo serves its own small sets from the page, where a worker would only add start-up time.
      queryFn: ({ signal }): Promise<ActualsResponse> =>
        apiMode() === 'server' && typeof Worker !== 'undefined'
          ? fetchActualsOffThread(query)
          : getJson('/actuals', actualsParams(query), signal, (c) => c.actualsResponseSchema),
      placeholderData: keepPreviousData,
    }),
};

/**
 * Refetches every actuals query on screen off the page's thread (see
 * `fetchActualsOffThread`) and drops the others, so their next use asks again.
 * The answer replaces the old one whole: comparing a million figures with the
 * ones they replace (TanStack Query's structural sharing) would itself be a
 * long task.
 */
export async function refetchFiguresOffThread(client: QueryClient, onProgress?: (progress: RefetchProgress) => void): Promise<void> {
  const active = client.getQueryCache().findAll({ queryKey: actualQueries.all(), type: 'active' });
  // Figures no page shows now are dropped, not kept as stale: the page opened next would show them — from before
  // the write — until its own request answered, and an export made at once would leave the import out.
  client.removeQueries({ queryKey: actualQueries.all(), type: 'inactive' });
  await client.invalidateQueries({ queryKey: actualQueries.all(), refetchType: 'none' });
  await Promise.all(
    active.map((query) => {
      const actualsQuery = query.queryKey[1] as ActualsQuery;
      return client.fetchQuery({
        queryKey: actualQueries.list(actualsQuery).queryKey,
        queryFn: () => fetchActualsOffThread(actualsQuery, onProgress),
        staleTime: 0,
        structuralSharing: false,
      // A failure stays in the query's state, where the page shows it; the write itself succeeded.
      }).catch(() => undefined);
    }),
  );
}
