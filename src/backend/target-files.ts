import type { TargetSetSummary } from '@/domain/contract/api-contract';
import { parseTargetFile } from '@/domain/targets/parse-target-file';
import type { Metric, Region, TargetSet } from '@/domain/targets/target-set';

/** A target file as the host has it: its name and text (`targets/*.yaml`, `*.yml`, `*.json`). */
export type TargetFileText = { file: string; content: string };

/** A target file the backend serves: its text, its id, and the parsed set when the file is valid. */
export type StoredTargetFile = TargetFileText & { id: string; format: 'yaml' | 'json'; set?: TargetSet };

/** Parses each file once; an invalid file is kept (it is listed and served as text) without a set. */
export function loadTargetFiles(files: readonly TargetFileText[]): StoredTargetFile[] {
  return files.map((f): StoredTargetFile => {
    const parsed = parseTargetFile(f.content, f.file);
    return {
      ...f,
      id: f.file.replace(/\.(ya?ml|json)$/i, ''),
      format: /\.json$/i.test(f.file) ? 'json' : 'yaml',
      ...(parsed.ok ? { set: parsed.targetSet } : {}),
    };
  });
}

export function summarize(file: StoredTargetFile): TargetSetSummary {
  const set = file.set;
  return {
    id: file.id,
    file: file.file,
    valid: set !== undefined,
    ...(set ? { title: set.title } : {}),
    ...(set?.default === true ? { default: true } : {}),
    ...(set?.demo === true ? { demo: true } : {}),
  };
}

/**
 * Every region the valid target files declare, by id (the first file's
 * declaration where two declare one id): a user's region must be one of them,
 * and is named by it.
 */
export function declaredRegions(files: readonly StoredTargetFile[]): ReadonlyMap<string, Region> {
  const regions = new Map<string, Region>();
  for (const region of files.flatMap((f) => f.set?.regions ?? [])) if (!regions.has(region.id)) regions.set(region.id, region);
  return regions;
}

/** A set's metrics and regions by id, built once per set: batch checks look up every figure. */
export type SetIndex = { metrics: ReadonlyMap<string, Metric>; regions: ReadonlyMap<string, Region> };

const indexes = new WeakMap<TargetSet, SetIndex>();

export function indexOf(set: TargetSet): SetIndex {
  let index = indexes.get(set);
  if (!index) {
    index = { metrics: new Map(set.metrics.map((m) => [m.id, m])), regions: new Map(set.regions.map((r) => [r.id, r])) };
    indexes.set(set, index);
  }
  return index;
}
