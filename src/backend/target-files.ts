import type { TargetSetSummary, TargetVersion } from '@/domain/contract/api-contract';
import { parseTargetFile, type ParseTargetFileResult } from '@/domain/targets/parse-target-file';
import { targetFileId } from '@/domain/targets/target-helpers';
import type { Metric, Region, TargetSet } from '@/domain/targets/target-set';

/**
 * A target file as the host has it: its name and text (`targets/*.yaml`, `*.yml`, `*.json`), and, for a
 * file bundled with the demo, `parseTargetFile`'s result for exactly this text, made when the app was built
 * (`mocks/target-files.ts`), so the core need not parse it again at every start.
 */
export type TargetFileText = { file: string; content: string; parsed?: ParseTargetFileResult };

/** A target file the backend serves: its text, its id, and the parsed set when the file is valid. */
export type StoredTargetFile = Omit<TargetFileText, 'parsed'> & { id: string; format: 'yaml' | 'json'; set?: TargetSet; version?: TargetVersion };

/** Parses each file once; an invalid file is kept (it is listed and served as text) without a set. */
export function loadTargetFiles(files: readonly TargetFileText[]): StoredTargetFile[] {
  return files.map((f): StoredTargetFile => {
    const { parsed: built, ...text } = f;
    const parsed = built ?? parseTargetFile(f.content, f.file);
    return {
      ...text,
      id: targetFileId(f.file),
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
    ...(file.version ? { version: file.version } : {}),
  };
}

/** A saved version as the backend holds it (a `target-version` document), numbered within its set. */
export type SavedVersion = { number: number; documentId: string; targetSet: string; body: TargetFileText & { format: 'yaml' | 'json' }; version: TargetVersion };

/**
 * The saved versions of every set, numbered 1, 2 … in revision order within
 * each set, from the held `target-version` documents.
 */
export function savedVersions(documents: readonly { id: string; kind: string; targetSet: string; revision: number; createdAt: string; author: string; body: unknown }[]): SavedVersion[] {
  const counts = new Map<string, number>();
  return documents
    .filter((d) => d.kind === 'target-version')
    .map((d) => {
      const number = (counts.get(d.targetSet) ?? 0) + 1;
      counts.set(d.targetSet, number);
      return {
        number,
        documentId: d.id,
        targetSet: d.targetSet,
        body: d.body as SavedVersion['body'],
        version: { number, savedAt: d.createdAt, savedBy: d.author, revision: d.revision },
      };
    });
}

const parsedVersions = new Map<string, StoredTargetFile>();

/**
 * The target files the backend serves: each bundled file, or the latest saved
 * version of its id in its place; then the sets that exist only as saved
 * versions, in the order of their first save. A version is parsed once (by
 * its document id).
 */
export function filesWithVersions(bundled: readonly StoredTargetFile[], versions: readonly SavedVersion[]): StoredTargetFile[] {
  const latest = new Map<string, SavedVersion>();
  for (const v of versions) latest.set(v.targetSet, v);
  if (latest.size === 0) return [...bundled];
  const served = (v: SavedVersion): StoredTargetFile => {
    let file = parsedVersions.get(v.documentId);
    if (!file) {
      const [loaded] = loadTargetFiles([{ file: v.body.file, content: v.body.content }]);
      file = { ...loaded!, id: v.targetSet, format: v.body.format, version: v.version };
      parsedVersions.set(v.documentId, file);
    }
    return file;
  };
  const ids = new Set(bundled.map((f) => f.id));
  return [
    ...bundled.map((f) => (latest.has(f.id) ? served(latest.get(f.id)!) : f)),
    ...[...latest.values()].filter((v) => !ids.has(v.targetSet)).sort((a, b) => firstRevision(versions, a.targetSet) - firstRevision(versions, b.targetSet)).map(served),
  ];
}

const firstRevision = (versions: readonly SavedVersion[], set: string) => versions.find((v) => v.targetSet === set)!.version.revision;

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
