import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ActualsQuery } from '@/domain/contract/api-contract';
import { getJson } from './http';

/** The query string of `GET /actuals` for a query (also used by the off-thread refetch, `figures-off-thread.ts`). */
export const actualsParams = (query: ActualsQuery) => ({ set: query.targetSet, metric: query.metrics, region: query.regions, from: query.from, to: query.to });

/** Query options for actual figures; keys nest under `actualQueries.all()` so one invalidation refreshes every view. */
export const actualQueries = {
  all: () => ['actuals'] as const,
  list: (query: ActualsQuery) =>
    queryOptions({
      queryKey: [...actualQueries.all(), query] as const,
      queryFn: ({ signal }) =>
        getJson('/actuals', actualsParams(query), signal, (c) => c.actualsResponseSchema),
      placeholderData: keepPreviousData,
    }),
};
