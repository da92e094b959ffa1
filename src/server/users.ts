import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Refusal } from '@/backend/refusal';
import { roleSchema, type Role } from '@/domain/contract/api-contract';
import type { Db, Queryable } from './db';
import { insertAudit } from './sql-storage';

/**
 * Users and their passwords: the functions both the users CLI
 * (`users-cli.ts`) and the admin API (`/api/users`, `auth.ts`) call, so the
 * rules and the audit entries are the same whichever is used.
 */

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1000;

/** scrypt's cost: N = 2^15, r = 8, p = 1 (32 MiB, tens of milliseconds): OWASP's recommended minimum or above. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash` (base64url), with a random 16-byte salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches the stored hash (compared in constant time); false for an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const N = Number(n);
  if (!Number.isInteger(N) || expected.length === 0) return false;
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N, r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return timingSafeEqual(key, expected);
}

/** A hash of a password nobody has: verified against when a name is unknown, so the answer takes as long. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword(randomBytes(16).toString('hex')));

export type User = { name: string; role: Role; region?: string; createdAt: string };

/** Letters (any script), digits and `_ . @ -`, 1–100 characters: a name that shows the same everywhere. */
const NAME = /^[\p{L}\p{M}\p{N}_.@-]{1,100}$/u;

const refuse = (status: Refusal['status'], code: string, message: string): { ok: false; refusal: Refusal } => ({ ok: false, refusal: { status, code, message } });
const shown = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);

export function nameProblem(name: string): string | undefined {
  if (NAME.test(name)) return undefined;
  return `name: ${shown(name)} is not a user name (1–100 letters, digits, "_", ".", "@" or "-"; no spaces).`;
}

export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `password: at least ${MIN_PASSWORD_LENGTH} characters (this one has ${password.length}).`;
  if (password.length > MAX_PASSWORD_LENGTH) return `password: at most ${MAX_PASSWORD_LENGTH} characters.`;
  return undefined;
}

/** Who made a change, and the regions a user may be scoped to (those declared in the target files). */
export type UserContext = { by: string; regions: ReadonlyMap<string, unknown>; now?: () => Date };

const at = (context: { now?: (() => Date) | undefined }) => (context.now ?? (() => new Date()))().toISOString();

type Result<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export type NewUser = { name: string; role: string; region?: string | undefined; password: string };

export async function addUser(db: Db, input: NewUser, context: UserContext): Promise<Result<User>> {
  const nameIssue = nameProblem(input.name);
  if (nameIssue) return refuse(400, 'invalid_user', nameIssue);
  const role = roleSchema.safeParse(input.role);
  if (!role.success) return refuse(400, 'invalid_user', `role: ${shown(input.role)} is not a role (viewer, analyst or admin).`);
  if (input.region !== undefined && !context.regions.has(input.region)) {
    return refuse(400, 'invalid_user', `region: ${shown(input.region)} is not a region declared in a target file.`);
  }
  const passwordIssue = passwordProblem(input.password);
  if (passwordIssue) return refuse(400, 'invalid_user', passwordIssue);
  const hash = await hashPassword(input.password);
  const now = at(context);
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      'INSERT INTO users (name, password_hash, role, region, created_at) VALUES ($1, $2, $3, $4, $5::timestamptz) ON CONFLICT (name) DO NOTHING RETURNING name',
      [input.name, hash, role.data, input.region ?? null, now],
    );
    if (inserted.length === 0) return refuse(409, 'user_exists', `name: there is already a user ${shown(input.name)}.`);
    await insertAudit(tx, { at: now, user: context.by, action: 'user_added', detail: `${input.name} (${role.data}${input.region ? `, region ${input.region}` : ''})` });
    return { ok: true as const, value: { name: input.name, role: role.data, ...(input.region ? { region: input.region } : {}), createdAt: now } };
  });
}

export async function listUsers(db: Queryable): Promise<User[]> {
  const rows = await db.query<{ name: string; role: Role; region: string | null; created_at: Date }>('SELECT name, role, region, created_at FROM users ORDER BY name');
  return rows.map((r) => ({ name: r.name, role: r.role, ...(r.region === null ? {} : { region: r.region }), createdAt: r.created_at.toISOString() }));
}

/** Removes a user and their sessions; never the last admin (nobody could manage users then). */
export async function removeUser(db: Db, name: string, context: Pick<UserContext, 'by' | 'now'>): Promise<Result<{ name: string }>> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('users'))");
    const [user] = await tx.query<{ role: Role }>('SELECT role FROM users WHERE name = $1', [name]);
    if (!user) return refuse(404, 'not_found', `No user ${shown(name)}.`);
    if (user.role === 'admin') {
      const [{ admins }] = (await tx.query<{ admins: number }>("SELECT count(*)::int AS admins FROM users WHERE role = 'admin'")) as [{ admins: number }];
      if (admins <= 1) return refuse(409, 'last_admin', `${shown(name)} is the only admin: add another admin first, or nobody could manage users.`);
    }
    await tx.query('DELETE FROM users WHERE name = $1', [name]);
    await insertAudit(tx, { at: at(context), user: context.by, action: 'user_removed', detail: name });
    return { ok: true as const, value: { name } };
  });
}

/**
 * Sets a new password and signs the user out everywhere (every session ends),
 * except `keepSession` (the admin changing their own password stays in).
 */
export async function setPassword(
  db: Db,
  name: string,
  password: string,
  context: Pick<UserContext, 'by' | 'now'> & { keepSession?: string },
): Promise<Result<{ name: string }>> {
  const passwordIssue = passwordProblem(password);
  if (passwordIssue) return refuse(400, 'invalid_password', passwordIssue);
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const updated = await tx.query('UPDATE users SET password_hash = $2 WHERE name = $1 RETURNING name', [name, hash]);
    if (updated.length === 0) return refuse(404, 'not_found', `No user ${shown(name)}.`);
    await tx.query('DELETE FROM sessions WHERE user_name = $1 AND token_hash <> $2', [name, context.keepSession ?? '']);
    await tx.query('DELETE FROM sign_in_failures WHERE name = $1', [name]);
    await insertAudit(tx, { at: at(context), user: context.by, action: 'password_changed', detail: name });
    return { ok: true as const, value: { name } };
  });
}
