import { expect } from 'vitest';
import { ruzhouTargetFile } from '../mock-server';
import type { TargetFileText } from '@/mocks/target-files';

/**
 * The Ruzhou file made province-like (as in scorecard-filter.test.tsx): 温泉镇 placed under 寄料镇, and
 * `extra` more towns (测试0镇 …; the demo seed gives them figures too, as it does every sub-unit the city rolls up from) under 寄料镇, so the sub-units have two parents to filter by,
 * some lie two levels down, and past 120 of them the tables window and the report pages.
 */
export function twoLevelRuzhou(extra = 0): TargetFileText[] {
  const file = ruzhouTargetFile();
  let content = file.content.replace(/(id: "410482102"\n(?:.*\n){2}\s*parent: )"410482"/, '$1"410482101"');
  expect(content).not.toBe(file.content);
  const towns = Array.from(
    { length: extra },
    (_, i) => `  - id: "4104829${String(i).padStart(2, '0')}"\n    name: { zh: 测试${i}镇, en: Test ${i} Town }\n    kind: town\n    parent: "410482101"\n`,
  ).join('');
  content = content.replace(/\nmetrics:\n/, `\n${towns}metrics:\n`);
  return [{ ...file, content }];
}
