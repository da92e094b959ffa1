import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { expect, test } from 'vitest';
import { actualQueries, refetchFiguresOffThread } from '@/api/actuals';
import { RUZHOU_SET, setupMockApi } from '../mock-server';

setupMockApi();

test('after a write, figures no page shows are dropped (the next page asks again); figures on screen are fetched again', async () => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const hidden = actualQueries.list({ targetSet: RUZHOU_SET, regions: ['410482101'] });
  const shown = actualQueries.list({ targetSet: RUZHOU_SET });
  await client.prefetchQuery(hidden);
  await client.prefetchQuery(shown);
  const observer = new QueryObserver(client, shown);
  const unsubscribe = observer.subscribe(() => undefined);
  const before = client.getQueryState(shown.queryKey)?.dataUpdatedAt ?? 0;
  try {
    await refetchFiguresOffThread(client);
    // A page opened after the write (an export made at once) never sees the figures from before it.
    expect(client.getQueryData(hidden.queryKey)).toBeUndefined();
    expect(client.getQueryData(shown.queryKey)?.observations.length).toBeGreaterThan(0);
    expect(client.getQueryState(shown.queryKey)?.dataUpdatedAt).toBeGreaterThanOrEqual(before);
    expect(client.getQueryState(shown.queryKey)?.isInvalidated).toBe(false);
  } finally {
    unsubscribe();
  }
});
