import type { Metric, TargetSet } from '@/domain/targets/target-set';
import type { NumberCell } from './cells';
import { agreementProblem, partProblem, partsProblem } from './figure-rules';
import { createIndexedMetricResolver, createMetricResolver, type ChosenNames, type MetricHit } from './names';
import type { FigureFields } from './duplicates';
import { cellAt, NO_NUMBER, type LayoutRowMapper, type RowChecks } from './row-checks';
import type { ColumnMapping } from './types';

/**
 * The long layout (region × year × metric per row): one figure per row from
 * its value, its numerator and denominator, or both — checked against the
 * figure rules of the metric the row names.
 */

/** The columns a long row reads; any may be missing (the shape's problems say so). */
export type LongColumns = {
  metric?: ColumnMapping | undefined;
  value?: ColumnMapping | undefined;
  numerator?: ColumnMapping | undefined;
  denominator?: ColumnMapping | undefined;
};

type Parts = { numerator: ColumnMapping; denominator: ColumnMapping };

/**
 * Keeps a long row's figure, given as fields (NaN for an absent number) in an object the mapper reuses for
 * every row: a million rows make no `Candidate` object (see duplicates.ts). `column` is the header its
 * duplicate messages name; the figure's metric is passed too, for the checks made as it is kept.
 */
export type AddFields = (fields: FigureFields, metric: Metric, column: ColumnMapping | undefined) => void;

/** Rules that hold for every metric (a zero denominator), checked when the row's metric is unknown. */
const ANY_METRIC: Metric = { id: '', name: { zh: '', en: '' }, aliases: [], unit: 'count', kind: 'count' };

/** Decimals written after the point of a number cell ("85.30%" → 2, "８５．３" → 1, "85" → 0). */
export function writtenDecimals(raw: string): number {
  let end = raw.length;
  while (end > 0 && ' %％\u00a0\u3000\t'.includes(raw[end - 1]!)) end -= 1;
  let digits = 0;
  for (let i = end - 1; i >= 0; i -= 1) {
    const char = raw[i]!;
    if (char === '.' || char === '．') return digits;
    if ((char >= '0' && char <= '9') || (char >= '０' && char <= '９')) digits += 1;
    else return 0;
  }
  return 0;
}

/**
 * Reads a row's metric cell, looked up by name (see `names.ts`, `chosen` being the analyst's own
 * matches): the metric, or undefined after an error at the cell (`metric_unknown` with a suggestion,
 * `metric_missing`). Shared by the long and the year-column layouts.
 */
export function metricReader(
  column: ColumnMapping | undefined,
  set: Pick<TargetSet, 'metrics'>,
  chosen: ChosenNames | undefined,
  checks: RowChecks,
): (cells: readonly string[], row: number) => Metric | undefined {
  const lookUpMetric = createMetricResolver(set, chosen);
  return (cells, row) => {
    const raw = cellAt(cells, column);
    return reportedMetric(lookUpMetric(raw), raw, row, column, checks);
  };
}

/** The metric a metric cell's hit names, or undefined after an error at the cell (see `metricReader`). */
function reportedMetric(hit: MetricHit, raw: string, row: number, column: ColumnMapping | undefined, checks: RowChecks): Metric | undefined {
  if (hit.kind === 'metric') {
    if (hit.differs) checks.notice('warning', 'metric_written_differently', row, column, raw, hit.differs);
    return hit.metric;
  }
  // The "did you mean" is searched for only if the message is kept.
  if (hit.kind === 'unknown') checks.error('metric_unknown', row, column, raw, { suggestion: () => hit.suggestion, label: raw.trim() });
  else checks.error('metric_missing', row, column, raw);
  return undefined;
}

/**
 * The value to import from a number cell of a row naming `metric`, after its checks (see
 * `RowChecks.value`); a row whose metric is unknown has its number checked as any number must be
 * (`partProblem`), and nothing is imported.
 */
export function checkedValue(checks: RowChecks, metric: Metric | undefined, parsed: NumberCell, raw: string, column: ColumnMapping, row: number): number | undefined {
  if (parsed.kind !== 'number') return undefined;
  if (metric) return checks.value(metric, parsed, raw, column, row);
  checks.problem(partProblem(parsed.value), column, raw, row);
  return undefined;
}

/**
 * Maps long rows. A row's metric is looked up by name (see `names.ts`,
 * `chosen` being the analyst's own matches); an unknown or missing one is an
 * error, and the row's numbers are still checked by the rules every metric
 * shares. A row without value and parts is a gap (`value_missing` note); a lone
 * part is not used (a warning beside a value, which is imported alone; an error
 * without one: nothing of the row is imported); a value and parts that disagree warn. A bound
 * ("95%以上") is kept with its value; with parts beside it, it is an error.
 */
