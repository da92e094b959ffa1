import type { ContractHost, ContractHostFactory, ContractUser } from '../contract/host';
import { viewer } from '../contract/host';
import { openPglite, openPostgres, type Db } from '@/server/db';
import { createUser, testServer, type TestServer } from './harness';
import { freshDataDir, removeDataDir } from './pglite';
import { postgresUnavailable, startPostgres } from './postgres';

/**
 * The Node server as a host of the contract suite: the whole app in-process
 * (`app.request`) over the repository's targets/, on PGlite in a temporary
 * folder or on a throwaway PostgreSQL cluster. Each `ContractUser` asked for
 * is created (its role and region) and signed in through `POST /api/session`
 * once; its session cookie is kept and sent with its requests. Sessions live
 * in the database, so they hold across `restart()` and in a `sibling()`.
 */

type Database = {
  /** The database as a (new) process opens it. */
  open(): Promise<Db>;
  /** A second handle for a sibling process (PGlite is single-process: the same instance). */
  openSibling(current: Db): Promise<Db>;
  cleanup(): Promise<void>;
};

async function pgliteDatabase(): Promise<Database> {
  const dir = await freshDataDir();
  return { open: () => openPglite(dir), openSibling: async (current) => current, cleanup: async () => removeDataDir(dir) };
}

async function postgresDatabase(): Promise<Database> {
  const cluster = await startPostgres();
  return { open: () => openPostgres(cluster.url), openSibling: () => openPostgres(cluster.url), cleanup: () => cluster.stop() };
}

async function startHost(name: string, database: Database): Promise<ContractHost> {
  let db = await database.open();
  const extra: Db[] = [];
  let server: TestServer = await testServer(db);
  const cookies = new Map<string, string>();
  const users = new Map<string, ContractUser>();

  /** Creates the user on first use; a name asked again with another role or region is changed to it. */
  async function cookieFor(user: ContractUser): Promise<string> {
    const known = users.get(user.name);
    if (!known) {
      await createUser(db, user.name, user.role, user.region);
      users.set(user.name, user);
    } else if (known.role !== user.role || known.region !== user.region) {
      await db.query('UPDATE users SET role = $2, region = $3 WHERE name = $1', [user.name, user.role, user.region ?? null]);
      users.set(user.name, user);
    }
    let cookie = cookies.get(user.name);
    if (!cookie) {
      cookie = await server.signIn(user.name);
      cookies.set(user.name, cookie);
    }
    return cookie;
  }

  const requestVia = (target: () => TestServer) => async (path: string, init: RequestInit = {}, as: ContractUser | 'anonymous' = viewer) => {
    const cookie = as === 'anonymous' ? undefined : await cookieFor(as);
    return target().request(`/api${path}`, { ...init, ...(cookie ? { cookie } : {}) });
  };

  return {
    name,
    signIn: true,
    request: requestVia(() => server),
    async restart() {
      await db.close();
      db = await database.open();
      server = await testServer(db);
    },
    async sibling() {
      const other = await database.openSibling(db);
      if (other !== db) extra.push(other);
      const siblingServer = await testServer(other);
      return { request: requestVia(() => siblingServer) };
    },
    async close() {
      await Promise.all(extra.map((d) => d.close()));
      await db.close();
      await database.cleanup();
    },
  };
}

export const serverOverPglite: ContractHostFactory = {
  name: 'server over PGlite',
  unavailable: () => undefined,
  start: async () => startHost('server over PGlite', await pgliteDatabase()),
};

export const serverOverPostgres: ContractHostFactory = {
  name: 'server over PostgreSQL',
  unavailable: () => postgresUnavailable(),
  start: async () => startHost('server over PostgreSQL', await postgresDatabase()),
};
