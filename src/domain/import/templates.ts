import { toCsv, withBom, type CsvCell } from './csv-export';
import type { Layout } from './types';
import type { Language } from '@/domain/shared/locale';
import { isSubUnit } from '@/domain/targets/target-helpers';
import type { Metric, Region, TargetSet } from '@/domain/targets/target-set';

/**
 * Downloadable CSV templates, one per import layout, in the analyst's
 * language, with the names of the current target set so that what the
 * analyst types matches what the importer recognises. Pure.
 */

const HEADERS = {
  long: { zh: ['地区', '年份', '指标', '数值', '分子', '分母', '备注'], en: ['region', 'year', 'metric', 'value', 'numerator', 'denominator', 'note'] },
  wide: { zh: ['地区', '年份'], en: ['region', 'year'] },
  roster: { zh: ['学校', '乡镇', '年份', '班级', '学生数', '备注'], en: ['school', 'township', 'year', 'class', 'students', 'note'] },
  year_columns: { zh: ['地区', '指标'], en: ['region', 'metric'] },
} as const;

/** What a template writes in the 备注 (note) column of its example rows, per language. */
export const EXAMPLE_MARKER = { zh: '示例（导入时跳过，请删除）', en: 'example (skipped on import; delete this row)' } as const;

/**
 * True for a 备注 / note cell that marks a template's example row: it starts
 * with 示例 or "example" (case and surrounding spaces ignored). The import
 * skips such rows with an `example_row` note, so a template's made-up figures
 * can never be imported by accident, even when the analyst forgets to delete them.
 */
export function isExampleMarker(cell: string): boolean {
  if (cell.length < 2) return false;
  const text = cell.trimStart();
  return text.startsWith('示例') || text.slice(0, 7).toLowerCase() === 'example';
}

/**
 * A template file for one layout.
 *
 * @param layout Which layout: `long` (one figure per row), `wide` (one column per metric) or `roster`
 *   (one class per row, aggregated per township on import).
 * @param lang Language of the header and of the region, metric and example names.
 * @param set The target set whose region and metric names the template uses.
 * @returns CSV text with a BOM and CRLF line ends (see `toCsv`):
 *   - long: 地区, 年份, 指标, 数值, 分子, 分母, 备注 (region, year, metric, value, numerator, denominator, note) and up to
 *     three example rows — a percent metric given as a value for the jurisdiction, the same metric given as
 *     numerator and denominator for a sub-unit, and a count metric — using real names from the set;
 *   - wide: 地区, 年份 then one column per metric name in the set's order, and one row per jurisdiction and
 *     sub-unit (comparison areas left out) with the year filled in and the figures left empty to fill;
 *   - roster: 学校, 乡镇, 年份, 班级, 学生数, 备注 (school, township, year, class, students, note) and three
 *     example classes in two schools of a real sub-unit (a junior and a senior secondary school).
 *   Every example row carries `EXAMPLE_MARKER` in its 备注 cell, so the import skips it (`isExampleMarker`).
 *   In the long layout the 备注 column is the figures' citation for real rows.
 *   The example year is the year of the plan's publication (`set.source.date`). Example figures are
 *   made up: plausible (shares at most 100, numerator at most denominator) but not real data.
 */
export function templateCsv(layout: Layout, lang: Language, set: TargetSet): string {
  const year = Number(set.source.date.slice(0, 4));
  const jurisdiction = set.regions.find((r) => r.id === set.jurisdiction) ?? set.regions[0];
  const subUnits = set.regions.filter(isSubUnit);
  const subUnit = subUnits[0] ?? jurisdiction;
  const name = (item: Region | Metric | undefined): string => item?.name[lang] ?? '';
  const marker = EXAMPLE_MARKER[lang];

  let rows: CsvCell[][];
  switch (layout) {
    case 'long': {
      const percent = set.metrics.find((m) => m.unit === 'percent') ?? set.metrics[0];
      const count = set.metrics.find((m) => m.unit !== 'percent');
      rows = [
        [...HEADERS.long[lang]],
        [name(jurisdiction), year, name(percent), 92.5, null, null, marker],
        [name(subUnit), year, name(percent), null, 1234, 1350, marker],
      ];
      if (count) rows.push([name(jurisdiction), year, name(count), 25, null, null, marker]);
      break;
    }
    case 'wide': {
      const regions = [jurisdiction, ...subUnits].filter((r): r is Region => r !== undefined);
      rows = [
        [...HEADERS.wide[lang], ...set.metrics.map(name)],
        ...regions.map((region) => [name(region), year, ...set.metrics.map(() => null)]),
      ];
      break;
    }
    case 'year_columns': {
      // One column per year up to the set's; every cell empty (a gap), so nothing is imported until filled in.
      const years = [year - 2, year - 1, year];
      rows = [[...HEADERS.year_columns[lang], ...years], ...set.metrics.map((metric) => [name(jurisdiction), name(metric), ...years.map(() => null)])];
      break;
    }
    case 'roster': {
      const township = name(subUnit);
      const [schoolA, schoolB, classA, classB] =
        lang === 'zh'
          ? ([`${township}第一初级中学`, `${township}高级中学`, '七年级1班', '七年级2班'] as const)
          : ([`${township} No. 1 Middle School`, `${township} High School`, 'Grade 7 Class 1', 'Grade 7 Class 2'] as const);
      rows = [
        [...HEADERS.roster[lang]],
        [schoolA, township, year, classA, 48, marker],
        [schoolA, township, year, classB, 52, marker],
        [schoolB, township, year, lang === 'zh' ? '高一(1)班' : 'Grade 10 Class 1', 41, marker],
      ];
      break;
    }
  }
  return withBom(toCsv(rows));
}
