import type { QueryClient } from '@tanstack/react-query';
import type { ActualsQuery, ActualsResponse } from '@/domain/contract/api-contract';
import type { Observation } from '@/domain/shared/observation';
import { actualQueries, actualsParams } from './actuals';
import { directCore } from './direct-core';
import { apiHeaders, apiUrl, getJson } from './http';
import type { FiguresMessage, FiguresRequest, FiguresToWorker } from './figures-protocol';

/** Figures per message from the figures worker: taking one over (a task of its own) stays within a frame or two. */
export const FIGURES_CHUNK = 2_500;

/** How far a refetch has got: bytes read so far, then figures handed over of all. */
export type RefetchProgress = { bytes: number; figures?: number; total?: number };

/**
 * `GET /actuals` read, parsed and checked in a worker (`figures-worker.ts`)
 * — in the demo asked of its core directly, past the service worker and this
 * page (`directCore`) — and taken over here in chunks, so a set of a million figures refetches
 * without a long task on the page. Where the worker cannot (no workers, a
 * refusal, a failed check, a network error) it asks again with `getJson`, so
 * errors are worded and handled in one place.
 */
export function fetchActualsOffThread(query: ActualsQuery, onProgress?: (progress: RefetchProgress) => void): Promise<ActualsResponse> {
  const ordinary = () => getJson('/actuals', actualsParams(query), undefined, (c) => c.actualsResponseSchema);
  if (typeof Worker === 'undefined') return ordinary();
  const worker = new Worker(new URL('./figures-worker.ts', import.meta.url), { type: 'module', name: 'figures' });
  const observations: Observation[] = [];
  let bytes = 0;
  return new Promise<ActualsResponse>((resolve, reject) => {
    const fallBack = () => {
      worker.terminate();
      ordinary().then(resolve, reject);
    };
    worker.onerror = fallBack;
    worker.onmessage = (event: MessageEvent<FiguresMessage>) => {
      const message = event.data;
      if (message.type === 'received') onProgress?.({ bytes: (bytes = message.bytes) });
      else if (message.type === 'chunk') {
        for (const observation of message.observations) observations.push(observation);
        onProgress?.({ bytes, figures: observations.length, total: message.total });
        worker.postMessage({ type: 'next' } satisfies FiguresToWorker);
      } else if (message.type === 'done') {
        worker.terminate();
        resolve({ ...message.rest, observations });
      } else fallBack();
    };
    const core = directCore()?.connect();
    const request: FiguresRequest = { type: 'fetch', url: apiUrl('/actuals', actualsParams(query)).href, headers: apiHeaders(), chunkSize: FIGURES_CHUNK, ...(core ? { core } : {}) };
    worker.postMessage(request, core ? [core] : []);
  });
}

/**
 * Refetches every actuals query on screen off the page's thread (see
 * `fetchActualsOffThread`) and marks the others stale for their next use.
 * The answer replaces the old one whole: comparing a million figures with the
 * ones they replace (TanStack Query's structural sharing) would itself be a
 * long task.
 */
export async function refetchFiguresOffThread(client: QueryClient, onProgress?: (progress: RefetchProgress) => void): Promise<void> {
  const active = client.getQueryCache().findAll({ queryKey: actualQueries.all(), type: 'active' });
  await client.invalidateQueries({ queryKey: actualQueries.all(), refetchType: 'none' });
  await Promise.all(
    active.map((query) => {
      const actualsQuery = query.queryKey[1] as ActualsQuery;
      return client.fetchQuery({
        queryKey: actualQueries.list(actualsQuery).queryKey,
        queryFn: () => fetchActualsOffThread(actualsQuery, onProgress),
        staleTime: 0,
        structuralSharing: false,
      // A failure stays in the query's state, where the page shows it; the write itself succeeded.
      }).catch(() => undefined);
    }),
  );
}
