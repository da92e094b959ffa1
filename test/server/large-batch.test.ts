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
 * A large batch — more figures than one storage chunk holds (50,000), so the
 * chunking is exercised — commits in one transaction, loads back whole and in
 * order, and is undone (PGlite, and PostgreSQL where its binaries exist).
 * 120,000 figures by default, to keep `npm test` short; `LARGE_BATCH_FIGURES`
 * changes it. The times of a 1,000,000-figure commit and undo are measured by
 * `npm run bench -- server`, not here.
 */
const FIGURES = Number(process.env.LARGE_BATCH_FIGURES ?? 120_000);
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
test(`a ${FIGURES.toLocaleString('en')}-figure batch (three storage chunks) commits, loads back whole and is undone`, async () => {
  opened = await database.open();
  const { db } = opened;
  await migrate(db);
  const storage = sqlBatchStorage(db);
  const batch = largeBatch();
  await storage.write((tx) => tx.insert(batch));
  const state = await storage.load();
  expect(state.revision).toBe(1);
  const loaded = state.records[0] as StoredBatch;
  expect(loaded.figures).toHaveLength(FIGURES);
  expect(loaded.figures).toEqual(batch.figures);
  expect(loaded.replaced).toEqual(batch.replaced);
  await storage.write((tx) => tx.remove(batch.id, 2, new Date().toISOString()));
  expect((await storage.load()).records).toEqual([]);
}, 300_000);
  });
}
