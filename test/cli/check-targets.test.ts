// @vitest-environment node
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { main, nodeIo } from '@/cli/check-targets';

/** `npm run check-targets`: the command on the fixture files, through main() (fast) and as the real process (exit codes). */

const FIXTURES = 'test/fixtures/target-files';

async function run(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { ...nodeIo(), out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

test('a valid file passes: exit 0, "no problems"', async () => {
  const { code, out } = await run(`${FIXTURES}/good.yaml`);
  expect(code).toBe(0);
  expect(out).toEqual([`${FIXTURES}/good.yaml：没有问题`]);
});

test('the shipped targets/ folder passes when no file is named', async () => {
  const { code, out } = await run();
  expect(code).toBe(0);
  expect(out).toContain('targets/ruzhou-2020.yaml：没有问题');
  expect(out.join('\n')).not.toContain('schema.json');
});

test('a broken file: every problem at its line and column with its path, sorted, in Chinese; exit 1', async () => {
  const file = `${FIXTURES}/broken.yaml`;
  const { code, out } = await run(file);
  expect(code).toBe(1);
  expect(out).toEqual([
    `${file}:8:9: 错误: source.date: 日期 2021-02-29 不存在。`,
    `${file}:11:27: 错误: categories[0].name.en: YAML 格式错误：Plain value cannot start with reserved character @`,
    `${file}:18:11: 错误: regions[1].kind: “village”不是允许的取值。可选：jurisdiction, nation, province, prefecture, county, district, subdistrict, town, township, comparison。`,
    `${file}:35:11: 提醒: targets[0].goal: 百分比指标的目标值 0.9 小于 1：百分比按 0–100 书写，0.9 表示 0.9%，几乎每个地区都会“达标”。是否应为 90？`,
    `${file}:43:11: 错误: targets[1].goal: 50.5 不是整数：单位为“persons”的计数须是整数。`,
    `${file}:44:15: 错误: targets[1].deadline: “2024”只是年份，不是日期：日期须写作 YYYY-MM-DD，例如年底 2024-12-31（加引号写成 "2024" 也不行）。`,
    `${file}：5 处错误，1 条提醒`,
    '有错误的目标文件不能使用，请按上面的提示修改。',
  ]);
});

test('the same problems in English with --lang en (and --lang=en)', async () => {
  const file = `${FIXTURES}/broken.yaml`;
  const { code, out } = await run('--lang', 'en', file);
  expect(code).toBe(1);
  expect(out[0]).toBe(`${file}:8:9: error: source.date: The date 2021-02-29 does not exist.`);
  expect(out[3]).toBe(
    `${file}:35:11: warning: targets[0].goal: The goal 0.9 of a percent metric is below 1: percentages are written 0–100, so 0.9 means 0.9% and nearly every region would “meet” it. Did you mean 90?`,
  );
  expect(out.slice(-2)).toEqual([`${file}: 5 errors, 1 warning`, 'A target file with errors cannot be used: fix them as the messages above say.']);
  expect((await run('--lang=en', file)).out).toEqual(out);
});

test('warnings alone do not fail: exit 0, the warning printed', async () => {
  const file = `${FIXTURES}/warning.yaml`;
  const { code, out } = await run('--lang', 'en', file);
  expect(code).toBe(0);
  expect(out[0]).toMatch(new RegExp(`^${file}:35:11: warning: targets\\[0\\]\\.goal: .*Did you mean 90\\?$`));
  expect(out.slice(1)).toEqual([`${file}: 1 warning`, 'The target files can be used; check the warnings above.']);
});

test('a folder is checked file by file, with a total; one broken file fails the run', async () => {
  const { code, out } = await run('--lang', 'en', FIXTURES);
  expect(code).toBe(1);
  expect(out.filter((line) => /^\S+: (no problems|\d+ (error|warning))/.test(line))).toEqual([
    `${FIXTURES}/broken.yaml: 5 errors, 1 warning`,
    `${FIXTURES}/good.yaml: no problems`,
    `${FIXTURES}/warning.yaml: 1 warning`,
  ]);
  expect(out).toContain('Checked 3 target files: 5 errors, 2 warnings.');
});

test('a GBK file is read as GB18030 with a warning at its first non-UTF-8 byte, and nothing else is wrong', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-targets-'));
  const file = join(dir, 'gbk.yaml');
  writeFileSync(file, gb18030(readFileSync(`${FIXTURES}/good.yaml`, 'utf8')));
  const { code, out } = await run('--lang', 'en', file);
  expect(code).toBe(0);
  // The first byte that is not UTF-8 is in the title, on line 3; nothing else is wrong (no � in a name).
  expect(out[0]).toMatch(/:3:14: warning: The file is not UTF-8 .*it was read as GB18030/);
  expect(out.slice(1)).toEqual([`${file}: 1 warning`, 'The target files can be used; check the warnings above.']);
});

test('usage errors exit 2 with the usage; a missing file exits 1', async () => {
  const unknown = await run('--strict');
  expect(unknown.code).toBe(2);
  expect(unknown.err[0]).toBe('不认识的选项“--strict”。');
  const badLang = await run('--lang', 'fr');
  expect(badLang.code).toBe(2);
  expect(badLang.err[0]).toBe('--lang 只能是 zh-CN 或 en，而不是“fr”。');
  const missing = await run('--lang', 'en', 'no-such-file.yaml');
  expect(missing.code).toBe(1);
  expect(missing.out).toEqual(['There is no no-such-file.yaml.']);
  const help = await run('--help', '--lang', 'en');
  expect(help.code).toBe(0);
  expect(help.out[0]).toMatch(/^Usage: npm run check-targets/);
});

const execFileAsync = promisify(execFile);

test('npm run check-targets as a process: exit 1 on a broken file, 0 on targets/', async () => {
  const broken = await execFileAsync('node', ['scripts/check-targets.mjs', '--lang', 'en', `${FIXTURES}/broken.yaml`]).then(
    () => ({ code: 0, stdout: '' }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
  expect(broken.code).toBe(1);
  expect(broken.stdout).toContain(`${FIXTURES}/broken.yaml:43:11: error: targets[1].goal: 50.5 is not a whole number`);
  const good = await execFileAsync('node', ['scripts/check-targets.mjs']);
  expect(good.stdout).toContain('targets/ruzhou-2020.yaml：没有问题');
}, 60_000);

/** Text as GB18030 bytes (ASCII and two-byte GBK characters), from a table the decoder itself builds. */
function gb18030(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (trail !== 0x7f && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return new Uint8Array([...text].flatMap((char) => (char.codePointAt(0)! < 0x80 ? [char.codePointAt(0)!] : (table.get(char) ?? fail(char)))));
}

function fail(char: string): never {
  throw new Error(`no two-byte GB18030 code for ${char}`);
}

test('the command’s words have the same keys in both languages', async () => {
  const { zhCNCheck } = await import('@/i18n/zh-cn-check');
  const { enCheck } = await import('@/i18n/en-check');
  const keys = (messages: object) => Object.keys((messages as { checkTargets: object }).checkTargets).map((key) => key.replace(/_one$/, ''));
  expect([...new Set(keys(enCheck))].sort()).toEqual(keys(zhCNCheck).sort());
});
