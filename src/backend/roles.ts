import type { Role } from '@/domain/contract/api-contract';
import type { Refusal } from './refusal';

/**
 * Who is asking, as the host resolved it: the demo from its `X-Demo-Role`
 * header, a real server from its session. The core never reads credentials.
 */
export type Caller = { role: Role };

/** Reads are open to every caller; writes (import, undo) need the analyst role. */
export function writeRefusal(caller: Caller): Refusal | undefined {
  if (caller.role === 'analyst') return undefined;
  return { status: 403, code: 'forbidden', message: 'Only analysts can change data. Officials (viewer role) can read but not import or remove.' };
}
