// @vitest-environment node
import { expect, test } from 'vitest';
import {
  actualsColumnsResponseSchema,
  actualsResponseSchema,
  auditResponseSchema,
  batchListResponseSchema,
  batchResponseSchema,
  metaResponseSchema,
  regionListResponseSchema,
  sessionResponseSchema,
  targetSetFileResponseSchema,
  targetSetListResponseSchema,
} from '@/domain/contract/api-contract';
import { packColumns, unpackFigures } from '@/domain/contract/actuals-columns';
import type { Observation } from '@/domain/shared/observation';
import { parseTargetFile } from '@/domain/targets/parse-target-file';
import { admin, analyst, viewer, type ContractUser } from './host';
import { answer, batchRequest, CITY, describeEachHost, keyMaker, meta, post, refusal, SET, SHARE, TOWNS, undo } from './suite';

/** Strings that have broken backends: SQL, prototype keys, and an id far longer than any real one. */
const HOSTILE = ["'; drop table batches; --", '__proto__', 'constructor', 'x'.repeat(10_000), '../../etc/passwd', '%00', '{"$ne":null}'];

describeEachHost('reads', (host) => {
  const key = keyMaker();

  test('GET /target-sets lists the Ruzhou set as valid, with its title', async () => {
    const { targetSets } = await answer(await host().request('/target-sets'), 200, targetSetListResponseSchema);
    expect(targetSets.find((s) => s.id === SET)).toMatchObject({ file: `${SET}.yaml`, valid: true, title: { zh: expect.any(String), en: expect.any(String) } });
  });

  test('GET /target-sets/{id} is the file as written, which parses; another id is a JSON 404', async () => {
    const file = await answer(await host().request(`/target-sets/${SET}`), 200, targetSetFileResponseSchema);
    expect(file).toMatchObject({ id: SET, file: `${SET}.yaml`, format: 'yaml' });
    expect(parseTargetFile(file.content, file.file).ok).toBe(true);
    await refusal(await host().request('/target-sets/no-such-set'), 404, 'not_found');
  });

  test('GET /target-sets/{id}/regions has the city, its towns and the comparison areas; another id is a 404', async () => {
    const { regions } = await answer(await host().request(`/target-sets/${SET}/regions`), 200, regionListResponseSchema);
    expect(regions.find((r) => r.id === CITY)?.kind).toBe('jurisdiction');
    expect(regions.filter((r) => r.parent === CITY).map((r) => r.id)).toEqual(expect.arrayContaining([...TOWNS]));
    expect(regions.filter((r) => r.kind === 'comparison').map((r) => r.id)).toContain('CN');
    await refusal(await host().request('/target-sets/no-such-set/regions'), 404, 'not_found');
  });

  test('GET /actuals: set, metric, region and years filter; bad years are a 400, an unknown set a 404', async () => {
    const all = await answer(await host().request(`/actuals?set=${SET}`), 200, actualsResponseSchema);
    const file = await answer(await host().request(`/target-sets/${SET}`), 200, targetSetFileResponseSchema);
    const parsed = parseTargetFile(file.content, file.file);
    const metrics = new Set(parsed.ok ? parsed.targetSet.metrics.map((m) => m.id) : []);
    expect(all.observations.every((o) => metrics.has(o.metric))).toBe(true);
    expect(all.lastUpdated).toBe((await meta(host())).lastUpdated);

    const filtered = await answer(await host().request(`/actuals?metric=${SHARE},preschool_gross_enrollment_rate&region=${CITY}&region=CN&from=2016&to=2019`), 200, actualsResponseSchema);
    for (const o of filtered.observations) {
      expect([SHARE, 'preschool_gross_enrollment_rate']).toContain(o.metric);
      expect([CITY, 'CN']).toContain(o.region);
      expect(o.year).toBeGreaterThanOrEqual(2016);
      expect(o.year).toBeLessThanOrEqual(2019);
    }
    const expected = all.observations.filter((o) => [SHARE, 'preschool_gross_enrollment_rate'].includes(o.metric) && [CITY, 'CN'].includes(o.region) && o.year >= 2016 && o.year <= 2019);
    expect(filtered.observations).toHaveLength(expected.length);

    for (const bad of ['from=last%20year', 'to=20201', 'from=1e3', 'to=-2020']) await refusal(await host().request(`/actuals?${bad}`), 400, 'bad_request');
    await refusal(await host().request('/actuals?set=no-such-set'), 404, 'not_found');
  });

  test('GET /actuals?target= answers that target’s metric alone, with the years of all the set’s figures; an unknown target is a 404, one without a set a 400', async () => {
    const file = await answer(await host().request(`/target-sets/${SET}`), 200, targetSetFileResponseSchema);
    const parsed = parseTargetFile(file.content, file.file);
    if (!parsed.ok) throw new Error('the shipped set does not parse');
    const target = parsed.targetSet.targets.find((t) => t.metric === SHARE)!;
    // A year only another metric has: the target's answer still offers it, as the set's pages do.
    const other = parsed.targetSet.targets.find((t) => t.metric !== SHARE && t.applies_to === 'all')!;
    const before = await answer(await host().request(`/actuals?set=${SET}`), 200, actualsResponseSchema);
    const later = Math.max(...before.observations.map((o) => o.year)) + 1;
    await answer(await post(host(), batchRequest([{ metric: other.metric, region: TOWNS[0], year: later, value: 70 }], 'later-year.csv'), analyst), 201, batchResponseSchema);

    const all = await answer(await host().request(`/actuals?set=${SET}`), 200, actualsResponseSchema);
    const own = await answer(await host().request(`/actuals?set=${SET}&target=${target.id}`), 200, actualsResponseSchema);
    expect(own.observations).toEqual(all.observations.filter((o) => o.metric === SHARE));
    expect(own.observations.some((o) => o.year === later)).toBe(false);
    const years = [...new Set(all.observations.filter((o) => o.source !== 'reference').map((o) => o.year))].sort((a, b) => a - b);
    expect(years).toContain(later);
    expect(all.years).toEqual(years);
    expect(own.years).toEqual(years);
    const columns = await answer(await host().request(`/actuals?set=${SET}&target=${target.id}&form=columns`), 200, actualsColumnsResponseSchema);
    expect(columns.years).toEqual(years);
    expect(columns.columns.count).toBe(own.observations.length);
    // Without a set the answer counts no set's years.
    expect((await answer(await host().request(`/actuals?metric=${SHARE}`), 200, actualsResponseSchema)).years).toBeUndefined();

    await refusal(await host().request(`/actuals?set=${SET}&target=no-such-target`), 404, 'not_found');
    await refusal(await host().request(`/actuals?target=${target.id}`), 400, 'bad_request');
  });

  test('GET /actuals?form=columns carries the same figures as the ordinary answer, every string once; another form is a 400', async () => {
    const query = `set=${SET}&region=${CITY}&region=CN&region=${TOWNS[0]}`;
    const objects = await answer(await host().request(`/actuals?${query}`), 200, actualsResponseSchema);
    const { columns, lastUpdated } = await answer(await host().request(`/actuals?${query}&form=columns`), 200, actualsColumnsResponseSchema);
    expect(lastUpdated).toBe(objects.lastUpdated);
    expect(new Set(columns.strings).size).toBe(columns.strings.length);
    const packed = packColumns(columns);
    if (!packed.ok) throw new Error(packed.message);
    const unpacked: Observation[] = [];
    unpackFigures(packed.packed, 0, packed.packed.count, unpacked);
    expect(objects.observations.length).toBeGreaterThan(0);
    expect(unpacked).toEqual(objects.observations);
    // Reference figures carry their citation (sourceNote) through the columns too.
    expect(unpacked.some((o) => o.source === 'reference' && o.sourceNote)).toBe(true);
    for (const bad of ['rows', 'COLUMNS', 'columns,objects']) await refusal(await host().request(`/actuals?set=${SET}&form=${bad}`), 400, 'bad_request');
  });

  test('GET /meta: when the set’s own figures last changed, whether any is demo data, and the store revision', async () => {
    const m = await answer(await host().request('/meta'), 200, metaResponseSchema);
    expect(Number.isInteger(m.revision)).toBe(true);
    const { batches } = await answer(await host().request('/batches'), 200, batchListResponseSchema);
    // A date only when there are figures of the set's own (demo data or an import); never the reference series' date.
    if (m.demo || batches.length > 0) expect(Number.isNaN(Date.parse(m.lastUpdated ?? 'absent'))).toBe(false);
    else expect(m.lastUpdated).toBeUndefined();
  });

  test('GET /session says who is asking, with their role', async () => {
    for (const user of [viewer, analyst, admin]) {
      const { user: session } = await answer(await host().request('/session', {}, user), 200, sessionResponseSchema);
      expect(session.role).toBe(user.role);
      if (host().signIn) expect(session.name).toBe(user.name);
    }
  });

  test('GET /batches lists summaries newest first; an unknown batch is a 404 to read and to undo', async () => {
    const { batches } = await answer(await host().request('/batches'), 200, batchListResponseSchema);
    const sequences = batches.map((b) => b.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => b - a));
    for (const b of batches) expect(b).not.toHaveProperty('figures');
    await refusal(await host().request('/batches/no-such-batch'), 404, 'not_found');
    await refusal(await undo(host(), 'no-such-batch', analyst), 404, 'not_found');
  });

  test('GET /audit answers the log as the contract says (its order and content: the writes suite)', async () => {
    const { entries } = await answer(await host().request('/audit', {}, analyst), 200, auditResponseSchema);
    for (const e of entries) expect(Number.isNaN(Date.parse(e.at))).toBe(false);
    await answer(await host().request('/audit', {}, admin), 200, auditResponseSchema);
  });

  test('GET /audit is refused to a viewer with 403 forbidden: the log is for analysts and admins', async () => {
    await refusal(await host().request('/audit', {}, viewer), 403, 'forbidden');
  });

  test('an unknown route, or a method a route does not have, is a JSON 404', async () => {
    await refusal(await host().request('/nope/deeper'), 404, 'not_found');
    await refusal(await host().request('/batches', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' }, analyst), 404, 'not_found');
  });

  test('hostile strings in paths are JSON 404s, never a 500', async () => {
    const before = await meta(host());
    for (const text of HOSTILE) {
      const id = encodeURIComponent(text);
      for (const path of [`/target-sets/${id}`, `/target-sets/${id}/regions`, `/batches/${id}`]) await refusal(await host().request(path), 404);
      await refusal(await undo(host(), text, analyst), 404, 'not_found');
    }
    expect((await meta(host())).revision).toBe(before.revision);
  });

  test('hostile strings in query parameters: an unknown set is a 404, bad years a 400, unknown metrics and regions match nothing', async () => {
    for (const text of HOSTILE) {
      const q = encodeURIComponent(text);
      await refusal(await host().request(`/actuals?set=${q}`), 404, 'not_found');
      await refusal(await host().request(`/actuals?from=${q}`), 400, 'bad_request');
      const { observations } = await answer(await host().request(`/actuals?metric=${q}&region=${q}`), 200, actualsResponseSchema);
      expect(observations).toEqual([]);
    }
  });

  test('a viewer’s writes are 403 forbidden whatever headers come with them, and change nothing', async () => {
    const before = await meta(host());
    const forged = { Authorization: 'Bearer admin', 'X-Role': 'admin', 'X-User-Role': 'analyst', 'X-Forwarded-User': 'admin', 'X-Demo-Region': CITY };
    await refusal(await post(host(), batchRequest([{ ...key(), value: 50 }]), viewer, forged), 403, 'forbidden');
    const { batches } = await answer(await host().request('/batches'), 200, batchListResponseSchema);
    if (batches[0]) await refusal(await host().request(`/batches/${batches[0].id}`, { method: 'DELETE', headers: forged }, viewer), 403, 'forbidden');
    // Before the body is even looked at.
    await refusal(await post(host(), 'not JSON at all', viewer), 403, 'forbidden');
    expect((await meta(host())).revision).toBe(before.revision);
  });

  test('a viewer’s write with a forged X-Demo-Role: analyst (or admin) stays 403', async (ctx) => {
    ctx.skip(!host().signIn, 'in the demo the X-Demo-Role header is the sign-in itself');
    const before = await meta(host());
    for (const role of ['analyst', 'admin']) {
      await refusal(await post(host(), batchRequest([{ ...key(), value: 50 }]), viewer, { 'X-Demo-Role': role }), 403, 'forbidden');
    }
    expect((await meta(host())).revision).toBe(before.revision);
  });

  test('with nobody signed in every route is a JSON 401, reads included', async (ctx) => {
    ctx.skip(!host().signIn, 'the demo has no sign-in: a request without a role plays a viewer');
    const anonymous = 'anonymous';
    for (const path of ['/target-sets', `/target-sets/${SET}`, `/target-sets/${SET}/regions`, `/actuals?set=${SET}`, '/meta', '/batches', '/batches/x', '/audit', '/session']) {
      await refusal(await host().request(path, {}, anonymous), 401, 'unauthenticated');
    }
    const forged: Record<string, string> = { 'X-Demo-Role': 'analyst' };
    await refusal(await post(host(), batchRequest([{ ...key(), value: 50 }]), anonymous, forged), 401, 'unauthenticated');
    await refusal(await host().request('/batches/x', { method: 'DELETE', headers: forged }, anonymous), 401, 'unauthenticated');
  });

  test('an analyst limited to a region reads everything like anyone else', async (ctx) => {
    ctx.skip(!host().signIn, 'the demo has no regions for its users');
    const scoped: ContractUser = { name: 'reader-analyst', role: 'analyst', region: TOWNS[1] };
    const all = await answer(await host().request(`/actuals?set=${SET}`, {}, viewer), 200, actualsResponseSchema);
    const theirs = await answer(await host().request(`/actuals?set=${SET}`, {}, scoped), 200, actualsResponseSchema);
    expect(theirs.observations).toHaveLength(all.observations.length);
    const { user } = await answer(await host().request('/session', {}, scoped), 200, sessionResponseSchema);
    // The region's names come with it, from the target file, so the header need not show a bare code.
    const { regions } = await answer(await host().request(`/target-sets/${SET}/regions`), 200, regionListResponseSchema);
    expect(user).toEqual({ name: scoped.name, role: 'analyst', region: TOWNS[1], regionName: regions.find((r) => r.id === TOWNS[1])!.name });
  });
});
