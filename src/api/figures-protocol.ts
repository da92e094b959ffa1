import type { ActualsResponse } from '@/domain/contract/api-contract';
import type { Observation } from '@/domain/shared/observation';

/**
 * What the page asks the figures worker (`figures-worker.ts`): one `GET
 * /actuals` with these headers, handed back in chunks — the first at once,
 * each further one when the page asks for it (`next`), so the page takes one
 * chunk per task (a worker's messages queued at once may be handled in one).
 */
export type FiguresRequest = {
  type: 'fetch';
  url: string;
  headers: Record<string, string>;
  chunkSize: number;
  /** In the demo, a port of the worker's own to the backend core (`DirectCore.connect`), asked instead of `fetch`. */
  core?: MessagePort;
};

export type FiguresToWorker = FiguresRequest | { type: 'next' };

/** What the figures worker answers: bytes as they arrive, then the figures in chunks, then the rest of the body; or that it could not. */
export type FiguresMessage =
  | { type: 'received'; bytes: number }
  | { type: 'chunk'; observations: Observation[]; total: number }
  | { type: 'done'; rest: Omit<ActualsResponse, 'observations'> }
  | { type: 'failed'; message: string };
