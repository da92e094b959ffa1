import type { Context } from 'hono';
import type { ApiErrorBody } from '@/domain/contract/api-contract';

/** Why a request is refused: an HTTP status, a stable code and a message that locates the problem. */
export type Refusal = { status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503; code: string; message: string };

/** The contract's error body for a refusal. */
export function errorBody(refusal: Refusal): ApiErrorBody {
  return { error: { code: refusal.code, message: refusal.message } };
}

/** Answers a refusal with the contract's error body. */
export function refusalResponse(c: Context, refusal: Refusal): Response {
  return c.json(errorBody(refusal), refusal.status);
}
