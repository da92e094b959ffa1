import { hasParts, isFiniteNumber, observationValue, ratioValue, type FigureQualifier, type Observation } from '@/domain/shared/observation';
import type { Metric, Region, TargetSet } from '@/domain/targets/target-set';
import { rollupSubUnits } from '@/domain/targets/target-helpers';

/**
 * The figure a region has for one metric and year, and how it was obtained:
 * - `own`: a figure stored for the region itself (for the city this takes
 *   precedence over the roll-up, which is kept alongside for comparison);
 * - `rollup`: the city's figure built from its townships — the sum of their
 *   numerators over the sum of their denominators (never an average of
 *   percentages), or for counts the sum of the townships' counts.
 */
export type Figure = {
  year: number;
  value: number;
  numerator?: number;
  denominator?: number;
  basis: 'own' | 'rollup';
  source: Observation['source'];
  sourceNote?: string;
  /**
   * A published bound ("95%以上" → 95, `at_least`): the true value is at least (or at most) `value`.
   * Only an own figure can be one; a roll-up is never made from a bound (see `Unavailable`'s `bounds`).
   */
  qualifier?: FigureQualifier;
  /** The figure's own citation (a CSV's 来源 / 备注 / 数据来源 cell); a roll-up has none. */
  citation?: string;
  /** For a roll-up: the sub-units counted, and those without a figure that year. */
  coverage?: { counted: number; missing: string[] };
  /** For the city's own figure: the roll-up from townships, when one can be made. */
  rollup?: { value: number; numerator?: number; denominator?: number };
};

/** Why a city figure cannot be built from its townships. */
export type Unavailable = {
  year: number;
  reason: 'rates_only' | 'counts_incomplete' | 'bounds';
  /**
   * Sub-unit ids that report only a rate (rates_only), nothing (counts_incomplete), or a bound
   * rather than an exact figure (bounds: "at least 12" added to exact figures gives no exact total,
   * and a total of bounds in mixed directions bounds nothing, so no roll-up is claimed at all).
   */
  regions: string[];
};

export type FigureSeries = { figures: Figure[]; unavailable: Unavailable[] };

/** Observations indexed by metric → region → year for repeated look-ups. */
export type ObservationIndex = {
  /** One metric's observations by region → year; undefined when the metric has none. */
  get(metricId: string): ReadonlyMap<string, ReadonlyMap<number, Observation>> | undefined;
};

/**
 * Indexes observations; a later observation for the same metric, region and year replaces an earlier one.
 * Linear in the observations: they are only grouped by metric here, and a metric's region → year maps are
 * built the first time it is asked for, so a page that shows one target of a province (the target page:
 * 20,000 of 240,000 figures) never builds the other metrics' maps.
 */
export function indexObservations(observations: readonly Observation[]): ObservationIndex {
  const byMetric = new Map<string, Observation[]>();
  for (const observation of observations) {
    const list = byMetric.get(observation.metric);
    if (list) list.push(observation);
    else byMetric.set(observation.metric, [observation]);
  }
  const built = new Map<string, Map<string, Map<number, Observation>>>();
  return {
    get(metricId) {
      let byRegion = built.get(metricId);
      if (byRegion) return byRegion;
      const list = byMetric.get(metricId);
      if (!list) return undefined;
      byRegion = new Map();
      for (const observation of list) {
        let byYear = byRegion.get(observation.region);
        if (!byYear) byRegion.set(observation.region, (byYear = new Map()));
        byYear.set(observation.year, observation);
      }
      built.set(metricId, byRegion);
      byMetric.delete(metricId);
      return byRegion;
    },
  };
}

const isPercent = (metric: Metric) => metric.unit === 'percent';

function ownFigure(metric: Metric, observation: Observation | undefined): Figure | undefined {
  return observation ? ownFigureOf(observation, isPercent(metric)) : undefined;
}

/**
 * `ownFigure` with the unit's question answered once per series: this runs once per stored figure when a
 * province's scorecard is first drawn (240,000 times at 2,000 townships). The value is worked out as
 * `observationValue` does, with the parts checked once; the figure is built by assignment, not by
 * spreading optional parts (spreads cost 3× as much).
 */
function ownFigureOf(observation: Observation, percent: boolean): Figure | undefined {
  const parts = hasParts(observation);
  const value = isFiniteNumber(observation.value) ? observation.value : parts ? ratioValue(observation.numerator!, observation.denominator!, percent) : undefined;
  if (value === undefined) return undefined;
  const figure: Figure = { year: observation.year, value, basis: 'own', source: observation.source };
  if (parts) {
    figure.numerator = observation.numerator!;
    figure.denominator = observation.denominator!;
  }
  if (observation.sourceNote) figure.sourceNote = observation.sourceNote;
  if (observation.qualifier) figure.qualifier = observation.qualifier;
  if (observation.citation) figure.citation = observation.citation;
  return figure;
}

