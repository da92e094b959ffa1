import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Role } from '@/domain/contract/api-contract';

/**
 * The demo's role switch: officials read (viewer), analysts also import and
 * remove data. Kept in localStorage so a reload keeps it. The app sends it as
 * `X-Demo-Role` (demo build only); a real server takes the role from its
 * sign-in. Who may write is `useSession().canWrite` (`@/api/session`), which
 * reads the backend's answer in both builds.
 */
export const useRole = create<{ role: Role; setRole: (role: Role) => void }>()(
  persist((set) => ({ role: 'viewer', setRole: (role) => set({ role }) }), { name: 'dashboard.role' }),
);
