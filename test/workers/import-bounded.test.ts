// @vitest-environment node
import { expect, test, vi } from 'vitest';
import { MESSAGE_TEXT_LIMIT } from '@/domain/import/message-sink';
import { MESSAGE_LIMIT } from '@/domain/import/types';
import { closestMatch } from '@/domain/shared/closest-match';
import { inspectFile, runImport } from '@/workers/import-pipeline';
import { decisionsOf } from '@/workers/import-protocol';
import { ruzhouSet } from '../fixtures/ruzhou';

/** closestMatch as it is, with its calls counted. */
vi.mock('@/domain/shared/closest-match', async (original) => {
  const actual = await original<typeof import('@/domain/shared/closest-match')>();
  return { ...actual, closestMatch: vi.fn(actual.closestMatch) };
});

const set = ruzhouSet();

async function run(lines: string[]) {
  const file = new File([`${lines.join('\r\n')}\r\n`], 'names.csv', { type: 'text/csv' });
  const inspected = await inspectFile(file, set, {});
  if (inspected.type !== 'inspected') throw new Error(inspected.type);
  const { result } = await runImport({ file, set, targetSetId: 'ruzhou-2020', decisions: decisionsOf(inspected)!, stored: [] }, () => undefined);
  if (result.type !== 'done') throw new Error(result.type);
  return result;
}

test('"did you mean" is searched for only for the unknown names whose messages are kept', async () => {
  vi.mocked(closestMatch).mockClear();
  const names = 3 * MESSAGE_LIMIT;
  const done = await run(['地区,年份,指标,数值', ...Array.from({ length: names }, (_, i) => `寄料${i}村,2020,普惠性幼儿园覆盖率,85`)]);
  expect(done.preview.counts).toMatchObject({ rows: names, rejectedRows: names, errors: names });
  expect(done.preview.countsByCode.region_unknown).toBe(names);
  const unknown = done.preview.messages.filter((m) => m.code === 'region_unknown');
  expect(unknown).toHaveLength(MESSAGE_LIMIT);
  expect(unknown[0]!.params).toMatchObject({ label: '寄料0村', suggestion: '寄料镇' });
  expect(vi.mocked(closestMatch)).toHaveBeenCalledTimes(MESSAGE_LIMIT);
});

test('a 50 KB name and header reach the page cut short, and the cut name is not offered for matching by hand', async () => {
  // About 50 KB of UTF-8 in a region cell, 10 KB in a header (the head read to find the header is 64 KB).
  const long = `镇${'长'.repeat(17_000)}`;
  const done = await run([`地区,年份,指标,数值,${'备'.repeat(3_500)}`, `${long},2020,普惠性幼儿园覆盖率,85,1`, '风穴,2020,普惠性幼儿园覆盖率,85,1']);
  const [cut, short] = done.preview.messages.filter((m) => m.code === 'region_unknown');
  expect(cut!.row).toBe(2);
  expect(String(cut!.params.label)).toHaveLength(MESSAGE_TEXT_LIMIT + 1);
  expect(String(cut!.params.label).endsWith('…')).toBe(true);
  expect(short!.params.label).toBe('风穴');
  // No message carries more than the limit of any text (the whole answer to the page stays small).
  expect(JSON.stringify(done).length).toBeLessThan(20_000);
  expect(done.unknownNames.regions.map((name) => name.label)).toEqual(['风穴']);
});