type Rollup = { figure: Figure } | { unavailable: Unavailable } | undefined;

function rollUp(metric: Metric, subUnits: readonly Region[], byRegion: ReadonlyMap<string, ReadonlyMap<number, Observation>>, year: number): Rollup {
  // One pass over the sub-units (the jurisdiction's series runs this for every metric and year: 2,000 sub-units in
  // a province): who reports, who does not, the bounds, the rates without parts, the sources and the sums.
  const percent = isPercent(metric);
  const reporting: Observation[] = [];
  const missing: string[] = [];
  const bounded: string[] = [];
  const ratesOnly: string[] = [];
  let demo = false;
  let imported = false;
  let count = 0;
  let numerator = 0;
  let denominator = 0;
  for (const region of subUnits) {
    const observation = byRegion.get(region.id)?.get(year);
    if (!observation || observationValue(observation, percent) === undefined) {
      missing.push(region.id);
      continue;
    }
    reporting.push(observation);
    if (observation.qualifier !== undefined) bounded.push(observation.region);
    if (observation.source === 'demo') demo = true;
    else if (observation.source === 'import') imported = true;
    count += observationValue(observation, false) ?? 0;
    if (hasParts(observation)) {
      numerator += observation.numerator;
      denominator += observation.denominator;
    } else ratesOnly.push(observation.region);
  }
  if (reporting.length === 0) return undefined;
  if (bounded.length > 0) return { unavailable: { year, reason: 'bounds', regions: bounded } };
  // A roll-up that counts any synthetic figure is synthetic: it is labelled 模拟 wherever it is shown or exported,
  // even when most of its townships' figures were imported.
  const source = demo ? 'demo' : imported ? 'import' : reporting[0]!.source;

  if (metric.kind === 'count') {
    if (missing.length > 0) return { unavailable: { year, reason: 'counts_incomplete', regions: missing } };
    return { figure: { year, value: count, basis: 'rollup', source, coverage: { counted: reporting.length, missing } } };
  }
  if (ratesOnly.length > 0) return { unavailable: { year, reason: 'rates_only', regions: ratesOnly } };
  const value = ratioValue(numerator, denominator, isPercent(metric));
  return { figure: { year, value, numerator, denominator, basis: 'rollup', source, coverage: { counted: reporting.length, missing } } };
}

/**
 * Every figure a region has for a metric, by year ascending. For the
 * jurisdiction, years without an own figure are filled by the roll-up from its
 * sub-units where that is possible, and listed as unavailable (with the reason)
 * where it is not. `subUnits`, when given, are the jurisdiction's sub-units in file order (as
 * `FigureIndex` keeps them), so a caller asking for many series does not filter the regions each time.
 */
export function figureSeries(
  set: TargetSet,
  metric: Metric,
  regionId: string,
  index: ObservationIndex,
  subUnits: readonly Region[] = rollupSubUnits(set),
): FigureSeries {
  const byRegion = index.get(metric.id) ?? new Map<string, ReadonlyMap<number, Observation>>();
  const own = byRegion.get(regionId) ?? new Map<number, Observation>();
  const figures: Figure[] = [];
  const unavailable: Unavailable[] = [];

  if (regionId !== set.jurisdiction) {
    // Figures usually arrive year by year, so the list is most often in order already: checked in one pass
    // before sorting (a sub-unit's series is built for every scorecard cell, 24,000 times in a province).
    let ordered = true;
    const percent = isPercent(metric);
    for (const observation of own.values()) {
      const figure = ownFigureOf(observation, percent);
      if (!figure) continue;
      if (ordered && figures.length > 0 && figures[figures.length - 1]!.year > figure.year) ordered = false;
      figures.push(figure);
    }
    return { figures: ordered ? figures : figures.sort((a, b) => a.year - b.year), unavailable };
  }

  const years = new Set<number>(own.keys());
  for (const region of subUnits) for (const year of byRegion.get(region.id)?.keys() ?? []) years.add(year);

  for (const year of [...years].sort((a, b) => a - b)) {
    const figure = ownFigure(metric, own.get(year));
    const rollup = rollUp(metric, subUnits, byRegion, year);
    if (figure) {
      if (rollup && 'figure' in rollup) {
        const { value, numerator, denominator } = rollup.figure;
        figure.rollup = { value, ...(numerator !== undefined ? { numerator, denominator } : {}) };
      }
      figures.push(figure);
    } else if (rollup && 'figure' in rollup) figures.push(rollup.figure);
    else if (rollup) unavailable.push(rollup.unavailable);
  }
  return { figures, unavailable };
}
