import type { BundledTargetFile, ParseTargetFileResult } from '@/domain/targets/parse-target-file';
import { targetFileId } from '@/domain/targets/target-helpers';

/** What the page asks of the target files parsed when the app was built. */
export type BundledParses = {
  /** Whether the app was built with a parse of a file for this set (the text served may still differ). */
  isBundledSet(id: string): boolean;
  /** The build's parse of this file, when the name and text served are exactly the bundled file's. */
  bundledParse(served: { file: string; content: string }): ParseTargetFileResult | undefined;
};

/** The look-ups over a build's parsed files (`undefined` entries — the dev server's and Vitest's — are none). */
export function bundledParses(files: readonly (BundledTargetFile | undefined)[]): BundledParses {
  const parsed = files.filter((f): f is BundledTargetFile => f !== undefined);
  const ids = new Set(parsed.map((f) => targetFileId(f.file)));
  return {
    isBundledSet: (id) => ids.has(id),
    bundledParse: (served) => parsed.find((f) => f.file === served.file && f.content === served.content)?.result,
  };
}

/**
 * The target files shipped with the app (`targets/`), parsed when it was built (`?parsed`,
 * scripts/parsed-target-files.ts): a set served with exactly that text — the usual case, in the demo and
 * on a server running the shipped files — needs neither the parser (YAML and zod, about 50 KB gzipped)
 * nor the 70–150 ms its parse takes on the page. A module of its own, loaded beside the set's request.
 * Empty on the dev server and in tests, which parse.
 */
export const { isBundledSet, bundledParse } = bundledParses(
  Object.values(
    import.meta.glob<BundledTargetFile | undefined>(['/targets/*.{yaml,yml,json}', '!/targets/*.schema.json'], { query: '?parsed', import: 'default', eager: true }),
  ),
);
