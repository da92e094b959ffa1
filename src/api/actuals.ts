import { queryOptions, type QueryClient } from '@tanstack/react-query';
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
    }),
};

/** The pages (the selection store's names) that show a set but read none of its figures: the import page checks a file against its own read of the stored figures. */
const FIGURELESS_PAGES: ReadonlySet<string> = new Set(['import']);
/** The pages that show a published snapshot's frozen file and figures when the address names one (`?snapshot=`). */
export const SNAPSHOT_PAGES: ReadonlySet<string> = new Set(['dashboard', 'scorecard', 'target', 'report', 'present']);

/**
 * The live figures a page of a set shows: none for a page that reads none (the import page) or while it shows a
 * snapshot (whose figures are its own), its target's for a target's page (one metric's: a province's target page is
 * sent 20,000 figures, not 240,000), the set's for every other. The start-up's requests and the page's gate both ask
 * this, so they ask for the same.
 */
export function figuresOfPage(selection: { page: string; target?: string | undefined; snapshot?: string | undefined }, targetSet: string): ActualsQuery | undefined {
  const { page, target, snapshot } = selection;
  if (FIGURELESS_PAGES.has(page) || (snapshot !== undefined && SNAPSHOT_PAGES.has(page))) return undefined;
  return page === 'target' && target !== undefined ? { targetSet, target } : { targetSet };
}

/** Whether a query asks for its set's figures with nothing left out. */
function isWhole({ targetSet: _set, ...narrower }: ActualsQuery): boolean {
  return Object.values(narrower).every((v) => v === undefined);
}

/** Whether an answer to `whole` holds every figure `query` asks for: the same set's figures, with nothing left out. */
function covers(whole: ActualsQuery, query: ActualsQuery): boolean {
  return whole.targetSet === query.targetSet && isWhole(whole);
}

/**
 * `actualQueries.list` as a page's gate asks it. A narrower query (a target's figures) starts from the set's whole
 * figures when they are in the cache, as when a cell of the scorecard is opened: nothing is asked again. While the
 * query's own figures load, what was shown before stays only if it holds them (the set's whole figures): another
 * target's or set's figures are never shown as this one's.
 */
export function pageFiguresOptions(client: QueryClient, query: ActualsQuery) {
  const whole = actualQueries.list({ targetSet: query.targetSet }).queryKey;
  return {
    ...actualQueries.list(query),
    placeholderData: (previous: ActualsResponse | undefined, previousQuery: { queryKey: readonly unknown[] } | undefined) =>
      previousQuery && covers(previousQuery.queryKey[1] as ActualsQuery, query) ? previous : undefined,
    ...(!isWhole(query) ? { initialData: () => settled(client, whole)?.data, initialDataUpdatedAt: () => settled(client, whole)?.dataUpdatedAt } : {}),
  };
}

/**
 * A query's state when its answer is the store's as far as the page knows: fetched, not invalidated since (a write in
 * this tab or another), not being fetched again, not failed. Only then may another query start from its answer: one
 * copied while it is being refetched after an import would be shown as fresh, and never asked again.
 */
function settled(client: QueryClient, queryKey: readonly unknown[]) {
  const state = client.getQueryState<ActualsResponse>(queryKey);
  return state?.status === 'success' && !state.isInvalidated && state.fetchStatus === 'idle' ? state : undefined;
}

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
