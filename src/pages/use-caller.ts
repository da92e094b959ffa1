import { useQuery } from '@tanstack/react-query';
import { sessionQueries } from '@/api/batches';
import type { Role } from '@/domain/contract/api-contract';
import { useRole } from '@/stores/role-store';

/** Who is using the import and data pages, as far as they need to know. */
export type Caller = {
  role: Role;
  /** Analysts and admins may import and undo. */
  canWrite: boolean;
  /** The region an analyst is limited to (and the regions under it); undefined: the whole target set. */
  region?: string | undefined;
  /** True until the API has said who the caller is (`region` is not known before). */
  pending: boolean;
  /** Set when `GET /session` failed; `retry` asks again. */
  error?: unknown;
  retry: () => void;
};

/**
 * The one place the import and data pages learn who is asking.
 *
 * TEMPORARY (until the session layer lands): the role is the demo's role switch
 * (`stores/role-store.ts`) and the region comes from `GET /session`. When
 * `src/api/session.ts` exports `useSession()` (→ `{ user: { name, role, region? }
 * | undefined, mode, canWrite }`), this body becomes a read of that hook and
 * nothing else in the pages changes.
 */
export function useCaller(): Caller {
  const role = useRole((s) => s.role);
  const session = useQuery(sessionQueries.detail(role));
  const user = session.data?.user;
  return {
    role: user?.role ?? role,
    canWrite: (user?.role ?? role) !== 'viewer',
    region: user?.region,
    pending: session.isPending,
    ...(session.isError ? { error: session.error } : {}),
    retry: () => void session.refetch(),
  };
}
