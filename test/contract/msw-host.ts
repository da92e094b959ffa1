import 'fake-indexeddb/auto';
import { setupServer } from 'msw/node';
import { loadBatches } from '@/backend/figure-store';
import { ROLE_HEADER } from '@/domain/contract/contract-values';
import { createMockBackend, type MockBackend } from '@/mocks/backend';
import { indexedDbBatchStorage } from '@/mocks/batch-storage';
import { createHandlers } from '@/mocks/handlers';
import { bundledTargetFiles } from '@/mocks/target-files';
import type { ContractHost, ContractHostFactory, ContractUser } from './host';

let started = 0;

/**
 * The demo as a contract host: the MSW handlers of `src/mocks/handlers.ts`
 * answering in Node (as `test/mock-server.ts` runs them), over the demo's own
 * IndexedDB storage (fake-indexeddb, a fresh database per host). The user is
 * sent as the demo sends it, in `X-Demo-Role`; the demo has no sign-in, so
 * there is no anonymous caller and no region.
 *
 * `restart()` builds a new mock backend on a new connection to the same
 * database (a page reload); `sibling()` is a second backend on its own
 * connection and its own base URL (a second tab).
 */
export const mswHost: ContractHostFactory = {
  name: 'MSW demo handlers over IndexedDB',
  unavailable: () => undefined,
  async start(): Promise<ContractHost> {
    const n = (started += 1);
    const database = `contract-${n}-${Date.now()}`;
    const files = bundledTargetFiles();
    const open = async () => {
      const backend = createMockBackend(files, { storage: indexedDbBatchStorage(database) });
      await loadBatches(backend);
      return backend;
    };
    let current: MockBackend = await open();
    const base = `http://host-${n}.contract.test/api`;
    const server = setupServer(...createHandlers(() => current, base));
    server.listen({ onUnhandledRequest: 'error' });

    const requester =
      (to: string) =>
      (path: string, init: RequestInit = {}, as: ContractUser | 'anonymous' = { name: 'official', role: 'viewer' }) => {
        const headers = new Headers(init.headers);
        // The demo's whole sign-in is this header: "anonymous" sends none (the demo then plays a viewer).
        if (as !== 'anonymous') headers.set(ROLE_HEADER, as.role);
        return fetch(`${to}${path}`, { ...init, headers });
      };
    let siblings = 0;
    return {
      name: mswHost.name,
      signIn: false,
      request: requester(base),
      async restart() {
        current = await open();
      },
      async sibling() {
        siblings += 1;
        const backend = await open();
        const siblingBase = `http://host-${n}-tab-${siblings}.contract.test/api`;
        server.use(...createHandlers(() => backend, siblingBase));
        return { request: requester(siblingBase) };
      },
      async close() {
        server.close();
      },
    };
  },
};
