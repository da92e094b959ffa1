import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for the server's tests: initdb in a temporary
 * folder, a free port, the unix socket in that folder (no TCP at all), stopped
 * and deleted in teardown. initdb refuses to run as root, so as root the
 * cluster belongs to the `postgres` user (`runuser -u postgres`). Where no
 * PostgreSQL 15+ binaries exist, `postgresUnavailable()` says why and the
 * tests that need it are skipped with that message printed.
 */

const ROOTS = ['/usr/lib/postgresql'];

/** The newest PostgreSQL (15 or later) `bin` folder with initdb and pg_ctl, if any. */
export function postgresBin(): string | undefined {
  const found = ROOTS.flatMap((root) =>
    existsSync(root)
      ? readdirSync(root)
          .filter((v) => /^\d+$/.test(v) && Number(v) >= 15)
          .map((v) => ({ version: Number(v), bin: join(root, v, 'bin') }))
      : [],
  ).filter(({ bin }) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')));
  return found.sort((a, b) => b.version - a.version)[0]?.bin;
}

const isRoot = () => process.getuid?.() === 0;

function postgresUid(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** Why a PostgreSQL cluster cannot be started here, or undefined when it can. */
export function postgresUnavailable(): string | undefined {
  if (process.env.SKIP_POSTGRES === '1') return 'SKIP_POSTGRES=1 is set';
  if (!postgresBin()) return 'no PostgreSQL 15+ binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin';
  if (isRoot() && !postgresUid()) return 'running as root and there is no "postgres" user to run initdb as';
  return undefined;
}

/** Prints why the PostgreSQL run is skipped (never skipped silently) and returns the reason. */
export function reportPostgresSkip(what: string): string | undefined {
  const why = postgresUnavailable();
  if (why) console.warn(`SKIPPED ${what} against a PostgreSQL server: ${why}.`);
  return why;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type PostgresCluster = { url: string; stop(): Promise<void> };

/** Starts a new cluster; `url` is a `postgresql://` URL for `pg` over its unix socket. */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error(postgresUnavailable());
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  const owner = isRoot() ? postgresUid() : undefined;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (tool: string, args: string[]) =>
    owner
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, tool), args, { stdio: 'pipe' });
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const options = `-p ${port} -k ${dir} -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`Could not start a PostgreSQL cluster: ${error instanceof Error ? error.message : String(error)} ${output}`, { cause: error });
  }
  let stopped = false;
  return {
    url: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
