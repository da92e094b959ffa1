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
  /** The import batch that set it. */
  batchId?: string;
};

/** The figure itself, without where it came from: what an import reads and a batch posts. */
export type FigureValues = Pick<Observation, 'metric' | 'region' | 'year' | 'value' | 'numerator' | 'denominator'>;

/**
 * The value an observation stands for, in the metric's unit: the stated value,
 * else numerator ÷ denominator (× 100 for percent metrics). Undefined when
 * neither is usable, including a zero denominator.
 */
export function observationValue(observation: Observation, percent: boolean): number | undefined {
  if (isFiniteNumber(observation.value)) return observation.value;
  const { numerator, denominator } = observation;
  if (isFiniteNumber(numerator) && isFiniteNumber(denominator) && denominator > 0) {
    return percent ? (numerator / denominator) * 100 : numerator / denominator;
  }
  return undefined;
}

export function hasParts(observation: Observation): observation is Observation & { numerator: number; denominator: number } {
  return isFiniteNumber(observation.numerator) && isFiniteNumber(observation.denominator) && observation.denominator > 0;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