export function createLongRowMapper(columns: LongColumns, set: Pick<TargetSet, 'metrics'>, chosen: ChosenNames | undefined, checks: RowChecks, addFields: AddFields): LayoutRowMapper {
  /** The figure of the row being mapped, handed to `addFields` (which copies it). */
  const fields: FigureFields = { metric: '', region: '', year: 0, value: NaN, numerator: NaN, denominator: NaN, qualifier: undefined, citation: undefined, row: 0, metricAt: -1, regionAt: -1 };
  const lookUpMetric = createIndexedMetricResolver(set, chosen);
  const { metric: metricColumn, value: valueColumn } = columns;
  const parts: Parts | undefined = columns.numerator && columns.denominator ? { numerator: columns.numerator, denominator: columns.denominator } : undefined;

  /**
   * True when both parts can be imported; an impossible pair is refused. A lone part cannot be stored: with a
   * stated value beside it (`hasValue`) the value alone is imported (a warning); without one nothing of the
   * row is, so it is an error and the row is rejected.
   */
  function checkParts(p: Parts, metric: Metric | undefined, n: number | undefined | null, d: number | undefined | null, hasValue: boolean, cells: readonly string[], row: number): boolean {
    if (typeof n === 'number' && typeof d === 'number') {
      const problem = partsProblem(metric ?? ANY_METRIC, n, d);
      if (problem?.severity !== 'error') return true;
      const at = problem.field === 'denominator' ? p.denominator : p.numerator;
      checks.error(problem.code, row, at, cellAt(cells, at), problem.params);
    } else if (n !== null && d !== null && (n === undefined) !== (d === undefined)) {
      const absent = n === undefined ? p.numerator : p.denominator;
      if (hasValue) checks.notice('warning', 'value_missing', row, absent, cellAt(cells, absent), { part: absent.role });
      else checks.error('value_missing', row, absent, cellAt(cells, absent), { part: absent.role });
    }
    return false;
  }

  return (cells, row, region, year, regionAt) => {
    const metricRaw = cellAt(cells, metricColumn);
    const metricHit = lookUpMetric(metricRaw);
    const metric = reportedMetric(metricHit.hit, metricRaw, row, metricColumn, checks);
    const valueRaw = cellAt(cells, valueColumn);
    const parsed = valueColumn ? checks.number(valueRaw, valueColumn, row) : NO_NUMBER;
    const numeratorRaw = parts ? cellAt(cells, parts.numerator) : '';
    const denominatorRaw = parts ? cellAt(cells, parts.denominator) : '';
    const numerator = parts ? checks.part(numeratorRaw, parts.numerator, row) : undefined;
    const denominator = parts ? checks.part(denominatorRaw, parts.denominator, row) : undefined;
    if (parsed.kind === 'missing' && numerator === undefined && denominator === undefined) {
      checks.notice('note', 'value_missing', row, valueColumn ?? parts?.numerator, valueColumn ? valueRaw : numeratorRaw);
      return;
    }
    const value = valueColumn ? checkedValue(checks, metric, parsed, valueRaw, valueColumn, row) : undefined;
    const partsOk = parts !== undefined && checkParts(parts, metric, numerator, denominator, value !== undefined, cells, row);

    // A bound with its parts: the parts make the value exact, so the row contradicts itself.
    const qualifier = value !== undefined && parsed.kind === 'number' ? parsed.qualifier : undefined;
    if (qualifier && (numerator !== undefined || denominator !== undefined)) checks.error('qualifier_with_parts', row, valueColumn, valueRaw, { qualifier });
    if (!metric || !region || year === undefined || checks.failed || (value === undefined && !partsOk)) return;
    fields.metric = metric.id;
    fields.region = region.id;
    fields.year = year;
    fields.row = row;
    fields.metricAt = metricHit.at;
    fields.regionAt = regionAt;
    fields.value = value ?? NaN;
    fields.qualifier = qualifier || undefined;
    fields.numerator = NaN;
    fields.denominator = NaN;
    fields.citation = undefined;
    if (partsOk) {
      const n = numerator as number;
      const d = denominator as number;
      fields.numerator = n;
      fields.denominator = d;
      // Without a stated value the parts give it, so its own note (a gross rate above 100%) applies.
      if (value === undefined) checks.problem(partsProblem(metric, n, d), parts!.numerator, numeratorRaw, row);
      else checks.problem(agreementProblem(metric, value, n, d, writtenDecimals(valueRaw)), valueColumn, valueRaw, row);
    }
    addFields(fields, metric, metricColumn);
  };
}
