import { bundledParses, type BundledTargetFile } from '@/domain/targets/bundled-target-file';

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
