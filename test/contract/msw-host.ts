import 'fake-indexeddb/auto';
import { setupServer } from 'msw/node';
import { MAX_BATCH_BYTES } from '@/backend/batch-routes';
import { ROLE_HEADER } from '@/domain/contract/contract-values';
import { connectCore, type CoreClient, type CorePort } from '@/mocks/core-client';
import { serveCore, type CoreEndpoint } from '@/mocks/core-host';
import { createProxyHandlers } from '@/mocks/proxy-handlers';
import type { ContractHost, ContractHostFactory, ContractUser } from './host';

let started = 0;

/**
 * The demo as a contract host, wired as the browser wires it: MSW's proxy
 * handler (`createProxyHandlers`) hands each request, body as bytes, over a
 * message channel to the backend core served as the core worker serves it
 * (`serveCore`), over the demo's own IndexedDB storage (fake-indexeddb, a
 * fresh database per host). Node's `MessageChannel` stands in for the worker. The user is
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
    const channels: MessageChannel[] = [];
    const open = async (base: string): Promise<CoreClient> => {
      const channel = new MessageChannel();
      channels.push(channel);
      serveCore(channel.port2 as unknown as CoreEndpoint);
      // The contract's 32 MiB body limit, as the server's contract host has it (the demo itself takes 256 MiB).
      const core = connectCore(channel.port1 as unknown as CorePort, base, { database, maxBatchBytes: MAX_BATCH_BYTES });
      await core.ready;
      return core;
    };
    const base = `http://host-${n}.contract.test/api`;
    let current = await open(base);
    const server = setupServer(...createProxyHandlers((request) => current.call(request), [], base));
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
        current = await open(base);
      },
      async sibling() {
        siblings += 1;
        const siblingBase = `http://host-${n}-tab-${siblings}.contract.test/api`;
        const tab = await open(siblingBase);
        server.use(...createProxyHandlers((request) => tab.call(request), [], siblingBase));
        return { request: requester(siblingBase) };
      },
      async close() {
        server.close();
        for (const channel of channels) {
          channel.port1.close();
          channel.port2.close();
        }
      },
    };
  },
};
