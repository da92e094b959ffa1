// @vitest-environment node
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SECURITY_HEADERS } from '@/server/app';
import { openPglite, type Db } from '@/server/db';
import { counts } from '../backend/fixture';
import { capturedLog, createUser, fakeSpa, PASSWORD, regions, testServer, type TestServer } from './harness';
import { freshDataDir, removeDataDir } from './pglite';

/**
 * The whole server in-process (`app.request`) over PGlite in a temporary
 * folder: sign-in, sessions, roles, cross-origin refusal, headers, the SPA,
 * /healthz and hostile input. One database for the file; each test uses its
 * own users where it changes their state.
 */

let dir: string;
let db: Db;
let spa: ReturnType<typeof fakeSpa>;
let server: TestServer;
let clock = new Date('2026-06-01T08:00:00Z');
const now = () => clock;
const advance = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));
const logged = capturedLog();
const { jurisdiction, town, otherTown, set } = regions();

const json = (body: unknown, init: RequestInit & { cookie?: string } = {}) => ({
  ...init,
  method: init.method ?? 'POST',
  headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const shareMetric = set.metrics.find((m) => m.kind === 'share')!.id;
const batch = (region: string, value: number, fileName = 'figures.csv') => ({
  fileName,
  encoding: 'gb18030',
  layout: 'long',
  targetSet: set.id,
  counts,
  figures: [{ metric: shareMetric, region, year: 2020, value }],
});

beforeAll(async () => {
  dir = await freshDataDir();
  db = await openPglite(dir);
  spa = fakeSpa();
  server = await testServer(db, { config: { staticDir: spa.dir }, now, log: logged.log });
  await createUser(db, 'official', 'viewer');
  await createUser(db, 'analyst', 'analyst');
  await createUser(db, 'admin', 'admin');
  await createUser(db, 'town-analyst', 'analyst', town);
}, 60_000);
afterAll(async () => {
  await db?.close();
  removeDataDir(dir);
  spa?.remove();
});

describe('sign-in and sessions', () => {
  test('signing in sets an HttpOnly, SameSite=Strict session cookie (Secure only over https) and GET /api/session names the user', async () => {
    const response = await server.request('/api/session', json({ name: 'town-analyst', password: PASSWORD }));
    expect(response.status).toBe(200);
    const townName = set.regions.find((r) => r.id === town)!.name;
    expect(await response.json()).toEqual({ user: { name: 'town-analyst', role: 'analyst', region: town, regionName: townName } });
    const cookie = response.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/^session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
    const session = await server.request('/api/session', { cookie: cookie.split(';')[0] });
    expect(await session.json()).toEqual({ user: { name: 'town-analyst', role: 'analyst', region: town, regionName: townName } });

    const https = await server.request('https://localhost/api/session', json({ name: 'official', password: PASSWORD }, { headers: { Origin: 'https://localhost' } }));
    expect(https.headers.get('Set-Cookie')).toMatch(/; Secure$/);
    // X-Forwarded-Proto counts only with TRUST_PROXY=1.
    const forwarded = await server.request('/api/session', json({ name: 'official', password: PASSWORD }, { headers: { 'X-Forwarded-Proto': 'https' } }));
    expect(forwarded.headers.get('Set-Cookie')).not.toMatch(/Secure/);
    const proxied = await testServer(db, { config: { trustProxy: true }, now });
    const behindProxy = await proxied.request('/api/session', json({ name: 'official', password: PASSWORD }, { headers: { 'X-Forwarded-Proto': 'https', Origin: 'https://localhost' } }));
    expect(behindProxy.status).toBe(200);
    expect(behindProxy.headers.get('Set-Cookie')).toMatch(/; Secure$/);
  });

  test('a wrong password or an unknown name is 401 with the same message; no session is set', async () => {
    for (const body of [{ name: 'official', password: 'not the password' }, { name: 'nobody-at-all', password: PASSWORD }]) {
      const response = await server.request('/api/session', json(body));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong name or password.' } });
      expect(response.headers.get('Set-Cookie')).toBeNull();
    }
  });

  test('sign-in takes JSON only, strictly: other types, bad JSON and unknown fields are 400', async () => {
    const form = await server.request('/api/session', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=a&password=b' });
    expect(form.status).toBe(400);
    expect((await form.json()).error.code).toBe('unsupported_media_type');
    expect((await (await server.request('/api/session', json('{"name":'))).json()).error.code).toBe('invalid_json');
    const extra = await server.request('/api/session', json({ name: 'official', password: PASSWORD, role: 'admin' }));
    expect(extra.status).toBe(400);
    expect((await extra.json()).error.code).toBe('invalid_request');
  });

  test('after 5 failed sign-ins a name is locked (429 with Retry-After), even with the right password; the lock doubles', async () => {
    await createUser(db, 'throttled', 'viewer');
    const attempt = (password: string) => server.request('/api/session', json({ name: 'throttled', password }));
    for (let i = 0; i < 5; i++) expect((await attempt('wrong password')).status).toBe(401);
    const locked = await attempt(PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('Retry-After')).toBe('30');
    expect((await locked.json()).error.code).toBe('too_many_attempts');
    advance(31);
    expect((await attempt('wrong again')).status).toBe(401);
    const longer = await attempt(PASSWORD);
    expect(longer.status).toBe(429);
    expect(longer.headers.get('Retry-After')).toBe('60');
    // The lock is in the database: a second server process sees it too.
    const sibling = await testServer(db, { now });
    expect((await sibling.request('/api/session', json({ name: 'throttled', password: PASSWORD }))).status).toBe(429);
    advance(61);
    expect((await attempt(PASSWORD)).status).toBe(200);
    // A success clears the count.
    expect((await attempt('wrong password')).status).toBe(401);
    expect((await attempt(PASSWORD)).status).toBe(200);
  });

  test('a session expires after SESSION_HOURS; signing out ends it at once', async () => {
    const cookie = await server.signIn('official');
    expect((await server.request('/api/meta', { cookie })).status).toBe(200);
    advance(12 * 3600 + 1);
    const expired = await server.request('/api/meta', { cookie });
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.code).toBe('unauthenticated');

    const fresh = await server.signIn('official');
    const out = await server.request('/api/session', { method: 'DELETE', cookie: fresh });
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toMatch(/^session=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0/);
    expect((await server.request('/api/meta', { cookie: fresh })).status).toBe(401);
  });

  test('no cookie, a forged cookie or the demo role header is 401', async () => {
    expect((await server.request('/api/actuals')).status).toBe(401);
    expect((await server.request('/api/actuals', { cookie: `session=${'A'.repeat(43)}` })).status).toBe(401);
    expect((await server.request('/api/actuals', { headers: { 'X-Demo-Role': 'admin' } })).status).toBe(401);
  });
});

describe('roles, scope and cross-site requests', () => {
  test('a viewer’s write is 403 whatever role header it forges; an analyst’s commit is seen by the viewer', async () => {
    const viewer = await server.signIn('official');
    const forged = await server.request('/api/batches', json(batch(town, 81), { cookie: viewer, headers: { 'X-Demo-Role': 'analyst' } }));
    expect(forged.status).toBe(403);
    expect((await forged.json()).error.code).toBe('forbidden');

    const analyst = await server.signIn('analyst');
    const created = await server.request('/api/batches', json(batch(town, 81.5), { cookie: analyst }));
    expect(created.status).toBe(201);
    const { batch: stored } = await created.json();
    expect(stored.committedBy).toBe('analyst');
    const actuals = await (await server.request(`/api/actuals?set=${set.id}&region=${town}&metric=${shareMetric}`, { cookie: viewer })).json();
    expect(actuals.observations).toContainEqual(expect.objectContaining({ region: town, year: 2020, value: 81.5, source: 'import', batchId: stored.id }));
    const audit = await (await server.request('/api/audit', { cookie: analyst })).json();
    expect(audit.entries[0]).toMatchObject({ action: 'commit', user: 'analyst', batchId: stored.id, fileName: 'figures.csv' });
  });

  test('the audit log: a viewer is refused (403); an analyst sees every commit but only their own sign-ins; an admin sees all', async () => {
    await createUser(db, 'audit-viewer', 'viewer');
    await createUser(db, 'audit-analyst', 'analyst');
    const wrong = await server.request('/api/session', json({ name: 'audit-viewer', password: 'not the password' }));
    expect(wrong.status).toBe(401);
    const viewer = await server.signIn('audit-viewer');
    const refused = await server.request('/api/audit', { cookie: viewer });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('audit log') });

    const other = await server.signIn('analyst');
    expect((await server.request('/api/batches', json(batch(town, 64, 'audit.csv'), { cookie: other }))).status).toBe(201);
    const analyst = await server.signIn('audit-analyst');
    const seen: { action: string; user: string }[] = (await (await server.request('/api/audit', { cookie: analyst })).json()).entries;
    expect(seen).toContainEqual(expect.objectContaining({ action: 'commit', user: 'analyst', fileName: 'audit.csv' }));
    expect(seen).toContainEqual(expect.objectContaining({ action: 'sign_in', user: 'audit-analyst' }));
    expect(seen.filter((e) => !['commit', 'undo'].includes(e.action)).every((e) => e.user === 'audit-analyst')).toBe(true);
    expect(seen.some((e) => e.action === 'sign_in_failed' || e.action === 'user_added')).toBe(false);

    const admin = await server.signIn('admin');
    const all: { action: string; user: string }[] = (await (await server.request('/api/audit', { cookie: admin })).json()).entries;
    expect(all).toContainEqual(expect.objectContaining({ action: 'sign_in_failed', user: 'audit-viewer' }));
    expect(all).toContainEqual(expect.objectContaining({ action: 'sign_in', user: 'audit-viewer' }));
  });

  test('an analyst scoped to a township may write its rows only', async () => {
    const scoped = await server.signIn('town-analyst');
    expect((await server.request('/api/batches', json(batch(town, 70), { cookie: scoped }))).status).toBe(201);
    const outside = await server.request('/api/batches', json(batch(otherTown, 70), { cookie: scoped }));
    expect(outside.status).toBe(403);
    expect((await outside.json()).error.code).toBe('region_out_of_scope');
    expect((await server.request('/api/batches', json(batch(jurisdiction, 70), { cookie: scoped }))).status).toBe(403);
  });

  test('a write from another origin is refused with 403 JSON, signed in or not', async () => {
    const analyst = await server.signIn('analyst');
    const origins: Record<string, string>[] = [{ Origin: 'https://evil.example' }, { Origin: 'null' }, { 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'same-site' }];
    for (const headers of origins) {
      const response = await server.request('/api/batches', json(batch(town, 60), { cookie: analyst, headers }));
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe('cross_origin');
    }
    const signIn = await server.request('/api/session', json({ name: 'analyst', password: PASSWORD }, { headers: { Origin: 'https://evil.example' } }));
    expect(signIn.status).toBe(403);
    const same = await server.request('/api/batches', json(batch(town, 60), { cookie: analyst, headers: { 'Sec-Fetch-Site': 'same-origin' } }));
    expect(same.status).toBe(201);
  });
});

