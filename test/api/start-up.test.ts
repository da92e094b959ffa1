import { QueryClient } from '@tanstack/react-query';
import { expect, test } from 'vitest';
import { actualQueries } from '@/api/actuals';
import { metaQueries } from '@/api/meta';
import { sessionQueries } from '@/api/session';
import { prefetchStartUp } from '@/api/start-up';
import { targetSetQueries } from '@/api/target-sets';
import { RUZHOU_SET, setupMockApi } from '../mock-server';

const api = setupMockApi();

/** What the mock API was asked for while `run` ran, as method and path with query. */
async function requested(run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const listener = ({ request }: { request: Request }) => void seen.push(`${request.method} ${new URL(request.url).pathname.replace(/^.*\/api/, '')}${new URL(request.url).search}`);
  api.server.events.on('request:start', listener);
  try {
    await run();
  } finally {
    api.server.events.removeListener('request:start', listener);
  }
  return seen.sort();
}

/** Every prefetch settled: the queries the page will read are in the cache, fetched or failed. */
const settled = async (client: QueryClient) => {
  while (client.isFetching() > 0) await new Promise((resolve) => setTimeout(resolve, 5));
};

test('a page showing a set asks at once for the session, the meta, the list, the set file and its figures, under the pages\' own keys', async () => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const asked = await requested(async () => {
    prefetchStartUp(client, { page: 'scorecard', targetSet: RUZHOU_SET });
    await settled(client);
  });
  expect(asked).toEqual(['GET /actuals?set=ruzhou-2020', 'GET /meta', 'GET /session', 'GET /target-sets', `GET /target-sets/${RUZHOU_SET}`]);
  // The pages find the answers where they look for them.
  expect(client.getQueryData(metaQueries.detail().queryKey)).toMatchObject({ revision: expect.any(Number) });
  expect(client.getQueryData(targetSetQueries.list().queryKey)?.targetSets.map((s) => s.id)).toEqual([RUZHOU_SET]);
  expect(client.getQueryData(targetSetQueries.detail(RUZHOU_SET).queryKey)).toMatchObject({ ok: true });
  expect(client.getQueryData(actualQueries.list({ targetSet: RUZHOU_SET }).queryKey)?.observations.length).toBeGreaterThan(0);
  expect(client.getQueryState(sessionQueries.current('viewer').queryKey)?.status).toBe('success');
});

test('without a set in the address, or on a page that shows none, nothing of a set is asked for; the import page asks for the file, not the figures', async () => {
  const cases: [string, string | undefined][] = [
    ['dashboard', undefined],
    ['files', RUZHOU_SET],
    ['import', RUZHOU_SET],
  ];
  const asked: Record<string, string[]> = {};
  for (const [page, targetSet] of cases) {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    asked[page] = await requested(async () => {
      prefetchStartUp(client, { page, targetSet });
      await settled(client);
    });
  }
  const common = ['GET /meta', 'GET /session', 'GET /target-sets'];
  expect(asked).toEqual({ dashboard: common, files: common, import: [...common, `GET /target-sets/${RUZHOU_SET}`] });
});

test('a target’s page asks at once for that target’s figures only (`figuresOfPage`), as its page then reads them', async () => {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const target = 'inclusive-kindergarten-2020';
  const asked = await requested(async () => {
    prefetchStartUp(client, { page: 'target', targetSet: RUZHOU_SET, target });
    await settled(client);
  });
  expect(asked).toEqual([`GET /actuals?set=ruzhou-2020&target=${target}`, 'GET /meta', 'GET /session', 'GET /target-sets', `GET /target-sets/${RUZHOU_SET}`]);
  const answer = client.getQueryData(actualQueries.list({ targetSet: RUZHOU_SET, target }).queryKey);
  expect(new Set(answer?.observations.map((o) => o.metric))).toEqual(new Set(['inclusive_kindergarten_coverage']));
  expect(answer?.years).toEqual([2016, 2017, 2018, 2019, 2020]);
});
