// @vitest-environment node
import { expect, test } from 'vitest';
import { demoObservations } from '@/backend/seed/demo-seed';
import { observationsCsv, type FigureSourceWords } from '@/domain/import/csv-export';
import { headerAliases } from '@/domain/import/table';
import type { Candidate } from '@/domain/import/types';
import type { Locale } from '@/domain/shared/locale';
import type { FigureQualifier, FigureValues, Observation } from '@/domain/shared/observation';
import type { Unit } from '@/domain/targets/target-set';
import { formatFigure } from '@/domain/display/format';
import { enExport } from '@/i18n/en-export';
import { zhCNExport } from '@/i18n/zh-cn-export';
import { inspectFile, runImport } from '@/workers/import-pipeline';
import { decisionsOf } from '@/workers/import-protocol';
import { ruzhouSet } from '../../fixtures/ruzhou';

/**
 * The data page's export read back through the import exactly as an analyst's file is (inspect → run:
 * sniff, decode, detect the table, map, validate, preview): the same figures come back.
 */

const set = ruzhouSet();
const WORDS: Record<Locale, FigureSourceWords> = { 'zh-CN': zhCNExport.export, en: enExport.export };

async function reimport(observations: readonly Observation[], locale: Locale, title?: string): Promise<Candidate[]> {
  const show = (value: number, unit: Unit, qualifier: FigureQualifier | undefined) => formatFigure(value, unit, locale, qualifier ? { qualifier } : {});
  const text = observationsCsv(observations, set, locale, WORDS[locale], show, title ? { title } : {});
  const file = new File([new TextEncoder().encode(text)], 'export.csv', { type: 'text/csv' });
  const inspected = await inspectFile(file, set, {});
  if (inspected.type !== 'inspected') throw new Error(`the export was rejected: ${inspected.type === 'rejected' ? inspected.code : inspected.message.code}`);
  const decisions = decisionsOf(inspected);
  if (!decisions) throw new Error(`no table found in the export: ${JSON.stringify(inspected.messages)}`);
  const { result, batch } = await runImport({ file, set, targetSetId: set.id, decisions, stored: [] }, () => undefined);
  if (result.type !== 'done') throw new Error(`the import failed: ${JSON.stringify(result.message)}`);
  const errors = result.preview.messages.filter((m) => m.severity === 'error');
  expect(errors).toEqual([]);
  return batch?.figures ?? [];
}

/** The figure itself, as `FigureValues` (what an import reads), without where it came from; sorted by key. */
function values(figures: readonly (FigureValues | Candidate)[], keep: readonly (keyof FigureValues)[] = ['metric', 'region', 'year', 'value', 'numerator', 'denominator']) {
  return figures
    .map((f) => Object.fromEntries(keep.filter((k) => f[k] !== undefined).map((k) => [k, f[k]])))
    .sort((a, b) => `${a.metric}|${a.region}|${a.year}`.localeCompare(`${b.metric}|${b.region}|${b.year}`));
}

const demo = demoObservations(set);

test('the demo data is a real test: hundreds of figures, decimals, parts and counts', () => {
  expect(demo.length).toBeGreaterThan(300);
  expect(demo.some((o) => o.value !== undefined && !Number.isInteger(o.value))).toBe(true);
  expect(demo.some((o) => o.numerator !== undefined && o.denominator !== undefined)).toBe(true);
  expect(demo.some((o) => set.metrics.find((m) => m.id === o.metric)?.unit === 'persons')).toBe(true);
});

test.each<Locale>(['zh-CN', 'en'])('every demo figure exported in %s and imported again is the same figure, to the last digit', async (locale) => {
  const back = await reimport(demo, locale, locale === 'zh-CN' ? '教育发展目标 · 全部数据 · 导出于 2026-12-02' : 'Targets · all figures · exported 2026-12-02');
  expect(back).toHaveLength(demo.length);
  expect(values(back)).toEqual(values(demo));
});

test('imported figures, with and without parts, come back the same; a gap stays a gap', async () => {
  const figures: Observation[] = [
    { metric: 'inclusive_kindergarten_coverage', region: '410482101', year: 2020, numerator: 855, denominator: 1069, source: 'import', sourceNote: 'a.csv' },
    { metric: 'inclusive_kindergarten_coverage', region: '410482102', year: 2020, value: 79.98128491620112, source: 'import', sourceNote: 'a.csv' },
    { metric: 'inclusive_kindergarten_coverage', region: '410482103', year: 2020, value: 80.1 + 0.2, source: 'import' },
    // A small share (0.1 + 0.2 = 0.30000000000000004%) is exported with its % sign, so it is not taken for a fraction.
    { metric: 'inclusive_kindergarten_coverage', region: '410482104', year: 2020, value: 0.1 + 0.2, source: 'import' },
  ];
  expect(values(await reimport(figures, 'zh-CN'))).toEqual(values(figures));
});

// The sources helper adds the import's citation column and bounds ("≥95"); until the import reads them these are skipped.
const importReadsCitations = 'citation' in headerAliases;

test.skipIf(!importReadsCitations)('a citation and a published bound come back the same', async () => {
  const figures: Observation[] = [
    { metric: 'inclusive_kindergarten_coverage', region: '410482101', year: 2021, value: 95, qualifier: 'at_least', citation: '河南省教育统计公报（2021）', source: 'import' },
    { metric: 'inclusive_kindergarten_coverage', region: '410482102', year: 2021, value: 82.59, citation: '他说"好", =1+1', source: 'import', sourceNote: 'b.csv' },
    { metric: 'inclusive_kindergarten_coverage', region: '410482103', year: 2021, value: 80, source: 'import', sourceNote: 'b.csv' },
  ];
  for (const locale of ['zh-CN', 'en'] as const) {
    const back = await reimport(figures, locale);
    expect(values(back, ['metric', 'region', 'year', 'value', 'qualifier', 'citation'])).toEqual(values(figures, ['metric', 'region', 'year', 'value', 'qualifier', 'citation']));
  }
});

test.skipIf(!importReadsCitations)('a synthetic figure re-imported keeps the demo label as its citation', async () => {
  const back = await reimport(demo.slice(0, 3), 'zh-CN');
  expect(back.map((f) => (f as FigureValues).citation)).toEqual(['模拟演示数据', '模拟演示数据', '模拟演示数据']);
});
