import type { TargetSet } from '@/domain/targets/target-set';
import { checkedValue, metricReader } from './long-rows';
import type { ChosenNames } from './names';
import { cellAt, type AddFigure, type LayoutRowMapper, type RowChecks } from './row-checks';
import type { ColumnMapping } from './types';

/**
 * The year-column layout (乡镇, 指标, 2021, 2022, 2023): a row names a region
 * and a metric, and each year column holds that metric's figure for its year.
 */

/** The columns a year-column row reads: its metric, and one column per year (the shape's problems say when any is missing). */
export type YearColumns = {
  metric?: ColumnMapping | undefined;
  yearValues: readonly { column: ColumnMapping; year: number }[];
};

/**
 * Maps year-column rows: one figure per year cell holding a number, checked
 * against the row's metric as a long row's value is (a bound is kept as the
 * value's qualifier). An empty cell or a gap mark is a gap — no figure, never
 * 0, and no message: a series with missing years is normal. An unknown or
 * missing metric is an error at the metric cell and nothing of the row is
 * imported; a refused cell refuses that figure only, as in a wide row.
 */
export function createYearColumnsRowMapper(
  columns: YearColumns,
  set: Pick<TargetSet, 'metrics'>,
  chosen: ChosenNames | undefined,
  checks: RowChecks,
  addFigure: AddFigure,
): LayoutRowMapper {
  const readMetric = metricReader(columns.metric, set, chosen, checks);
  const { yearValues } = columns;
  return (cells, row, region) => {
    const metric = readMetric(cells, row);
    for (const { column, year } of yearValues) {
      const raw = cellAt(cells, column);
      const parsed = checks.number(raw, column, row);
      if (parsed.kind !== 'number') continue;
      const value = checkedValue(checks, metric, parsed, raw, column, row);
      if (value === undefined || !metric || !region) continue;
      addFigure({ metric: metric.id, region: region.id, year, value, ...(parsed.qualifier ? { qualifier: parsed.qualifier } : {}), rows: [row] }, column);
    }
  };
}
