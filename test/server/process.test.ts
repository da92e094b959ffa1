// @vitest-environment node
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fakeSpa } from './harness';
import { freshDataDir, removeDataDir } from './pglite';

/**
 * The built server as a process (dist-server/node/main.js, built here with
 * `--server-only`): it listens, answers over real HTTP, refuses a second
 * process on its data folder and a bad configuration, and stops gracefully
 * on SIGTERM (a request in flight still gets its answer; the lock is released).
 */
let dir: string;
let spa: ReturnType<typeof fakeSpa>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  execFileSync('node', ['src/server/build.mjs', '--server-only'], { stdio: 'pipe' });
  dir = await freshDataDir();
  spa = fakeSpa();
}, 120_000);
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  removeDataDir(dir);
  spa.remove();
});

function start(env: Record<string, string> = {}) {
  const child = spawn('node', ['dist-server/node/main.js'], {
    env: { ...process.env, DATA_DIR: dir, PORT: '0', STATIC_DIR: spa.dir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const check = setInterval(() => {
      const url = /"msg":"listening","url":"([^"]+)"/.exec(output)?.[1];
      if (url) {
        clearInterval(check);
        resolve(url);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(check);
      reject(new Error(`exited before listening: ${output}`));
    });
  });
  return { child, listening, exited, output: () => output };
}

test('the process serves, refuses a second one on its data folder, and stops gracefully on SIGTERM', async () => {
  const server = start();
  const url = await server.listening;
  const health = await fetch(`${url}/healthz`);
  expect(health.status).toBe(200);
  expect(health.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
  expect(await (await fetch(`${url}/data`)).text()).toContain('<div id="root">');
  expect(existsSync(join(dir, 'server.lock'))).toBe(true);

  const second = start();
  await expect(second.listening).rejects.toThrow(/in use by process/);
  expect(await second.exited).toBe(1);

  // A request in flight when SIGTERM arrives still gets its answer.
  const inFlight = fetch(`${url}/api/meta`);
  await new Promise((r) => setTimeout(r, 5));
  server.child.kill('SIGTERM');
  expect((await inFlight).status).toBe(401);
  expect(await server.exited).toBe(0);
  expect(server.output()).toContain('"msg":"stopped"');
  expect(existsSync(join(dir, 'server.lock'))).toBe(false);
  // The log lines are JSON, one per line.
  for (const line of server.output().trim().split('\n')) expect(() => JSON.parse(line), line).not.toThrow();
}, 120_000);

test('a bad configuration stops the server at start with a message naming the variable', async () => {
  const server = start({ PORT: 'eighty', SESSION_HOURS: '-1', DATABASE_URL: 'mysql://x' });
  await expect(server.listening).rejects.toThrow(/PORT: a port number.*\n.*SESSION_HOURS.*\n.*DATABASE_URL/s);
  expect(await server.exited).toBe(2);
}, 60_000);
