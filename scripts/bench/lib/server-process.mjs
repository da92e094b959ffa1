/**
 * The Node server as the server benchmark runs it: the built server (`dist-server/node/main.js`) as
 * a child process on 127.0.0.1, users made with its users command (the password on standard input),
 * a signed-in client (the session cookie, and the Origin a browser would send with a write), and
 * the process's resident memory read from /proc.
 */

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { PROJECT_DIR } from './project.mjs';

/**
 * @typedef {import('node:child_process').ChildProcess} ChildProcess
 * @typedef {{ name: string, password: string, role: 'viewer' | 'analyst' | 'admin' }} ServerUser
 * @typedef {{ status: number, text: string, ms: number }} Answer
 */

/** What `node src/server/build.mjs --server-only` builds (`npm run server` and `npm run users` run these). */
export const SERVER_BUILD = path.join(PROJECT_DIR, 'src', 'server', 'build.mjs');
export const SERVER_ENTRY = path.join(PROJECT_DIR, 'dist-server', 'node', 'main.js');
export const USERS_ENTRY = path.join(PROJECT_DIR, 'dist-server', 'node', 'users.js');
const START_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 180_000;

/**
 * Builds the server's Node part as `npm run server` does (the build skips it when it is newer than
 * its sources), and checks that the entry points are there.
 */
export function buildServer() {
  if (!existsSync(SERVER_BUILD)) throw new Error(`${path.relative(PROJECT_DIR, SERVER_BUILD)} not found: this checkout has no server`);
  const result = spawnSync(process.execPath, [SERVER_BUILD, '--server-only'], { cwd: PROJECT_DIR, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) throw new Error(`building the server failed (exit ${result.status ?? result.signal}):\n${result.stderr}${result.stdout}`);
  for (const file of [SERVER_ENTRY, USERS_ENTRY]) {
    if (!existsSync(file)) throw new Error(`${path.relative(PROJECT_DIR, file)} not found after ${path.relative(PROJECT_DIR, SERVER_BUILD)} --server-only`);
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
      });
    })
  );
}

/**
 * `npm run users -- add <name> --role <role>` against the database `env` names.
 * @param {NodeJS.ProcessEnv} env
 * @param {ServerUser} user
 */
export function addUser(env, user) {
  const result = spawnSync(process.execPath, [USERS_ENTRY, 'add', user.name, '--role', user.role], {
    env: { ...process.env, ...env },
    input: `${user.password}\n`,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`users add ${user.name} failed (exit ${result.status ?? result.signal}): ${result.stderr}${result.stdout}`);
}

/**
 * Resident memory of a process now and at its peak (VmRSS, VmHWM in /proc/<pid>/status), in bytes;
 * null where there is no /proc (not Linux).
 * @param {number} pid
 * @returns {Promise<{ rss: number, peak: number } | null>}
 */
export async function memoryOf(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  if (status === null) return null;
  /** @param {string} field */
  const kB = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kB('VmRSS'), peak: kB('VmHWM') };
}

/**
 * Samples a process's RSS every `everyMs` until `stop()`, which resolves to the highest seen.
 * @param {number} pid
 * @param {number} [everyMs]
 */
export function sampleMemory(pid, everyMs = 100) {
  let highest = 0;
  const read = async () => {
    const memory = await memoryOf(pid);
    if (memory && memory.rss > highest) highest = memory.rss;
  };
  void read();
  const timer = setInterval(() => void read(), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await read();
      return highest;
    },
  };
}

/**
 * The built server as a child process on 127.0.0.1:`port` with `env` (DATA_DIR or DATABASE_URL,
 * TARGETS_DIR, …). Its output is kept for the message if it fails.
 */
export class ServerProcess {
  /** @type {ChildProcess | undefined} */
  #child;
  /** @type {string[]} */
  log = [];

  /**
   * @param {string} label for messages
   * @param {number} port
   * @param {NodeJS.ProcessEnv} env
   * @param {string} [entry] the built server to run (another checkout's, to compare builds); SERVER_ENTRY by default
   */
  constructor(label, port, env, entry = SERVER_ENTRY) {
    this.label = label;
    this.entry = entry;
    this.port = port;
    this.env = { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' };
    this.origin = `http://127.0.0.1:${port}`;
  }

  get pid() {
    const pid = this.#child?.pid;
    if (pid === undefined) throw new Error(`${this.label}: not started`);
    return pid;
  }

  /** The last lines the server printed, for a message. */
  tail() {
    return this.log.join('').split('\n').slice(-15).join('\n');
  }

  /** Starts it and waits until /healthz answers 200; resolves to how long that took (ms). */
  async start() {
    const started = performance.now();
    const child = spawn(process.execPath, [this.entry], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    /** @param {Buffer} chunk */
    const keep = (chunk) => {
      this.log.push(chunk.toString());
      if (this.log.length > 200) this.log.splice(0, this.log.length - 200);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.label} exited (${child.exitCode ?? child.signalCode}) while starting:\n${this.tail()}`);
      const ok = await fetch(`${this.origin}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.label} did not answer /healthz within ${START_TIMEOUT_MS / 1000} s:\n${this.tail()}`);
  }

  /** Whether the process has exited (a crash under load shows here). */
  exited() {
    const child = this.#child;
    return child !== undefined && (child.exitCode !== null || child.signalCode !== null);
  }

  /** SIGTERM (graceful shutdown), SIGKILL after 15 s; resolves once it has exited. */
  async stop() {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * A client of one server signed in as `user` (`POST /api/session`): its session cookie on every
 * request, and on writes `Origin` (the server refuses writes from another origin) and JSON.
 * @param {ServerProcess} server
 * @param {ServerUser} user
 */
export async function signIn(server, user) {
  const response = await fetch(`${server.origin}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: server.origin },
    body: JSON.stringify({ name: user.name, password: user.password }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${server.label}: POST /api/session as ${user.name} answered ${response.status}: ${body.slice(0, 300)}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter(Boolean)
    .join('; ');
  if (!cookie) throw new Error(`${server.label}: POST /api/session answered 200 without a Set-Cookie`);

  /**
   * @param {string} method
   * @param {string} apiPath under /api, e.g. `/actuals?set=x`
   * @param {string} [json] a body, sent as application/json
   * @returns {Promise<Answer>}
   */
  const request = async (method, apiPath, json) => {
    const started = performance.now();
    /** @type {Record<string, string>} */
    const headers = { Cookie: cookie };
    if (method !== 'GET') headers.Origin = server.origin;
    if (json !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${server.origin}/api${apiPath}`, { method, headers, body: json, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).catch((error) => {
      throw new Error(`${server.label}: ${method} /api${apiPath} failed: ${error?.message ?? error}${server.exited() ? `; the server exited:\n${server.tail()}` : ''}`, { cause: error });
    });
    const text = await response.text();
    return { status: response.status, text, ms: performance.now() - started };
  };

  /**
   * A request that must answer `status`; resolves to the answer.
   * @param {string} method @param {string} apiPath @param {number} status @param {string} [json]
   */
  const expect = async (method, apiPath, status, json) => {
    const answer = await request(method, apiPath, json);
    if (answer.status !== status) throw new Error(`${server.label}: ${method} /api${apiPath} answered ${answer.status}, not ${status}: ${answer.text.slice(0, 400)}`);
    return answer;
  };
  return { cookie, request, expect };
}
