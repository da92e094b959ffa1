// @vitest-environment node
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPglite, type Db } from '@/server/db';
import { migrate, MIGRATIONS } from '@/server/migrations';
import { freshDataDir, removeDataDir } from './pglite';

/**
 * Migration 2: a batch read from an .xlsx workbook records encoding `xlsx` (not a text encoding it never
 * had). A database at version 1, with a batch in it, is brought up to date and keeps what it holds.
 */

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = await freshDataDir();
  db = await openPglite(dir);
}, 120_000);
afterAll(async () => {
  await db?.close();
  if (dir) removeDataDir(dir);
});

const insert = (sequence: number, encoding: string) =>
  db.query(
    `INSERT INTO batches (id, sequence, file_name, created_at, committed_by, encoding, layout, target_set, counts, figure_count)
     VALUES (gen_random_uuid(), $1, 'a.xlsx', now(), 'analyst', $2, 'long', 'ruzhou-2020', '{}'::jsonb, 0)`,
    [sequence, encoding],
  );

test('version 1 refuses xlsx; migrations 2 and 3 allow it, keeps the stored batch, and still refuses an encoding the contract lacks', async () => {
  expect(await migrate(db, MIGRATIONS.filter((m) => m.version === 1))).toEqual([1]);
  await insert(1, 'gb18030');
  await expect(insert(2, 'xlsx')).rejects.toThrow(/batches_encoding_check/);
  expect(await migrate(db, MIGRATIONS.filter((m) => m.version <= 3))).toEqual([2, 3]);
  await insert(2, 'xlsx');
  await expect(insert(3, 'latin1')).rejects.toThrow(/batches_encoding_check/);
  const rows = await db.query<{ sequence: number; encoding: string }>('SELECT sequence::int AS sequence, encoding FROM batches ORDER BY sequence');
  expect(rows).toEqual([
    { sequence: 1, encoding: 'gb18030' },
    { sequence: 2, encoding: 'xlsx' },
  ]);
});
