import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetFileText } from '@/backend/target-files';
import { isTargetFileName } from '@/domain/targets/parse-target-file';

export { declaredRegions } from '@/backend/target-files';

/**
 * The target files the server serves, read once at start from `TARGETS_DIR`:
 * `*.yaml`, `*.yml` and `*.json`, except the JSON Schema that sits beside them
 * (the same files the demo bundles).
 */
export function readTargetFiles(dir: string): TargetFileText[] {
  if (!existsSync(dir)) throw new Error(`TARGETS_DIR: there is no folder ${dir} (the target files, e.g. ./targets).`);
  return readdirSync(dir)
    .filter(isTargetFileName)
    .sort((a, b) => a.localeCompare(b))
    .map((file) => ({ file, content: readFileSync(join(dir, file), 'utf8') }));
}
