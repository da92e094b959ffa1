import type { ActualsQuery, ActualsResponse } from '@/domain/contract/api-contract';
import { unpackFigures, type PackedFigures } from '@/domain/contract/actuals-columns';
import { nextTurn } from '@/domain/shared/next-turn';
import type { Observation } from '@/domain/shared/observation';
import { directCore } from './direct-core';
import { apiHeaders, apiMode, apiUrl, getJson } from './http';
import type { FiguresMessage, FiguresRequest } from './figures-protocol';

/** The query string of `GET /actuals` for a query (the ordinary request's and the worker's). */
export const actualsParams = (query: ActualsQuery) => ({ set: query.targetSet, target: query.target, metric: query.metrics, region: query.regions, from: query.from, to: query.to });

/** The longest the page spends making observations before it gives the page a turn: well under a long task (50 ms). */
const SLICE_MS = 20;
/** How many observations are made between looks at the clock. */
const SLICE_CHECK = 2_000;

/** How far a refetch has got: bytes read so far, then figures taken over of all. */
export type RefetchProgress = { bytes: number; figures?: number; total?: number };

/**
 * `GET /actuals` in its column form (`form=columns`) read, parsed and checked in a worker
 * (`figures-worker.ts`) — on a server asked by this page at once and its body handed to the worker unread,
 * in the demo asked by the worker of its core directly, past the service worker and this page
 * (`directCore`) — and handed over packed in transferred typed arrays; the page makes the
 * observations from them in slices of at most SLICE_MS, so a set of a million figures is taken over
 * without a long task, its strings shared (one per distinct metric, region, source note…). Where the
 * worker cannot (no workers, a refusal, a failed check, a network error) it asks again with `getJson`,
 * so errors are worded and handled in one place.
 */
export function fetchActualsOffThread(query: ActualsQuery, onProgress?: (progress: RefetchProgress) => void): Promise<ActualsResponse> {
  const ordinary = () => getJson('/actuals', actualsParams(query), undefined, (c) => c.actualsResponseSchema);
  if (typeof Worker === 'undefined') return ordinary();
  const worker = new Worker(new URL('./figures-worker.ts', import.meta.url), { type: 'module', name: 'figures' });
  let bytes = 0;
  return new Promise<ActualsResponse>((resolve, reject) => {
    let fellBack = false;
    // The page's own request (on a server), stopped when the worker is given up on before it is answered.
    const request = new AbortController();
    // Once, whichever trouble is heard first (the page's request, the worker's script, the worker's report).
    const fallBack = () => {
      if (fellBack) return;
      fellBack = true;
      request.abort();
      worker.terminate();
      ordinary().then(resolve, reject);
    };
    worker.onerror = fallBack;
    worker.onmessageerror = fallBack;
    worker.onmessage = (event: MessageEvent<FiguresMessage>) => {
      const message = event.data;
      if (message.type === 'received') onProgress?.({ bytes: (bytes = message.bytes) });
      else if (message.type === 'figures') {
        worker.terminate();
        takeOver(message.packed, (figures) => onProgress?.({ bytes, figures, total: message.packed.count })).then((observations) => resolve({ ...message.rest, observations }), reject);
      } else fallBack();
    };
    const url = apiUrl('/actuals', { ...actualsParams(query), form: 'columns' }).href;
    const core = directCore()?.connect();
    if (core || apiMode() !== 'server') {
      const request: FiguresRequest = { type: 'fetch', url, headers: apiHeaders(), ...(core ? { core } : {}) };
      worker.postMessage(request, core ? [core] : []);
      return;
    }
    // On a server the request leaves now, from the page, beside the page's other first requests: asked by the
    // worker it waited for the worker's script to load and start (150 ms and more in the traces). Its body is
    // handed to the worker unread — transferred as a stream, or where a stream cannot be, as the bytes the
    // browser gathered — so the page still parses nothing.
    const read = (given: Extract<FiguresRequest, { type: 'read' }>) => worker.postMessage(given, [given.body]);
    fetch(url, { headers: apiHeaders(), credentials: 'same-origin', signal: request.signal })
      .then(async (response) => {
        const body = response.body;
        if (fellBack || !response.ok || !body) {
          // Given up on already, or a refusal or an empty answer (asked again the ordinary way, which words it).
          body?.cancel().catch(() => undefined);
          fallBack();
          return;
        }
        try {
          read({ type: 'read', body });
        } catch {
          // A browser that cannot transfer a stream (the clone fails before anything is sent): its bytes instead.
          const gathered = await new Response(body).arrayBuffer();
          if (!fellBack) read({ type: 'read', body: gathered });
        }
      })
      .catch(fallBack);
  });
}

/** The observations of a pack, made a slice at a time (each at most SLICE_MS, then the page's turn). */
async function takeOver(packed: PackedFigures, onSlice: (figures: number) => void): Promise<Observation[]> {
  const observations: Observation[] = [];
  let done = 0;
  while (done < packed.count) {
    const start = performance.now();
    do {
      const end = Math.min(done + SLICE_CHECK, packed.count);
      unpackFigures(packed, done, end, observations);
      done = end;
    } while (done < packed.count && performance.now() - start < SLICE_MS);
    onSlice(done);
    if (done < packed.count) await nextTurn();
  }
  return observations;
}
