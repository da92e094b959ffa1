import { expect, test } from 'vitest';
import { scopeRefusal } from '@/backend/roles';
import { createRowMapper, type MappedFile } from '@/domain/import/rows';
import { figuresInScope, regionInScope, type ImportScope } from '@/domain/import/scope';
import { detectTable } from '@/domain/import/table';
import type { CsvRecord } from '@/domain/import/types';
import type { TargetSet } from '@/domain/targets/target-set';
import { ruzhouSet } from '../../fixtures/ruzhou';

const SET = ruzhouSet();
const CITY = '410482';
const JILIAO = '410482101';
const WENQUAN = SET.regions.find((r) => r.name.zh === '温泉镇')!.id;

function mapLines(lines: string[], scope?: ImportScope, set: TargetSet = SET): MappedFile {
  const records: CsvRecord[] = lines.map((line, i) => ({ row: i + 1, cells: line.split(',') }));
  const detected = detectTable(records, set, ',');
  if (!detected.ok) throw new Error('no table');
  const mapper = createRowMapper(detected.shape, set, {}, scope);
  for (const record of records) mapper.map(record);
  return mapper.finish();
}

const LONG = '地区,年份,指标,数值';

test('an analyst limited to a township has every row of another region refused, located, and not imported', () => {
  const mapped = mapLines([LONG, '寄料镇,2020,普惠性幼儿园覆盖率,85.3', ' 温泉镇 ,2020,普惠性幼儿园覆盖率,80', '汝州市,2020,普惠性幼儿园覆盖率,82'], { region: JILIAO, file: '统计.csv' });
  expect(mapped.candidates.map((c) => c.region)).toEqual([JILIAO]);
  expect(mapped.rejectedRows).toBe(2);
  expect(mapped.messages.filter((m) => m.code === 'region_out_of_scope')).toEqual([
    { severity: 'error', code: 'region_out_of_scope', row: 3, column: '地区', value: '·温泉镇·', params: { file: '统计.csv', row: 3, label: '温泉镇', region: WENQUAN, scope: JILIAO } },
    { severity: 'error', code: 'region_out_of_scope', row: 4, column: '地区', value: '汝州市', params: { file: '统计.csv', row: 4, label: '汝州市', region: CITY, scope: JILIAO } },
  ]);
});

test('an analyst limited to the city imports its townships too; without a scope nothing is refused', () => {
  const lines = [LONG, '寄料镇,2020,普惠性幼儿园覆盖率,85.3', '汝州市,2020,普惠性幼儿园覆盖率,82'];
  expect(mapLines(lines, { region: CITY, file: 'a.csv' }).candidates).toHaveLength(2);
  expect(mapLines(lines).candidates).toHaveLength(2);
  expect(mapLines(lines).messages.some((m) => m.code === 'region_out_of_scope')).toBe(false);
});

test('a roster of the analyst’s township keeps its own figure; it covers one township, so no city total is written or refused', () => {
  const mapped = mapLines(['学校,班级,乡镇,年份,班额', '某高中,高一(1)班,寄料镇,2020,60', '某高中,高一(2)班,寄料镇,2020,40'], { region: JILIAO, file: 'roster.csv' });
  expect(mapped.candidates.map((c) => c.region)).toEqual([JILIAO]);
  expect(mapped.messages.some((m) => m.code === 'region_out_of_scope')).toBe(false);
  expect(mapped.messages.filter((m) => m.code === 'roster_partial').map((m) => [m.severity, m.params.region, m.params.covered])).toEqual([['note', CITY, 1]]);
});

test('the preview refuses exactly what the backend would: the same rule, regionWithin, over a deeper tree', () => {
  // A village under 寄料镇: "the regions under it" follows parents all the way down.
  const village = { id: '410482101201', name: { zh: '某村', en: 'A village' }, kind: 'township' as const, parent: JILIAO, aliases: [] };
  const set: TargetSet = { ...SET, regions: [...SET.regions, village] };
  const within = regionInScope(set, JILIAO);
  expect([JILIAO, village.id, CITY, WENQUAN].map(within)).toEqual([true, true, false, false]);
  for (const figures of [[{ region: village.id }], [{ region: JILIAO }, { region: WENQUAN }], [{ region: CITY }]]) {
    const backendRefuses = scopeRefusal({ name: 'zhang', role: 'analyst', region: JILIAO }, set, figures) !== undefined;
    expect(figuresInScope(set, figures, JILIAO)).toBe(!backendRefuses);
  }
  expect(figuresInScope(set, [{ region: CITY }], undefined)).toBe(true);
});
