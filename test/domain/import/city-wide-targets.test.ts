import { expect, test } from 'vitest';
import { evaluateTargetSet } from '@/domain/evaluation/evaluate-target-set';
import { cityWideMetrics } from '@/domain/import/row-checks';
import type { TargetSet } from '@/domain/targets/target-set';
import { ruzhouSet } from '../../fixtures/ruzhou';
import { brief, previewBytes } from './severity-bytes';

/**
 * A township's figure for a metric whose targets are all city-wide (applies_to: jurisdiction): stored, with a
 * warning at its region cell that no target shows it, and whether the city's roll-up counts it.
 */

const SET = ruzhouSet();
const CITY = '410482';
const JILIAO = '410482101';
const MASTERS = 'provincial_master_teachers';

test('the metrics whose every target is city-wide, and none whose targets include a per-region one or that has none', () => {
  const cityWide = cityWideMetrics(SET);
  expect([...cityWide].sort()).toEqual(['city_key_teachers', 'city_master_teachers', 'provincial_key_teachers', 'provincial_master_teachers', 'vocational_college_enrollment']);
  const [first] = SET.targets.filter((t) => t.metric === MASTERS);
  // One more target, for every region, on the same metric: a township's figure is then shown on it.
  expect(cityWideMetrics({ targets: [...SET.targets, { ...first!, id: 'per-township', applies_to: 'all' }] }).has(MASTERS)).toBe(false);
  expect(cityWideMetrics({ targets: SET.targets.filter((t) => t.metric !== MASTERS) }).has(MASTERS)).toBe(false);
});

test('a township row on a city-wide metric is stored with a warning at its region cell, as written; the city row and a per-township metric are not', () => {
  const preview = previewBytes(['地区,年份,指标,数值', '寄料镇,2021,省级名师,3', '汝州市,2021,省级名师,40', '寄料,2021,毛入园率,90'], SET);
  expect(brief(preview.messages)).toEqual([['warning', 'subunit_on_city_target', 2, '地区', '寄料镇']]);
  expect(preview.messages[0]!.params).toEqual({ metric: MASTERS, region: JILIAO, year: 2021, rollup: 'counted', context: 'counted' });
  expect(preview.counts).toMatchObject({ added: 3, rejectedRows: 0, errors: 0, warnings: 1 });
  expect(preview.additions.map((c) => [c.region, c.metric])).toContainEqual([JILIAO, MASTERS]);
});

test('what the warning says is what the dashboard does: the township is not applicable on every target of the metric', () => {
  const preview = previewBytes(['地区,年份,指标,数值', '寄料镇,2021,省级名师,3'], SET);
  const stored = preview.additions.map(({ rows: _rows, ...c }) => ({ ...c, source: 'import' as const }));
  const evaluations = evaluateTargetSet(SET, stored, JILIAO, 2021).filter((e) => e.target.metric === MASTERS);
  expect(evaluations.length).toBeGreaterThan(0);
  expect(evaluations.map((e) => e.status)).toEqual(evaluations.map(() => 'not_applicable'));
});

test('in a wide file each city-wide metric column warns for a township, at the region cell', () => {
  const preview = previewBytes(['乡镇,年份,毛入园率,省级名师,省级骨干教师', '寄料镇,2021,90,3,7', '钟楼,2021,92,,', '汝州市,2021,91,40,80'], SET);
  expect(brief(preview.messages)).toEqual([
    ['warning', 'subunit_on_city_target', 2, '乡镇', '寄料镇'],
    ['warning', 'subunit_on_city_target', 2, '乡镇', '寄料镇'],
  ]);
  expect(preview.messages.map((m) => m.params.metric)).toEqual([MASTERS, 'provincial_key_teachers']);
  expect(preview.counts.added).toBe(7);
});

test('a sub-unit below a township is in no roll-up either, and says so', () => {
  const village = { id: '410482101001', name: { zh: '寄料村', en: 'Jiliao Village' }, kind: 'township' as const, parent: JILIAO, aliases: [] };
  const set: TargetSet = { ...SET, regions: [...SET.regions, village] };
  const preview = previewBytes(['地区,年份,指标,数值', '寄料村,2021,省级名师,1'], set);
  expect(preview.messages.map((m) => [m.code, m.params.rollup, m.params.context])).toEqual([['subunit_on_city_target', 'not_counted', 'not_counted']]);
});

test('a file of every township on a city-wide metric warns once per row, all counted, none refused', () => {
  const townships = SET.regions.filter((r) => r.parent === CITY);
  const preview = previewBytes(['地区,年份,指标,数值', ...townships.map((r) => `${r.name.zh},2021,省级名师,2`)], SET);
  expect(preview.countsByCode.subunit_on_city_target).toBe(townships.length);
  expect(preview.counts).toMatchObject({ added: townships.length, rejectedRows: 0, warnings: townships.length });
  expect(preview.messages.map((m) => m.row)).toEqual(townships.map((_, i) => i + 2));
});
