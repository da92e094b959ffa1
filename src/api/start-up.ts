import type { QueryClient } from '@tanstack/react-query';
import { actualQueries, figuresOfPage } from './actuals';
import { apiMode, apiRole } from './http';
import { metaQueries } from './meta';
import { sessionQueries } from './session';
import { targetSetQueries } from './target-sets';

/** The pages (the selection store's names) that show no target set: nothing of a set is asked for ahead of them. */
const SETLESS_PAGES: ReadonlySet<string> = new Set(['files']);

/**
 * Asks, as the app starts and all at once, for what its first page will ask for one after another: who is
 * signed in, the meta, the list of target sets and — when the address names a set (`?set=`) on a page that
 * shows one — that set's file and the figures its page shows (`figuresOfPage`). Without this the requests went out in three rounds (the session;
 * then the meta and the list, once the app frame had rendered; then the set and its figures, once the page's
 * chunk had loaded), and a province's figures (read in a worker, `figures-off-thread.ts`) started last.
 *
 * The answers land in the query cache under the pages' own keys (the same query options), so the pages find
 * them there; nothing is decided here. A request refused because nobody is signed in yet is cached as the
 * failure it is and asked again when the page that needs it mounts after the sign-in (TanStack Query refetches
 * a failed query on mount), and a 401 with nobody signed in changes nothing (`useSessionGuard`).
 */
export function prefetchStartUp(client: QueryClient, selection: { page: string; targetSet?: string | undefined; target?: string | undefined; snapshot?: string | undefined }): void {
  void client.prefetchQuery(sessionQueries.current(apiMode() === 'demo' ? apiRole() : undefined));
  void client.prefetchQuery(metaQueries.detail());
  void client.prefetchQuery(targetSetQueries.list());
  const setId = selection.targetSet;
  if (setId === undefined || SETLESS_PAGES.has(selection.page)) return;
  void client.prefetchQuery(targetSetQueries.detail(setId));
  const figures = figuresOfPage(selection, setId);
  if (figures) void client.prefetchQuery(actualQueries.list(figures));
}
