import type { TargetFileText } from '@/backend/target-files';

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

export type CoreRequest = {
  type: 'request';
  id: number;
  url: string;
  method: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
};

export type CoreToWorker = CoreInit | CoreRequest;

export type CoreReady = { type: 'ready'; persistent: boolean };
export type CoreStartFailed = { type: 'start-failed'; message: string };
export type CoreResponse = {
  type: 'response';
  id: number;
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
};

export type CoreToPage = CoreReady | CoreStartFailed | CoreResponse;
