import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { actualQueries } from '@/api/actuals';
import { batchQueries } from '@/api/batches';
import { setApiRole } from '@/api/http';
import { metaQueries } from '@/api/meta';
import type { CreateBatchRequest } from '@/domain/contract/api-contract';
import { useImportSession } from '@/pages/use-import-session';
import type { ImportSession } from '@/workers/import-client';
import { inspectFile } from '@/workers/import-pipeline';
import type { Done, Failed, ImportDecisions } from '@/workers/import-protocol';
import { setupMockApi } from '../mock-server';
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
  const calls = { runs: [] as ImportDecisions[], batchBodies: 0, cancels: 0 };
  let abort: ((error: Error) => void) | undefined;
  const worker: ImportSession = {
    inspect: (file, targetSet, choices) => inspectFile(file, targetSet, choices),
    run: ({ decisions }) => {
      calls.runs.push(decisions);
      return runAnswer ? Promise.resolve(runAnswer) : new Promise((_resolve, reject) => (abort = reject));
    },
    batchBody: () => {
      calls.batchBodies += 1;
      return Promise.resolve({ type: 'batch-body', json: JSON.stringify(batch), figures: 1 });
    },
    cancel: () => {
      calls.cancels += 1;
      abort?.(new DOMException('Import cancelled', 'AbortError'));
    },
  };
  return { calls, connect: () => worker };
}

function renderSession(worker: ReturnType<typeof fakeWorker>) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const hook = renderHook(() => useImportSession({ set, setId: 'ruzhou-2020', observations: [] }, worker.connect), { wrapper });
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
