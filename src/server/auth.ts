import { createHash, randomBytes } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod';
import { jsonBody, jsonOnly } from '@/backend/batch-routes';
import { refusalResponse, type Refusal } from '@/backend/refusal';
import { sessionUserOf, type Caller } from '@/backend/roles';
import { describeIssues, roleSchema, signInRequestSchema, type Role, type SessionResponse } from '@/domain/contract/api-contract';
import type { Region } from '@/domain/targets/target-set';
import type { Db } from './db';
import { insertAudit } from './sql-storage';
import { addUser, decoyHash, listUsers, MAX_PASSWORD_LENGTH, removeUser, setPassword, verifyPassword } from './users';

/**
 * Sign-in for the server: a session per sign-in, its random token in an
 * `HttpOnly; SameSite=Strict` cookie and only a hash of it in the database;
 * failed sign-ins for a name slowed down across every process (the counter is
 * in the database); unsafe requests from another origin refused; and the
 * admin's user routes. `identify` is what the backend core calls to learn who
 * is asking: it reads the session cookie and nothing else (never the demo's
 * `X-Demo-Role`). Single sign-on would replace it (docs/server.md).
 */

export const SESSION_COOKIE = 'session';

/** Failed sign-ins for a name before it is locked; then 30 s, doubling with each further failure, up to an hour. */
export const FREE_FAILURES = 5;
const FIRST_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 3600;
/** A failure this long ago no longer counts. */
const FAILURE_MEMORY_HOURS = 24;

const AUTH_BODY_BYTES = 16 * 1024;

export type AuthOptions = {
  db: Db;
  sessionHours: number;
  /** Trust `X-Forwarded-Proto` / `X-Forwarded-Host` (behind a reverse proxy). */
  trustProxy: boolean;
  /** The regions declared in the target files, by id (a user's region must be one; the session names it). */
  regions: ReadonlyMap<string, Region>;
  now?: () => Date;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('Cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

const firstForwarded = (request: Request, header: string) => request.headers.get(header)?.split(',')[0]?.trim().toLowerCase() || undefined;

/** True when the request reached us over https (directly, or through a trusted proxy that says so). */
export function isHttps(request: Request, trustProxy: boolean): boolean {
  if (trustProxy) {
    const proto = firstForwarded(request, 'X-Forwarded-Proto');
    if (proto) return proto === 'https';
  }
  return new URL(request.url).protocol === 'https:';
}

/** The origin the browser sees this server at. */
export function ownOrigin(request: Request, trustProxy: boolean): string {
  const host = (trustProxy ? firstForwarded(request, 'X-Forwarded-Host') : undefined) ?? request.headers.get('Host')?.toLowerCase() ?? new URL(request.url).host;
  return `${isHttps(request, trustProxy) ? 'https' : 'http'}://${host}`;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a state-changing request a browser sent from another site: a
 * `Sec-Fetch-Site` other than `same-origin`, or an `Origin` that is not this
 * server's. (A client that is not a browser sends neither and has no cookie
 * to abuse.) With `SameSite=Strict` cookies and JSON-only writes this is the
 * third fence against cross-site requests.
 */
export function sameOriginWrites(trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const site = c.req.header('Sec-Fetch-Site');
      const origin = c.req.header('Origin');
      const expected = ownOrigin(c.req.raw, trustProxy);
      if ((site !== undefined && site !== 'same-origin') || (origin !== undefined && origin.toLowerCase() !== expected)) {
        return refusalResponse(c, {
          status: 403,
          code: 'cross_origin',
          message: `A change must come from this site (${expected}), not from ${JSON.stringify((origin ?? site ?? '').slice(0, 100))}: refused.`,
        });
      }
    }
    await next();
  };
}

