/// <reference lib="webworker" />
import { batchBody, inspectFile, runImport, type PendingBatch } from './import-pipeline';
import { isModuleLoadFailure, WORKER_OUTDATED, type WorkerRequest, type WorkerResponse } from './import-protocol';

/**
 * The import worker: decoding, parsing, mapping and validation run here so the
 * page stays responsive (see import-pipeline.ts). It keeps the last checked
 * batch until the page confirms, and serialises it here, off the main thread.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerResponse) => scope.postMessage(message);

let lastBatch: PendingBatch | undefined;

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'inspect':
      post(await inspectFile(request.file, request.set, request.choices));
      return;
    case 'run': {
      lastBatch = undefined;
      const { result, batch } = await runImport(request, post);
      lastBatch = batch;
      post(result);
      return;
    }
    case 'batch-body': {
      if (!lastBatch) {
        post({ type: 'failed', message: { severity: 'error', code: 'decode_failed', params: { detail: 'no checked import to commit' } } });
        return;
      }
      // Written from the checked figures' columns, without building the request's objects or one string of it.
      const { buffer } = batchBody(lastBatch);
      scope.postMessage({ type: 'batch-body', bytes: buffer, figures: lastBatch.selection.slots.length } satisfies WorkerResponse, [buffer]);
    }
  }
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  handle(event.data).catch((error: unknown) =>
    post(
      // A chunk that no longer exists (a new version was deployed): the page says to reload.
      isModuleLoadFailure(error)
        ? WORKER_OUTDATED
        : { type: 'failed', message: { severity: 'error', code: 'decode_failed', params: { detail: error instanceof Error ? error.message : String(error) } } },
    ),
  );
};
