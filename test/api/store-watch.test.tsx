import { MutationObserver, QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, render, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test, vi } from 'vitest';
import { actualQueries } from '@/api/actuals';
import { batchQueries, invalidateFigureQueries } from '@/api/batches';
import { apiBaseUrl } from '@/api/http';
import { announceStoreChange, REVISION_POLL_MS, STORE_CHANNEL, useStoreWatch } from '@/api/store-watch';

/** A backend whose revision another tab or user moves; it counts what it was asked. */
const store = { revision: 1, meta: 0, actuals: 0 };
const server = setupServer(
  http.get(`${apiBaseUrl()}/meta`, () => {
    store.meta += 1;
    return HttpResponse.json({ lastUpdated: '2021-03-31T09:00:00+08:00', demo: true, revision: store.revision });
  }),
  http.get(`${apiBaseUrl()}/actuals`, () => {
    store.actuals += 1;
    return HttpResponse.json({ observations: [], lastUpdated: `r${store.revision}` });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  Object.assign(store, { revision: 1, meta: 0, actuals: 0 });
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
  server.resetHandlers();
});
afterAll(() => server.close());

/** A page showing figures, with the watch mounted as the app mounts it. */
function Page() {
  useStoreWatch();
  const actuals = useQuery(actualQueries.list({}));
  return <p>{actuals.data?.lastUpdated ?? 'loading'}</p>;
}

async function mount() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const view = render(
    <QueryClientProvider client={client}>
      <Page />
    </QueryClientProvider>,
  );
  await view.findByText('r1');
  await waitFor(() => expect(client.getQueryData(['store-revision'])).toBe(1));
  return { client, view };
}

test('start-up asks /meta once: the watch reuses the page’s own answer', async () => {
  await mount();
  expect(store.meta).toBe(1);
  expect(store.actuals).toBe(1);
});

test('when another user moves the revision, the next poll (15 s, page visible) refetches the figures', async () => {
  const { view } = await mount();
  store.revision = 2;
  await act(() => vi.advanceTimersByTimeAsync(REVISION_POLL_MS - 1_000));
  expect(store.actuals).toBe(1);
  await act(() => vi.advanceTimersByTimeAsync(1_500));
  expect(await view.findByText('r2')).toBeInTheDocument();
  expect(store.actuals).toBe(2);
});

test('a poll that finds the same revision refetches nothing', async () => {
  await mount();
  await act(() => vi.advanceTimersByTimeAsync(REVISION_POLL_MS * 3 + 500));
  expect(store.meta).toBeGreaterThanOrEqual(3);
  expect(store.actuals).toBe(1);
});

test('window focus asks at once', async () => {
  const { view } = await mount();
  await act(() => vi.advanceTimersByTimeAsync(6_000));
  store.revision = 5;
  act(() => void window.dispatchEvent(new Event('focus')));
  expect(await view.findByText('r5')).toBeInTheDocument();
});

test('another tab’s announcement refetches at once, without waiting for the poll; this tab’s own does not', async () => {
  const { view } = await mount();
  announceStoreChange();
  await act(() => vi.advanceTimersByTimeAsync(100));
  expect(store.actuals).toBe(1);
  store.revision = 3;
  const otherTab = new BroadcastChannel(STORE_CHANNEL);
  otherTab.postMessage({ type: 'store-changed', from: 'another-tab' });
  otherTab.close();
  expect(await view.findByText('r3')).toBeInTheDocument();
});

test('this tab’s successful write is announced to the other tabs, and refreshed once, not twice', async () => {
  const { client, view } = await mount();
  const other = new BroadcastChannel(STORE_CHANNEL);
  const heard = new Promise((resolve) => (other.onmessage = (event: MessageEvent) => resolve(event.data)));
  const commit = new MutationObserver(client, {
    mutationKey: [...batchQueries.all(), 'commit'],
    mutationFn: async () => {
      store.revision = 2;
      // The answer is slow: a poll runs meanwhile and sees the new revision.
      await new Promise((resolve) => setTimeout(resolve, REVISION_POLL_MS + 1_000));
      return 'committed';
    },
    onSuccess: () => invalidateFigureQueries(client),
  });
  const done = commit.mutate().then(() => undefined);
  await act(() => vi.advanceTimersByTimeAsync(REVISION_POLL_MS + 1_500));
  await act(async () => void (await done));
  expect(await view.findByText('r2')).toBeInTheDocument();
  expect(await heard).toMatchObject({ type: 'store-changed' });
  other.close();
  await act(() => vi.advanceTimersByTimeAsync(REVISION_POLL_MS + 500));
  expect(store.actuals).toBe(2);
});
