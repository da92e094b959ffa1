import type { Evaluation } from '@/domain/evaluation/evaluate-target';
import { evaluateTargetIn, indexFigures, seriesOf, type FigureIndex } from '@/domain/evaluation/figure-index';
import type { Figure } from '@/domain/evaluation/figures';
import type { Observation } from '@/domain/shared/observation';
import { MIN_PROJECTION_POINTS, projectionGap, projectLinear, type Projection, type ProjectionGap, type YearPoint } from '@/domain/evaluation/projection';
import { observedTrend, requiredPath } from '@/domain/evaluation/required-path';
import { goalFor, meetsGoal } from '@/domain/targets/comparator';
import { deadlineYear } from '@/domain/targets/target-helpers';
import type { Metric, Target, TargetSet } from '@/domain/targets/target-set';
import { townshipGapsIn, type TownshipGaps } from '@/domain/evaluation/township-gaps';
import { trendChartData, type TrendChartData } from './trend-series';

export type ComparisonSeries = { regionId: string; points: YearPoint[]; sources: string[] };

/** Everything the target page, and each page of the report, shows for one target, region and as-of year. */
export type TargetDetail = {
  target: Target;
  metric: Metric;
  regionId: string;
  asOf: number;
  evaluation: Evaluation;
  /** The region's figures up to the as-of year, by year. */
  figures: Figure[];
  comparisons: ComparisonSeries[];
  /** The series of the set's headline benchmark region (`benchmark` in the target file), when it has figures. */
  benchmark?: ComparisonSeries;
  /**
   * The recent-trend line (OLS on the last figures) to the deadline, a second view beside the status's own
   * forecast (`evaluation.pace.projected`). Only before the deadline year: from the as-of year of the
   * deadline on, statuses are verdicts on figures and nothing is projected (`deadline_passed`).
   */
  projection: Projection;
  projectionGap?: ProjectionGap;
  /**
   * Whether the trend line's forecast falls on the same side of the goal as the status's: the pace
   * projection (`pace`), or the latest figure that already meets the goal (`already_met`). Absent when
   * either has no forecast; false is when the page says why the two differ.
   */
  trendAgrees?: boolean;
  chart: TrendChartData;
  /** The townships, for a target that applies to them, viewed for the jurisdiction. */
  gaps?: TownshipGaps;
};

/**
 * Assembles a target's detail: its evaluation, the figures and comparison
 * series (published reference figures, by region), the recent-trend projection
 * to the deadline (before the deadline year only) and whether it agrees with the status's forecast, the required path from the baseline (or the
 * first figure) to the goal, the observed pace, and — for the city — the
 * township list with contributions and what it takes.
 * Returns undefined for an unknown target id. Indexes the figures for this one call; pages use
 * `targetDetailIn` with their shared `FigureIndex`.
 */
export function targetDetail(
  set: TargetSet,
  observations: readonly Observation[],
  targetId: string,
  regionId: string,
  asOf: number,
  comparisonLabel: (regionId: string) => string,
): TargetDetail | undefined {
  return targetDetailIn(indexFigures(set, observations), targetId, regionId, asOf, comparisonLabel);
}

/**
 * `targetDetail` from a shared `FigureIndex`: touches only the target's metric — its series for the
 * region (and, for the jurisdiction, its sub-units' for the township list) and its reference figures.
 */
export function targetDetailIn(
  index: FigureIndex,
  targetId: string,
  regionId: string,
  asOf: number,
  comparisonLabel: (regionId: string) => string,
): TargetDetail | undefined {
  const { set } = index;
  const target = index.targets.get(targetId);
  const metric = target && index.metrics.get(target.metric);
  if (!target || !metric) return undefined;
  const series = seriesOf(index, metric, regionId);
  const evaluation = evaluateTargetIn(index, target, regionId, asOf);
  const figures = series.figures.filter((f) => f.year <= asOf);
  const deadline = deadlineYear(target);
  const goal = goalFor(target, regionId);

  const byRegion = new Map<string, ComparisonSeries>();
  for (const o of index.references.get(metric.id) ?? []) {
    if (o.value === undefined) continue;
    let entry = byRegion.get(o.region);
    if (!entry) byRegion.set(o.region, (entry = { regionId: o.region, points: [], sources: [] }));
    entry.points.push({ year: o.year, value: o.value });
    if (o.sourceNote && !entry.sources.includes(o.sourceNote)) entry.sources.push(o.sourceNote);
  }
  // Comparison figures run to the as-of year, as the region's own do: a view "as of 2019" shows what was known
  // for 2019, not the national figure of 2020 beside a region whose 2020 figure it leaves out.
  const comparisons = [...byRegion.values()]
    .map((c) => ({ ...c, points: c.points.filter((p) => p.year <= asOf).sort((a, b) => a.year - b.year) }))
    .filter((c) => c.points.length > 0);

  const benchmark = comparisons.find((c) => c.regionId === set.benchmark);

  const points = figures.map((f) => ({ year: f.year, value: f.value }));
  // Bounds are not points of a line; from the deadline year on nothing is projected (the verdict rests on figures).
  const exact = figures.filter((f) => f.qualifier === undefined).map((f) => ({ year: f.year, value: f.value }));
  const projection: Projection =
    asOf < deadline ? projectLinear(exact, deadline) : { kind: 'insufficient', reason: 'deadline_passed', points: exact, needed: MIN_PROJECTION_POINTS };
  const gap = projectionGap(projection, goal);
  const statusMeets =
    evaluation.reason === 'pace' && evaluation.pace ? meetsGoal(goal, evaluation.pace.projected) : evaluation.reason === 'already_met' ? true : undefined;
  const trendAgrees = gap && statusMeets !== undefined ? gap.meetsAtValue === statusMeets : undefined;
  const latest = figures.at(-1);
  const base = target.baseline
    ? { year: target.baseline.year, value: target.baseline.value }
    : figures[0]
      ? { year: figures[0].year, value: figures[0].value }
      : undefined;
  const required = base && evaluation.status !== 'not_applicable' ? requiredPath(metric, goal, base, deadline, latest?.value ?? base.value) : [];
  const xy = (p: YearPoint) => ({ x: p.year, y: p.value });

  const chart = trendChartData({
    actual: points.map(xy),
    comparisons: comparisons.map((c) => ({ label: comparisonLabel(c.regionId), points: c.points.map(xy) })),
    goal,
    deadline,
    ...(target.baseline ? { baseline: { x: target.baseline.year, y: target.baseline.value } } : {}),
    required: required.map(xy),
    trend: observedTrend(evaluation).map(xy),
    ...(projection.kind === 'projection' && latest
      ? { projection: { x: projection.year, low: projection.low, high: projection.high, from: { x: latest.year, y: latest.value } } }
      : {}),
    nonNegative: true,
  });

  const gaps =
    regionId === set.jurisdiction && target.applies_to === 'all' ? townshipGapsIn(index, target, asOf) : undefined;

  return {
    target,
    metric,
    regionId,
    asOf,
    evaluation,
    figures,
    comparisons,
    ...(benchmark ? { benchmark } : {}),
    projection,
    ...(gap ? { projectionGap: gap } : {}),
    ...(trendAgrees !== undefined ? { trendAgrees } : {}),
    chart,
    ...(gaps ? { gaps } : {}),
  };
}
