import { ratioValue, type FigureValues } from '@/domain/shared/observation';
import type { Metric } from '@/domain/targets/target-set';
import { YEAR_RANGE } from './cells';
import type { ImportMessageCode, Severity } from './types';

/**
 * The rules a figure's numbers must follow for its metric, in one place: the
 * import applies them cell by cell (with the row and column), and the backend
 * applies them again to every figure a client posts, since the server decides
 * what is valid. Each check returns at most one problem, or undefined, so the
 * import's hot loop allocates nothing for a good cell.
 */

/** A figure rule that does not hold: what is wrong, how bad it is, and the words' parameters. */
export type FigureProblem = { severity: Severity; code: ImportMessageCode; params: Record<string, string | number> };

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * A value in the metric's unit. `writtenAsPercent` says the cell carried a "%":
 * a count cannot be written as a percentage. Errors: negative values, shares
 * above 100%, a count written as a percentage, a count (persons, classes …) that
 * is not whole. Warning: a value above the metric's `warn_above` (a retention
 * rate above 100%). Note: a gross rate above 100% (possible: pupils from outside
 * the age group). A fraction in a percent column is the import's own question
 * (`fractionProblem`): it depends on how the column was written, not on the figure.
 */
export function valueProblem(metric: Metric, value: number, writtenAsPercent = false): FigureProblem | undefined {
  if (!Number.isFinite(value)) return { severity: 'error', code: 'number_not_finite', params: {} };
  if (value < 0) return { severity: 'error', code: 'negative_value', params: { value } };
  if (metric.unit === 'percent') {
    if (metric.kind === 'share' && value > 100) return { severity: 'error', code: 'share_out_of_range', params: { value } };
    if (metric.warn_above !== undefined && value > metric.warn_above) return { severity: 'warning', code: 'value_above_warning', params: { value, limit: metric.warn_above } };
    if (metric.kind === 'gross_rate' && value > 100) return { severity: 'note', code: 'gross_rate_over_100', params: { value } };
    return undefined;
  }
  // A count (persons, classes) cannot be a percentage.
  if (writtenAsPercent) return { severity: 'error', code: 'number_invalid', params: { reason: 'percent_sign' } };
  if (metric.kind === 'count' && !Number.isInteger(value)) return { severity: 'error', code: 'count_not_integer', params: { value } };
  if (metric.warn_above !== undefined && value > metric.warn_above) return { severity: 'warning', code: 'value_above_warning', params: { value, limit: metric.warn_above } };
  return undefined;
}

/**
 * A plain number of a percent metric between 0 and 1 (0.853), written without "%": probably a fraction.
 * An error until the analyst decides for the column (`ColumnMapping.fractions`: ×100 or as written), so
 * nothing is imported a hundred times too small by accident. Only the import asks: a stored 0.5% is valid.
 */
export function fractionProblem(metric: Metric, value: number, writtenAsPercent: boolean): FigureProblem | undefined {
  if (metric.unit !== 'percent' || writtenAsPercent || value <= 0 || value > 1) return undefined;
  return { severity: 'error', code: 'fraction_in_percent', params: { value, percent: round(value * 100) } };
}

/** One part of a ratio (numerator or denominator): a plain, finite, non-negative whole number (it counts people or things). */
export function partProblem(part: number, writtenAsPercent = false): FigureProblem | undefined {
  if (!Number.isFinite(part)) return { severity: 'error', code: 'number_not_finite', params: {} };
  if (writtenAsPercent) return { severity: 'error', code: 'number_invalid', params: { reason: 'percent_sign' } };
  if (part < 0) return { severity: 'error', code: 'negative_value', params: { value: part } };
  if (!Number.isInteger(part)) return { severity: 'error', code: 'count_not_integer', params: { value: part } };
  return undefined;
}

/**
 * Both parts of a ratio together: the denominator cannot be 0, and a share's
 * numerator cannot exceed its denominator. A quotient above the metric's
 * `warn_above` warns; a gross rate above 100% is noted.
 * `field` says which part the problem is about, for locating it.
 */
export function partsProblem(
  metric: Metric,
  numerator: number,
  denominator: number,
): (FigureProblem & { field: 'numerator' | 'denominator' }) | undefined {
  if (denominator === 0) return { severity: 'error', code: 'denominator_zero', params: {}, field: 'denominator' };
  if (metric.kind === 'share' && numerator > denominator) {
    return { severity: 'error', code: 'numerator_above_denominator', params: { numerator, denominator }, field: 'numerator' };
  }
  const computed = ratioValue(numerator, denominator, metric.unit === 'percent');
  if (metric.warn_above !== undefined && computed > metric.warn_above) {
    return { severity: 'warning', code: 'value_above_warning', params: { value: round(computed), limit: metric.warn_above }, field: 'numerator' };
  }
  if (metric.kind === 'gross_rate' && metric.unit === 'percent' && computed > 100) {
    return { severity: 'note', code: 'gross_rate_over_100', params: { value: round(computed) }, field: 'numerator' };
  }
  return undefined;
}

