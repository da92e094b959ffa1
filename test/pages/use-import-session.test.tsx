import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { actualQueries } from '@/api/actuals';
import { batchQueries } from '@/api/batches';
import { apiBaseUrl, ApiError, setApiRole } from '@/api/http';
import { metaQueries } from '@/api/meta';
import { createApi } from '@/backend/app';
import { commitBatch } from '@/backend/figure-store';
import type { CreateBatchRequest } from '@/domain/contract/api-contract';
import { IDEMPOTENCY_HEADER, PRECONDITION_HEADER } from '@/domain/contract/contract-values';
import { demoCaller } from '@/mocks/core-app';
import type { MockBackend } from '@/mocks/backend';
import { useImportSession } from '@/pages/use-import-session';
import type { ImportSession } from '@/workers/import-client';
import { inspectFile } from '@/workers/import-pipeline';
import type { Done, Failed, ImportDecisions, RunRequest } from '@/workers/import-protocol';
import { setupMockApi } from '../mock-server';
import { buildXlsx } from '../domain/import/xlsx-fixture';
import { DONE_ONE_ADDITION, ONE_ADDITION } from '../fixtures/import';
import { ruzhouSet } from '../fixtures/ruzhou';

const api = setupMockApi();
/** Waits on the state, never on a fixed time: generously, since the machine may be busy. */
const SOON = { timeout: 10_000 };
vi.setConfig({ testTimeout: 30_000 });
const set = ruzhouSet();

const csv = () => new File(['汝州市统计表\n地区,年份,指标,数值\n寄料镇,2020,普惠性幼儿园覆盖率,85.3\n'], 'figures.csv');
const counts = ONE_ADDITION;
const done = DONE_ONE_ADDITION;
const batch: CreateBatchRequest = {
  fileName: 'figures.csv',
  encoding: 'utf-8',
  layout: 'long',
  targetSet: 'ruzhou-2020',
  counts,
  figures: [{ metric: 'inclusive_kindergarten_coverage', region: '410482101', year: 2020, value: 85.3 }],
};

/**
 * A stand-in for the import worker: inspection is the real one (in-process),
 * a check answers with `runAnswer` — or waits until cancelled when it is
 * undefined — and every request is recorded.
 */
function fakeWorker(runAnswer?: Done | Failed) {
  const calls = { runs: [] as ImportDecisions[], inputs: [] as Omit<RunRequest, 'type'>[], batchBodies: 0, cancels: 0 };
  let abort: ((error: Error) => void) | undefined;
  const worker: ImportSession = {
    inspect: (file, targetSet, choices) => inspectFile(file, targetSet, choices),
    run: (input) => {
      calls.runs.push(input.decisions);
      calls.inputs.push(input);
      return runAnswer ? Promise.resolve(runAnswer) : new Promise((_resolve, reject) => (abort = reject));
    },
    batchBody: () => {
      calls.batchBodies += 1;
      return Promise.resolve({ type: 'batch-body', bytes: new TextEncoder().encode(JSON.stringify(batch)).buffer, figures: 1 });
    },
    cancel: () => {
      calls.cancels += 1;
      abort?.(new DOMException('Import cancelled', 'AbortError'));
    },
  };
  return { calls, connect: () => worker };
}

function renderSession(worker: ReturnType<typeof fakeWorker>, scope?: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const hook = renderHook(() => useImportSession({ set, setId: 'ruzhou-2020', scope }, worker.connect), { wrapper });
  return { ...hook, client };
}

async function inspected(hook: ReturnType<typeof renderSession>['result']) {
  act(() => hook.current.choose(csv()));
  await waitFor(() => expect(hook.current.state.status).toBe('inspected'), SOON);
}

beforeEach(() => setApiRole('analyst'));
afterEach(() => setApiRole('viewer'));

test('the worker checks with the decisions inspection made, as the analyst corrected them', async () => {
  const worker = fakeWorker(done);
  const { result } = renderSession(worker);
  await inspected(result);
  const state = result.current.state;
  if (state.status !== 'inspected' || !state.decisions.shape) throw new Error('no table found');
  const { shape } = state.decisions;
  expect(shape).toMatchObject({ headerRow: 2, titleRows: [1], layout: 'long' });
  act(() => result.current.changeShape({ headerRow: 2, layout: 'long', columns: shape.columns, defaultYear: 2020 }));
  act(() => result.current.check());
  await waitFor(() => expect(result.current.state.status).toBe('checked'), SOON);
  expect(worker.calls.runs).toEqual([{ encoding: 'utf-8', bomLength: 0, shape: { ...shape, defaultYear: 2020 }, values: {} }]);
});

