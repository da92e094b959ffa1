import { queryOptions, useIsMutating, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { batchQueries, invalidateFigureQueries } from './batches';
import { getJson } from './http';
import { metaQueries } from './meta';

/** How often a visible page asks whether the store moved. */
export const REVISION_POLL_MS = 15_000;

/** The tabs of one browser tell each other on this channel that the store changed. */
export const STORE_CHANNEL = 'education-targets:store';
/** This tab, so it does not take its own announcement for another tab's (a channel hears every other instance, also in this tab). */
const TAB = Math.random().toString(36).slice(2);
type StoreMessage = { type: 'store-changed'; from: string };

/** A `meta` answer younger than this is as good as asking again. */
const FRESH_MS = 5_000;

/**
 * The store's revision, polled on its own key: `invalidateFigureQueries`
 * refetches the `meta` query together with the figures, never this one, so
 * "the poll saw a later revision than the figures on screen were read at" is
 * what tells that another tab or user changed the store. A `meta` answer read
 * moments ago (the page's own, at start-up) is used instead of asking twice.
 */
export const revisionQueries = {
  all: () => ['store-revision'] as const,
  latest: () =>
    queryOptions({
      queryKey: revisionQueries.all(),
      queryFn: async ({ signal, client }) => {
        const meta = client.getQueryState(metaQueries.detail().queryKey);
        if (meta?.data && !meta.isInvalidated && Date.now() - meta.dataUpdatedAt < FRESH_MS) return meta.data.revision;
        return (await getJson('/meta', {}, signal, (c) => c.metaResponseSchema)).revision;
      },
      staleTime: 0,
      retry: false,
    }),
};

const channel = (): BroadcastChannel | undefined => (typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(STORE_CHANNEL));

/**
 * Tells this browser's other tabs that the store changed, so they refetch at
 * once instead of at their next poll. `useStoreWatch` calls it after every
 * successful batch write (`batchQueries` mutation keys) on its own; call it
 * after a write made any other way.
 */
export function announceStoreChange(): void {
  const out = channel();
  if (!out) return;
  out.postMessage({ type: 'store-changed', from: TAB } satisfies StoreMessage);
  out.close();
}

/**
 * Keeps the figures on screen current when someone else changes the store:
 * polls the revision every `REVISION_POLL_MS` while the page is visible and
 * when the window gets focus, and calls `invalidateFigureQueries` when it moved
 * past what the figures were read at; listens on a `BroadcastChannel` for this
 * browser's other tabs' writes (and announces this tab's). While one of this
 * tab's writes runs, it waits: the write refreshes what it changed itself.
 * The app mounts it once, while someone is signed in.
 */
export function useStoreWatch(enabled = true): void {
  const client = useQueryClient();
  const writing = useIsMutating({ mutationKey: batchQueries.all() }) > 0;
  const meta = useQuery({ ...metaQueries.detail(), enabled });
  const poll = useQuery({
    ...revisionQueries.latest(),
    // After the page's own `meta` settled, so start-up asks once.
    enabled: enabled && !meta.isPending,
    refetchInterval: REVISION_POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: 'always',
  });
  const latest = poll.data;
  const previous = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (!enabled || writing || latest === undefined) return;
    // What the figures on screen were read at: the meta fetched with them (or, when it failed, the last poll).
    const shown = client.getQueryData(metaQueries.detail().queryKey)?.revision ?? previous.current;
    previous.current = latest;
    if (shown !== undefined && latest > shown) void invalidateFigureQueries(client);
  }, [client, enabled, writing, latest, poll.dataUpdatedAt]);

  // Window focus without a visibility change (two windows side by side) also asks.
  useEffect(() => {
    if (!enabled) return;
    const onFocus = () => void client.refetchQueries({ queryKey: revisionQueries.all(), type: 'active' });
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [client, enabled]);

  useEffect(() => {
    if (!enabled) return;
    const incoming = channel();
    if (incoming)
      incoming.onmessage = (event: MessageEvent<StoreMessage>) => {
        if (event.data?.type === 'store-changed' && event.data.from !== TAB) void invalidateFigureQueries(client);
      };
    const stop = client.getMutationCache().subscribe((event) => {
      const key = event.mutation?.options.mutationKey;
      if (event.type === 'updated' && event.action.type === 'success' && key?.[0] === batchQueries.all()[0]) announceStoreChange();
    });
    return () => {
      stop();
      incoming?.close();
    };
  }, [client, enabled]);
}
