import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ActualsQuery, ActualsResponse } from '@/domain/contract/api-contract';
import { apiMode, getJson } from './http';

/** The query string of `GET /actuals` for a query (also used by the off-thread refetch, `figures-off-thread.ts`). */
export const actualsParams = (query: ActualsQuery) => ({ set: query.targetSet, metric: query.metrics, region: query.regions, from: query.from, to: query.to });

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
          ? import('./figures-off-thread').then((m) => m.fetchActualsOffThread(query))
          : getJson('/actuals', actualsParams(query), signal, (c) => c.actualsResponseSchema),
      placeholderData: keepPreviousData,
    }),
};
