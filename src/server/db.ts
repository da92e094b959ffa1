import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * One small interface over the two databases the server runs on: PGlite
 * (PostgreSQL compiled to WebAssembly, embedded, in a data folder) and a
 * PostgreSQL server (`pg`). The same SQL runs on both. Every value goes in as
 * a parameter (`$1`, `$2`…); `script` runs fixed multi-statement SQL (the
 * migrations) and takes no values at all.
 */
export type Row = Record<string, unknown>;

export type Queryable = {
  /** One statement with its values as parameters; the rows it returns. */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Fixed SQL of several statements (no parameters: never built from input). */
  script(sql: string): Promise<void>;
};

export type Db = Queryable & {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data is, for logs: the data folder, or the server without its password. */
  readonly where: string;
  /** Runs `run` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(run: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type DbConfig = { databaseUrl?: string | undefined; dataDir: string };

/** Opens the database the configuration names: PostgreSQL when `databaseUrl` is set, else PGlite in `dataDir`. */
export function openDb(config: DbConfig): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}

// ---------------------------------------------------------------- PGlite

/** Data folders this process holds open (a second open in the same process is refused too). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a single-process database: two processes writing one data folder
 * would corrupt it. A lock file holding the owner's process id refuses a
 * second one with a clear message (a stale lock, whose process has gone, is
 * taken over).
 */
function lockDataDir(dir: string): () => void {
  const lock = join(dir, 'server.lock');
  if (held.has(dir)) throw new Error(`The data folder ${dir} is already open in this process.`);
  const take = () => writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
  try {
    take();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const pid = Number.parseInt(readFileSync(lock, 'utf8'), 10);
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
      throw new Error(
        `The data folder ${dir} is in use by process ${pid} (an embedded database serves one process). Stop that process first, or set DATABASE_URL to share a PostgreSQL server between processes.`,
        { cause: error },
      );
    }
    rmSync(lock, { force: true });
    take();
  }
  held.add(dir);
  return () => {
    held.delete(dir);
    rmSync(lock, { force: true });
  };
}

type PgliteRunner = Pick<PGlite, 'query' | 'exec'>;

const pgliteQueryable = (runner: PgliteRunner): Queryable => ({
  async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
    return (await runner.query<T>(sql, [...params])).rows;
  },
  async script(sql: string) {
    await runner.exec(sql);
  },
});

/**
 * PGlite in `dataDir/pgdata`. The first open of a new folder runs initdb (a
 * few seconds); later opens take about a second.
 */
export async function openPglite(dataDir: string): Promise<Db> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const unlock = lockDataDir(dir);
  let db: PGlite;
  try {
    db = await PGlite.create(join(dir, 'pgdata'));
  } catch (error) {
    unlock();
    throw new Error(`Could not open the embedded database in ${dir}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  let closed = false;
  return {
    kind: 'pglite',
    where: dir,
    ...pgliteQueryable(db),
    transaction: (run) => db.transaction((tx) => run(pgliteQueryable(tx))),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}

// ---------------------------------------------------------------- PostgreSQL

/** `postgres://user@host:port/db` without the password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
}

const INT8 = 20;

const pgQueryable = (client: pg.Pool | pg.PoolClient): Queryable => ({
  async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
    return (await client.query<T>(sql, [...params])).rows;
  },
  async script(sql: string) {
    await client.query(sql);
  },
});

/** A pool of connections to a PostgreSQL server (15 or later). */
export async function openPostgres(databaseUrl: string, options: { max?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    // int8 (revision, sequence, ids) as numbers, as PGlite gives them: every value here is far below 2^53.
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // An idle connection that breaks (the server restarts) is dropped; the next query opens another.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  let closed = false;
  return {
    kind: 'postgres',
    where: redactUrl(databaseUrl),
    ...pgQueryable(pool),
    async transaction(run) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await run(pgQueryable(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
          client.release();
        } catch (rollback) {
          client.release(rollback instanceof Error ? rollback : true);
        }
        throw error;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
