import type { ImportOverrides, StoredFigure } from '@/domain/import/types';
import type { TargetSet } from '@/domain/targets/target-set';
import type { BatchBody, Done, Failed, Inspected, Progress, Rejected, WorkerRequest, WorkerResponse } from './import-protocol';

/**
 * The page's side of the import worker. Each task runs in its own worker, so
 * cancelling is `worker.terminate()`: nothing half-done survives, and nothing
 * was stored, because storing happens only when the analyst confirms.
 */
export type ImportSession = {
  inspect(file: File, set: TargetSet, overrides: ImportOverrides): Promise<Inspected | Rejected | Failed>;
  run(
    input: { file: File; set: TargetSet; targetSetId: string; overrides: ImportOverrides; stored: StoredFigure[] },
    onProgress: (progress: Progress) => void,
  ): Promise<Done | Rejected | Failed>;
  /** The batch to post for the last completed run, serialised in the worker. */
  batchBody(): Promise<BatchBody | Failed>;
  cancel(): void;
};

export function createImportSession(): ImportSession {
  let worker: Worker | undefined;
  let rejectPending: ((reason: Error) => void) | undefined;

  const ensure = () =>
    (worker ??= new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'csv-import' }));

  function ask<T extends WorkerResponse>(request: WorkerRequest, onProgress?: (p: Progress) => void): Promise<T> {
    const target = ensure();
    return new Promise<T>((resolve, reject) => {
      rejectPending = reject;
      target.onmessage = (event: MessageEvent<WorkerResponse>) => {
        if (event.data.type === 'progress') onProgress?.(event.data);
        else {
          rejectPending = undefined;
          resolve(event.data as T);
        }
      };
      target.onerror = (event) => {
        rejectPending = undefined;
        reject(new Error(event.message || 'The import worker failed'));
      };
      target.postMessage(request);
    });
  }

  return {
    inspect: (file, set, overrides) => ask({ type: 'inspect', file, set, overrides }),
    run: (input, onProgress) => ask({ type: 'run', ...input }, onProgress),
    batchBody: () => ask({ type: 'batch-body' }),
    cancel() {
      worker?.terminate();
      worker = undefined;
      rejectPending?.(new DOMException('Import cancelled', 'AbortError'));
      rejectPending = undefined;
    },
  };
}