test('a workbook is checked on the sheet inspection chose, and choosing another sheet reads that one afresh', async () => {
  const worker = fakeWorker(done);
  const { result } = renderSession(worker);
  const bytes = buildXlsx([
    { name: '2020', rows: { 1: ['地区', '年份', '指标', '数值'], 2: ['寄料镇', { n: 2020 }, '普惠性幼儿园覆盖率', { n: 85.3 }] } },
    { name: '2021', rows: { 1: ['汝州市统计表'], 2: ['乡镇', '年份', '指标', '数值'], 3: ['寄料镇', { n: 2021 }, '普惠性幼儿园覆盖率', { n: 86 }] } },
  ]);
  act(() => result.current.choose(new File([new Uint8Array(bytes)], 'figures.xlsx')));
  await waitFor(() => expect(result.current.state.status).toBe('inspected'), SOON);
  const first = result.current.state;
  expect(first.status === 'inspected' && first.head.workbook).toEqual({ sheet: '2020', sheets: ['2020', '2021'] });
  act(() => result.current.changeSheet('2021'));
  await waitFor(() => {
    const state = result.current.state;
    expect(state.status === 'inspected' && state.decisions.shape?.headerRow).toBe(2);
  }, SOON);
  act(() => result.current.check());
  await waitFor(() => expect(result.current.state.status).toBe('checked'), SOON);
  expect(worker.calls.runs).toMatchObject([{ sheet: '2021', shape: { headerRow: 2, titleRows: [1] } }]);
});

test('names matched by hand go to the worker as ids with the next check', async () => {
  const worker = fakeWorker(done);
  const { result } = renderSession(worker);
  await inspected(result);
  act(() => result.current.check());
  await waitFor(() => expect(result.current.state.status).toBe('checked'), SOON);
  act(() => result.current.remap({ regions: { 风穴: '410482002' } }));
  await waitFor(() => expect(worker.calls.runs).toHaveLength(2), SOON);
  expect(worker.calls.runs[1]?.values).toEqual({ regions: { 风穴: '410482002' }, metrics: {} });
});

test('cancelling a check terminates the worker and stores nothing', async () => {
  const backend = api.useBackend();
  const worker = fakeWorker();
  const { result } = renderSession(worker);
  await inspected(result);
  act(() => result.current.check());
  expect(result.current.state.status).toBe('checking');
  act(() => result.current.cancel());
  expect(result.current.state.status).toBe('cancelled');
  expect(worker.calls.cancels).toBe(1);
  act(() => result.current.confirm());
  expect(worker.calls.batchBodies).toBe(0);
  expect(backend.batches).toEqual([]);
});

test('a failed check stores nothing and shows why', async () => {
  const backend = api.useBackend();
  const worker = fakeWorker({ type: 'failed', message: { severity: 'error', code: 'decode_failed', params: { detail: 'utf-8, byte 3' } } });
  const { result } = renderSession(worker);
  await inspected(result);
  act(() => result.current.check());
  await waitFor(() => expect(result.current.state).toMatchObject({ status: 'failed', trouble: { message: { code: 'decode_failed' } } }), SOON);
  act(() => result.current.confirm());
  expect(worker.calls.batchBodies).toBe(0);
  expect(backend.batches).toEqual([]);
});

test('confirming posts the batch the worker serialised and refreshes figures, meta and batches', async () => {
  const backend = api.useBackend();
  const worker = fakeWorker(done);
  const { result, client } = renderSession(worker);
  const invalidate = vi.spyOn(client, 'invalidateQueries');
  await inspected(result);
  act(() => result.current.check());
  await waitFor(() => expect(result.current.state.status).toBe('checked'), SOON);
  act(() => result.current.confirm());
  await waitFor(() => expect(result.current.state).toMatchObject({ status: 'committed', fileName: 'figures.csv' }), SOON);
  expect(backend.batches).toHaveLength(1);
  expect(backend.batches[0]).toMatchObject({ fileName: 'figures.csv', figureCount: 1 });
  expect(invalidate.mock.calls.map(([filters]) => filters?.queryKey)).toEqual(
    expect.arrayContaining([actualQueries.all(), metaQueries.all(), batchQueries.all()]),
  );
  expect(worker.calls.cancels).toBe(1);
});

test('discarding terminates the worker and goes back to choosing', async () => {
  const worker = fakeWorker(done);
  const { result } = renderSession(worker);
  await inspected(result);
  act(() => result.current.discard());
  expect(result.current.state).toEqual({ status: 'choosing', notice: 'discarded' });
  expect(worker.calls.cancels).toBe(1);
});

