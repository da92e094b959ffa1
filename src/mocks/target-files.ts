import type { TargetFileText } from '@/backend/target-files';
import { bundledParses, type BundledTargetFile } from '@/domain/targets/bundled-target-file';

/**
 * The target files in `targets/`, bundled as text so the in-browser backend can
 * serve them. The JSON Schema that sits beside them is not a target file.
 */
const modules = import.meta.glob<string>(['/targets/*.{yaml,yml,json}', '!/targets/*.schema.json'], { query: '?raw', import: 'default', eager: true });

/**
 * The same files parsed when the app was built (`?parsed`, scripts/parsed-target-files.ts), so the core
 * does not parse them again at every start; `undefined` on the dev server and in tests, which parse.
 */
const parsed = bundledParses(
  Object.values(import.meta.glob<BundledTargetFile | undefined>(['/targets/*.{yaml,yml,json}', '!/targets/*.schema.json'], { query: '?parsed', import: 'default', eager: true })),
);

export type { TargetFileText };

export function bundledTargetFiles(): TargetFileText[] {
  return Object.entries(modules)
    .map(([path, content]): TargetFileText => {
      const file = path.split('/').at(-1)!;
      const built = parsed.bundledParse({ file, content });
      return built ? { file, content, parsed: built } : { file, content };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}
