import { useSession } from '@/api/session';
import type { Role } from '@/domain/contract/api-contract';
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
 * The one place the import and data pages learn who is asking: the session
 * (`useSession`: the demo's role switch, or the server's signed-in user) with
 * the region an analyst is limited to.
 */
export function useCaller(): Caller {
  const session = useSession();
  return {
    role: session.user?.role ?? 'viewer',
    canWrite: session.canWrite,
    region: session.user?.region,
    pending: session.status === 'pending',
    ...(session.status === 'error' ? { error: session.error } : {}),
    retry: session.retry,
  };
}
