// @vitest-environment node
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commitBatch, createBackend, currentObservations, loadBatches, removeBatch, type Backend } from '@/backend/figure-store';
import { auditEntrySchema, layoutSchema, roleSchema, storedBatchSchema, type CreateBatchRequest, type StoredBatch } from '@/domain/contract/api-contract';
import { BATCH_ENCODINGS } from '@/domain/import/types';
import { openPglite, openPostgres, type Db } from '@/server/db';
import { migrate, MIGRATIONS } from '@/server/migrations';
import { sqlBatchStorage } from '@/server/sql-storage';
import { counts, SEED, SEED_UPDATED, TEST_SET } from '../backend/fixture';
import { freshDataDir, removeDataDir } from './pglite';
import { reportPostgresSkip, startPostgres, type PostgresCluster } from './postgres';

/**
 * The SQL storage under the backend core, run twice: on PGlite in a
 * temporary folder and on a throwaway PostgreSQL server (skipped, with the
 * reason printed, where no PostgreSQL binaries exist). Each run shares one
 * database: tests add batches and look at what changed.
 */

type Target = {
  /** A connection to the database (PGlite: the one instance; PostgreSQL: a new pool each time). */
  connect(): Promise<Db>;
  /** Another handle on the same database, as a second process has (PGlite: the same instance). */
  second(): Promise<Db>;
  /** Closes this handle and opens the database again, as a restart does. */
  restart(db: Db): Promise<Db>;
  cleanup(): Promise<void>;
};

async function pgliteTarget(): Promise<Target> {
  const dir = await freshDataDir();
  let current: Db | undefined;
  return {
    connect: async () => (current = await openPglite(dir)),
    second: async () => current!,
    restart: async (db) => {
      await db.close();
      return (current = await openPglite(dir));
    },
    cleanup: async () => {
      await current?.close();
      removeDataDir(dir);
    },
  };
}

async function postgresTarget(): Promise<Target> {
  const cluster: PostgresCluster = await startPostgres();
  const open: Db[] = [];
  const connect = async () => {
    const db = await openPostgres(cluster.url);
    open.push(db);
    return db;
  };
  return {
    connect,
    second: connect,
    restart: async (db) => {
      await db.close();
      return connect();
    },
    cleanup: async () => {
      await Promise.all(open.map((db) => db.close()));
      await cluster.stop();
    },
  };
}

const caller = { name: 'analyst', role: 'analyst' as const };

const request = (figures: CreateBatchRequest['figures'], overrides: Partial<CreateBatchRequest> = {}): CreateBatchRequest => ({
  fileName: 'a.csv',
  encoding: 'utf-8',
  layout: 'long',
  targetSet: 'test-set',
  counts,
  figures,
  ...overrides,
});

const backendOver = async (db: Db): Promise<Backend> => {
  const backend = createBackend({ targetFiles: [{ file: 'test-set.yaml', content: TEST_SET }], seed: SEED, seedUpdated: SEED_UPDATED, storage: sqlBatchStorage(db) });
  await loadBatches(backend);
  return backend;
};

const figure = (backend: Backend, region: string, metric = 'coverage', year = 2020) =>
  currentObservations(backend).find((o) => o.metric === metric && o.region === region && o.year === year && o.source !== 'reference');

const committed = async (backend: Backend, req: CreateBatchRequest, idempotencyKey?: string): Promise<StoredBatch> => {
  const result = await commitBatch(backend, req, { caller, idempotencyKey });
  if (result.kind === 'stale') throw new Error('stale');
  return result.batch;
};

