import { http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { actualQueries } from '@/api/actuals';
import { apiBaseUrl, getJson } from '@/api/http';
import { metaQueries } from '@/api/meta';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const answer = (path: string, body: JsonBodyType) => server.use(http.get(`${apiBaseUrl()}${path}`, () => HttpResponse.json(body)));
const run = <T>(options: { queryFn?: unknown }) => (options.queryFn as (context: { signal: AbortSignal }) => Promise<T>)({ signal: new AbortController().signal });

test('an answer that does not match the contract is an invalid_response error that says where', async () => {
  answer('/actuals', { lastUpdated: '2021-03-31', observations: [{ metric: 'm', region: 'r', year: 2020, value: 1, source: 'demo' }, { metric: 'm', region: 'r', year: '2020', source: 'demo' }] });
  await expect(run(actualQueries.list({}))).rejects.toMatchObject({
    name: 'ApiError',
    kind: 'invalid_response',
    message: expect.stringContaining('observations[1].year'),
  });
});

test('a matching answer is returned; a field the contract does not name (from a newer server) is no error', async () => {
  answer('/meta', { lastUpdated: '2021-03-31T09:00:00+08:00', demo: false, revision: 3, extra: 'from a newer server' });
  await expect(run(metaQueries.detail())).resolves.toMatchObject({ lastUpdated: '2021-03-31T09:00:00+08:00', demo: false });
});

test('a bad item deep in a long list is found and named', async () => {
  const observations = Array.from({ length: 5000 }, (_, i) => ({ metric: 'm', region: 'r', year: 2000 + (i % 20), value: i, source: 'demo' }));
  answer('/actuals', { lastUpdated: 'x', observations: [...observations, { metric: 'm', region: 'r', year: 2020, value: 1, source: 'guess' }] });
  await expect(run(actualQueries.list({}))).rejects.toMatchObject({ kind: 'invalid_response', message: expect.stringContaining('observations[5000].source') });
});

test('getJson checks against the schema it is given', async () => {
  answer('/actuals', { observations: 'none' });
  await expect(getJson('/actuals', {}, undefined, (c) => c.actualsResponseSchema)).rejects.toMatchObject({ kind: 'invalid_response' });
});

test('an error body that is not the contract’s still gives an ApiError with the status', async () => {
  server.use(http.get(`${apiBaseUrl()}/meta`, () => HttpResponse.json({ oops: true }, { status: 502, statusText: 'Bad Gateway' })));
  await expect(run(metaQueries.detail())).rejects.toMatchObject({ kind: 'server', status: 502, message: 'Bad Gateway' });
});
