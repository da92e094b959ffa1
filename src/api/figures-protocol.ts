import type { ActualsResponse } from '@/domain/contract/api-contract';
import type { Observation } from '@/domain/shared/observation';

/** What the page asks the figures worker (`figures-worker.ts`): one `GET /actuals` with these headers, handed back in chunks. */
export type FiguresRequest = {
  url: string;
  headers: Record<string, string>;
  chunkSize: number;
  /** In the demo, a port of the worker's own to the backend core (`DirectCore.connect`), asked instead of `fetch`. */
  core?: MessagePort;
};

/** What the figures worker answers: bytes as they arrive, then the figures in chunks, then the rest of the body; or that it could not. */
export type FiguresMessage =
  | { type: 'received'; bytes: number }
  | { type: 'chunk'; observations: Observation[]; total: number }
  | { type: 'done'; rest: Omit<ActualsResponse, 'observations'> }
  | { type: 'failed'; message: string };
