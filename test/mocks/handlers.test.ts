import { expect, test } from 'vitest';
import { getJson, ApiError } from '@/api/http';
import type { ActualsResponse, MetaResponse, RegionListResponse, TargetSetFileResponse, TargetSetListResponse } from '@/domain/contract/api-contract';
import { parseTargetFile } from '@/domain/targets/parse-target-file';
import { loadBatches } from '@/backend/figure-store';
import { seedReferenceBatch } from '@/backend/seed/seed';
import { bundledTargetFiles } from '@/mocks/target-files';
import { ruzhouTargetFile, setupMockApi } from '../mock-server';

const api = setupMockApi();

test('the target-set list names every file in targets/ and says whether it is valid', async () => {
  api.useBackend(bundledTargetFiles());
  const body = await getJson<TargetSetListResponse>('/target-sets');
  expect(body.targetSets.map((s) => s.file)).toEqual(bundledTargetFiles().map((f) => f.file));
  expect(body.targetSets.find((s) => s.id === 'ruzhou-2020')).toMatchObject({ valid: true, title: { zh: '汝州市2020年教育发展目标' } });
});

test('a target set is served as the file text, which parses into the twelve plan targets', async () => {
  const body = await getJson<TargetSetFileResponse>('/target-sets/ruzhou-2020');
  expect(body).toMatchObject({ id: 'ruzhou-2020', file: 'ruzhou-2020.yaml', format: 'yaml' });
  const parsed = parseTargetFile(body.content, body.file);
  expect(parsed.ok && parsed.targetSet.targets).toHaveLength(12);
});

test('an unknown target set is a 404 with a JSON message', async () => {
  const error = await getJson('/target-sets/nope').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ kind: 'client', status: 404, code: 'not_found' });
});

test('regions list the city, its 21 townships and the comparison areas', async () => {
  const { regions } = await getJson<RegionListResponse>('/target-sets/ruzhou-2020/regions');
  expect(regions.filter((r) => r.parent === '410482')).toHaveLength(21);
  expect(regions.filter((r) => r.kind === 'comparison').map((r) => r.name.zh)).toEqual(['平顶山市', '河南省', '全国']);
});

test('actuals filter by metric, region and year range', async () => {
  // The national figures as the demo starts with them: its first batch.
  const backend = api.useBackend();
  await loadBatches(backend);
  await seedReferenceBatch(backend);
  const { observations } = await getJson<ActualsResponse>('/actuals', {
    metric: ['preschool_gross_enrollment_rate'],
    region: ['410482101', 'CN'],
    from: 2018,
    to: 2019,
  });
  expect(observations.length).toBeGreaterThan(0);
  for (const o of observations) {
    expect(o.metric).toBe('preschool_gross_enrollment_rate');
    expect(['410482101', 'CN']).toContain(o.region);
    expect(o.year).toBeGreaterThanOrEqual(2018);
    expect(o.year).toBeLessThanOrEqual(2019);
  }
  expect(observations.filter((o) => o.region === 'CN').map((o) => o.value)).toEqual([81.7, 83.4]);
  for (const o of observations.filter((o) => o.region === 'CN')) expect(o.citation).toEqual(expect.any(String));
});

test('demo township figures for ratio metrics carry numerator and denominator', async () => {
  const { observations } = await getJson<ActualsResponse>('/actuals', { metric: ['inclusive_kindergarten_coverage'], region: ['410482102'] });
  expect(observations).toHaveLength(5);
  for (const o of observations) {
    expect(o.source).toBe('demo');
    expect(o.numerator).toBeLessThanOrEqual(o.denominator!);
  }
});

test('a malformed year range is a 400', async () => {
  await expect(getJson('/actuals', { from: 'last year' })).rejects.toMatchObject({ status: 400, kind: 'client' });
});

test('meta says when the data was last updated and that it is demo data', async () => {
  const meta = await getJson<MetaResponse>('/meta');
  expect(meta.demo).toBe(true);
  expect(Number.isNaN(Date.parse(meta.lastUpdated ?? 'absent'))).toBe(false);
});

test('injected faults answer 5xx a set number of times, then recover', async () => {
  api.useBackend(undefined, [{ resource: 'actuals', status: 503, remaining: 1 }]);
  await expect(getJson('/actuals')).rejects.toMatchObject({ kind: 'server', status: 503 });
  await expect(getJson<ActualsResponse>('/actuals')).resolves.toHaveProperty('observations');
});

test('a network fault surfaces as a network error', async () => {
  api.useBackend(undefined, [{ resource: 'meta', status: 'network', remaining: 1 }]);
  await expect(getJson('/meta')).rejects.toMatchObject({ kind: 'network' });
});

test('an invalid target file is listed as invalid and its regions are refused with 422', async () => {
  api.useBackend([{ file: 'broken.yaml', content: 'id: [unclosed' }]);
  const { targetSets } = await getJson<TargetSetListResponse>('/target-sets');
  expect(targetSets).toEqual([{ id: 'broken', file: 'broken.yaml', valid: false }]);
  await expect(getJson('/target-sets/broken/regions')).rejects.toMatchObject({ status: 422 });
});

test('requests wait for the backend to start, and say so when it did not', async () => {
  const { holdRequestsUntil } = await import('@/api/http');
  holdRequestsUntil(Promise.reject(new Error('service worker refused')));
  await expect(getJson('/meta')).rejects.toMatchObject({ kind: 'unavailable', message: 'service worker refused' });
  let started = false;
  holdRequestsUntil(new Promise<void>((resolve) => setTimeout(() => { started = true; resolve(); }, 20)));
  await getJson('/meta');
  expect(started).toBe(true);
  holdRequestsUntil(Promise.resolve());
});

test('actuals scoped to a target set hold only that set’s metrics', async () => {
  const { observations } = await getJson<ActualsResponse>('/actuals', { set: 'ruzhou-2020' });
  const parsed = parseTargetFile(ruzhouTargetFile().content, 'ruzhou-2020.yaml');
  const metrics = new Set(parsed.ok ? parsed.targetSet.metrics.map((m) => m.id) : []);
  expect(observations.length).toBeGreaterThan(0);
  expect(observations.every((o) => metrics.has(o.metric))).toBe(true);
  await expect(getJson('/actuals', { set: 'nope' })).rejects.toMatchObject({ status: 404 });
});
