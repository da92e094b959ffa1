import type { StoredFigure } from '@/domain/import/types';
import type { TargetSet } from '@/domain/targets/target-set';
import type {
  BatchBody,
  Done,
  Failed,
  ImportDecisions,
  InspectChoices,
  Inspected,
  Progress,
  Rejected,
  WorkerRequest,
  WorkerResponse,
} from './import-protocol';
import { WORKER_OUTDATED } from './import-protocol';

/**
 * The page's side of the import worker, started on first use. Cancelling is
 * `worker.terminate()`: nothing half-done survives, and nothing was stored,
 * because storing happens only when the analyst confirms. The next task after
 * a cancel starts a fresh worker. A worker whose code does not load (its
 * 'error' event: after a new version was deployed, the old script or a chunk
 * it imports is gone) answers `worker_outdated`, a failure the page words as
 * "reload the page", and the next task starts a fresh worker.
 */
export type ImportSession = {
  inspect(file: File, set: TargetSet, choices: InspectChoices): Promise<Inspected | Rejected | Failed>;
  /** Checks the whole file with the decisions inspection made (and the analyst corrected). */
  run(
    input: { file: File; set: TargetSet; targetSetId: string; decisions: ImportDecisions; stored: StoredFigure[]; scope?: string },
    onProgress: (progress: Progress) => void,
  ): Promise<Done | Failed>;
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
      // Errors inside a task are answered as `failed` by the worker itself. An error event without a message
      // (a plain Event) is the worker's script or one of its chunks failing to load: the worker never ran.
      target.onerror = (event: Event) => {
        rejectPending = undefined;
        const { message } = event as Partial<ErrorEvent>;
        if (message) {
          reject(new Error(message));
          return;
        }
        event.preventDefault();
        target.terminate();
        if (worker === target) worker = undefined;
        resolve(WORKER_OUTDATED as T);
      };
      target.postMessage(request);
    });
  }

  return {
    inspect: (file, set, choices) => ask({ type: 'inspect', file, set, choices }),
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
