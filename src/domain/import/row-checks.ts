import { parseNumberCell, type NumberCell } from './cells';
import { fractionProblem, partProblem, valueProblem, type FigureProblem } from './figure-rules';
import type { LazyParams, MessageSink } from './message-sink';
import { unitMismatch, writtenUnit, type WrittenUnit } from './units';
import type { Candidate, ColumnMapping, ImportMessageCode, Severity } from './types';
import { isSubUnit } from '@/domain/targets/target-helpers';
import type { Metric, Region, TargetSet } from '@/domain/targets/target-set';

/**
 * Reading the cells of the row being mapped, with a located message for
 * every cell that is refused or doubtful, and remembering whether the row has
 * an error (what it held, or its erroneous part, is then not imported). One
 * instance serves a whole file: no object is made per row.
 */

/** A gap: the cell is empty or holds a missing mark. */
export const NO_NUMBER: NumberCell = { kind: 'missing' };

/** The cell a column holds in a row; '' when the row is short or there is no such column. */
export function cellAt(cells: readonly string[], column: ColumnMapping | undefined): string {
  return column ? (cells[column.index] ?? '') : '';
}

/** Located messages and number cells for one row at a time; see the module comment. */
export class RowChecks {
  /** True once the current row has an error; cleared by `startRow`. */
  failed = false;

  /** What each column's written unit measures (read once per column, not per cell). */
  private readonly units = new Map<ColumnMapping, WrittenUnit | undefined>();

  constructor(private readonly sink: MessageSink) {}

  /** Starts a new row: it has no error yet. */
  startRow(): void {
    this.failed = false;
  }

  /** Reports an error at a cell; the row is then failed. */
  error(code: ImportMessageCode, row: number, column: ColumnMapping | undefined, raw: string | undefined, params: LazyParams = {}): void {
    this.failed = true;
    this.sink.addAt('error', code, row, column, raw, params);
  }

  /** Reports a warning or a note at a cell (an error goes through `error`). */
  notice(severity: Severity, code: ImportMessageCode, row: number, column: ColumnMapping | undefined, raw: string | undefined, params?: LazyParams): void {
    this.sink.addAt(severity, code, row, column, raw, params);
  }

  /** Reports a figure rule's problem at a cell, if any; true when it is an error (the value must not be imported). */
  problem(problem: FigureProblem | undefined, column: ColumnMapping | undefined, raw: string, row: number): boolean {
    if (!problem) return false;
    if (problem.severity === 'error') this.error(problem.code, row, column, raw, problem.params);
    else this.notice(problem.severity, problem.code, row, column, raw, problem.params);
    return problem.severity === 'error';
  }

  /**
   * Parses a number cell; reports it when it is neither a number nor a gap. '' is a gap without parsing.
   * An Excel error value ("#N/A") is a gap noted by name (`excel_error`); scientific notation is read and
   * noted (`number_exponent`, with the number read).
   */
  number(raw: string, column: ColumnMapping, row: number): NumberCell {
    if (raw === '') return NO_NUMBER;
    const parsed = parseNumberCell(raw);
    if (parsed.kind === 'invalid') this.error(parsed.code, row, column, raw);
    else if (parsed.kind === 'missing') {
      if (parsed.excelError !== undefined) this.notice('note', 'excel_error', row, column, raw, { error: parsed.excelError });
    } else if (parsed.exponent) this.notice('note', 'number_exponent', row, column, raw, { value: parsed.value });
    return parsed;
  }

  /**
   * The value to import for a number of a metric, after its checks, or undefined when it must not be
   * imported: the metric's kind and unit (`valueProblem`), and a fraction in a percent column
   * (`fractionProblem`) unless the analyst decided for the column (`fractions`: ×100 or as written); and
   * the unit the column's header gives (`unitMismatch`): a column named after the metric whose unit
   * contradicts the metric's is an error (`unit_mismatch_column`, not imported), a shared value column
   * whose unit does not fit this row's metric a warning (`unit_mismatch`, imported in the metric's unit).
   */
  value(metric: Metric, parsed: NumberCell & { kind: 'number' }, raw: string, column: ColumnMapping, row: number): number | undefined {
    if (column.unit !== undefined && this.unitRefused(metric, raw, column, row)) return undefined;
    let value = parsed.value;
    if (column.fractions === 'times_100' && metric.unit === 'percent' && !parsed.percent) value = Math.round(value * 1e10) / 1e8;
    else if (column.fractions === undefined && this.problem(fractionProblem(metric, value, parsed.percent), column, raw, row)) return undefined;
    if (this.problem(valueProblem(metric, value, parsed.percent), column, raw, row)) return undefined;
    // "低于5%" is kept as ≤ 5: true of the figure, and said so.
    if (parsed.strict) this.notice('note', 'strict_bound', row, column, raw, { qualifier: parsed.qualifier ?? '', value });
    return value;
  }