/**
 * A stated value against the value its parts give. `decimals` is how many the
 * value was written with: 85.3 agrees with anything from 85.25 to 85.35. Both
 * are stored; the stated value is the one the dashboard shows (`observationValue`
 * prefers it), and the warning says so (params.shown = 'value').
 */
export function agreementProblem(metric: Metric, value: number, numerator: number, denominator: number, decimals: number): FigureProblem | undefined {
  if (denominator === 0) return undefined;
  const computed = ratioValue(numerator, denominator, metric.unit === 'percent');
  if (Math.abs(value - computed) <= 0.5 * 10 ** -decimals + 1e-9) return undefined;
  return { severity: 'warning', code: 'value_disagrees_with_parts', params: { value, computed: round(computed), shown: 'value' } };
}

/** The longest citation (a 来源 / 备注 cell) a figure may carry, in UTF-16 code units. */
export const MAX_CITATION_LENGTH = 500;

/** A citation longer than `MAX_CITATION_LENGTH`: an error (the figure is not stored), never cut silently. */
export function citationProblem(citation: string): FigureProblem | undefined {
  return citation.length > MAX_CITATION_LENGTH ? { severity: 'error', code: 'citation_too_long', params: { length: citation.length, max: MAX_CITATION_LENGTH } } : undefined;
}

/**
 * A comparison area's figure (全国, 河南省: a benchmark, `kind: comparison`) is imported like any other,
 * but only with its source — the publication it comes from (a 来源 cell, the figure's `citation`),
 * which the dashboard shows beside it. One rule for the preview and the backend.
 */
export function comparisonSourceProblem(region: { id: string; kind: string }, citation: string | undefined): FigureProblem | undefined {
  if (region.kind !== 'comparison' || (citation !== undefined && citation.trim() !== '')) return undefined;
  return { severity: 'error', code: 'comparison_source_missing', params: { region: region.id } };
}

/**
 * A bound goes with a stated value only: a numerator or denominator is a count, never "at least", and a
 * value with both parts is exact (the parts give it), so it cannot also be a bound.
 */
export function qualifierProblem(figure: Pick<FigureValues, 'value' | 'numerator' | 'denominator' | 'qualifier'>): (FigureProblem & { field: 'qualifier' }) | undefined {
  if (figure.qualifier === undefined) return undefined;
  if (figure.value === undefined) return { severity: 'error', code: 'qualifier_without_value', params: { qualifier: figure.qualifier }, field: 'qualifier' };
  if (figure.numerator !== undefined || figure.denominator !== undefined) {
    return { severity: 'error', code: 'qualifier_with_parts', params: { qualifier: figure.qualifier }, field: 'qualifier' };
  }
  return undefined;
}

/** True for a year figures may be stored for (the import's and the target file's range). */
export function isPlausibleYear(year: number): boolean {
  return Number.isInteger(year) && year >= YEAR_RANGE.min && year <= YEAR_RANGE.max;
}

/**
 * Every error a whole figure has, as a backend checks a posted batch: the year,
 * the value, each part, and the parts together; a figure needs a value or both
 * parts; a bound (`qualifier`) only on a value without parts; a citation at most `MAX_CITATION_LENGTH`
 * long. Warnings and notes are the analyst's to read in the preview, so only
 * errors are returned. `field` names the offending field.
 */
export function figureErrors(metric: Metric, figure: FigureValues): (FigureProblem & { field: keyof FigureValues })[] {
  const errors: (FigureProblem & { field: keyof FigureValues })[] = [];
  const push = (problem: FigureProblem | undefined, field: keyof FigureValues) => {
    if (problem?.severity === 'error') errors.push({ ...problem, field });
  };
  if (!isPlausibleYear(figure.year)) errors.push({ severity: 'error', code: 'year_invalid', params: { value: figure.year }, field: 'year' });
  if (figure.value !== undefined) push(valueProblem(metric, figure.value, false), 'value');
  if (figure.numerator !== undefined) push(partProblem(figure.numerator), 'numerator');
  if (figure.denominator !== undefined) push(partProblem(figure.denominator), 'denominator');
  const hasBoth = figure.numerator !== undefined && figure.denominator !== undefined;
  if ((figure.numerator === undefined) !== (figure.denominator === undefined)) {
    const field = figure.numerator === undefined ? 'numerator' : 'denominator';
    errors.push({ severity: 'error', code: 'value_missing', params: { part: field }, field });
  }
  if (hasBoth && errors.length === 0) {
    const parts = partsProblem(metric, figure.numerator!, figure.denominator!);
    if (parts) push(parts, parts.field);
  }
  if (figure.value === undefined && !hasBoth) errors.push({ severity: 'error', code: 'value_missing', params: {}, field: 'value' });
  push(qualifierProblem(figure), 'qualifier');
  if (figure.citation !== undefined) push(citationProblem(figure.citation), 'citation');
  return errors;
}
