import type { ZodType } from 'zod';
import * as apiContract from '@/domain/contract/api-contract';
import * as documentContract from '@/domain/contract/document-contract';
import { checkBody, compilerReady } from '@/domain/contract/fast-check';

/**
 * The contract's response checks, loaded apart from the first page's JavaScript (the schemas
 * are zod's, about 15 KB gzipped): `http.ts` starts importing this module with the first
 * request, so it arrives while that request is on its way.
 */

/** The contract's schemas (batches and figures, and the documents: notes, snapshots), as callers pick theirs: `(contract) => contract.metaResponseSchema`. */
const contract = { ...apiContract, ...documentContract };
export type Contract = typeof contract;
export type PickSchema<T> = (schemas: Contract) => ZodType<T, T>;

/** Checks an answer's body against the schema `pick` names (see `checkBody`). */
export async function checkResponse<T>(pick: PickSchema<T>, body: unknown): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  await compilerReady;
  return checkBody(pick(contract), body);
}

/** The `{ error: { code, message } }` of a refusal, when the body is one. */
export function errorOfBody(body: unknown): { code: string; message: string; problems?: unknown[] } | undefined {
  return contract.apiErrorBodySchema.safeParse(body).data?.error;
}