describe('admin user routes', () => {
  test('only an admin manages users; the changes are audited and the last admin stays', async () => {
    const viewer = await server.signIn('official');
    expect((await server.request('/api/users', { cookie: viewer })).status).toBe(403);
    expect((await server.request('/api/users')).status).toBe(401);
    const admin = await server.signIn('admin');
    const added = await server.request('/api/users', json({ name: 'new-analyst', role: 'analyst', region: otherTown, password: 'a long password' }, { cookie: admin }));
    expect(added.status).toBe(201);
    expect((await added.json()).user).toMatchObject({ name: 'new-analyst', role: 'analyst', region: otherTown });
    expect((await server.request('/api/users', json({ name: 'x1', role: 'analyst', region: 'nowhere', password: 'a long password' }, { cookie: admin }))).status).toBe(400);
    expect((await server.request('/api/users', json({ name: 'x2', role: 'root', password: 'a long password' }, { cookie: admin }))).status).toBe(400);
    expect((await server.request('/api/users', json({ name: 'x3', role: 'viewer', password: 'short' }, { cookie: admin }))).status).toBe(400);
    expect((await server.request('/api/users', json({ name: 'new-analyst', role: 'viewer', password: 'a long password' }, { cookie: admin }))).status).toBe(409);
    const list = (await (await server.request('/api/users', { cookie: admin })).json()).users;
    expect(list.map((u: { name: string }) => u.name)).toEqual(expect.arrayContaining(['admin', 'new-analyst', 'official']));
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password/);

    const theirs = await server.signIn('new-analyst', 'a long password');
    const changed = await server.request('/api/users/new-analyst/password', json({ password: 'another long one' }, { method: 'PUT', cookie: admin }));
    expect(changed.status).toBe(200);
    expect((await server.request('/api/meta', { cookie: theirs })).status).toBe(401);
    expect((await server.request('/api/session', json({ name: 'new-analyst', password: 'a long password' }))).status).toBe(401);
    await server.signIn('new-analyst', 'another long one');

    expect((await server.request('/api/users/new-analyst', { method: 'DELETE', cookie: admin })).status).toBe(200);
    expect((await server.request('/api/users/new-analyst', { method: 'DELETE', cookie: admin })).status).toBe(404);
    const last = await server.request('/api/users/admin', { method: 'DELETE', cookie: admin });
    expect(last.status).toBe(409);
    expect((await last.json()).error.code).toBe('last_admin');
    const audit = (await (await server.request('/api/audit', { cookie: admin })).json()).entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['user_added', 'password_changed', 'user_removed', 'sign_in', 'sign_in_failed', 'sign_out']));
  });
});

