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
  long: { zh: ['地区', '年份', '指标', '数值', '分子', '分母'], en: ['region', 'year', 'metric', 'value', 'numerator', 'denominator'] },
  wide: { zh: ['地区', '年份'], en: ['region', 'year'] },
  roster: { zh: ['学校', '乡镇', '年份', '班级', '学生数'], en: ['school', 'township', 'year', 'class', 'students'] },
} as const;

/**
 * A template file for one layout.
 *
 * @param layout Which layout: `long` (one figure per row), `wide` (one column per metric) or `roster`
 *   (one class per row, aggregated per township on import).
 * @param lang Language of the header and of the region, metric and example names.
 * @param set The target set whose region and metric names the template uses.
 * @returns CSV text with a BOM and CRLF line ends (see `toCsv`):
 *   - long: 地区, 年份, 指标, 数值, 分子, 分母 (region, year, metric, value, numerator, denominator) and up to
 *     three example rows — a percent metric given as a value for the jurisdiction, the same metric given as
 *     numerator and denominator for a sub-unit, and a count metric — using real names from the set;
 *   - wide: 地区, 年份 then one column per metric name in the set's order, and one row per jurisdiction and
 *     sub-unit (comparison areas left out) with the year filled in and the figures left empty to fill;
 *   - roster: 学校, 乡镇, 年份, 班级, 学生数 (school, township, year, class, students) and three example
 *     classes in two schools of a real sub-unit.
 *   The example year is the year of the plan's publication (`set.source.date`). Example figures are
 *   made up: plausible (shares at most 100, numerator at most denominator) but not real data.
 */
export function templateCsv(layout: Layout, lang: Language, set: TargetSet): string {
  const year = Number(set.source.date.slice(0, 4));
  const jurisdiction = set.regions.find((r) => r.id === set.jurisdiction) ?? set.regions[0];
  const subUnits = set.regions.filter(isSubUnit);
  const subUnit = subUnits[0] ?? jurisdiction;
  const name = (item: Region | Metric | undefined): string => item?.name[lang] ?? '';

  let rows: CsvCell[][];
  switch (layout) {
    case 'long': {
      const percent = set.metrics.find((m) => m.unit === 'percent') ?? set.metrics[0];
      const count = set.metrics.find((m) => m.unit !== 'percent');
      rows = [
        [...HEADERS.long[lang]],
        [name(jurisdiction), year, name(percent), 92.5, null, null],
        [name(subUnit), year, name(percent), null, 1234, 1350],
      ];
      if (count) rows.push([name(jurisdiction), year, name(count), 25, null, null]);
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
    case 'roster': {
      const township = name(subUnit);
      const [schoolA, schoolB, classA, classB] =
        lang === 'zh'
          ? ([`${township}第一初级中学`, `${township}中心小学`, '七年级1班', '七年级2班'] as const)
          : ([`${township} No. 1 Middle School`, `${township} Central Primary School`, 'Grade 7 Class 1', 'Grade 7 Class 2'] as const);
      rows = [
        [...HEADERS.roster[lang]],
        [schoolA, township, year, classA, 48],
        [schoolA, township, year, classB, 52],
        [schoolB, township, year, lang === 'zh' ? '一年级1班' : 'Grade 1 Class 1', 41],
      ];
      break;
    }
  }
  return withBom(toCsv(rows));
}
