import type { TargetFileText } from '@/backend/target-files';
import type { CoreRequest, CoreResponse } from '@/domain/contract/core-messages';

export type { CoreRequest, CoreResponse };

/**
 * Messages between the page and the demo's core worker (`core-worker.ts`).
 * Bodies travel as transferred ArrayBuffers, so a 90 MB batch is handed over,
 * not copied, and nothing on the page parses it.
 */
export type CoreInit = {
  type: 'init';
  /** The API's absolute base URL, as the page's fetches use it. */
  base: string;
  /** Target files to serve instead of the bundled ones (the commit benchmark's generated province). */
  files?: TargetFileText[];
  /** The IndexedDB database to use instead of the demo's. */
  database?: string;
  /** The largest batch body instead of the demo's `PROVINCE_BATCH_BYTES` (the contract suite: the contract's 32 MiB). */
  maxBatchBytes?: number;
};

/**
 * A port of its own to the core (`CoreClient.connect`): requests sent on it
 * are answered on it, so a worker can reach the core without its bodies
 * passing through the page.
 */
export type CoreConnect = { type: 'connect'; port: MessagePort };

export type CoreToWorker = CoreInit | CoreRequest | CoreConnect;

export type CoreReady = { type: 'ready'; persistent: boolean };
export type CoreStartFailed = { type: 'start-failed'; message: string };
export type CoreToPage = CoreReady | CoreStartFailed | CoreResponse;
