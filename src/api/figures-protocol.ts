import type { ActualsResponse } from '@/domain/contract/api-contract';
import type { PackedFigures } from '@/domain/contract/actuals-columns';

/**
 * What the page asks the figures worker (`figures-worker.ts`): one `GET /actuals` in its column form
 * (`form=columns`) with these headers (`fetch`); or to read an answer the page has already asked for
 * (`read`: its body, transferred — a stream where the browser can transfer one, else its bytes).
 */
export type FiguresRequest =
  | {
      type: 'fetch';
      url: string;
      headers: Record<string, string>;
      /** In the demo, a port of the worker's own to the backend core (`DirectCore.connect`), asked instead of `fetch`. */
      core?: MessagePort;
    }
  | { type: 'read'; body: ReadableStream<Uint8Array> | ArrayBuffer };

/**
 * What the figures worker answers: bytes as they arrive, then every figure at once, checked and packed in
 * typed arrays whose buffers are transferred (nothing copied; the page makes the observations from them a
 * slice at a time, `unpackFigures`), with the rest of the body; or that it could not.
 */
export type FiguresMessage =
  | { type: 'received'; bytes: number }
  | { type: 'figures'; packed: PackedFigures; rest: Omit<ActualsResponse, 'observations'> }
  | { type: 'failed'; message: string };
