import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { runnerImport, type Plugin } from 'vite';

type Parser = typeof import('../src/domain/targets/parse-target-file');

/** The query that asks for a bundled target file parsed at build time: `/targets/ruzhou-2020.yaml?parsed`. */
export const PARSED_QUERY = 'parsed';

/**
 * The module a bundled target file becomes under `?parsed`: the file's name, its text and
 * `parseTargetFile`'s result for that text (the parser in `src/`, run here through Vite's module runner as
 * `npm run check-targets` runs it), as JSON — exactly what the Cache API keeps of a parse
 * (`api/target-sets.ts`), so a consumer cannot tell it from one made in the browser.
 */
export async function parsedTargetFileModule(path: string, parser: Parser): Promise<string> {
  const file = basename(path);
  const content = await readFile(path, 'utf8');
  const entry = { file, content, result: parser.parseTargetFile(content, file) };
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(entry))});\n`;
}

/** `parse-target-file.ts` loaded through Vite's module runner (Node cannot run TypeScript), with the `@/` alias. */
export async function loadParser(root: string): Promise<Parser> {
  const { module } = await runnerImport<Parser>(join(root, 'src/domain/targets/parse-target-file.ts'), {
    root,
    configFile: false,
    logLevel: 'error',
    resolve: { alias: { '@': join(root, 'src') } },
  });
  return module;
}

/**
 * The bundled target files parsed once, when the app is built, rather than at every cold start by the
 * demo's core and again by the page (YAML and the schema: 130–260 ms of the core worker's start and
 * 70–150 ms of the page's main thread in the traces of issue 13). `?parsed` modules are what
 * `mocks/target-files.ts` and `api/bundled-target-files.ts` import.
 *
 * Only in a build: the dev server and Vitest get `undefined` and parse at run time, so an edit to the
 * parser can never be hidden behind a parse made by its previous code.
 */
export function parsedTargetFiles(root: string): Plugin {
  const targets = join(root, 'targets');
  let building = false;
  let parser: Promise<Parser> | undefined;
  return {
    name: 'parsed-target-files',
    enforce: 'pre',
    configResolved(config) {
      building = config.command === 'build';
    },
    buildStart() {
      // A rebuild (`vite build --watch`) loads the parser afresh: an edit to it must show in the next parse.
      parser = undefined;
    },
    async load(id) {
      const [path, query] = id.split('?', 2);
      if (path === undefined || query === undefined || !new URLSearchParams(query).has(PARSED_QUERY)) return null;
      // Only the shipped target files: nothing else is read from disk under this query.
      if (dirname(resolve(path)) !== resolve(targets) || !/\.(ya?ml|json)$/i.test(path)) return null;
      // JavaScript whatever the file's extension (a `.json` target file is not for the JSON plugin here).
      if (!building) return { code: 'export default undefined;\n', moduleType: 'js' };
      parser ??= loadParser(root);
      return { code: await parsedTargetFileModule(path, await parser), moduleType: 'js' };
    },
  };
}
