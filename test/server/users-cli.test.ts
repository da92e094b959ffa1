// @vitest-environment node
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPglite } from '@/server/db';
import { usersCli } from '@/server/users-cli';
import { verifyPassword } from '@/server/users';
import { regions } from './harness';
import { freshDataDir, removeDataDir } from './pglite';

/** `npm run users` in-process: the same function the built CLI runs, over PGlite in a temporary folder. */
let dir: string;
beforeAll(async () => void (dir = await freshDataDir()), 60_000);
afterAll(() => removeDataDir(dir));

async function cli(args: string[], input = '') {
  let out = '';
  let err = '';
  const code = await usersCli(args, {
    stdin: Readable.from([input]),
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    env: { DATA_DIR: dir, TARGETS_DIR: 'targets' },
  });
  return { code, out, err };
}

const { town, set } = regions();
const townName = set.regions.find((r) => r.id === town)!.name;

test('add, list, passwd and remove users; the password is the first line of piped input', async () => {
  expect(await cli(['add', 'chief', '--role', 'admin'], 'chief password\nignored second line\n')).toMatchObject({ code: 0, out: 'Added chief (admin).\n' });
  expect(await cli(['add', 'clerk', '--role', 'analyst', '--region', town], 'clerk password\n')).toMatchObject({ code: 0, out: `Added clerk (analyst, region ${town} ${townName.zh} (${townName.en})).\n` });
  const list = await cli(['list']);
  expect(list.code).toBe(0);
  // The region by its id and, beside it, its names from the target files.
  expect(list.out).toMatch(new RegExp(`^chief\\tadmin\\tsince .*\\nclerk\\tanalyst\\tregion ${town} ${townName.zh} \\(${townName.en}\\)\\tsince .*\\n$`));
  expect(await cli(['passwd', 'clerk'], 'a new password\r\n')).toMatchObject({ code: 0 });
  const db = await openPglite(dir);
  try {
    const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE name = $1', ['clerk']);
    expect(row!.password_hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('a new password', row!.password_hash)).toBe(true);
    expect(await verifyPassword('clerk password', row!.password_hash)).toBe(false);
    const audit = await db.query<{ action: string; user_name: string }>('SELECT action, user_name FROM audit_log ORDER BY id');
    expect(audit.map((a) => a.action)).toEqual(['user_added', 'user_added', 'password_changed']);
    expect(audit[0]!.user_name).toMatch(/^cli \(/);
  } finally {
    await db.close();
  }
  expect(await cli(['remove', 'clerk'])).toMatchObject({ code: 0, out: 'Removed clerk; their sessions have ended.\n' });
  expect((await cli(['list'])).out).not.toContain('clerk');
}, 60_000);

test('refusals exit 1 with a clear message; usage errors exit 2 with the usage', async () => {
  expect(await cli(['add', 'someone', '--role', 'analyst', '--region', 'atlantis'], 'long enough\n')).toMatchObject({ code: 1, err: expect.stringContaining('"atlantis" is not a region declared in a target file') });
  expect(await cli(['add', 'someone', '--role', 'viewer'], 'short\n')).toMatchObject({ code: 1, err: expect.stringContaining('at least 8 characters') });
  expect(await cli(['add', 'someone', '--role', 'viewer'], '')).toMatchObject({ code: 1, err: expect.stringContaining('No password on standard input') });
  expect(await cli(['add', 'chief', '--role', 'viewer'], 'long enough\n')).toMatchObject({ code: 1, err: expect.stringContaining('already a user "chief"') });
  expect(await cli(['add', 'two words', '--role', 'viewer'], 'long enough\n')).toMatchObject({ code: 1, err: expect.stringContaining('is not a user name') });
  expect(await cli(['remove', 'chief'])).toMatchObject({ code: 1, err: expect.stringContaining('only admin') });
  expect(await cli(['remove', 'ghost'])).toMatchObject({ code: 1, err: 'No user "ghost".\n' });
  expect(await cli(['add', 'someone', '--role', 'root'], 'long enough\n')).toMatchObject({ code: 1, err: expect.stringContaining('is not a role') });
  for (const args of [['frobnicate'], ['add', 'x'], ['add', '--role', 'viewer'], ['list', 'extra'], ['remove'], ['add', 'x', '--role']]) {
    const result = await cli(args);
    expect(result.code, args.join(' ')).toBe(2);
    expect(result.err).toContain('Usage: npm run users');
  }
  expect(await cli([])).toMatchObject({ code: 0, err: expect.stringContaining('Usage') });
}, 60_000);

test('the CLI refuses a data folder a running server holds', async () => {
  const db = await openPglite(dir);
  try {
    // The same process holds it here; another process gets "in use by process <pid>".
    expect(await cli(['list'])).toMatchObject({ code: 1, err: expect.stringContaining('already open') });
  } finally {
    await db.close();
  }
}, 60_000);
