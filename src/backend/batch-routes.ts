import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import {
  idempotencyKeySchema,
  type BatchCommittedResponse,
  type BatchResponse,
  type UndoResponse,
} from '@/domain/contract/api-contract';
import { IDEMPOTENCY_HEADER, PRECONDITION_HEADER } from '@/domain/contract/contract-values';
import type { ApiEnv } from './app';
import { checkBatchRequest, shown } from './batch-rules';
import { batchDetail, batchSummary, commitBatch, removeBatch, type Backend } from './figure-store';
import { refusalResponse, type Refusal } from './refusal';
import { scopeRefusal, writeRefusal } from './roles';

/**
 * The largest `POST /batches` body a host of the core takes unless told
 * otherwise: 32 MiB, about 300,000 figures. A batch holds one figure per
 * metric, region and year of one target set, so a plan's batch is far smaller
 * (the Ruzhou set has 13 metrics × 22 regions). The hosts people import a
 * province into take `PROVINCE_BATCH_BYTES` instead.
 */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

const analystOnly = createMiddleware<ApiEnv>(async (c, next) => {
  const refusal = writeRefusal(c.get('caller'));
  if (refusal) return refusalResponse(c, refusal);
  await next();
});

/** Writes with a body must say it is JSON: a cross-site form cannot send `application/json` without a preflight. */
export const jsonOnly = createMiddleware(async (c, next) => {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return refusalResponse(c, {
      status: 400,
      code: 'unsupported_media_type',
      message: `Content-Type: the body must be sent as application/json${type ? `, not ${type.slice(0, 60)}` : ''}.`,
    });
  }
  await next();
});

/** Reads a JSON body, or the refusal for one that does not parse. */
export async function jsonBody(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; refusal: Refusal }> {
  try {
    return { ok: true, body: JSON.parse(await request.text()) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, refusal: { status: 400, code: 'invalid_json', message: `body: not valid JSON (${reason.slice(0, 200)}).` } };
  }
}

const bad = (code: string, message: string): Refusal => ({ status: 400, code, message });

/**
 * The number an `If-Match` value names (`"12"`, `12`, `W/"12"`) of at most `digits` digits, or undefined when it is
 * not one: a commit's store revision, a target file's version.
 */
export function ifMatchNumber(match: string, digits: number): number | undefined {
  const found = new RegExp(`^(?:W/)?"?(\\d{1,${digits}})"?$`).exec(match.trim())?.[1];
  return found === undefined ? undefined : Number(found);
}

/** `Idempotency-Key` and `If-Match` of a commit, read strictly. */
function commitHeaders(request: Request): { ok: true; key?: string; basedOn?: number } | { ok: false; refusal: Refusal } {
  const key = request.headers.get(IDEMPOTENCY_HEADER) ?? undefined;
  if (key !== undefined && !idempotencyKeySchema.safeParse(key).success) {
    return { ok: false, refusal: bad('bad_request', `${IDEMPOTENCY_HEADER}: 8–128 letters, digits, "-" or "_", not ${shown(key)}.`) };
  }
  const match = request.headers.get(PRECONDITION_HEADER) ?? undefined;
  const revision = match === undefined ? undefined : ifMatchNumber(match, 15);
  if (match !== undefined && revision === undefined) {
    return { ok: false, refusal: bad('bad_request', `${PRECONDITION_HEADER}: a store revision such as "12", not ${shown(match)}.`) };
  }
  return { ok: true, ...(key === undefined ? {} : { key }), ...(revision === undefined ? {} : { basedOn: revision }) };
}

/** Whether a `Prefer` header (RFC 7240) asks for `return=minimal`. */
export function prefersMinimal(prefer: string | undefined): boolean {
  return (prefer ?? '').split(',').some((preference) => /^\s*return\s*=\s*"?minimal"?\s*(;|$)/i.test(preference));
}

/** The two writes, analysts (and admins) only: commit a checked batch, and undo one. */
export function batchWriteRoutes(backend: Backend, maxBytes: number) {
  const routes = new Hono<ApiEnv>();
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => refusalResponse(c, { status: 413, code: 'payload_too_large', message: `body: larger than the limit of ${maxBytes} bytes.` }),
  });

  routes.post('/batches', analystOnly, jsonOnly, limit, async (c) => {
    const headers = commitHeaders(c.req.raw);
    if (!headers.ok) return refusalResponse(c, headers.refusal);
    const body = await jsonBody(c.req.raw);
    if (!body.ok) return refusalResponse(c, body.refusal);
    const checked = checkBatchRequest(body.body, backend.files);
    if (!checked.ok) return refusalResponse(c, checked.refusal);
    const caller = c.get('caller');
    const set = backend.files.find((f) => f.id === checked.value.targetSet)!.set!;
    const outside = scopeRefusal(caller, set, checked.value.figures);
    if (outside) return refusalResponse(c, outside);
    const result = await commitBatch(backend, checked.value, { caller, idempotencyKey: headers.key, basedOn: headers.basedOn });
    if (result.kind === 'stale') {
      return refusalResponse(c, {
        status: 409,
        code: 'stale_preview',
        message: `The stored figures changed since this preview was checked (revision ${headers.basedOn}, now ${result.revision}): another import or undo was committed. Check the file again before committing.`,
      });
    }
    const status = result.kind === 'created' ? 201 : 200;
    // `Prefer: return=minimal`: the batch without its figures (a million of them would be echoed for nothing).
    if (prefersMinimal(c.req.header('Prefer'))) {
      return c.json<BatchCommittedResponse>({ batch: batchSummary(result.batch) }, status, { 'Preference-Applied': 'return=minimal' });
    }
    return c.json<BatchResponse>({ batch: batchDetail(result.batch) }, status);
  });

  routes.delete('/batches/:id', analystOnly, async (c) => {
    const id = c.req.param('id');
    const caller = c.get('caller');
    const result = await removeBatch(backend, id, {
      caller,
      allowed: (batch) => {
        const set = backend.files.find((f) => f.id === batch.targetSet)?.set;
        return !set || !scopeRefusal(caller, set, batch.figures);
      },
    });
    if (result.kind === 'not_found') return refusalResponse(c, { status: 404, code: 'not_found', message: `No import batch with id ${shown(id)}.` });
    if (result.kind === 'refused') {
      return refusalResponse(c, {
        status: 403,
        code: 'region_out_of_scope',
        message: `Batch ${result.batch.fileName} has figures outside ${caller.region}, the only region ${caller.name} may change; an analyst for the whole jurisdiction can undo it.`,
      });
    }
    return c.json<UndoResponse>({ undone: id, effect: result.effect });
  });

  return routes;
}