  /** Reports a column unit that does not fit the metric (see `value`); true when the value must not be imported. */
  private unitRefused(metric: Metric, raw: string, column: ColumnMapping, row: number): boolean {
    let written = this.units.get(column);
    if (written === undefined && !this.units.has(column)) {
      written = writtenUnit(column.unit ?? '');
      this.units.set(column, written);
    }
    if (written === undefined || !unitMismatch(written, metric.unit)) return false;
    const params = { written: column.unit ?? '', unit: metric.unit, metric: metric.id };
    if (column.role === 'metric_value') {
      this.error('unit_mismatch_column', row, column, raw, params);
      return true;
    }
    this.notice('warning', 'unit_mismatch', row, column, raw, params);
    return false;
  }

  /**
   * A numerator or denominator cell (`partProblem`): a plain non-negative
   * number, or a gap; a bound ("≥950") is refused (`qualifier_on_part`), since
   * a count is exact. Undefined for a gap, null when refused.
   */
  part(raw: string, column: ColumnMapping, row: number): number | undefined | null {
    const parsed = this.number(raw, column, row);
    if (parsed.kind === 'missing') return undefined;
    if (parsed.kind === 'invalid') return null;
    if (parsed.qualifier) {
      this.error('qualifier_on_part', row, column, raw, { qualifier: parsed.qualifier });
      return null;
    }
    return this.problem(partProblem(parsed.value, parsed.percent), column, raw, row) ? null : parsed.value;
  }
}

/**
 * Maps the cells of one data row of a layout, once its region and year are read (undefined when refused,
 * already reported); `regionAt` is the region's position in the target set's `regions` (-1 without one).
 */
export type LayoutRowMapper = (cells: readonly string[], row: number, region: Region | undefined, year: number | undefined, regionAt: number) => void;

/** Keeps a figure read from a row; `column` is the header its duplicate messages name. */
export type AddFigure = (candidate: Candidate, column: ColumnMapping | undefined) => void;

/**
 * The metrics every target of which is city-wide (`applies_to: jurisdiction`); a metric without targets is
 * not among them (no target shows any of its figures, the city's included).
 */
export function cityWideMetrics(set: Pick<TargetSet, 'targets'>): ReadonlySet<string> {
  const perRegion = new Set<string>();
  const cityWide = new Set<string>();
  for (const target of set.targets) (target.applies_to === 'jurisdiction' ? cityWide : perRegion).add(target.metric);
  for (const metric of perRegion) cityWide.delete(metric);
  return cityWide;
}

/**
 * Warns, at the region cell, about a sub-unit's (a township's) figure for a metric whose targets are all
 * city-wide (`cityWideMetrics`): a township's status on such a target is 不适用 (`evaluateTarget`:
 * `jurisdiction_only`), so no target shows the figure. It is still stored, not refused: for one of the
 * jurisdiction's own sub-units it counts toward the city's roll-up (`figureSeries`), which the dashboard shows
 * for a year the city has no figure of its own (params.rollup = 'counted'); a sub-unit further down is in no
 * roll-up either (params.rollup = 'not_counted', worded as `…_not_counted`). The warning's words are chosen
 * by i18next's context from `params.context`.
 */
export function createCityWideCheck(set: Pick<TargetSet, 'targets' | 'regions' | 'jurisdiction'>, checks: RowChecks): (candidate: Candidate, column: ColumnMapping | undefined, raw: string) => void {
  const cityWide = cityWideMetrics(set);
  if (cityWide.size === 0) return () => undefined;
  const subUnits = new Map(set.regions.filter((r) => isSubUnit(r) && r.id !== set.jurisdiction).map((r) => [r.id, r]));
  return (candidate, column, raw) => {
    if (!cityWide.has(candidate.metric)) return;
    const region = subUnits.get(candidate.region);
    if (!region || candidate.rows[0] === undefined) return;
    const rollup = region.parent === set.jurisdiction ? 'counted' : 'not_counted';
    checks.notice('warning', 'subunit_on_city_target', candidate.rows[0], column, raw, {
      metric: candidate.metric,
      region: candidate.region,
      year: candidate.year,
      rollup,
      context: rollup,
    });
  };
}
