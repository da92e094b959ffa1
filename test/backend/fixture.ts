import { createApi } from '@/backend/app';
import { createBackend, loadBatches, type Backend } from '@/backend/figure-store';
import { memoryBatchStorage, type BatchStorage } from '@/backend/storage';
import type { Role } from '@/domain/contract/api-contract';
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

/** The core with the test set, the seed and (by default) memory storage, and its app with a role taken from `X-Test-Role`. */
export async function testApi(storage: BatchStorage = memoryBatchStorage()) {
  const setAside: unknown[] = [];
  const backend: Backend = createBackend({
    targetFiles: [{ file: 'test-set.yaml', content: TEST_SET }],
    seed: SEED,
    seedUpdated: SEED_UPDATED,
    storage,
    onSetAside: (record) => setAside.push(record),
  });
  await loadBatches(backend);
  const app = createApi(backend, {
    identify: (request) => {
      const role = request.headers.get('X-Test-Role');
      return role ? { role: role as Role } : undefined;
    },
  });
  const as = (role: Role) => ({ 'X-Test-Role': role });
  const post = (body: unknown, init: { role?: Role; contentType?: string } = {}) =>
    app.request('/batches', {
      method: 'POST',
      headers: { ...as(init.role ?? 'analyst'), 'Content-Type': init.contentType ?? 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = (path: string, role: Role = 'viewer') => app.request(path, { headers: as(role) });
  return { backend, app, post, get, as, setAside };
}
