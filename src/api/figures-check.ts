import { actualsColumnsResponseSchema } from '@/domain/contract/api-contract';
import { checkBody, compilerReady } from '@/domain/contract/fast-check';
import type { ActualsColumnsResponse } from '@/domain/contract/api-contract';

/**
 * The figures worker's check of a `GET /actuals?form=columns` answer against the contract: a module of
 * its own, so the worker can start its request before the contract's schemas (zod) have loaded and been
 * built, and check the answer once both are there.
 */
export async function checkColumnsAnswer(body: unknown): Promise<{ ok: true; value: ActualsColumnsResponse } | { ok: false; message: string }> {
  await compilerReady;
  return checkBody(actualsColumnsResponseSchema, body);
}
