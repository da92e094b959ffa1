import type { ParseTargetFileResult } from './parse-target-file';
import { targetFileId } from './target-helpers';

/**
 * A target file shipped with the app (`targets/`), parsed when the app was built (the `?parsed` modules of
 * scripts/parsed-target-files.ts): its name, its text and `parseTargetFile`'s result for that text, as JSON
 * gives it back. Valid for that very text only: `bundledParses` gives it out only for the same name and text.
 */
export type BundledTargetFile = { file: string; content: string; result: ParseTargetFileResult };

/** What a host asks of the target files parsed when the app was built. */
export type BundledParses = {
  /** Whether the app was built with a parse of a file for this set (the text served may still differ). */
  isBundledSet(id: string): boolean;
  /** The build's parse of this file, when its name and text are exactly the bundled file's. */
  bundledParse(served: { file: string; content: string }): ParseTargetFileResult | undefined;
};

/**
 * The look-ups over a build's parsed files, for the page (`api/bundled-target-files.ts`) and the demo's core
 * (`mocks/target-files.ts`) alike; `undefined` entries (the dev server's and Vitest's) are none. Schema-free:
 * the parser's types only.
 */
export function bundledParses(files: readonly (BundledTargetFile | undefined)[]): BundledParses {
  const parsed = files.filter((f): f is BundledTargetFile => f !== undefined);
  const ids = new Set(parsed.map((f) => targetFileId(f.file)));
  return {
    isBundledSet: (id) => ids.has(id),
    bundledParse: (served) => parsed.find((f) => f.file === served.file && f.content === served.content)?.result,
  };
}
