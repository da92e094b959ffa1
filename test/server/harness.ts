import { MAX_BATCH_BYTES } from '@/backend/batch-routes';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@/domain/contract/api-contract';
import { isSubUnit } from '@/domain/targets/target-helpers';
import { buildApp, type ServerApp } from '@/server/app';
import type { ServerConfig } from '@/server/config';
import type { Db } from '@/server/db';
import { createLogger, type Logger } from '@/server/log';
import { declaredRegions, readTargetFiles } from '@/server/targets';
import { addUser } from '@/server/users';
import { loadTargetFiles } from '@/backend/target-files';
import { ruzhouSet } from '../fixtures/ruzhou';

/** The in-process server for tests: the app over a given database, the repository's targets/, a clock tests can move. */

export const ORIGIN = 'http://localhost';

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '(unused)',
    targetsDir: 'targets',
    sessionHours: 12,
    trustProxy: false,
    demoData: false,
    logLevel: 'silent',
    staticDir: '(none)',
    // The contract suite's limit on every host (the core's default); the server's own default is larger.
    maxBatchBytes: MAX_BATCH_BYTES,
    ...overrides,
  };
}

/** A stand-in for the built SPA: index.html, a hashed asset and its source map. */
export function fakeSpa(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'server-spa-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app");\n//# sourceMappingURL=index-abc123.js.map');
  writeFileSync(join(dir, 'assets', 'index-abc123.js.map'), '{"version":3,"sources":["secret/src/app.tsx"]}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Log lines a test can read back (and check that no secret is in them). */
export function capturedLog(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger('debug', (line) => lines.push(line)), lines };
}

export const regions = () => {
  const set = ruzhouSet();
  const towns = set.regions.filter((r) => isSubUnit(r) && r.parent === set.jurisdiction);
  return { set, jurisdiction: set.jurisdiction, town: towns[0]!.id, otherTown: towns[1]!.id };
};

export const PASSWORD = 'correct horse battery';

export async function createUser(db: Db, name: string, role: Role, region?: string, password = PASSWORD): Promise<void> {
  const files = loadTargetFiles(readTargetFiles('targets'));
  const result = await addUser(db, { name, role, region, password }, { by: 'test', regions: declaredRegions(files) });
  if (!result.ok) throw new Error(result.refusal.message);
}

export type TestServer = ServerApp & {
  /** A request to the app at `ORIGIN` (same-origin headers for unsafe methods unless given). */
  request(path: string, init?: RequestInit & { cookie?: string }): Promise<Response>;
  /** Signs in through POST /api/session; the session cookie (`session=…`). */
  signIn(name: string, password?: string): Promise<string>;
};

export async function testServer(db: Db, options: { config?: Partial<ServerConfig>; now?: () => Date; log?: Logger } = {}): Promise<TestServer> {
  const built = await buildApp({ config: testConfig(options.config), db, log: options.log ?? createLogger('silent'), now: options.now });
  const request = (path: string, init: RequestInit & { cookie?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.cookie) headers.set('Cookie', init.cookie);
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD' && !headers.has('Origin')) headers.set('Origin', ORIGIN);
    return Promise.resolve(built.app.request(path.startsWith('http') ? path : `${ORIGIN}${path}`, { ...init, headers }));
  };
  const signIn = async (name: string, password = PASSWORD) => {
    const response = await request('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }) });
    if (response.status !== 200) throw new Error(`sign-in of ${name}: ${response.status} ${await response.text()}`);
    return /^(session=[^;]*)/.exec(response.headers.get('Set-Cookie') ?? '')![1]!;
  };
  return { ...built, request, signIn };
}
