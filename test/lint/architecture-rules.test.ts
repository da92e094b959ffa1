import { ESLint } from 'eslint';
import { expect, test } from 'vitest';

/**
 * The import arrows of README › Architecture are lint rules; these cases show each one bites
 * (and that the allowed direction passes), by linting small sources as if they sat in those folders.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const cases: [string, string, string, RegExp | null][] = [
  ['a React import in the domain', 'src/domain/evaluation/x.ts', "import { useState } from 'react';\nexport const f = useState;\n", /no-restricted-imports.*host-neutral/],
  ['an MSW import in the domain', 'src/domain/shared/x.ts', "import { http } from 'msw';\nexport const f = http;\n", /no-restricted-imports/],
  ['IndexedDB (idb) in the backend core', 'src/backend/x.ts', "import { openDB } from 'idb';\nexport const f = openDB;\n", /no-restricted-imports/],
  ['window in the domain', 'src/domain/display/x.ts', 'export const width = () => window.innerWidth;\n', /no-restricted-globals/],
  ['document in the domain', 'src/domain/import/x.ts', 'export const el = () => document.body;\n', /no-restricted-globals/],
  ['fetch in the domain', 'src/domain/targets/x.ts', "export const load = () => fetch('/x');\n", /no-restricted-globals/],
  ['indexedDB in the backend core', 'src/backend/x.ts', "export const open = () => indexedDB.open('x');\n", /no-restricted-globals/],
  ['an upward import: targets from evaluation', 'src/domain/targets/x.ts', "import { evaluateTarget } from '@/domain/evaluation/evaluate-target';\nexport const f = evaluateTarget;\n", /domain\/targets must not import from domain\/evaluation/],
  ['an upward import: shared from targets', 'src/domain/shared/x.ts', "import { deadlineYear } from '@/domain/targets/target-helpers';\nexport const f = deadlineYear;\n", /domain\/shared must not import from domain\/targets/],
  ['a sideways import: display from import', 'src/domain/display/x.ts', "import { sniffBytes } from '@/domain/import/sniff';\nexport const f = sniffBytes;\n", /domain\/display must not import from domain\/import/],
  ['the domain importing the backend', 'src/domain/evaluation/x.ts', "import { x } from '@/backend/x';\nexport const f = x;\n", /domain\/evaluation\/ must not import from backend\//],
  ['the backend importing the mock host', 'src/backend/x.ts', "import { x } from '@/mocks/x';\nexport const f = x;\n", /backend\/ must not import from mocks/],
  ['a page importing the mock host', 'src/pages/x.tsx', "import { x } from '@/mocks/x';\nexport const f = x;\n", /pages\/ must not import from mocks/],
  ['a relative import across folders', 'src/domain/evaluation/x.ts', "import { x } from '../shared/observation';\nexport const f = x;\n", /Import across folders with the @\/ alias/],
  ['a downward import: evaluation from targets (allowed)', 'src/domain/evaluation/x.ts', "import { deadlineYear } from '@/domain/targets/target-helpers';\nexport const f = deadlineYear;\n", null],
  ['web-standard URL and TextDecoder in the domain (allowed)', 'src/domain/import/x.ts', "export const f = () => [new URL('http://a'), new TextDecoder()];\n", null],
];

test.each(cases)('lint catches %s', async (_name, filePath, code, expected) => {
  const found = await problems(filePath, code);
  if (expected === null) expect(found).toEqual([]);
  else expect(found.some((p) => expected.test(p)), found.join('\n')).toBe(true);
}, 30_000);
