import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { apiBaseUrl } from '@/api/http';
import { createMockBackend, type MockBackend } from '@/mocks/backend';
import type { Fault } from '@/mocks/faults';
import { createHandlers } from '@/mocks/handlers';
import { bundledTargetFiles, type TargetFileText } from '@/mocks/target-files';

/**
 * The same handlers the browser uses, answering in Node. Call once per test
 * file; `useBackend` swaps in a backend built from other files or with faults.
 */
export function setupMockApi() {
  const initial = createMockBackend(bundledTargetFiles());
  const server = setupServer(...createHandlers(() => initial, apiBaseUrl()));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    useBackend(files: readonly TargetFileText[] = bundledTargetFiles(), faults: Fault[] = []): MockBackend {
      const backend = createMockBackend(files, { faults });
      server.use(...createHandlers(() => backend, apiBaseUrl()));
      return backend;
    },
  };
}
