// @vitest-environment node
import { expect, test } from 'vitest';
import { cacheByCell, createMetricResolver, createRegionResolver, labelKey, metricLookup } from '@/domain/import/names';
import type { Metric } from '@/domain/targets/target-set';
import { ruzhouSet } from '../../fixtures/ruzhou';

const SET = ruzhouSet();

const regionOf = (raw: string, chosen?: Record<string, string>) => {
  const hit = createRegionResolver(SET, chosen)(raw);
  return hit.kind === 'region' || hit.kind === 'comparison' ? `${hit.kind} ${hit.region.id}` : hit.kind === 'unknown' ? `unknown (${hit.suggestion})` : hit.kind;
};
const metricOf = (raw: string, chosen?: Record<string, string>) => {
  const hit = createMetricResolver(SET, chosen)(raw);
  return hit.kind === 'metric' ? hit.metric.id : hit.kind === 'unknown' ? `unknown (${hit.suggestion})` : hit.kind;
};

test.each([
  ['Metric_ID', 'metricid'],
  ['metric-id', 'metricid'],
  [' Metric ID ', 'metricid'],
  ['数值（%）', '数值'],
  ['ＶＡＬＵＥ', 'value'],
])('the label key of "%s" is "%s"', (text, key) => {
  expect(labelKey(text)).toBe(key);
});

test.each([
  ['410482001', 'region 410482001'],
  ['410482001000', 'region 410482001'],
  ['410482000000', 'region 410482'],
  ['410482001001', 'unknown (410482001)'],
  ['煤山街道', 'region 410482001'],
  [' 煤 山 ', 'region 410482001'],
  ['Jiliao Town', 'region 410482101'],
  ['JILIAO  TOWN', 'region 410482101'],
  ['全市', 'region 410482'],
  ['平顶山市', 'comparison 410400'],
  ['national', 'comparison CN'],
  ['合计', 'total'],
  [' 总 计 ', 'total'],
  ['Grand Total', 'total'],
  ['', 'missing'],
  ['—', 'missing'],
  ['无', 'missing'],
  ['风穴路街', 'unknown (风穴路街道)'],
  ['火星', 'unknown ()'],
])('the region cell "%s" resolves as %s', (raw, expected) => {
  expect(regionOf(raw)).toBe(expected);
});

test('a comparison area is never suggested for an unknown region', () => {
  expect(regionOf('平顶山县')).toBe('unknown ()');
});

test('a name too long to compare gets no suggestion', () => {
  expect(regionOf(`煤山街道${'x'.repeat(60)}`)).toBe('unknown ()');
});

test('names the analyst chose resolve like aliases, override a name of the set and are ignored for an unknown id', () => {
  const chosen = { 火星: '410482001', 钟楼: '410482101', 'Jiliao Town': 'nowhere' };
  expect(regionOf('火 星', chosen)).toBe('region 410482001');
  expect(regionOf('钟楼', chosen)).toBe('region 410482101');
  expect(regionOf('Jiliao Town', chosen)).toBe('region 410482101');
  expect(regionOf('钟楼街道', chosen)).toBe('region 410482003');
});

test('a total word stays a total row even when the analyst chose it as a name', () => {
  expect(regionOf('合计', { 合计: '410482' })).toBe('total');
});

test.each([
  ['preschool_gross_enrollment_rate', 'preschool_gross_enrollment_rate'],
  ['preschool-gross-enrollment-rate', 'preschool_gross_enrollment_rate'],
  ['学前三年毛入园率(%)', 'preschool_gross_enrollment_rate'],
  ['ｐｒｅｓｃｈｏｏｌ ｇｅｒ', 'preschool_gross_enrollment_rate'],
  ['large class share', 'highschool_large_class_share'],
  ['', 'missing'],
  ['N/A', 'missing'],
  ['大班额比列', 'unknown (大班额比例)'],
  ['火星指标', 'unknown ()'],
])('the metric cell "%s" resolves as %s', (raw, expected) => {
  expect(metricOf(raw)).toBe(expected);
});

test('a metric name the analyst chose resolves to the chosen metric', () => {
  expect(metricOf('inclusive share', { 'inclusive share': 'inclusive_kindergarten_coverage' })).toBe('inclusive_kindergarten_coverage');
  expect(metricOf('毛入园率', { 毛入园率: 'public_kindergarten_share' })).toBe('public_kindergarten_share');
});

test('the first metric to claim a name keeps it', () => {
  const metric = (id: string, aliases: string[]): Metric => ({ id, name: { zh: id, en: id }, aliases, unit: 'percent', kind: 'share' });
  const lookup = metricLookup({ metrics: [metric('a', ['shared_name']), metric('b', ['Shared Name'])] });
  expect(lookup.get(labelKey('shared name'))?.id).toBe('a');
});

test('a cell is resolved once however often it is looked up', () => {
  let calls = 0;
  const lookUp = cacheByCell((raw) => {
    calls += 1;
    return raw.length;
  });
  for (let i = 0; i < 1000; i += 1) lookUp(i % 2 === 0 ? 'a' : 'bb');
  expect(calls).toBe(2);
  expect(lookUp('bb')).toBe(2);
});

test('a column that goes through the same names in the same order is answered right, also across a cleared cache', () => {
  let calls = 0;
  const lookUp = cacheByCell((raw) => {
    calls += 1;
    return raw.toUpperCase();
  }, 2);
  const cycle = ['a', 'b', 'c', 'b'];
  const answers: string[] = [];
  for (let i = 0; i < 40; i += 1) answers.push(lookUp(cycle[i % cycle.length]!));
  expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => cycle[i % cycle.length]!.toUpperCase()));
  // With room for 2 entries and 3 names, a name is resolved again after each clear, never answered wrongly.
  expect(calls).toBeGreaterThan(3);

  const wide = cacheByCell((raw) => raw.length);
  const names = ['乡', '镇镇', '村村村'];
  for (let i = 0; i < 30; i += 1) expect(wide(names[i % 3]!)).toBe((i % 3) + 1);
});

test('the cache is cleared when it is full, so unique cells cannot grow it without bound', () => {
  const seen: string[] = [];
  const lookUp = cacheByCell((raw) => {
    seen.push(raw);
    return raw;
  }, 3);
  for (const raw of ['a', 'b', 'c', 'a', 'd', 'a']) lookUp(raw);
  // "d" arrives with the cache full: it is cleared, so "a" is resolved again afterwards.
  expect(seen).toEqual(['a', 'b', 'c', 'd', 'a']);
});
