// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadTargetFiles } from '@/backend/target-files';
import * as parser from '@/domain/targets/parse-target-file';
import { bundledParses, type BundledTargetFile } from '@/domain/targets/bundled-target-file';
import { parsedTargetFileModule, parsedTargetFiles } from '../../scripts/parsed-target-files';

/**
 * The bundled target files are parsed when the app is built (`?parsed`, scripts/parsed-target-files.ts), and
 * the demo's core and the page take that parse instead of parsing at start. It must be the parse the running
 * code would make of the same text, field for field, for every shipped file.
 */
const TARGETS = join(__dirname, '../../targets');
const shipped = readdirSync(TARGETS).filter((name) => parser.isTargetFileName(name));

/** A `?parsed` module's default export, evaluated as the browser would. */
function evaluate(module: string): BundledTargetFile {
  const expression = module.replace(/^export default /, '').replace(/;\s*$/, '');
  return new Function(`return ${expression}`)() as BundledTargetFile;
}

test.each(shipped)('%s: the build-time parse is the parse of its text, as JSON keeps it', async (file) => {
  const content = readFileSync(join(TARGETS, file), 'utf8');
  const built = evaluate(await parsedTargetFileModule(join(TARGETS, file), parser));
  expect(built.file).toBe(file);
  expect(built.content).toBe(content);
  expect(built.result).toStrictEqual(JSON.parse(JSON.stringify(parser.parseTargetFile(content, file))));
  expect(built.result.ok).toBe(true);
});

test('the page takes a build-time parse only for the very file and text it was made of', async () => {
  const file = 'ruzhou-2020.yaml';
  const content = readFileSync(join(TARGETS, file), 'utf8');
  const built = evaluate(await parsedTargetFileModule(join(TARGETS, file), parser));
  const parses = bundledParses([built, undefined]);
  expect(parses.isBundledSet('ruzhou-2020')).toBe(true);
  expect(parses.isBundledSet('national-2020')).toBe(false);
  expect(parses.bundledParse({ file, content })).toBe(built.result);
  expect(parses.bundledParse({ file, content: `${content}\n# edited\n` })).toBeUndefined();
  expect(parses.bundledParse({ file: 'other.yaml', content })).toBeUndefined();
  expect(bundledParses([undefined]).bundledParse({ file, content })).toBeUndefined();
});

test('the core takes a parse it is given for a file, and parses a file given without one', () => {
  const file = 'ruzhou-2020.yaml';
  const content = readFileSync(join(TARGETS, file), 'utf8');
  const result = parser.parseTargetFile(content, file);
  if (!result.ok) throw new Error('the shipped file is invalid');
  const given = { ...result, targetSet: { ...result.targetSet, title: { zh: '构建时解析', en: 'made at build time' } } };
  const [withParse, without] = loadTargetFiles([
    { file, content, parsed: given },
    { file, content },
  ]);
  expect(withParse).toMatchObject({ id: 'ruzhou-2020', file, content, set: { title: { en: 'made at build time' } } });
  expect(withParse).not.toHaveProperty('parsed');
  expect(without?.set?.title).toBe(result.targetSet.title);
});

test('outside a build (the dev server, Vitest) a `?parsed` module is undefined, and other modules are left alone', async () => {
  const plugin = parsedTargetFiles(join(__dirname, '../..'));
  const hooks = plugin as unknown as { configResolved(config: { command: string }): void; load(id: string): Promise<{ code: string } | null> };
  hooks.configResolved({ command: 'serve' });
  await expect(hooks.load(join(TARGETS, 'ruzhou-2020.yaml?parsed'))).resolves.toMatchObject({ code: 'export default undefined;\n', moduleType: 'js' });
  await expect(hooks.load(join(TARGETS, 'ruzhou-2020.yaml?parsed&lang.yaml'))).resolves.toMatchObject({ code: 'export default undefined;\n' });
  await expect(hooks.load(join(TARGETS, 'ruzhou-2020.yaml?raw'))).resolves.toBeNull();
  await expect(hooks.load(join(TARGETS, 'ruzhou-2020.yaml'))).resolves.toBeNull();
  // Nothing outside targets/ is read under the query.
  await expect(hooks.load(join(__dirname, '../../package.json?parsed'))).resolves.toBeNull();
  await expect(hooks.load('\0virtual:anything?parsed')).resolves.toBeNull();
});
