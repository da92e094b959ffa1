// @vitest-environment node
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';

/**
 * The first page's JavaScript is everything the entry reaches through static imports; a dynamic `import()`
 * starts a chunk loaded on demand. The target-file parser (`yaml`) and the contract checks (`zod`) must stay
 * out of it (issue 13: 184 KB → 126 KB gzipped), and so must the English messages (Chinese is the default;
 * English is loaded when the reader's language is English). This walks that graph from `src/main.tsx` in the
 * sources, so a new static import of any of them fails here without a build or a timing.
 *
 * What counts as an edge is what the bundler keeps: `import type`/`export type` are erased, but with
 * `verbatimModuleSyntax` an `import { type A } from 'x'` is kept as `import {} from 'x'` and still loads `x`.
 */
const ROOT = resolve(__dirname, '../..');
const SRC = join(ROOT, 'src');
const ENTRY = join(SRC, 'main.tsx');

type Edge = { from: string; specifier: string; typeOnly: boolean };

/** The static import and re-export declarations of a module (dynamic `import()` is not one). */
function staticImports(file: string, text = readFileSync(file, 'utf8')): Edge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edges: Edge[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      edges.push({ from: file, specifier: statement.moduleSpecifier.text, typeOnly: statement.importClause?.isTypeOnly === true });
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      edges.push({ from: file, specifier: statement.moduleSpecifier.text, typeOnly: statement.isTypeOnly });
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference) && ts.isStringLiteral(statement.moduleReference.expression)) {
      edges.push({ from: file, specifier: statement.moduleReference.expression.text, typeOnly: statement.isTypeOnly });
    }
  }
  return edges;
}

/** A source file for `@/…` or a relative specifier; undefined for a package (or an asset such as a `.css`). */
function resolveSource(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith('@/') ? join(SRC, specifier.slice(2)) : specifier.startsWith('.') ? resolve(dirname(from), specifier) : undefined;
  if (base === undefined) return undefined;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  const found = candidates.find((c) => /\.tsx?$/.test(c) && existsSync(c) && statSync(c).isFile());
  if (found === undefined && !/\.(css|svg|png|json|woff2?)(\?.*)?$/.test(specifier)) throw new Error(`${relative(ROOT, from)}: cannot resolve '${specifier}'`);
  return found;
}

/** Every module the entry reaches by value imports, with every edge (value or type-only) leaving them. */
function firstPaintGraph(entry: string): { modules: Set<string>; edges: Edge[] } {
  const modules = new Set<string>([entry]);
  const edges: Edge[] = [];
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const edge of staticImports(file)) {
      edges.push(edge);
      if (edge.typeOnly) continue;
      const target = resolveSource(file, edge.specifier);
      if (target !== undefined && !modules.has(target)) {
        modules.add(target);
        queue.push(target);
      }
    }
  }
  return { modules, edges };
}

/** Specifiers (`@/` form or package names) that no first-paint module may import by value. */
const ON_DEMAND = [
  'yaml',
  'zod',
  '@/domain/contract/api-contract',
  '@/domain/targets/parse-target-file',
  '@/domain/targets/target-set',
  // The English messages, every part of them (`i18n/setup-i18n.ts` loads them with `import()`).
  ...readdirSync(join(SRC, 'i18n'))
    .filter((name) => /^en(-.+)?\.ts$/.test(name))
    .map((name) => `@/i18n/${name.replace(/\.ts$/, '')}`),
];

/** `@/…` for a source file, the package name for a package. */
function canonical(edge: Edge): string {
  const target = resolveSource(edge.from, edge.specifier);
  if (target !== undefined) return `@/${relative(SRC, target).replace(/\\/g, '/').replace(/(\/index)?\.tsx?$/, '')}`;
  return edge.specifier.startsWith('@') ? edge.specifier.split('/').slice(0, 2).join('/') : edge.specifier.split('/')[0]!;
}

/** The value imports of on-demand modules found in a graph, as `importer → imported`. */
function offenders(graph: { edges: Edge[] }): string[] {
  return graph.edges.filter((edge) => !edge.typeOnly && ON_DEMAND.includes(canonical(edge))).map((edge) => `${relative(ROOT, edge.from)} → ${edge.specifier}`);
}

test('no module of the first page imports yaml, zod, the contract, the target-file parser or the English messages statically', () => {
  const graph = firstPaintGraph(ENTRY);
  // Every part of the English messages is named (a renamed file would drop out of the list silently).
  expect(ON_DEMAND).toEqual(expect.arrayContaining(['@/i18n/en', '@/i18n/en-detail', '@/i18n/en-import', '@/i18n/en-export']));
  // The walk really covers the app (a broken resolver finding nothing would pass vacuously).
  expect(graph.modules.size).toBeGreaterThan(30);
  expect([...graph.modules].map((m) => relative(ROOT, m))).toEqual(expect.arrayContaining(['src/app.tsx', 'src/api/http.ts', 'src/api/target-sets.ts']));
  expect(offenders(graph)).toEqual([]);
});

