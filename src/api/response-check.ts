import type { ZodType } from 'zod';
import * as contract from '@/domain/contract/api-contract';
import * as documents from '@/domain/contract/document-contract';
import { checkBody, compilerReady } from '@/domain/contract/fast-check';

/**
 * The contract's response checks, loaded apart from the first page's JavaScript (the schemas
 * are zod's, about 15 KB gzipped): `http.ts` starts importing this module with the first
 * request, so it arrives while that request is on its way.
 */

/** The contract's schemas (and the documents' ones: snapshots, notes), as callers pick theirs: `(contract) => contract.metaResponseSchema`. */
const schemas = { ...contract, ...documents };
export type Contract = typeof schemas;
export type PickSchema<T> = (schemas: Contract) => ZodType<T, T>;

/** Checks an answer's body against the schema `pick` names (see `checkBody`). */
export async function checkResponse<T>(pick: PickSchema<T>, body: unknown): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  await compilerReady;
  return checkBody(pick(schemas), body);
}

/** The `{ error: { code, message } }` of a refusal, when the body is one. */
export function errorOfBody(body: unknown): { code: string; message: string } | undefined {
  return contract.apiErrorBodySchema.safeParse(body).data?.error;
}
