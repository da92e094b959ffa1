// @vitest-environment node
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { StoredBatch } from '@/domain/contract/api-contract';
import { openPglite, type Db } from '@/server/db';
import { migrate } from '@/server/migrations';
import { sqlBatchStorage } from '@/server/sql-storage';
import { counts } from '../backend/fixture';
import { freshDataDir, removeDataDir } from './pglite';

/**
 * A 1,000,000-figure batch commits in one transaction in seconds, and an undo
 * of it too (PGlite; the bench measures it on a PostgreSQL server as well).
 * Time limits are generous for a busy 2-core machine; the figures are printed.
 */
const FIGURES = 1_000_000;
let dir: string;
let db: Db;

beforeAll(async () => {
  dir = await freshDataDir();
  db = await openPglite(dir);
  await migrate(db);
}, 60_000);
afterAll(async () => {
  await db?.close();
  removeDataDir(dir);
});

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

test(`a ${FIGURES.toLocaleString('en')}-figure batch commits, loads back whole and is undone, each in seconds`, async () => {
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
  expect(loaded.figures[777_777]).toEqual(batch.figures[777_777]);
  expect(loaded.replaced).toHaveLength(batch.replaced.length);
  t = performance.now();
  await storage.write((tx) => tx.remove(batch.id, 2));
  const undo = performance.now() - t;
  expect((await storage.load()).records).toEqual([]);
  console.log(`PGlite, ${FIGURES} figures: commit ${Math.round(commit)} ms, load ${Math.round(load)} ms, undo ${Math.round(undo)} ms`);
  expect(commit).toBeLessThan(60_000);
  expect(undo).toBeLessThan(60_000);
}, 300_000);