describe('headers, the web app and health', () => {
  test('every response carries the security headers: HTML, assets, API answers and errors', async () => {
    const viewer = await server.signIn('official');
    for (const response of [
      await server.request('/'),
      await server.request('/assets/index-abc123.js'),
      await server.request('/api/meta', { cookie: viewer }),
      await server.request('/api/meta'),
      await server.request('/healthz'),
      await server.request('/nothing.js'),
    ]) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name), `${name} on ${response.url}`).toBe(value);
    }
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(
      "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
  });

  test('app routes fall back to index.html; hashed assets are cached for long; source maps are never served', async () => {
    for (const path of ['/', '/data', '/sign-in', '/targets/ruzhou']) {
      const response = await server.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('Cache-Control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root">');
    }
    const asset = await server.request('/assets/index-abc123.js');
    expect(asset.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect((await server.request('/assets/index-abc123.js', { headers: { 'If-None-Match': asset.headers.get('ETag')! } })).status).toBe(304);
    for (const path of ['/assets/index-abc123.js.map', '/assets/missing-123.js', '/missing.png', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await server.request(path);
      expect([404, 200], path).toContain(response.status);
      expect(await response.text(), path).not.toMatch(/secret\/src|root:/);
    }
    expect((await server.request('/assets/index-abc123.js.map')).status).toBe(404);
    expect((await server.request('/api/nothing-here', { cookie: await server.signIn('official') })).status).toBe(404);
  });

  test('/healthz says whether the database answers: 200, or 503 with a JSON error', async () => {
    const ok = await server.request('/healthz');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ok', database: 'pglite' });
    let down = false;
    const flaky: Db = { ...db, query: (sql, params) => (down ? Promise.reject(new Error('connection refused')) : db.query(sql, params)) };
    const other = await testServer(flaky, { now });
    down = true;
    const unavailable = await other.request('/healthz');
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toEqual({ error: { code: 'database_unavailable', message: 'The database does not answer.' } });
    // An API request while the database is down: a JSON 500 without a stack trace.
    const failed = await other.request('/api/meta', { cookie: `session=${'B'.repeat(43)}` });
    expect(failed.status).toBe(500);
    const text = await failed.text();
    expect(JSON.parse(text).error.code).toBe('internal_error');
    expect(text).not.toMatch(/connection refused|at .*\.ts/);
  });
});

