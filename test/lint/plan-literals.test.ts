import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { parseTargetFile } from '@/domain/targets/parse-target-file';
import type { TargetSet } from '@/domain/targets/target-set';

/**
 * Plan-specific facts live in target files and the demo seed, never in src/ code (README › Architecture):
 * a second plan with other areas and metrics must need no code change. This scans every src/ file for
 * string literals that name something a target file in targets/ declares.
 */

/** The demo seed may name the plan's metrics and areas: it makes up their figures. Wherever it lives. */
const DEMO_SEED = [/(^|\/)demo-seed\.ts$/, /^src\/(mocks|backend)\/data\//];

type Kind = 'target set id' | 'region id' | 'region name' | 'metric id' | 'metric name' | 'target id' | 'category id' | 'category name';

/** Exact literals to refuse (an id, a name), and names to refuse anywhere inside a string (汝州市 in a sentence). */
type Forbidden = { exact: Map<string, string>; inside: Map<string, string> };

function plans(): { file: string; set: TargetSet }[] {
  return readdirSync('targets')
    .filter((name) => !name.endsWith('.schema.json'))
    .flatMap((file) => {
      const parsed = parseTargetFile(readFileSync(`targets/${file}`, 'utf8'), file);
      // A broken file fails its own test (test/domain/targets/parse-target-file.test.ts).
      return parsed.ok ? [{ file, set: parsed.targetSet }] : [];
    });
}

/**
 * Region names that are also the app's words for a level as a whole: 全国 is the nation's name in a
 * target file and the level word beside 全省/全市 (src/i18n/plan-words.ts) and the region-kind group
 * 全国. Vocabulary, not a plan fact; still refused as an id.
 */
const LEVEL_WORDS: ReadonlySet<string> = new Set(['全国']);

function forbiddenIn(list: readonly { file: string; set: TargetSet }[]): Forbidden {
  const exact = new Map<string, string>();
  const inside = new Map<string, string>();
  for (const { file, set } of list) {
    const add = (value: string, kind: Kind) => exact.set(value, `${kind} in targets/${file}`);
    add(set.id, 'target set id');
    for (const region of set.regions) {
      add(region.id, 'region id');
      for (const name of [region.name.zh, region.name.en]) {
        if (LEVEL_WORDS.has(name)) continue;
        add(name, 'region name');
        inside.set(name, `region name in targets/${file}`);
      }
    }
    for (const metric of set.metrics) {
      add(metric.id, 'metric id');
      add(metric.name.zh, 'metric name');
      add(metric.name.en, 'metric name');
    }
    for (const target of set.targets) add(target.id, 'target id');
    for (const category of set.categories) {
      add(category.id, 'category id');
      add(category.name.zh, 'category name');
      add(category.name.en, 'category name');
    }
  }
  return { exact, inside };
}

/** Every string a source writes: quoted and template literals, JSX text, regular expressions. */
function stringsIn(path: string, source: string): { text: string; line: number }[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) text = node.text;
    else if (ts.isJsxText(node)) text = node.text.trim();
    else if (ts.isRegularExpressionLiteral(node)) text = node.text;
    if (text) found.push({ text, line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1 });
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** `path:line: "literal" is a … in targets/…` for each plan fact a source names. */
function findings(path: string, source: string, forbidden: Forbidden): string[] {
  return stringsIn(path, source).flatMap(({ text, line }) => {
    const exact = forbidden.exact.get(text);
    if (exact) return [`${path}:${line}: ${JSON.stringify(text)} is a ${exact}`];
    const name = [...forbidden.inside.keys()].find((n) => text.includes(n));
    return name ? [`${path}:${line}: ${JSON.stringify(text)} contains ${JSON.stringify(name)}, a ${forbidden.inside.get(name)}`] : [];
  });
}

function sourceFiles(): string[] {
  return readdirSync('src', { recursive: true, encoding: 'utf8' })
    .map((name) => `src/${name.replaceAll('\\', '/')}`)
    .filter((path) => /\.tsx?$/.test(path) && !DEMO_SEED.some((pattern) => pattern.test(path)))
    .sort();
}

const forbidden = forbiddenIn(plans());

test('no source outside the demo seed names a target file’s ids or names', () => {
  expect(forbidden.exact.size).toBeGreaterThan(0);
  const found = sourceFiles().flatMap((path) => findings(path, readFileSync(path, 'utf8'), forbidden));
  expect(found, 'Move these into the target file (or the demo seed), and read them from the parsed set').toEqual([]);
});

test('the scan catches each kind of plan fact written into code', () => {
  // A plan whose names are not all level words (the national file's only region is 全国).
  const named = (r: TargetSet['regions'][number]) => !LEVEL_WORDS.has(r.name.zh);
  const { set } = plans().find((p) => p.set.regions.some((r) => r.id === p.set.jurisdiction && named(r)))!;
  const region = set.regions.filter(named).at(-1)!;
  const metric = set.metrics[0]!;
  const samples = [
    `const benchmark = '${region.id}';`,
    `export const share = (m: { id: string }) => m.id === "${metric.id}";`,
    `const target = \`${set.targets[0]!.id}\`;`,
    `const category = { id: '${set.categories[0]!.id}' };`,
    `const caption = \`\${year}年${set.regions.find((r) => r.id === set.jurisdiction)!.name.zh}汇总\`;`,
    `export const label = <p>${region.name.zh}</p>;`,
  ];
  for (const sample of samples) expect(findings('src/pages/x.tsx', sample, forbidden), sample).toHaveLength(1);
  expect(findings('src/pages/x.tsx', `// ${metric.id} in a comment is fine\nconst id = metric.id;`, forbidden)).toEqual([]);
});
