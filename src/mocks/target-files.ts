import type { TargetFileText } from '@/backend/target-files';

/**
 * The target files in `targets/`, bundled as text so the in-browser backend can
 * serve them. The JSON Schema that sits beside them is not a target file.
 */
const modules = import.meta.glob<string>(['/targets/*.{yaml,yml,json}', '!/targets/*.schema.json'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

export type { TargetFileText };

export function bundledTargetFiles(): TargetFileText[] {
  return Object.entries(modules)
    .map(([path, content]) => ({ file: path.split('/').at(-1)!, content }))
    .sort((a, b) => a.file.localeCompare(b.file));
}