describe('hostile input', () => {
  const hostile = ["'; drop table batches; --", '__proto__', 'constructor', 'x'.repeat(10_000), '%00', '../../etc/passwd', '"><script>alert(1)</script>'];

  test('hostile names, ids and bodies get 4xx JSON answers, never a 500, and the tables survive', async () => {
    const analyst = await server.signIn('analyst');
    const admin = await server.signIn('admin');
    for (const text of hostile) {
      const id = encodeURIComponent(text);
      const answers = [
        await server.request('/api/session', json({ name: text, password: text })),
        await server.request(`/api/batches/${id}`, { cookie: analyst }),
        await server.request(`/api/batches/${id}`, { method: 'DELETE', cookie: analyst }),
        await server.request(`/api/target-sets/${id}`, { cookie: analyst }),
        await server.request(`/api/target-sets/${id}/regions`, { cookie: analyst }),
        await server.request(`/api/actuals?set=${id}&region=${id}&metric=${id}`, { cookie: analyst }),
        await server.request('/api/batches', json({ ...batch(town, 50), [text]: 1 }, { cookie: analyst })),
        await server.request('/api/batches', json({ ...batch(text, 50) }, { cookie: analyst })),
        await server.request('/api/users', json({ name: text, role: 'viewer', password: 'long enough' }, { cookie: admin })),
        await server.request(`/api/users/${id}`, { method: 'DELETE', cookie: admin }),
        await server.request(`/api/users/${id}/password`, json({ password: 'long enough' }, { method: 'PUT', cookie: admin })),
        await server.request('/api/batches', { ...json(batch(town, 50), { cookie: analyst }), headers: { 'Content-Type': 'application/json', 'Idempotency-Key': text.slice(0, 200), 'If-Match': text.slice(0, 200) } }),
      ];
      for (const [i, response] of answers.entries()) {
        // "__proto__" and "constructor" are fine user names: added, then removed, as text like any other.
        if ((text === '__proto__' || text === 'constructor') && (i === 8 || i === 9)) {
          expect(response.status).toBe(i === 8 ? 201 : 200);
          continue;
        }
        expect(response.status, `${text.slice(0, 30)} → ${response.url}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${text.slice(0, 30)} → ${response.url}`).toBeLessThan(500);
        expect((await response.json()).error.code).toEqual(expect.any(String));
      }
    }
    const proto = await server.request('/api/batches', json('{"__proto__": {"admin": true}, "fileName": "a.csv"}', { cookie: analyst }));
    expect(proto.status).toBe(400);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    const stored = await server.request('/api/batches', json(batch(town, 52, "'; drop table batches; --"), { cookie: analyst }));
    expect(stored.status).toBe(201);
    const list = await (await server.request('/api/batches', { cookie: analyst })).json();
    expect(list.batches[0].fileName).toBe("'; drop table batches; --");
  });

  test('the log has a line per request with the user, and never a password or a session token', async () => {
    const cookie = await server.signIn('official');
    await server.request('/api/meta', { cookie });
    const lines = logged.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'request', method: 'GET', path: '/api/meta', status: 200, user: 'official', ms: expect.any(Number) }));
    const all = logged.lines.join('\n');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(cookie.slice('session='.length));
  });
});
