import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '@/server/db';

/**
 * PGlite runs initdb (several seconds) for every new data folder. Tests start
 * from a copy of one initialised folder instead, made once per machine and
 * PGlite version (opening a copy takes about a second). The template holds
 * only what initdb made: every test's database is still migrated by the code
 * under test.
 */
const version = (JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')) as { version: string }).version;
const TEMPLATE = join(tmpdir(), `education-targets-pglite-template-${version}`);
const READY = join(TEMPLATE, 'ready');

let making: Promise<void> | undefined;

async function makeTemplate(): Promise<void> {
  if (existsSync(READY)) return;
  const building = mkdtempSync(join(tmpdir(), 'pglite-template-building-'));
  const db = await openPglite(building);
  await db.close();
  writeFileSync(join(building, 'ready'), 'initdb done\n');
  try {
    renameSync(building, TEMPLATE);
  } catch {
    // Another test worker made it first: use theirs.
    rmSync(building, { recursive: true, force: true });
  }
}

/** A new temporary data folder for `openPglite`, already through initdb; delete it with `removeDataDir`. */
export async function freshDataDir(): Promise<string> {
  making ??= makeTemplate();
  await making;
  const dir = mkdtempSync(join(tmpdir(), 'server-test-'));
  cpSync(join(TEMPLATE, 'pgdata'), join(dir, 'pgdata'), { recursive: true });
  return dir;
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
