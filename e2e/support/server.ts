import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The real server as a black box for the end-to-end tests: the built server
 * (`node src/server/build.mjs`, part of `npm test`) over an embedded database in a
 * fresh temporary folder, started, stopped and restarted as a person would —
 * as a process, with users made by the users command.
 */

const SERVER_ENTRY = 'dist-server/node/main.js';
const USERS_ENTRY = 'dist-server/node/users.js';

export type E2eUser = { name: string; password: string; role: 'viewer' | 'analyst' | 'admin'; region?: string };

export class ServerProcess {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'e2e-server-'));
  private child: ChildProcess | undefined;
  readonly log: string[] = [];

  /** `env`: more of the server's settings (e.g. `TARGETS_DIR`), as an operator would set them. */
  constructor(
    readonly port: number,
    private readonly extraEnv: Readonly<Record<string, string>> = {},
  ) {}

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private env(): NodeJS.ProcessEnv {
    return { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', DATA_DIR: this.dataDir, LOG_LEVEL: 'warn', ...this.extraEnv };
  }

  /** `npm run users -- add …`, the password on standard input. */
  addUser(user: E2eUser): void {
    const args = [USERS_ENTRY, 'add', user.name, '--role', user.role, ...(user.region ? ['--region', user.region] : [])];
    const result = spawnSync(process.execPath, args, { env: this.env(), input: `${user.password}\n`, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`users add ${user.name} failed (${result.status}): ${result.stderr}${result.stdout}`);
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [SERVER_ENTRY], { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.log.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.log.push(chunk.toString()));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${this.log.join('')}`);
      try {
        const response = await fetch(`${this.baseURL}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the server did not answer /healthz within 60 s:\n${this.log.join('')}`);
  }

  /** SIGTERM, as a service manager stops it; resolves when the process has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timeout);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
