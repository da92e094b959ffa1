import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { BatchResponse } from '@/domain/contract/api-contract';
import type { ApiEnv } from './app';
import { checkBatchRequest } from './batch-rules';
import { commitBatch, removeBatch, type Backend } from './figure-store';
import { refusalResponse } from './refusal';
import { writeRefusal } from './roles';

/**
 * The largest `POST /batches` body: 32 MiB, about 300,000 figures. A batch
 * holds one figure per metric, region and year of one target set, so a plan's
 * batch is far smaller (the Ruzhou set has 13 metrics × 22 regions).
 */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

const analystOnly = createMiddleware<ApiEnv>(async (c, next) => {
  const refusal = writeRefusal(c.get('caller'));
  if (refusal) return refusalResponse(c, refusal);
  await next();
});

const jsonOnly = createMiddleware<ApiEnv>(async (c, next) => {
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

/** The two writes, analysts only: commit a checked batch, and undo one. */
export function batchWriteRoutes(backend: Backend, maxBytes: number) {
  const routes = new Hono<ApiEnv>();
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => refusalResponse(c, { status: 413, code: 'payload_too_large', message: `body: larger than the limit of ${maxBytes} bytes.` }),
  });

  routes.post('/batches', analystOnly, jsonOnly, limit, async (c) => {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return refusalResponse(c, { status: 400, code: 'invalid_json', message: `body: not valid JSON (${reason.slice(0, 200)}).` });
    }
    const checked = checkBatchRequest(body, backend.files);
    if (!checked.ok) return refusalResponse(c, checked.refusal);
    const batch = await commitBatch(backend, checked.value);
    return c.json<BatchResponse>({ batch }, 201);
  });

  routes.delete('/batches/:id', analystOnly, async (c) => {
    const id = c.req.param('id');
    if (!(await removeBatch(backend, id))) return refusalResponse(c, { status: 404, code: 'not_found', message: `No import batch with id "${id}".` });
    return c.body(null, 204);
  });

  return routes;
}
