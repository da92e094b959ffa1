import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { problemMessage, severityWord } from '@/components/target-file-problem-words';
import type { Locale as Lang } from '@/domain/shared/locale';
import { checkTargetFile, isTargetFileName } from '@/domain/targets/parse-target-file';
import type { TargetFileProblem } from '@/domain/targets/target-file-problem';
import { enCheck } from '@/i18n/en-check';
import { en } from '@/i18n/en';
import { zhCNCheck, type CheckMessages } from '@/i18n/zh-cn-check';
import { zhCN } from '@/i18n/zh-cn';

/**
 * `npm run check-targets [--lang zh-CN|en] [files or folders…]`: checks target files with the app's own
 * code (`checkTargetFile`, the parser and checks the dashboard and the server use) and prints every
 * problem, one a line, sorted by line within each file:
 *
 *     targets/plan.yaml:34:11: 错误: targets[0].goal: 这里应为数字，但写成了文字“85%”。…
 *
 * (`file:line:column:` as compilers print it, so an editor or terminal can jump there; then the severity,
 * the path in the file and the message, in the chosen language), a line per file and a total.
 * Folders are searched for `.yaml`, `.yml` and `.json` files (not the JSON Schema), not recursively;
 * no argument means `targets/`. Files are read as bytes, so a GBK file is decoded as the app decodes an upload.
 *
 * Exit code: 1 when any file has an error (or cannot be read, or a folder has no target file),
 * 0 when there are only warnings or nothing at all, 2 on a usage error.
 */
export async function main(args: readonly string[], io: CheckIo = nodeIo()): Promise<number> {
  const options = parseArgs(args);
  const words = await wordsFor(options.ok ? options.lang : 'zh-CN');
  if (!options.ok) {
    io.err(options.problem(words.say));
    io.err(words.say('usage'));
    return 2;
  }
  if (options.help) {
    io.out(words.say('usage'));
    return 0;
  }

  let errors = 0;
  let warnings = 0;
  let files = 0;
  let failed = false;
  for (const path of options.paths.length > 0 ? options.paths : ['targets']) {
    const found = expand(io, path);
    if (found.kind === 'missing') {
      io.out(words.say('notFound', { path }));
      failed = true;
      continue;
    }
    if (found.files.length === 0) {
      io.out(words.say('noFiles', { path }));
      failed = true;
      continue;
    }
    for (const file of found.files) {
      files += 1;
      let bytes: Uint8Array;
      try {
        bytes = io.readFile(file);
      } catch (error) {
        io.out(words.say('unreadable', { path: file, detail: error instanceof Error ? error.message : String(error) }));
        failed = true;
        continue;
      }
      const { problems } = checkTargetFile(bytes, file);
      for (const problem of problems) io.out(formatProblem(words.t, problem));
      const counts = countOf(problems);
      errors += counts.errors;
      warnings += counts.warnings;
      io.out(counts.errors + counts.warnings === 0 ? words.say('fileOk', { file }) : words.say('fileSummary', { file, parts: words.parts(counts) }));
    }
  }

  if (files > 1) {
    io.out(errors + warnings === 0 ? words.say('totalOk', { count: files }) : words.say('total', { count: files, parts: words.parts({ errors, warnings }) }));
  }
  if (errors > 0 || failed) {
    if (errors > 0) io.out(words.say('verdictErrors'));
    return 1;
  }
  if (warnings > 0) io.out(words.say('verdictWarnings'));
  return 0;
}

/** What the command reads and writes through: the file system and the terminal (a test gives its own). */
export type CheckIo = {
  readFile: (path: string) => Uint8Array;
  /** `dir` and `file` for what exists, `undefined` for what does not. */
  kind: (path: string) => 'dir' | 'file' | undefined;
  list: (dir: string) => string[];
  out: (line: string) => void;
  err: (line: string) => void;
};

export function nodeIo(): CheckIo {
  // `npm run` starts scripts in the package's folder; INIT_CWD is where it was typed.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const at = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));
  return {
    readFile: (path) => readFileSync(at(path)),
    kind: (path) => {
      try {
        const stat = statSync(at(path));
        return stat.isDirectory() ? 'dir' : 'file';
      } catch {
        return undefined;
      }
    },
    list: (dir) => readdirSync(at(dir)),
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
  };
}

/** One problem, one line: `file:line:column: severity: path: message` (the location as far as it goes, no path for the whole file). */
export function formatProblem(t: TFunction, problem: TargetFileProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  const path = problem.path ? `${problem.path}: ` : '';
  // A problem's message is one line; a value quoted from the file could hold a line break, shown as \n.
  return `${where}: ${severityWord(t, problem)}: ${path}${problemMessage(t, problem).replace(/\r?\n/g, '\\n')}`;
}

type Options =
  | { ok: true; lang: Lang; help: boolean; paths: string[] }
  | { ok: false; problem: (say: Say) => string };

function parseArgs(args: readonly string[]): Options {
  let lang: Lang = 'zh-CN';
  let help = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') continue;
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? args[++i] : arg.slice('--lang='.length);
      const known = value === 'en' ? 'en' : value === 'zh-CN' || value === 'zh' || value === 'zh-cn' ? 'zh-CN' : undefined;
      if (known === undefined) return { ok: false, problem: (say) => say('badLang', { value: value ?? '' }) };
      lang = known;
    } else if (arg.startsWith('-') && arg !== '-') return { ok: false, problem: (say) => say('unknownOption', { option: arg }) };
    else paths.push(arg);
  }
  return { ok: true, lang, help, paths };
}

/** A path given: a file as it is, a folder as its target files (sorted), or missing. */
function expand(io: CheckIo, path: string): { kind: 'missing' } | { kind: 'found'; files: string[] } {
  const kind = io.kind(path);
  if (kind === undefined) return { kind: 'missing' };
  if (kind === 'file') return { kind: 'found', files: [path] };
  const files = io
    .list(path)
    .filter(isTargetFileName)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => join(path, name));
  return { kind: 'found', files: files.filter((file) => io.kind(file) === 'file') };
}

function countOf(problems: readonly TargetFileProblem[]) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

type Say = (key: keyof CheckMessages['checkTargets'], params?: Record<string, string | number>) => string;

/** The words in `lang`: the app's (for the problems) and the command's own, through i18next as the app uses it. */
async function wordsFor(lang: Lang): Promise<{ t: TFunction; say: Say; parts: (counts: { errors: number; warnings: number }) => string }> {
  const bundles: Record<Lang, object> = {
    'zh-CN': { ...zhCN, ...zhCNCheck },
    en: { ...en, ...enCheck },
  };
  const instance = i18next.createInstance();
  await instance.init({
    resources: Object.fromEntries(Object.entries(bundles).map(([code, translation]) => [code, { translation }])),
    lng: lang,
    fallbackLng: 'zh-CN',
    // Plain text for a terminal: nothing is escaped as for HTML.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  const t = instance.t as TFunction;
  // The command's keys are not in the app's typed resources (the app does not ship them).
  const lookup = instance.t as unknown as (key: string, params?: Record<string, string | number>) => string;
  const say: Say = (key, params) => lookup(`checkTargets.${key}`, params);
  const parts = ({ errors, warnings }: { errors: number; warnings: number }) =>
    [errors > 0 ? say('errors', { count: errors }) : undefined, warnings > 0 ? say('warnings', { count: warnings }) : undefined]
      .filter((part) => part !== undefined)
      .join(say('separator'));
  return { t, say, parts };
}
