/**
 * A throwaway PostgreSQL cluster for the server benchmark's two-process run: initdb in a temporary
 * folder, the server on 127.0.0.1 at a free port with its socket in that folder, removed at the end.
 * Uses the binaries in PG_BIN or /usr/lib/postgresql/<newest>/bin; `initdb` refuses to run as root,
 * so as root the cluster runs as the `postgres` user (`runuser`). Resolves to null, with the reason,
 * where there are no binaries.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server-process.mjs';

/** The directory holding initdb and pg_ctl, or null. */
function findBinaries() {
  if (process.env.PG_BIN) return existsSync(path.join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/** The uid and gid of `postgres` (from /etc/passwd via `id`), or null. */
function postgresUser() {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/**
 * Starts the cluster; `{ url, stop }`, or `{ skipped }` saying why not.
 * @returns {Promise<{ url: string, version: string, stop: () => Promise<void> } | { skipped: string }>}
 */
export async function startPostgres() {
  const bin = findBinaries();
  if (!bin) return { skipped: 'no PostgreSQL binaries (PG_BIN, /usr/lib/postgresql/*/bin)' };
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : null;
  if (asRoot && !owner) return { skipped: 'running as root and there is no postgres user for initdb' };
  /** @param {string} file @param {string[]} args */
  const run = (file, args) => {
    const [command, all] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, file), ...args]] : [path.join(bin, file), args];
    return execFileSync(command, all, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  if (owner) await chown(dir, owner.uid, owner.gid);
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=50`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const detail = /** @type {{ stderr?: string }} */ (error).stderr ?? String(error);
    throw new Error(`the throwaway PostgreSQL cluster did not start: ${detail.trim().slice(0, 500)}`, { cause: error });
  }
  const version = run('pg_ctl', ['--version']).trim();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    version,
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
