import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { ApiError, apiBaseUrl, getJson, onUnauthenticated, sendJson, sendJsonText, setApiRole } from '@/api/http';
import { ROLE_HEADER } from '@/domain/contract/contract-values';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
  vi.unstubAllEnvs();
  setApiRole('viewer');
});
afterAll(() => server.close());

const url = (path: string) => `${apiBaseUrl()}${path}`;
/** A backend that takes the request and never answers. */
const neverAnswers = (path: string) => server.use(http.get(url(path), () => delay('infinite')));

test('a request that never answers ends as a timeout error after the default 20 s', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  neverAnswers('/meta');
  const result = getJson('/meta').then(
    () => 'answered',
    (error: unknown) => error,
  );
  await vi.advanceTimersByTimeAsync(19_900);
  let settled = false;
  void result.then(() => (settled = true));
  await Promise.resolve();
  expect(settled).toBe(false);
  await vi.advanceTimersByTimeAsync(200);
  const error = await result;
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ kind: 'timeout', timeoutMs: 20_000 });
});

test('a request can be given its own timeout, and a write times out too', async () => {
  server.use(http.post(url('/batches'), () => delay('infinite')));
  await expect(sendJson('POST', '/batches', { x: 1 }, undefined, { timeoutMs: 50 })).rejects.toMatchObject({ kind: 'timeout', timeoutMs: 50 });
});

test('an answer within the timeout is no error, and the timer does not fire afterwards', async () => {
  server.use(http.get(url('/meta'), async () => (await delay(20), HttpResponse.json({ ok: true }))));
  await expect(getJson('/meta', {}, undefined, undefined, { timeoutMs: 2_000 })).resolves.toEqual({ ok: true });
});

test('the caller’s abort (TanStack Query cancelling) still ends the request, as an abort, not an ApiError', async () => {
  neverAnswers('/actuals');
  const controller = new AbortController();
  const pending = getJson('/actuals', {}, controller.signal);
  setTimeout(() => controller.abort(), 20);
  const error = await pending.catch((e: unknown) => e);
  expect(error).not.toBeInstanceOf(ApiError);
  expect((error as Error).name).toBe('AbortError');
});

test('the demo sends the role header; a real build never does, and every request goes with same-origin credentials', async () => {
  const seen: (string | null)[] = [];
  server.use(http.get(url('/session'), ({ request }) => (seen.push(request.headers.get(ROLE_HEADER)), HttpResponse.json({}))));
  const fetchSpy = vi.spyOn(globalThis, 'fetch');
  setApiRole('analyst');
  await getJson('/session');
  vi.stubEnv('VITE_API_MODE', 'real');
  await getJson('/session');
  expect(seen).toEqual(['analyst', null]);
  expect(fetchSpy.mock.calls.map(([, init]) => init?.credentials)).toEqual(['same-origin', 'same-origin']);
});

test('writes with a body send Content-Type: application/json, with the extra headers given', async () => {
  const seen: Record<string, string | null>[] = [];
  server.use(
    http.post(url('/batches'), ({ request }) => {
      seen.push({ type: request.headers.get('Content-Type'), key: request.headers.get('Idempotency-Key') });
      return HttpResponse.json({ ok: true }, { status: 201 });
    }),
  );
  await sendJsonText('POST', '/batches', '{"a":1}', undefined, { headers: { 'Idempotency-Key': 'abcdefgh1234' } });
  await sendJson('POST', '/batches', { a: 1 });
  expect(seen).toEqual([
    { type: 'application/json', key: 'abcdefgh1234' },
    { type: 'application/json', key: null },
  ]);
});

test('a 401 is kind unauthenticated and tells the session layer; a refused sign-in does not', async () => {
  const told: string[] = [];
  const stop = onUnauthenticated((error) => told.push(`${error.code}`));
  server.use(
    http.get(url('/actuals'), () => HttpResponse.json({ error: { code: 'unauthenticated', message: 'Sign in to use the API.' } }, { status: 401 })),
    http.post(url('/session'), () => HttpResponse.json({ error: { code: 'invalid_credentials', message: 'Wrong name or password.' } }, { status: 401 })),
  );
  await expect(getJson('/actuals')).rejects.toMatchObject({ kind: 'unauthenticated', status: 401, code: 'unauthenticated' });
  await expect(sendJson('POST', '/session', { name: 'a', password: 'b' })).rejects.toMatchObject({ kind: 'unauthenticated', code: 'invalid_credentials' });
  stop();
  await expect(getJson('/actuals')).rejects.toMatchObject({ kind: 'unauthenticated' });
  expect(told).toEqual(['unauthenticated']);
});

test('a 429 carries the Retry-After seconds, given as a number or as a date', async () => {
  const tooMany = (retryAfter: string) =>
    server.use(
      http.post(url('/session'), () =>
        HttpResponse.json({ error: { code: 'too_many_attempts', message: 'Wait.' } }, { status: 429, headers: { 'Retry-After': retryAfter } }),
      ),
    );
  tooMany('42');
  await expect(sendJson('POST', '/session', {})).rejects.toMatchObject({ kind: 'client', status: 429, code: 'too_many_attempts', retryAfter: 42 });
  tooMany(new Date(Date.now() + 90_000).toUTCString());
  const error = (await sendJson('POST', '/session', {}).catch((e: unknown) => e)) as ApiError;
  expect(error.retryAfter).toBeGreaterThanOrEqual(88);
  expect(error.retryAfter).toBeLessThanOrEqual(90);
});

test('an empty answer to a write without a schema is fine; an empty answer where JSON is expected is not', async () => {
  server.use(
    http.delete(url('/session'), () => new HttpResponse(null, { status: 200 })),
    http.get(url('/meta'), () => new HttpResponse('', { status: 200 })),
  );
  await expect(sendJson('DELETE', '/session')).resolves.toBeUndefined();
  await expect(getJson('/meta', {}, undefined, (c) => c.metaResponseSchema)).rejects.toMatchObject({
    kind: 'invalid_response',
  });
});
