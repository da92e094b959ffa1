import { create } from 'zustand';

/**
 * How the demo's in-browser backend keeps imports: `persistent` in IndexedDB
 * (a reload keeps them), `memory` when IndexedDB could not be opened (private
 * mode, blocked by another tab, switched off): the demo still runs, and the
 * page says imports are lost on reload. `unknown` until the backend started,
 * and always outside the demo.
 */
export type DemoStorage = 'unknown' | 'persistent' | 'memory';

export const useDemoHost = create<{ storage: DemoStorage }>()(() => ({ storage: 'unknown' }));
