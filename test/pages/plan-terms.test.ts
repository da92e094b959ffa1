import i18next from 'i18next';
import { expect, test } from 'vitest';
import { demoObservations } from '@/backend/seed/demo-seed';
import { planTerms } from '@/domain/display/plan-terms';
import { rollupSubUnits, subUnitKinds } from '@/domain/targets/target-helpers';
import type { Region, TargetSet } from '@/domain/targets/target-set';
import { defaultSetId } from '@/pages/target-set-gate';
import { setPlanTerms, setupI18n } from '@/i18n/setup-i18n';
import { readFileSync } from 'node:fs';
import { parseTargetFile } from '@/domain/targets/parse-target-file';

const region = (id: string, zh: string, kind: Region['kind'], parent?: string): Region => ({
  id,
  name: { zh, en: zh },
  kind,
  aliases: [],
  ...(parent ? { parent } : {}),
});

const ruzhou = (() => {
  const parsed = parseTargetFile(readFileSync('targets/ruzhou-2020.yaml', 'utf8'), 'ruzhou-2020.yaml');
  if (!parsed.ok) throw new Error('ruzhou-2020.yaml is invalid');
  return parsed.targetSet;
})();

const henan = {
  ...ruzhou,
  id: 'henan',
  demo: undefined,
  default: undefined,
  jurisdiction: '41',
  benchmark: undefined,
  regions: [region('41', '河南省', 'province'), region('4101', '郑州市', 'prefecture', '41'), region('4104', '平顶山市', 'prefecture', '41'), region('CN', '全国', 'comparison')],
} satisfies TargetSet;

const national = { ...henan, id: 'national', jurisdiction: 'CN', regions: [region('CN', '全国', 'nation')] } satisfies TargetSet;

test('a province with prefectures rolls up from its prefectures and calls them 地市', () => {
  expect(rollupSubUnits(henan).map((r) => r.id)).toEqual(['4101', '4104']);
  expect(subUnitKinds(henan)).toEqual(['prefecture']);
  expect(planTerms(henan)).toEqual({ whole: 'province', units: 'prefecture', nameZh: '河南省', nameEn: '河南省' });
});

test('a province declaring prefectures and their townships rolls up from the townships only', () => {
  const deep = { ...henan, regions: [...henan.regions, region('410482101', '寄料镇', 'town', '4104')] };
  expect(rollupSubUnits(deep).map((r) => r.id)).toEqual(['410482101']);
});

test('a plan without sub-units has none, and its texts say 全国 and no township', () => {
  expect(rollupSubUnits(national)).toEqual([]);
  expect(planTerms(national)).toMatchObject({ whole: 'nation', units: 'none' });
});

test('Ruzhou keeps its words: 全市 and 乡镇 (subdistricts, towns and townships)', () => {
  expect(planTerms(ruzhou)).toMatchObject({ whole: 'city', units: 'town_township', nameZh: '汝州市' });
  expect(rollupSubUnits(ruzhou)).toHaveLength(21);
});

test('the texts name the selected plan: 全省 and 地市 for a province, 全市 and 乡镇 for Ruzhou, in both languages', async () => {
  setupI18n('zh-CN');
  setPlanTerms(planTerms(henan));
  expect(i18next.t('scorecard.intro', { year: 2020, count: 18 })).toMatch(/^2020年全省及 18 个地市对各项目标的完成情况。点击单元格查看该地市的目标详情/);
  expect(i18next.t('sections.notApplicableHeading')).toBe('全省目标（不适用于地市）');
  expect(i18next.t('detail.townshipsHeading')).toBe('各地市情况');
  setPlanTerms(planTerms(national));
  expect(i18next.t('scorecard.intro', { year: 2020, count: 0 })).toMatch(/^2020年全国及 0 个下辖地区/);
  setPlanTerms(planTerms(ruzhou));
  expect(i18next.t('scorecard.intro', { year: 2020, count: 21 })).toMatch(/^2020年全市及 21 个乡镇对各项目标/);
  expect(i18next.t('card.rolledUp', { count: 21 })).toBe('由 21 个乡镇汇总');
  await i18next.changeLanguage('en');
  expect(i18next.t('card.rolledUp', { count: 1 })).toBe('Rolled up from 1 township');
  setPlanTerms(planTerms(henan));
  expect(i18next.t('card.rolledUp', { count: 2 })).toBe('Rolled up from 2 prefectures');
  expect(i18next.t('summary.notApplicable', { count: 2 })).toBe('2 province-wide targets do not apply to prefectures');
  await i18next.changeLanguage('zh-CN');
  setPlanTerms(undefined);
});

test('the demo seed fabricates nothing for a set that does not declare demo: true', () => {
  expect(demoObservations({ ...ruzhou, demo: undefined })).toEqual([]);
  expect(demoObservations(henan)).toEqual([]);
  expect(demoObservations(ruzhou).length).toBeGreaterThan(0);
});

test('the default set is the one its file declares, not the first by name', () => {
  const sets = [
    { id: 'a-national', file: 'a-national.yaml', valid: true },
    { id: 'ruzhou-2020', file: 'ruzhou-2020.yaml', valid: true, default: true },
  ];
  expect(defaultSetId(sets)).toBe('ruzhou-2020');
  expect(defaultSetId([{ id: 'x', file: 'x.yaml', valid: false, default: true }, { id: 'y', file: 'y.yaml', valid: true }])).toBe('y');
  expect(ruzhou.default).toBe(true);
});