test('the parser, the contract checks and the English messages are still loaded by the app, through import()', () => {
  // If nothing used them this budget would hold trivially; the first page's modules reach them on demand.
  const graph = firstPaintGraph(ENTRY);
  const dynamic = [...graph.modules].flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/import\(\s*'([^']+)'\s*\)/g)].map((m) => canonical({ from: file, specifier: m[1]!, typeOnly: false })),
  );
  expect(dynamic).toEqual(expect.arrayContaining(['@/domain/targets/parse-target-file', '@/api/response-check', '@/i18n/en']));
  // While the Chinese messages, the default and the fallback, come with the first page.
  expect([...graph.modules].map((m) => relative(ROOT, m))).toEqual(expect.arrayContaining(['src/i18n/zh-cn.ts', 'src/i18n/setup-i18n.ts']));
  // And the contract checks module is where zod comes in.
  expect(staticImports(join(SRC, 'api/response-check.ts')).some((edge) => canonical(edge) === '@/domain/contract/api-contract')).toBe(true);
});

test('the walk catches a static import, a kept `import { type … }` and a re-export, and ignores `import type` and `import()`', () => {
  const graph = (code: Record<string, string>) => offenders({ edges: Object.entries(code).flatMap(([name, text]) => staticImports(join(SRC, name), text)) });
  expect(graph({ 'a.ts': "import { parse } from 'yaml';" })).toEqual(['src/a.ts → yaml']);
  expect(graph({ 'a.ts': "import { z } from 'zod/v4';" })).toEqual(['src/a.ts → zod/v4']);
  expect(graph({ 'a.ts': "import { type Region } from '@/domain/targets/target-set';" })).toEqual(['src/a.ts → @/domain/targets/target-set']);
  expect(graph({ 'a.ts': "export { parseTargetFile } from '@/domain/targets/parse-target-file';" })).toEqual(['src/a.ts → @/domain/targets/parse-target-file']);
  expect(graph({ 'a.ts': "import type { Region } from '@/domain/targets/target-set';\nimport type { ApiContract } from '@/domain/contract/api-contract';" })).toEqual([]);
  expect(graph({ 'a.ts': "const m = await import('yaml');" })).toEqual([]);
  expect(graph({ 'i18n/setup.ts': "import { en } from './en';" })).toEqual(['src/i18n/setup.ts → ./en']);
  expect(graph({ 'i18n/setup.ts': "import type { Messages } from './en';" })).toEqual([]);
});

test('the first page does not carry the import and data pages’ Chinese words; those pages (and their parts) load them', () => {
  const graph = firstPaintGraph(ENTRY);
  const reached = [...graph.modules].map((m) => relative(ROOT, m));
  expect(reached).not.toContain('src/i18n/zh-cn-import.ts');
  expect(reached).not.toContain('src/i18n/import-words.ts');
  for (const page of ['src/pages/import-page.tsx', 'src/pages/data-page.tsx']) {
    expect([...firstPaintGraph(join(ROOT, page)).modules].map((m) => relative(ROOT, m))).toContain('src/i18n/zh-cn-import.ts');
  }
});

test('the demo core’s worker never imports Mock Service Worker: unbundled (npm start), msw needs localStorage, which workers lack', () => {
  const graph = firstPaintGraph(join(SRC, 'mocks/core-worker.ts'));
  expect([...graph.modules].map((m) => relative(ROOT, m))).toEqual(expect.arrayContaining(['src/mocks/core-host.ts', 'src/mocks/core-app.ts', 'src/backend/app.ts']));
  const msw = graph.edges.filter((edge) => !edge.typeOnly && canonical(edge) === 'msw').map((edge) => `${relative(ROOT, edge.from)} → ${edge.specifier}`);
  expect(msw).toEqual([]);
  // The walk would see it: the page's MSW handlers do import it.
  expect(firstPaintGraph(join(SRC, 'mocks/proxy-handlers.ts')).edges.some((edge) => !edge.typeOnly && canonical(edge) === 'msw')).toBe(true);
});

test('the page’s demo host (Mock Service Worker and the core’s client) carries no backend: the core runs in its worker', () => {
  // Through the Node handler's module the page's mock chunk once pulled in the whole backend — the target-file
  // parser, zod and the contract's schemas — and loaded and ran it at every cold start.
  const graph = firstPaintGraph(join(SRC, 'mocks/browser.ts'));
  const reached = [...graph.modules].map((m) => relative(ROOT, m));
  expect(reached).toEqual(expect.arrayContaining(['src/mocks/proxy-handlers.ts', 'src/mocks/core-client.ts']));
  expect(reached.filter((m) => m.startsWith('src/backend/') || m === 'src/mocks/core-app.ts')).toEqual([]);
  expect(offenders(graph)).toEqual([]);
  // The walk would see it: the Node handler's module does reach the backend.
  expect([...firstPaintGraph(join(SRC, 'mocks/handlers.ts')).modules].map((m) => relative(ROOT, m))).toContain('src/backend/app.ts');
});
