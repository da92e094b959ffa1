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
 * (`stores/role-store.ts`), as the other pages read it, and an analyst's region
 * comes from `GET /session` (the demo has none; a server's scoped analyst has one). When
 * `src/api/session.ts` exports `useSession()` (→ `{ user: { name, role, region? }
 * | undefined, mode, canWrite }`), this body becomes a read of that hook and
 * nothing else in the pages changes.
 */
export function useCaller(): Caller {
  const role = useRole((s) => s.role);
  const canWrite = role !== 'viewer';
  // Only a writer's region matters; a viewer's pages need no answer first.
  const session = useQuery({ ...sessionQueries.detail(role), enabled: canWrite });
  return {
    role,
    canWrite,
    region: session.data?.user.region,
    pending: canWrite && session.isPending,
    ...(canWrite && session.isError ? { error: session.error } : {}),
    retry: () => void session.refetch(),
  };
}