const newUserSchema = z.strictObject({
  name: z.string().min(1).max(100),
  role: roleSchema,
  region: z.string().min(1).max(100).optional(),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
const passwordSchema = z.strictObject({ password: z.string().min(1).max(MAX_PASSWORD_LENGTH) });

export type Auth = ReturnType<typeof createAuth>;

export function createAuth(options: AuthOptions) {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const sessionSeconds = Math.round(options.sessionHours * 3600);

  const cookie = (request: Request, token: string, maxAge: number) =>
    `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${isHttps(request, options.trustProxy) ? '; Secure' : ''}`;

  /** The session a request carries: its token's hash and who it belongs to, or undefined. */
  async function session(request: Request): Promise<{ tokenHash: string; caller: Caller } | undefined> {
    const token = cookieValue(request, SESSION_COOKIE);
    if (!token || !TOKEN.test(token)) return undefined;
    const tokenHash = sha256(token);
    const [row] = await db.query<{ name: string; role: Role; region: string | null }>(
      `SELECT u.name, u.role, u.region FROM sessions s JOIN users u ON u.name = s.user_name
        WHERE s.token_hash = $1 AND s.expires_at > $2::timestamptz`,
      [tokenHash, now().toISOString()],
    );
    if (!row) return undefined;
    return { tokenHash, caller: { name: row.name, role: row.role, ...(row.region === null ? {} : { region: row.region }) } };
  }

  /** Who is asking, from the session cookie only; undefined (→ 401) without a live session. */
  async function identify(request: Request): Promise<Caller | undefined> {
    return (await session(request))?.caller;
  }

  /** Seconds until `name` may try again, or 0. */
  async function lockedFor(name: string): Promise<number> {
    const [row] = await db.query<{ locked_until: Date | null }>('SELECT locked_until FROM sign_in_failures WHERE name = $1', [name]);
    const until = row?.locked_until?.getTime() ?? 0;
    return Math.max(0, Math.ceil((until - now().getTime()) / 1000));
  }

  async function recordFailure(name: string): Promise<void> {
    const at = now();
    await db.transaction(async (tx) => {
      const [row] = (await tx.query<{ failures: number }>(
        `INSERT INTO sign_in_failures (name, failures, last_failure_at) VALUES ($1, 1, $2::timestamptz)
         ON CONFLICT (name) DO UPDATE SET
           failures = CASE WHEN sign_in_failures.last_failure_at < $2::timestamptz - make_interval(hours => $3) THEN 1 ELSE sign_in_failures.failures + 1 END,
           last_failure_at = $2::timestamptz
         RETURNING failures`,
        [name, at.toISOString(), FAILURE_MEMORY_HOURS],
      )) as [{ failures: number }];
      if (row.failures >= FREE_FAILURES) {
        const seconds = Math.min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** (row.failures - FREE_FAILURES));
        await tx.query('UPDATE sign_in_failures SET locked_until = $2::timestamptz WHERE name = $1', [name, new Date(at.getTime() + seconds * 1000).toISOString()]);
      }
      await insertAudit(tx, { at: at.toISOString(), user: name, action: 'sign_in_failed', detail: `failed sign-in ${row.failures}` });
    });
  }

  const refuse = (c: Context, refusal: Refusal) => refusalResponse(c, refusal);

  async function signIn(c: Context): Promise<Response> {
    const body = await jsonBody(c.req.raw);
    if (!body.ok) return refuse(c, body.refusal);
    const parsed = signInRequestSchema.safeParse(body.body);
    if (!parsed.success) return refuse(c, { status: 400, code: 'invalid_request', message: describeIssues(parsed.error) });
    const { name, password } = parsed.data;
    const wait = await lockedFor(name);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return refuse(c, { status: 429, code: 'too_many_attempts', message: `Too many failed sign-ins for this name: try again in ${wait} s.` });
    }
    const [user] = await db.query<{ name: string; role: Role; region: string | null; password_hash: string }>(
      'SELECT name, role, region, password_hash FROM users WHERE name = $1',
      [name],
    );
    const matches = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
    if (!user || !matches) {
      await recordFailure(name);
      return refuse(c, { status: 401, code: 'invalid_credentials', message: 'Wrong name or password.' });
    }
    const token = randomBytes(32).toString('base64url');
    const at = now();
    await db.transaction(async (tx) => {
      await tx.query('DELETE FROM sessions WHERE expires_at <= $1::timestamptz', [at.toISOString()]);
      await tx.query('INSERT INTO sessions (token_hash, user_name, created_at, expires_at) VALUES ($1, $2, $3::timestamptz, $4::timestamptz)', [
        sha256(token),
        user.name,
        at.toISOString(),
        new Date(at.getTime() + sessionSeconds * 1000).toISOString(),
      ]);
      await tx.query('DELETE FROM sign_in_failures WHERE name = $1', [user.name]);
      await insertAudit(tx, { at: at.toISOString(), user: user.name, action: 'sign_in' });
    });
    c.header('Set-Cookie', cookie(c.req.raw, token, sessionSeconds));
    c.header('Cache-Control', 'no-store');
    return c.json<SessionResponse>({ user: sessionUserOf({ name: user.name, role: user.role, region: user.region ?? undefined }, options.regions) });
  }

  async function signOut(c: Context): Promise<Response> {
    const current = await session(c.req.raw);
    if (current) {
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM sessions WHERE token_hash = $1', [current.tokenHash]);
        await insertAudit(tx, { at: now().toISOString(), user: current.caller.name, action: 'sign_out' });
      });
    }
    c.header('Set-Cookie', cookie(c.req.raw, '', 0));
    return c.body(null, 204);
  }

  const limit = bodyLimit({
    maxSize: AUTH_BODY_BYTES,
    onError: (c) => refuse(c, { status: 413, code: 'payload_too_large', message: `body: larger than the limit of ${AUTH_BODY_BYTES} bytes.` }),
  });

  /** `POST /session`, `DELETE /session` and the admin's `/users` routes, to mount under the API base. */
  const routes = new Hono<{ Variables: { admin: { tokenHash: string; caller: Caller } } }>();
  routes.post('/session', jsonOnly, limit, signIn);
  routes.delete('/session', signOut);

  const adminOnly: MiddlewareHandler<{ Variables: { admin: { tokenHash: string; caller: Caller } } }> = async (c, next) => {
    const current = await session(c.req.raw);
    if (!current) return refuse(c, { status: 401, code: 'unauthenticated', message: 'Sign in to use the API.' });
    if (current.caller.role !== 'admin') return refuse(c, { status: 403, code: 'forbidden', message: 'Only admins manage users.' });
    c.set('admin', current);
    await next();
  };
  const parseWith = async <T>(c: Context, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false; response: Response }> => {
    const body = await jsonBody(c.req.raw);
    if (!body.ok) return { ok: false, response: refuse(c, body.refusal) };
    const parsed = schema.safeParse(body.body);
    if (!parsed.success) return { ok: false, response: refuse(c, { status: 400, code: 'invalid_request', message: describeIssues(parsed.error) }) };
    return { ok: true, value: parsed.data };
  };

  routes.use('/users', adminOnly);
  routes.use('/users/*', adminOnly);
  routes.get('/users', async (c) => c.json({ users: await listUsers(db) }));
  routes.post('/users', jsonOnly, limit, async (c) => {
    const body = await parseWith(c, newUserSchema);
    if (!body.ok) return body.response;
    const result = await addUser(db, body.value, { by: c.get('admin').caller.name, regions: options.regions, now });
    return result.ok ? c.json({ user: result.value }, 201) : refuse(c, result.refusal);
  });
  routes.delete('/users/:name', async (c) => {
    const result = await removeUser(db, c.req.param('name'), { by: c.get('admin').caller.name, now });
    return result.ok ? c.json({ removed: result.value.name }) : refuse(c, result.refusal);
  });
  routes.put('/users/:name/password', jsonOnly, limit, async (c) => {
    const body = await parseWith(c, passwordSchema);
    if (!body.ok) return body.response;
    const admin = c.get('admin');
    const result = await setPassword(db, c.req.param('name'), body.value.password, { by: admin.caller.name, now, keepSession: admin.tokenHash });
    return result.ok ? c.json({ updated: result.value.name }) : refuse(c, result.refusal);
  });

  return { identify, routes };
}
