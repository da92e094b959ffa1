import { http, HttpResponse } from 'msw';
import {
  ROLE_HEADER,
  type ActualsResponse,
  type ApiErrorBody,
  type BatchListResponse,
  type BatchResponse,
  type CreateBatchRequest,
  type MetaResponse,
  type RegionListResponse,
  type TargetSetFileResponse,
  type TargetSetListResponse,
} from '@/domain/contract/api-contract';
import { commitBatch, currentObservations, removeBatch, summarize, type MockBackend } from './backend';
import { takeFault } from './faults';

function errorResponse(status: number, code: string, message: string): Response {
  return HttpResponse.json<ApiErrorBody>({ error: { code, message } }, { status });
}

/** A response for an injected fault, or undefined to answer normally. */
function injected(backend: MockBackend, resource: string) {
  const fault = takeFault(backend.faults, resource);
  if (!fault) return undefined;
  if (fault.status === 'network') return HttpResponse.error();
  return errorResponse(fault.status, 'injected_fault', `Demo fault injected for ${resource} (HTTP ${fault.status}).`);
}

/** Writes need the analyst role; the demo sends it in a header (a real backend uses its authentication). */
function refuseViewer(request: Request) {
  if (request.headers.get(ROLE_HEADER) === 'analyst') return undefined;
  return errorResponse(403, 'forbidden', 'Only analysts can change data. Officials (viewer role) can read but not import or remove.');
}

/** A short reason why a posted batch is malformed, or undefined when it is fine. */
function badBatch(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'The body must be a JSON object.';
  const b = body as Partial<CreateBatchRequest>;
  if (typeof b.fileName !== 'string' || b.fileName.length === 0) return 'fileName is required.';
  if (typeof b.targetSet !== 'string') return 'targetSet is required.';
  if (!Array.isArray(b.figures)) return 'figures must be a list.';
  const number = (n: unknown) => n === undefined || (typeof n === 'number' && Number.isFinite(n));
  const bad = b.figures.findIndex(
    (f) =>
      typeof f?.metric !== 'string' ||
      typeof f.region !== 'string' ||
      !Number.isInteger(f.year) ||
      !number(f.value) ||
      !number(f.numerator) ||
      !number(f.denominator) ||
      (f.value === undefined && (f.numerator === undefined || f.denominator === undefined)),
  );
  return bad >= 0 ? `figures[${bad}] needs metric, region, an integer year and a value or numerator and denominator.` : undefined;
}

function listParam(url: URL, name: string): string[] | undefined {
  const values = url.searchParams.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return values.length > 0 ? values : undefined;
}

function yearParam(url: URL, name: string): number | undefined | 'invalid' {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  return /^\d{4}$/.test(raw) ? Number(raw) : 'invalid';
}

/**
 * The mock API's handlers, one per resource, for the browser (service worker)
 * and for Node (Vitest) alike. `base` is the API's absolute base URL. The
 * backend is read per request, so it can be built while the worker registers.
 */
export function createHandlers(getBackend: () => MockBackend, base: string) {
  return [
    http.get(`${base}/target-sets`, () => {
      const backend = getBackend();
      return injected(backend, 'target-sets') ?? HttpResponse.json<TargetSetListResponse>({ targetSets: backend.files.map(summarize) });
    }),

    http.get(`${base}/target-sets/:id`, ({ params }) => {
      const backend = getBackend();
      const fault = injected(backend, 'target-set');
      if (fault) return fault;
      const file = backend.files.find((f) => f.id === params.id);
      if (!file) return errorResponse(404, 'not_found', `No target set with id "${String(params.id)}".`);
      return HttpResponse.json<TargetSetFileResponse>({ id: file.id, file: file.file, format: file.format, content: file.content });
    }),

    http.get(`${base}/target-sets/:id/regions`, ({ params }) => {
      const backend = getBackend();
      const fault = injected(backend, 'regions');
      if (fault) return fault;
      const file = backend.files.find((f) => f.id === params.id);
      if (!file) return errorResponse(404, 'not_found', `No target set with id "${String(params.id)}".`);
      if (!file.set) return errorResponse(422, 'invalid_target_file', `The target file ${file.file} is invalid.`);
      return HttpResponse.json<RegionListResponse>({ regions: file.set.regions });
    }),

    http.get(`${base}/actuals`, ({ request }) => {
      const backend = getBackend();
      const fault = injected(backend, 'actuals');
      if (fault) return fault;
      const url = new URL(request.url);
      const from = yearParam(url, 'from');
      const to = yearParam(url, 'to');
      if (from === 'invalid' || to === 'invalid') return errorResponse(400, 'bad_request', 'from and to must be four-digit years.');
      const setId = url.searchParams.get('set');
      const set = setId === null ? undefined : backend.files.find((f) => f.id === setId);
      if (setId !== null && !set) return errorResponse(404, 'not_found', `No target set with id "${setId}".`);
      if (set && !set.set) return errorResponse(422, 'invalid_target_file', `The target file ${set.file} is invalid.`);
      const setMetrics = set?.set?.metrics.map((m) => m.id);
      const metrics = listParam(url, 'metric');
      const regions = listParam(url, 'region');
      const observations = currentObservations(backend).filter(
        (o) =>
          (!setMetrics || setMetrics.includes(o.metric)) &&
          (!metrics || metrics.includes(o.metric)) &&
          (!regions || regions.includes(o.region)) &&
          (from === undefined || o.year >= from) &&
          (to === undefined || o.year <= to),
      );
      return HttpResponse.json<ActualsResponse>({ observations, lastUpdated: backend.lastUpdated });
    }),

    http.get(`${base}/meta`, () => {
      const backend = getBackend();
      return (
        injected(backend, 'meta') ??
        HttpResponse.json<MetaResponse>({
          lastUpdated: backend.lastUpdated,
          demo: currentObservations(backend).some((o) => o.source === 'demo'),
        })
      );
    }),

    http.get(`${base}/batches`, () => {
      const backend = getBackend();
      const fault = injected(backend, 'batches');
      if (fault) return fault;
      const batches = backend.batches.map(({ figures: _figures, replaced: _replaced, ...summary }) => summary).reverse();
      return HttpResponse.json<BatchListResponse>({ batches });
    }),

    http.get(`${base}/batches/:id`, ({ params }) => {
      const batch = getBackend().batches.find((b) => b.id === params.id);
      if (!batch) return errorResponse(404, 'not_found', `No import batch with id "${String(params.id)}".`);
      return HttpResponse.json<BatchResponse>({ batch });
    }),

    http.post(`${base}/batches`, async ({ request }) => {
      const backend = getBackend();
      const fault = injected(backend, 'commit');
      if (fault) return fault;
      const refused = refuseViewer(request);
      if (refused) return refused;
      const body: unknown = await request.json().catch(() => undefined);
      const problem = badBatch(body);
      if (problem) return errorResponse(400, 'bad_request', problem);
      const batch = await commitBatch(backend, body as CreateBatchRequest);
      return HttpResponse.json<BatchResponse>({ batch }, { status: 201 });
    }),

    http.delete(`${base}/batches/:id`, async ({ request, params }) => {
      const backend = getBackend();
      const refused = refuseViewer(request);
      if (refused) return refused;
      const removed = await removeBatch(backend, String(params.id));
      if (!removed) return errorResponse(404, 'not_found', `No import batch with id "${String(params.id)}".`);
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
