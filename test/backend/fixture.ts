import { createApi, type ApiOptions } from '@/backend/app';
import type { SetAside } from '@/backend/batch-rules';
import { createBackend, loadBatches, type Backend } from '@/backend/figure-store';
import type { Caller } from '@/backend/roles';
import { memoryBatchStorage, type BatchStorage } from '@/backend/storage';
import { roleSchema, type Role } from '@/domain/contract/api-contract';
import type { Observation } from '@/domain/shared/observation';

/**
 * A small target set of its own, so the core's tests do not depend on which
 * files targets/ holds: a share, a gross rate and a count; a city, two towns
 * and a comparison area.
 */
export const TEST_SET = `
id: test-set
title: { zh: 测试目标, en: Test targets }
jurisdiction: C
benchmark: CN
source: { title: 测试, publisher: 测试, date: 2020-01-01 }
categories:
  - { id: general, name: { zh: 综合, en: General } }
regions:
  - { id: C, name: { zh: 市, en: City }, kind: jurisdiction }
  - { id: T1, name: { zh: 一镇, en: Town one }, kind: town, parent: C }
  - { id: T2, name: { zh: 二镇, en: Town two }, kind: town, parent: C }
  - { id: CN, name: { zh: 全国, en: China }, kind: comparison }
metrics:
  - { id: coverage, name: { zh: 覆盖率, en: Coverage }, unit: percent, kind: share }
  - { id: ger, name: { zh: 毛入园率, en: GER }, unit: percent, kind: gross_rate }
  - { id: teachers, name: { zh: 教师数, en: Teachers }, unit: persons, kind: count }
targets:
  - { id: coverage-2020, metric: coverage, comparator: at_least, goal: 80, deadline: 2020-12-31, category: general, source_text: 覆盖率达到80% }
`;

export const SEED: Observation[] = [
  { metric: 'coverage', region: 'T1', year: 2020, numerator: 70, denominator: 100, source: 'demo' },
  { metric: 'coverage', region: 'T2', year: 2020, value: 60, source: 'demo' },
  { metric: 'coverage', region: 'CN', year: 2020, value: 88, source: 'reference', sourceNote: '公报' },
];

export const SEED_UPDATED = '2021-03-31T09:00:00+08:00';

export const counts = { rows: 1, added: 0, replaced: 1, unchanged: 0, rejectedRows: 0, errors: 0, warnings: 0, notes: 0 };

/** A well-formed batch body for the test set; `figures` and other fields can be replaced. */
export function batchBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fileName: 'a.csv',
    encoding: 'utf-8',
    layout: 'long',
    targetSet: 'test-set',
    counts,
    figures: [{ metric: 'coverage', region: 'T1', year: 2020, value: 85 }],
    ...overrides,
  };
}

/** The core over `storage` with the test set and the seed; set-aside records are collected. */
export async function testBackend(storage: BatchStorage = memoryBatchStorage()) {
  const setAside: SetAside[] = [];
  const backend: Backend = createBackend({
    targetFiles: [{ file: 'test-set.yaml', content: TEST_SET }],
    seed: SEED,
    seedUpdated: SEED_UPDATED,
    storage,
    onSetAside: (record) => setAside.push(record),
  });
  await loadBatches(backend);
  return { backend, setAside };
}

/** Who a test request is from, in the test host's headers. */
export type TestCaller = Role | Caller;

/** The headers the test host reads: `X-Test-Role`, `X-Test-Name`, `X-Test-Region` (none: nobody signed in). */
export function as(who: TestCaller): Record<string, string> {
  const caller: Caller = typeof who === 'string' ? { name: who, role: who } : who;
  return { 'X-Test-Role': caller.role, 'X-Test-Name': encodeURIComponent(caller.name), ...(caller.region === undefined ? {} : { 'X-Test-Region': caller.region }) };
}

function identify(request: Request): Caller | undefined {
  const role = roleSchema.safeParse(request.headers.get('X-Test-Role'));
  if (!role.success) return undefined;
  const region = request.headers.get('X-Test-Region') ?? undefined;
  return { name: decodeURIComponent(request.headers.get('X-Test-Name') ?? role.data), role: role.data, ...(region === undefined ? {} : { region }) };
}

/** The core with the test set, the seed and (by default) memory storage, and its app with the caller taken from `as(…)` headers. */
export async function testApi(storage: BatchStorage = memoryBatchStorage(), options: Partial<ApiOptions> = {}) {
  const { backend, setAside } = await testBackend(storage);
  const app = createApi(backend, { identify, ...options });
  const post = (body: unknown, init: { as?: TestCaller; contentType?: string; headers?: Record<string, string> } = {}) =>
    app.request('/batches', {
      method: 'POST',
      headers: { ...as(init.as ?? 'analyst'), 'Content-Type': init.contentType ?? 'application/json', ...init.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = (path: string, who: TestCaller = 'viewer') => app.request(path, { headers: as(who) });
  const undo = (id: string, who: TestCaller = 'analyst') => app.request(`/batches/${id}`, { method: 'DELETE', headers: as(who) });
  return { backend, app, post, get, undo, setAside };
}

/** The records a storage holds now (its `load`, records only). */
export async function storedRecords(storage: BatchStorage): Promise<readonly unknown[]> {
  return (await storage.load()).records;
}