/** Checks the file and waits for the preview. */
async function checked(hook: ReturnType<typeof renderSession>['result']) {
  await inspected(hook);
  act(() => hook.current.check());
  await waitFor(() => expect(hook.current.state.status).toBe('checked'), SOON);
}

/**
 * Commits reach the core, but the answer to the first one is lost on the way
 * back (the network fails after the batch was stored); every commit's headers
 * are recorded.
 */
function loseFirstCommitAnswer(backend: MockBackend) {
  const app = createApi(backend, { basePath: new URL(apiBaseUrl()).pathname, identify: demoCaller });
  const commits: { key: string | null; match: string | null; status: number }[] = [];
  api.server.use(
    http.post(`${apiBaseUrl()}/batches`, async ({ request }) => {
      const answer = await app.fetch(request);
      commits.push({ key: request.headers.get(IDEMPOTENCY_HEADER), match: request.headers.get(PRECONDITION_HEADER), status: answer.status });
      return commits.length === 1 ? HttpResponse.error() : answer;
    }),
  );
  return commits;
}

test('confirming again after a lost answer stores the batch once: the same key, and the repeated 200 is success', async () => {
  const backend = api.useBackend();
  const commits = loseFirstCommitAnswer(backend);
  const { result } = renderSession(fakeWorker(done));
  await checked(result);
  const revision = backend.revision;
  act(() => result.current.confirm());
  await waitFor(() => expect(result.current.state).toMatchObject({ status: 'checked', commitError: { error: expect.any(ApiError) } }), SOON);
  expect(backend.batches).toHaveLength(1); // stored, though the page never heard
  act(() => result.current.confirm());
  await waitFor(() => expect(result.current.state.status).toBe('committed'), SOON);
  expect(backend.batches).toHaveLength(1);
  expect(commits.map((c) => c.status)).toEqual([201, 200]);
  expect(commits[0]!.key).toMatch(/^[0-9a-f]{32}$/);
  expect(commits[1]!.key).toBe(commits[0]!.key);
  expect(commits.map((c) => c.match)).toEqual([`"${revision}"`, `"${revision}"`]);
});

test('a new preview of the same file is a new commit, with a new key', async () => {
  const backend = api.useBackend();
  const commits = loseFirstCommitAnswer(backend);
  const { result } = renderSession(fakeWorker(done));
  await checked(result);
  act(() => result.current.confirm());
  await waitFor(() => expect(result.current.state).toHaveProperty('commitError'), SOON);
  act(() => result.current.remap({}));
  await waitFor(() => expect(result.current.state.status).toBe('checked'), SOON);
  act(() => result.current.confirm());
  await waitFor(() => expect(result.current.state.status).toBe('committed'), SOON);
  expect(commits[1]!.key).not.toBe(commits[0]!.key);
});

test('a preview made stale by another write is checked again against the figures stored now, and says so; nothing is lost', async () => {
  const backend = api.useBackend();
  const worker = fakeWorker(done);
  const { result } = renderSession(worker);
  await checked(result);
  const basis = backend.revision;
  expect(worker.calls.inputs[0]!.stored.some((o) => o.region === '410482001' && o.year === 2020 && o.metric === 'inclusive_kindergarten_coverage' && o.value === 61)).toBe(false);
  // Another analyst commits meanwhile.
  const other = { ...batch, fileName: 'other.csv', figures: [{ metric: 'inclusive_kindergarten_coverage', region: '410482001', year: 2020, value: 61 }] };
  await commitBatch(backend, other, { caller: { name: 'li', role: 'analyst' } });
  act(() => result.current.confirm());
  await waitFor(() => expect(result.current.state).toMatchObject({ status: 'checked', notice: 'rechecked', basis: basis + 1 }), SOON);
  expect(backend.batches.map((b) => b.fileName)).toEqual(['other.csv']);
  expect(worker.calls.runs).toEqual([worker.calls.runs[0], worker.calls.runs[0]]);
  expect(worker.calls.inputs[1]!.stored).toContainEqual(expect.objectContaining({ region: '410482001', year: 2020, metric: 'inclusive_kindergarten_coverage', value: 61 }));
  act(() => result.current.confirm());
  await waitFor(() => expect(result.current.state.status).toBe('committed'), SOON);
  expect(backend.batches.map((b) => b.fileName)).toEqual(['other.csv', 'figures.csv']);
});

test('an analyst limited to a region has the check run with that scope', async () => {
  const worker = fakeWorker(done);
  const { result } = renderSession(worker, '410482101');
  await checked(result);
  expect(worker.calls.inputs[0]).toMatchObject({ scope: '410482101', targetSetId: 'ruzhou-2020' });
});