function storageSuite(name: string, makeTarget: () => Promise<Target>, skip?: string) {
  describe.skipIf(skip !== undefined)(`SQL storage on ${name}`, () => {
    let target: Target;
    let db: Db;

    beforeAll(async () => {
      target = await makeTarget();
      db = await target.connect();
      expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    }, 120_000);
    afterAll(async () => target?.cleanup());

    test('migrations run once: a second run applies nothing and the versions are recorded', async () => {
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    });

    test('two processes migrating one database at once apply each migration once', async () => {
      const other = await target.second();
      expect(await Promise.all([migrate(db), migrate(other)])).toEqual([[], []]);
    });

    test('a commit is stored whole and loads back as the core checks it: numbers as numbers, createdAt with milliseconds', async () => {
      const backend = await backendOver(db);
      const batch = await committed(backend, request([
        { metric: 'coverage', region: 'T1', year: 2020, numerator: 412, denominator: 500 },
        { metric: 'coverage', region: 'T2', year: 2020, value: 61.25 },
      ]), 'key-round-trip');
      const { revision, records } = await sqlBatchStorage(db).load();
      expect(revision).toBe(batch.sequence);
      const stored = records.find((r) => (r as StoredBatch).id === batch.id);
      expect(storedBatchSchema.parse(stored)).toEqual(stored);
      expect(stored).toEqual(batch);
      expect((stored as StoredBatch).createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect((stored as StoredBatch).replaced).toEqual([
        { metric: 'coverage', region: 'T1', year: 2020, numerator: 70, denominator: 100, source: 'demo' },
        { metric: 'coverage', region: 'T2', year: 2020, value: 60, source: 'demo' },
      ]);
      const log = await sqlBatchStorage(db).auditLog(1);
      expect(auditEntrySchema.parse(log[0])).toMatchObject({ action: 'commit', user: 'analyst', batchId: batch.id, figureCount: 2, counts });
    });

    test('restarting loses nothing: after closing and opening the database every batch and the revision are there', async () => {
      const before = await sqlBatchStorage(db).load();
      db = await target.restart(db);
      const after = await sqlBatchStorage(db).load();
      expect(after).toEqual(before);
      expect(await sqlBatchStorage(db).revision()).toBe(before.revision);
    });

    test('two storages on one database see each other’s commits and undos', async () => {
      const a = await backendOver(db);
      const b = await backendOver(await target.second());
      const batch = await committed(a, request([{ metric: 'ger', region: 'T1', year: 2019, value: 91 }]));
      await loadBatches(b);
      expect(figure(b, 'T1', 'ger', 2019)).toMatchObject({ value: 91, batchId: batch.id });
      await removeBatch(b, batch.id, { caller });
      await loadBatches(a);
      expect(figure(a, 'T1', 'ger', 2019)).toBeUndefined();
    });

    test('two commits at once from two processes both land, with distinct sequences in commit order', async () => {
      const a = await backendOver(db);
      const b = await backendOver(await target.second());
      const start = await sqlBatchStorage(db).revision();
      const [x, y] = await Promise.all([
        committed(a, request([{ metric: 'ger', region: 'T2', year: 2018, value: 80 }], { fileName: 'x.csv' })),
        committed(b, request([{ metric: 'ger', region: 'T2', year: 2018, value: 81 }], { fileName: 'y.csv' })),
      ]);
      expect([x.sequence, y.sequence].sort()).toEqual([start + 1, start + 2]);
      const [first, second] = x.sequence < y.sequence ? [x, y] : [y, x];
      // The later one replaced the earlier one's figure: each write saw the other.
      expect(second.replaced).toEqual([{ metric: 'ger', region: 'T2', year: 2018, value: first.figures[0]!.value, source: 'import', sourceNote: first.fileName, batchId: first.id }]);
      const fresh = await backendOver(db);
      expect(fresh.batches.map((b) => b.id)).toEqual(expect.arrayContaining([x.id, y.id]));
      expect(figure(fresh, 'T2', 'ger', 2018)).toMatchObject({ value: second.figures[0]!.value });
    });

    test('undoing an older batch keeps the figure a newer batch set, and says so', async () => {
      const backend = await backendOver(db);
      const older = await committed(backend, request([{ metric: 'coverage', region: 'T1', year: 2019, value: 70 }, { metric: 'coverage', region: 'T2', year: 2019, value: 71 }]));
      const newer = await committed(backend, request([{ metric: 'coverage', region: 'T1', year: 2019, value: 75 }]));
      const undo = await removeBatch(backend, older.id, { caller });
      expect(undo).toMatchObject({
        kind: 'undone',
        effect: { restored: [], cleared: [{ metric: 'coverage', region: 'T2', year: 2019 }], kept: [{ metric: 'coverage', region: 'T1', year: 2019, batchId: newer.id }] },
      });
      const fresh = await backendOver(db);
      expect(figure(fresh, 'T1', 'coverage', 2019)).toMatchObject({ value: 75, batchId: newer.id });
      expect(figure(fresh, 'T2', 'coverage', 2019)).toBeUndefined();
      const log = await sqlBatchStorage(db).auditLog(1);
      expect(log[0]).toMatchObject({ action: 'undo', batchId: older.id, detail: expect.stringContaining('kept 1') });
    });

    test('a write that fails half way changes nothing: no batch, no figures, the same revision', async () => {
      const storage = sqlBatchStorage(db);
      const copy = await committedCopy(await backendOver(db));
      const before = await storage.load();
      const batch = { ...copy, id: globalThis.crypto.randomUUID(), sequence: before.revision + 1 };
      await expect(
        storage.write(async (tx) => {
          await tx.insert(batch);
          throw new Error('the disk is full');
        }),
      ).rejects.toThrow('the disk is full');
      expect(await storage.load()).toEqual(before);
      const orphans = await db.query('SELECT 1 FROM batch_figures WHERE batch_id = $1::uuid', [batch.id]);
      expect(orphans).toEqual([]);
    });

    test('a write that does not move the revision by one is refused, and an undo of an unknown id changes nothing', async () => {
      const storage = sqlBatchStorage(db);
      const copy = await committedCopy(await backendOver(db));
      const revision = await storage.revision();
      const batch = { ...copy, id: globalThis.crypto.randomUUID(), sequence: revision + 5 };
      await expect(storage.write((tx) => tx.insert(batch))).rejects.toThrow(/revision/);
      await expect(storage.write((tx) => tx.remove(globalThis.crypto.randomUUID(), revision + 1, new Date().toISOString()))).rejects.toThrow(/not stored/);
      await expect(storage.write((tx) => tx.remove("'; drop table batches; --", revision + 1, new Date().toISOString()))).rejects.toThrow(/can have the id/);
      expect(await storage.revision()).toBe(revision);
    });

    test('hostile text is stored as text: file names and users with quotes, semicolons and __proto__', async () => {
      const backend = await backendOver(db);
      const fileName = "'; drop table batches; --\u0000?".replace('\u0000', '');
      const batch = await commitBatch(backend, request([{ metric: 'teachers', region: 'C', year: 2020, value: 12 }], { fileName }), {
        caller: { name: '__proto__', role: 'analyst' },
      });
      const fresh = await backendOver(db);
      expect(fresh.batches.find((b) => b.fileName === fileName)).toMatchObject({ committedBy: '__proto__' });
      expect(batch.kind).toBe('created');
      expect(await db.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'batches'")).toEqual([{ n: 1 }]);
    });

    test('the schema allows every encoding, layout, role and audit action the contract has', async () => {
      const backend = await backendOver(db);
      for (const encoding of BATCH_ENCODINGS) {
        for (const layout of layoutSchema.options) {
          await committed(backend, request([{ metric: 'teachers', region: 'T1', year: 2017, value: 3 }], { encoding, layout }));
        }
      }
      const storage = sqlBatchStorage(db);
      for (const action of auditEntrySchema.shape.action.options) {
        await storage.write((tx) => tx.audit({ at: new Date().toISOString(), user: 'x', action }));
      }
      for (const role of roleSchema.options) {
        await db.query('INSERT INTO users (name, password_hash, role) VALUES ($1, $2, $3)', [`schema-${role}`, 'x', role]);
      }
      await expect(db.query('INSERT INTO users (name, password_hash, role) VALUES ($1, $2, $3)', ['schema-root', 'x', 'root'])).rejects.toThrow();
    });
  });
}

/** A valid stored batch to hand to the storage directly (committed through the core, then copied). */
async function committedCopy(backend: Backend): Promise<StoredBatch> {
  return committed(backend, request([{ metric: 'teachers', region: 'C', year: 2016, value: 1 }]));
}

storageSuite('PGlite', pgliteTarget);
storageSuite('a PostgreSQL server', postgresTarget, reportPostgresSkip('the SQL storage tests'));
