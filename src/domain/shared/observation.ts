/** A figure that is a bound: at least (≥) or at most (≤) its value. */
export type FigureQualifier = 'at_least' | 'at_most';

/** Where a figure comes from: synthetic demo data, a published reference figure, or an analyst's import. */
export type ObservationSource = 'demo' | 'reference' | 'import';

/**
 * One stored figure for a metric, region and year. A ratio can be stored as its
 * parts (numerator and denominator), as a value, or both. A missing figure is
 * simply absent — never a 0.
 */
export type Observation = {
  metric: string;
  region: string;
  year: number;
  value?: number;
  numerator?: number;
  denominator?: number;
  source: ObservationSource;
  /** Citation for reference figures, file name for imports. */
  sourceNote?: string;
  /**
   * A published bound rather than an exact figure: "95%以上" is `at_least` 95, "不超过5%" `at_most` 5.
   * The value is the bound; what it can prove against a goal is the comparator's business.
   */
  qualifier?: FigureQualifier;
  /** The figure's own citation (a CSV's 来源 / 备注 / 数据来源 cell), shown wherever the figure is. */
  citation?: string;
  /** The import batch that set it. */
  batchId?: string;
};

/**
 * True for a published comparison figure (a benchmark area's, with its source), which is shown
 * beside a region's own figures but never evaluated, rolled up, replaced by an import or counted
 * as a year with data.
 */
export function isReferenceFigure(observation: Pick<Observation, 'source'>): boolean {
  return observation.source === 'reference';
}

/** The figure itself, without where it came from: what an import reads and a batch posts. */
export type FigureValues = Pick<Observation, 'metric' | 'region' | 'year' | 'value' | 'numerator' | 'denominator' | 'qualifier' | 'citation'>;

/**
 * A ratio in its metric's unit: numerator ÷ denominator, × 100 when `percent`
 * (the metric's unit is percent; 412 of 500 is 82.4). The caller rules out a
 * zero denominator (the result would be Infinity or NaN).
 */
export function ratioValue(numerator: number, denominator: number, percent: boolean): number {
  return percent ? (numerator / denominator) * 100 : numerator / denominator;
}

/**
 * The value an observation stands for, in the metric's unit: the stated value,
 * else numerator ÷ denominator (× 100 for percent metrics). Undefined when
 * neither is usable, including a zero denominator.
 */
export function observationValue(observation: Observation, percent: boolean): number | undefined {
  if (isFiniteNumber(observation.value)) return observation.value;
  if (hasParts(observation)) return ratioValue(observation.numerator, observation.denominator, percent);
  return undefined;
}

/** True when a figure has both parts and a denominator above 0, so its ratio can be computed. */
export function hasParts<T extends Pick<Observation, 'numerator' | 'denominator'>>(observation: T): observation is T & { numerator: number; denominator: number } {
  return isFiniteNumber(observation.numerator) && isFiniteNumber(observation.denominator) && observation.denominator > 0;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
