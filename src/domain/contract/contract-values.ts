/**
 * The contract's plain values — header names and roles — apart from its zod schemas
 * (`api-contract.ts`), so the client's first page can send them without loading zod.
 */

/**
 * Who is asking. The demo sends it in the `X-Demo-Role` header; a real backend
 * takes it from its own authentication and ignores the header. Viewers read;
 * analysts also import and undo; admins also manage users.
 */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_HEADER = 'X-Demo-Role';

/**
 * Whether a role may save target files (`PUT /target-sets/{id}`): an admin on
 * a server, where a plan is the bureau's to change; in the demo, which has no
 * admin to play, an analyst too.
 */
export function roleMayEditTargetFiles(role: Role, host: 'demo' | 'server'): boolean {
  return role === 'admin' || (host === 'demo' && role === 'analyst');
}

/** Whether a role may import and undo (analysts and admins): the backend's write check and the client's offer of those pages. */
export function roleMayWrite(role: Role): boolean {
  return role === 'analyst' || role === 'admin';
}

/**
 * A commit's retry key (`Idempotency-Key: <8–128 letters, digits, - or _>`):
 * posting the same key again returns the batch it stored instead of storing
 * it twice.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * The revision an import preview was checked against (`If-Match: "<revision>"`
 * on `POST /batches`): when the stored figures changed since, the commit is
 * refused with 409 `stale_preview`, so the preview can be checked again.
 */
export const PRECONDITION_HEADER = 'If-Match';

/**
 * The largest `POST /batches` body of the hosts people import a province
 * into: 256 MiB, enough for a 1,000,000-figure long-format import (about 90
 * bytes a figure). The Node server's default (`MAX_BATCH_MB`) and the
 * in-browser demo's, whose body never leaves the browser (the page hands it
 * to the core worker). The core's own default is the contract's 32 MiB
 * (`MAX_BATCH_BYTES`).
 */
export const PROVINCE_BATCH_BYTES = 256 * 1024 * 1024;
