import { expect, test, vi } from 'vitest';
import { apiBaseUrl } from '@/api/http';
import { ROLE_HEADER } from '@/domain/contract/contract-values';
import { faultResource } from '@/mocks/faults';
import { setupMockApi } from '../mock-server';

const api = setupMockApi();

test('the demo role header is how the host tells the core who is asking: a missing or unknown one is a viewer', async () => {
  api.useBackend();
  const post = (role?: string) =>
    fetch(`${apiBaseUrl()}/batches`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(role ? { [ROLE_HEADER]: role } : {}) }, body: '{}' });
  expect((await post()).status).toBe(403);
  expect((await post('superuser')).status).toBe(403);
  expect((await post('viewer')).status).toBe(403);
  expect((await post('analyst')).status).toBe(400);
  expect((await post('admin')).status).toBe(400);
});

test('an unknown route under the API base is answered by the core with a JSON 404', async () => {
  const response = await fetch(`${apiBaseUrl()}/nope/deeper`);
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
});

test('requests outside the API base are left to onUnhandledRequest (an error in tests)', async () => {
  const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  await expect(fetch(new URL('/elsewhere', apiBaseUrl()))).rejects.toThrow();
  expect(String(logged.mock.calls[0]?.[0])).toContain('without a matching request handler');
});

test('faults are named by resource, as ?mock-fault= spells them', () => {
  expect(
    [
      ['GET', '/target-sets'],
      ['GET', '/target-sets/x'],
      ['GET', '/target-sets/x/regions'],
      ['GET', '/actuals'],
      ['GET', '/meta'],
      ['GET', '/batches'],
      ['POST', '/batches'],
      ['GET', '/batches/x'],
      ['DELETE', '/batches/x'],
    ].map(([method, path]) => faultResource(method!, path!)),
  ).toEqual(['target-sets', 'target-set', 'regions', 'actuals', 'meta', 'batches', 'commit', undefined, undefined]);
});
