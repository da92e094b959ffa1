import type { TargetSetSummary } from '@/domain/api-contract';
import type { Observation } from '@/domain/observation';
import { parseTargetFile } from '@/domain/parse-target-file';
import type { TargetSet } from '@/domain/target-set';
import { demoObservations, referenceObservations } from './demo-seed';
import type { Fault } from './faults';
import type { TargetFileText } from './target-files';

export type StoredTargetFile = TargetFileText & { id: string; format: 'yaml' | 'json'; set?: TargetSet };

/** The state behind the mock API: target files, observations and injected faults. */
export type MockBackend = {
  files: StoredTargetFile[];
  observations: Observation[];
  lastUpdated: string;
  faults: Fault[];
};

/** When the demo figures were "published"; fixed so screenshots and tests are stable. */
export const DEMO_LAST_UPDATED = '2021-03-31T09:00:00+08:00';

/** Builds the backend from target files: each valid set gets its demo figures, plus the national reference series. */
export function createMockBackend(files: readonly TargetFileText[], faults: Fault[] = []): MockBackend {
  const stored = files.map((f): StoredTargetFile => {
    const parsed = parseTargetFile(f.content, f.file);
    return {
      ...f,
      id: f.file.replace(/\.(ya?ml|json)$/i, ''),
      format: /\.json$/i.test(f.file) ? 'json' : 'yaml',
      ...(parsed.ok ? { set: parsed.targetSet } : {}),
    };
  });
  const seen = new Set<string>();
  const observations = [...stored.flatMap((f) => (f.set ? demoObservations(f.set) : [])), ...referenceObservations()].filter((o) => {
    const key = `${o.metric}|${o.region}|${o.year}|${o.source}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { files: stored, observations, lastUpdated: DEMO_LAST_UPDATED, faults };
}

export function summarize(file: StoredTargetFile): TargetSetSummary {
  return { id: file.id, file: file.file, valid: file.set !== undefined, ...(file.set ? { title: file.set.title } : {}) };
}
