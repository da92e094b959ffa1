import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { apiBaseUrl } from '@/api/http';
import { createMockBackend, type MockBackend } from '@/mocks/backend';
import type { Fault } from '@/mocks/faults';
import { createHandlers } from '@/mocks/handlers';
import { bundledTargetFiles, type TargetFileText } from '@/mocks/target-files';

/** The target set the page and API tests are about. */
export const RUZHOU_SET = 'ruzhou-2020';

/**
 * `targets/ruzhou-2020.yaml`, by name: the tests' backend holds this file alone,
 * so other valid files in targets/ (which sort before it, or add figures) change nothing.
 */
export function ruzhouTargetFile(): TargetFileText {
  const file = bundledTargetFiles().find((f) => f.file === `${RUZHOU_SET}.yaml`);
  if (!file) throw new Error(`targets/${RUZHOU_SET}.yaml is missing: the page and API tests are written against it`);
  return file;
}

/**
 * The same handlers the browser uses, answering in Node, over a backend built
 * from the Ruzhou file. Call once per test file; `useBackend` swaps in a
 * backend built from other files or with faults.
 */
export function setupMockApi() {
  const initial = createMockBackend([ruzhouTargetFile()]);
  const server = setupServer(...createHandlers(() => initial, apiBaseUrl()));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    useBackend(files: readonly TargetFileText[] = [ruzhouTargetFile()], faults: Fault[] = []): MockBackend {
      const backend = createMockBackend(files, { faults });
      server.use(...createHandlers(() => backend, apiBaseUrl()));
      return backend;
    },
  };
}
