import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { loadTargetFiles } from '@/backend/target-files';
import type { Region } from '@/domain/targets/target-set';
import { readConfig } from './config';
import { openDb, type Db } from './db';
import { migrate } from './migrations';
import { declaredRegions, readTargetFiles } from './targets';
import { addUser, listUsers, passwordProblem, removeUser, setPassword } from './users';

/**
 * `npm run users -- <command>`: manages the server's users in its database
 * (DATA_DIR or DATABASE_URL, as the server). Passwords are read from standard
 * input: typed without echo and asked twice on a terminal, or the first line
 * when piped. Exit codes: 0 done, 1 refused or failed, 2 usage.
 */

const USAGE = `Usage: npm run users -- <command>
  add <name> --role viewer|analyst|admin [--region <region id>]   create a user (password from standard input)
  list                                                           list users
  remove <name>                                                  remove a user and end their sessions
  passwd <name>                                                  set a new password (ends their sessions)
Uses the server's database: DATA_DIR (default ./data) or DATABASE_URL; regions from TARGETS_DIR (default ./targets).`;

export type CliIo = {
  /** Standard input; a terminal is read without echo. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  out: (text: string) => void;
  err: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
};

class UsageError extends Error {}

type Parsed = { command: string; name?: string; role?: string; region?: string };

function parseArgs(args: readonly string[]): Parsed {
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help' || command === '-h') throw new UsageError('');
  const parsed: Parsed = { command };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--role' || arg === '--region') {
      const value = rest[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
      parsed[arg === '--role' ? 'role' : 'region'] = value;
    } else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}.`);
    else if (parsed.name === undefined) parsed.name = arg;
    else throw new UsageError(`Unexpected argument ${JSON.stringify(arg)}.`);
  }
  const needsName = ['add', 'remove', 'passwd'].includes(command);
  if (!needsName && command !== 'list') throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
  if (needsName && parsed.name === undefined) throw new UsageError(`${command} needs a user name.`);
  if (!needsName && parsed.name !== undefined) throw new UsageError(`${command} takes no user name.`);
  if (command === 'add' && parsed.role === undefined) throw new UsageError('add needs --role viewer, analyst or admin.');
  if (command !== 'add' && (parsed.role !== undefined || parsed.region !== undefined)) throw new UsageError(`${command} takes no --role or --region.`);
  return parsed;
}

/** One line typed on a terminal without echo (backspace works; Ctrl-C and Ctrl-D give up). */
function readHidden(io: CliIo, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    io.err(prompt);
    const { stdin } = io;
    let typed = '';
    stdin.setRawMode?.(true);
    stdin.resume();
    const done = (error?: Error) => {
      stdin.setRawMode?.(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      io.err('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003' || char === '\u0004') return done(new Error('Cancelled.'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line of piped input (without its line ending). */
function readFirstLine(io: CliIo): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: io.stdin, terminal: false });
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      lines.close();
      resolve(line.replace(/\r$/, ''));
    });
    lines.once('close', () => {
      if (!answered) reject(new Error('No password on standard input (pipe it in, one line, or run this in a terminal).'));
    });
  });
}

async function readPassword(io: CliIo, name: string): Promise<string> {
  if (!io.stdin.isTTY) return readFirstLine(io);
  const first = await readHidden(io, `New password for ${name}: `);
  const problem = passwordProblem(first);
  if (problem) throw new Error(problem);
  const second = await readHidden(io, 'Again: ');
  if (first !== second) throw new Error('The two passwords differ; nothing was changed.');
  return first;
}

async function run(parsed: Parsed, db: Db, io: CliIo): Promise<number> {
  const by = `cli (${userInfo().username})`;
  const name = parsed.name!;
  const failed = (message: string) => {
    io.err(`${message}\n`);
    return 1;
  };
  switch (parsed.command) {
    case 'list': {
      const users = await listUsers(db);
      if (users.length === 0) io.out('No users yet. Add one: npm run users -- add <name> --role admin\n');
      // Names from the target files; a list without them still lists (e.g. TARGETS_DIR is not there).
      let regions: ReadonlyMap<string, Region> | undefined;
      try {
        regions = targetRegions(io);
      } catch (error) {
        if (users.some((u) => u.region)) io.err(`Region names not shown: ${error instanceof Error ? error.message : String(error)}\n`);
      }
      for (const u of users) io.out(`${u.name}\t${u.role}${u.region ? `\tregion ${regionShown(regions, u.region)}` : ''}\tsince ${u.createdAt}\n`);
      return 0;
    }
    case 'add': {
      const regions = targetRegions(io);
      if (parsed.region !== undefined && !regions.has(parsed.region)) {
        return failed(`region: ${JSON.stringify(parsed.region)} is not a region declared in a target file (see GET /api/target-sets/{id}/regions).`);
      }
      const password = await readPassword(io, name);
      const result = await addUser(db, { name, role: parsed.role!, region: parsed.region, password }, { by, regions });
      if (!result.ok) return failed(result.refusal.message);
      io.out(`Added ${result.value.name} (${result.value.role}${result.value.region ? `, region ${regionShown(regions, result.value.region)}` : ''}).\n`);
      return 0;
    }
    case 'remove': {
      const result = await removeUser(db, name, { by });
      if (!result.ok) return failed(result.refusal.message);
      io.out(`Removed ${name}; their sessions have ended.\n`);
      return 0;
    }
    default: {
      const password = await readPassword(io, name);
      const result = await setPassword(db, name, password, { by });
      if (!result.ok) return failed(result.refusal.message);
      io.out(`Changed the password of ${name}; their sessions have ended.\n`);
      return 0;
    }
  }
}

/** The regions the target files declare (TARGETS_DIR), by id. */
function targetRegions(io: CliIo): ReadonlyMap<string, Region> {
  return declaredRegions(loadTargetFiles(readTargetFiles(readConfigOrThrow(io.env).targetsDir)));
}

/** A region id with its names beside it, `410482101 寄料镇 (Jiliao Town)`; an id no target file declares any more says so. */
function regionShown(regions: ReadonlyMap<string, Region> | undefined, id: string): string {
  if (!regions) return id;
  const region = regions.get(id);
  return region ? `${id} ${region.name.zh} (${region.name.en})` : `${id} (not in any target file)`;
}

function readConfigOrThrow(env: CliIo['env']) {
  const read = readConfig(env, { staticDir: '' });
  if (!read.ok) throw new UsageError(read.problems.map((p) => `Configuration: ${p}`).join('\n'));
  return read.config;
}

/** Runs one command; returns the exit code. */
export async function usersCli(args: readonly string[], io: CliIo): Promise<number> {
  let parsed: Parsed;
  let config;
  try {
    parsed = parseArgs(args);
    config = readConfigOrThrow(io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message ? `${error.message}\n\n` : ''}${USAGE}\n`);
    return error.message ? 2 : 0;
  }
  let db: Db | undefined;
  try {
    db = await openDb(config);
    await migrate(db);
    return await run(parsed, db, io);
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await db?.close();
  }
}
