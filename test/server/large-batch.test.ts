// @vitest-environment node
import { afterAll, describe, expect, test } from 'vitest';
import type { StoredBatch } from '@/domain/contract/api-contract';
import { openPglite, openPostgres, type Db } from '@/server/db';
import { migrate } from '@/server/migrations';
import { sqlBatchStorage } from '@/server/sql-storage';
import { counts } from '../backend/fixture';
import { freshDataDir, removeDataDir } from './pglite';
import { reportPostgresSkip, startPostgres } from './postgres';

/**
 * A large batch commits in one transaction in seconds, and an undo of it too
 * (PGlite). 250,000 figures by default, to keep `npm test` short;
 * `LARGE_BATCH_FIGURES=1000000` measures a million (on a 2-core machine: commit 5–7 s on PGlite,
 * 3.4 s on PostgreSQL; load 2.5–3.5 s; undo under 0.1 s). Time limits are generous
 * for a busy machine and scale with the size; the figures are printed.
 */
const FIGURES = Number(process.env.LARGE_BATCH_FIGURES ?? 250_000);
function largeBatch(): StoredBatch {
  const figures: StoredBatch['figures'] = [];
  const replaced: StoredBatch['replaced'] = [];
  for (let i = 0; i < FIGURES; i++) {
    const figure = { metric: `m${i % 40}`, region: `r${Math.floor(i / 400)}`, year: 2011 + (Math.floor(i / 40) % 10) };
    figures.push(i % 2 ? { ...figure, value: i / 8 } : { ...figure, numerator: i % 977, denominator: 1000 });
    if (i % 10 === 0) replaced.push({ ...figure, value: 1.5, source: 'demo' });
  }
  return {
    id: globalThis.crypto.randomUUID(),
    sequence: 1,
    fileName: 'province.csv',
    createdAt: new Date().toISOString(),
    committedBy: 'analyst',
    encoding: 'utf-8',
    layout: 'long',
    targetSet: 'province',
    counts,
    figureCount: FIGURES,
    figures,
    replaced,
  };
}

type Opened = { db: Db; cleanup(): Promise<void> };

const databases: { name: string; skip?: string | undefined; open(): Promise<Opened> }[] = [
  {
    name: 'PGlite',
    async open() {
      const dir = await freshDataDir();
      const db = await openPglite(dir);
      return { db, cleanup: async () => (await db.close(), removeDataDir(dir)) };
    },
  },
  {
    name: 'PostgreSQL',
    skip: reportPostgresSkip('the large-batch test'),
    async open() {
      const cluster = await startPostgres();
      const db = await openPostgres(cluster.url);
      return { db, cleanup: async () => (await db.close(), await cluster.stop()) };
    },
  },
];

for (const database of databases) {
  describe.skipIf(database.skip !== undefined)(database.name, () => {
    let opened: Opened | undefined;
    afterAll(async () => opened?.cleanup());
test(`a ${FIGURES.toLocaleString('en')}-figure batch commits, loads back whole and is undone, each in seconds`, async () => {
  opened = await database.open();
  const { db } = opened;
  await migrate(db);
  const storage = sqlBatchStorage(db);
  const batch = largeBatch();
  let t = performance.now();
  await storage.write((tx) => tx.insert(batch));
  const commit = performance.now() - t;
  t = performance.now();
  const state = await storage.load();
  const load = performance.now() - t;
  expect(state.revision).toBe(1);
  const loaded = state.records[0] as StoredBatch;
  expect(loaded.figures).toHaveLength(FIGURES);
  expect(loaded.figures).toEqual(batch.figures);
  expect(loaded.replaced).toEqual(batch.replaced);
  t = performance.now();
  await storage.write((tx) => tx.remove(batch.id, 2));
  const undo = performance.now() - t;
  expect((await storage.load()).records).toEqual([]);
  console.log(`${database.name}, ${FIGURES} figures: commit ${Math.round(commit)} ms, load ${Math.round(load)} ms, undo ${Math.round(undo)} ms`);
  expect(commit).toBeLessThan((60_000 * FIGURES) / 1_000_000 + 5_000);
  expect(undo).toBeLessThan(10_000);
}, 300_000);
  });
}
