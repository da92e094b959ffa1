import { QueryClient } from '@tanstack/react-query';
import { expect, test } from 'vitest';
import { actualQueries, figuresOfPage, pageFiguresOptions } from '@/api/actuals';
import type { ActualsResponse } from '@/domain/contract/api-contract';

const SET = 'ruzhou-2020';
const whole: ActualsResponse = { observations: [{ metric: 'm', region: 'r', year: 2020, value: 1, source: 'import' }], years: [2020] };

test('which figures a page reads: none on the import page or under a snapshot, a target’s on its page, else the set’s', () => {
  expect(figuresOfPage({ page: 'import' }, SET)).toBeUndefined();
  expect(figuresOfPage({ page: 'scorecard', snapshot: 's1' }, SET)).toBeUndefined();
  expect(figuresOfPage({ page: 'target', target: 't1', snapshot: 's1' }, SET)).toBeUndefined();
  expect(figuresOfPage({ page: 'target', target: 't1' }, SET)).toEqual({ targetSet: SET, target: 't1' });
  expect(figuresOfPage({ page: 'dashboard' }, SET)).toEqual({ targetSet: SET });
  // The snapshots page lists snapshots of the live set: its figures are the set's.
  expect(figuresOfPage({ page: 'snapshots', snapshot: 's1' }, SET)).toEqual({ targetSet: SET });
});

test('a target’s figures start from the set’s whole answer only while that answer is settled: not once invalidated, refetching or failed', async () => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } });
  const wholeKey = actualQueries.list({ targetSet: SET }).queryKey;
  const options = pageFiguresOptions(client, { targetSet: SET, target: 't1' });
  const initial = () => (options.initialData as () => ActualsResponse | undefined)();
  expect(initial()).toBeUndefined();
  client.setQueryData(wholeKey, whole);
  expect(initial()).toBe(whole);
  expect((options.initialDataUpdatedAt as () => number | undefined)()).toBe(client.getQueryState(wholeKey)?.dataUpdatedAt);
  // A write (this tab's commit, another tab's seen by the store watch) invalidates it: the target asks for its own.
  await client.invalidateQueries({ queryKey: actualQueries.all(), refetchType: 'none' });
  expect(initial()).toBeUndefined();
  // Being fetched again: not yet.
  client.setQueryData(wholeKey, whole);
  let release: (value: ActualsResponse) => void = () => {};
  const refetch = client.fetchQuery({ queryKey: wholeKey, queryFn: () => new Promise<ActualsResponse>((resolve) => (release = resolve)), staleTime: 0 });
  expect(initial()).toBeUndefined();
  release(whole);
  await refetch;
  expect(initial()).toBe(whole);
  // The whole set's own query is never started from itself.
  expect('initialData' in pageFiguresOptions(client, { targetSet: SET })).toBe(false);
});
