import { actualsColumnsResponseSchema, type ActualsColumnsResponse } from '@/domain/contract/api-contract';
import { packColumns, type PackedFigures } from '@/domain/contract/actuals-columns';
import { checkBody } from '@/domain/contract/fast-check';

/** The answer without its columns, as the contract has it (`lastUpdated`, and whatever a newer server adds). */
const answerSchema = actualsColumnsResponseSchema.omit({ columns: true });

/**
 * The figures worker's check of a `GET /actuals?form=columns` answer against the contract, and its columns
 * packed: the answer's other fields by the contract's schema, the columns by `packColumns`, which checks all
 * the schema says of them in plain loops (zod's parse of a province's columns is a long task where its
 * compiler may not run). A module of its own, so the worker can start its request before the contract's
 * schemas (zod) have loaded and been built. It does not wait for zod's compiler: the schema it still runs is
 * a few fields, checked alike either way (`checkBody`).
 */
export function checkColumnsAnswer(body: unknown): { ok: true; packed: PackedFigures; rest: Omit<ActualsColumnsResponse, 'columns'> } | { ok: false; message: string } {
  const checked = checkBody(answerSchema, body);
  if (!checked.ok) return checked;
  // `checkBody` hands back the body as received, columns and all: they go to the page packed, not as well as lists.
  const { columns, ...rest } = checked.value as typeof checked.value & { columns?: unknown };
  const packed = packColumns(columns);
  return packed.ok ? { ok: true, packed: packed.packed, rest } : packed;
}
