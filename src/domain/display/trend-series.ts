import { niceCeiling } from './gauge-scale';
import { lttb } from './lttb';
import { goalInterval, goalMarks, isBand, type Goal } from '@/domain/targets/comparator';

export type XY = { x: number; y: number };

/** One x position of the trend chart; every series is a key, missing where it has no value. */
export type TrendRow = {
  x: number;
  actual?: number;
  required?: number;
  trend?: number;
  /** Projection band [low, high]: zero-width at the last actual value, widening to the deadline. */
  band?: [number, number];
  [comparison: `cmp${number}`]: number | undefined;
};

export type TrendChartData = {
  rows: TrendRow[];
  xDomain: [number, number];
  xTicks: number[];
  yDomain: [number, number];
  yTicks: number[];
  goal: { line?: number; band?: [number, number] };
  deadline: number;
  baseline?: XY;
  comparisons: { key: `cmp${number}`; label: string }[];
  hasRequired: boolean;
  hasTrend: boolean;
  hasBand: boolean;
  /** Points of the actual series drawn, and how many it has (the table keeps them all). */
  drawnPoints: number;
  totalPoints: number;
};

export type TrendInput = {
  actual: readonly XY[];
  comparisons?: readonly { label: string; points: readonly XY[] }[];
  goal: Goal;
  deadline: number;
  baseline?: XY;
  required?: readonly XY[];
  trend?: readonly XY[];
  /** The projection at the deadline, drawn as a band from the last actual point. */
  projection?: { x: number; low: number; high: number; from: XY };
  /** Above this many points the actual series is drawn downsampled with LTTB (default 1000). */
  maxPoints?: number;
  /** Keep the y axis at 0 and above (percentages and counts). */
  nonNegative?: boolean;
};

/**
 * Everything the trend chart draws, as finished numbers: rows merged by x,
 * axis domains and ticks, the goal as a line or a band. A long actual series
 * (monthly data over decades) is downsampled for drawing with
 * Largest-Triangle-Three-Buckets; the data table shows every value.
 */
export function trendChartData(input: TrendInput): TrendChartData {
  const maxPoints = input.maxPoints ?? 1000;
  const drawn = input.actual.length > maxPoints ? lttb(input.actual, maxPoints) : input.actual;
  const rows = new Map<number, TrendRow>();
  const row = (x: number): TrendRow => {
    let r = rows.get(x);
    if (!r) rows.set(x, (r = { x }));
    return r;
  };
  for (const p of drawn) row(p.x).actual = p.y;
  for (const p of input.required ?? []) row(p.x).required = p.y;
  for (const p of input.trend ?? []) row(p.x).trend = p.y;
  const comparisons = (input.comparisons ?? [])
    .filter((c) => c.points.length > 0)
    .map((c, i) => {
      const key = `cmp${i}` as const;
      for (const p of c.points) row(p.x)[key] = p.y;
      return { key, label: c.label };
    });
  if (input.projection) {
    row(input.projection.from.x).band = [input.projection.from.y, input.projection.from.y];
    row(input.projection.x).band = [input.projection.low, input.projection.high];
  }

  const goal = goalShape(input.goal);

  const xs = [...rows.keys(), input.deadline, ...(input.baseline ? [input.baseline.x] : [])];
  const xMin = Math.floor(Math.min(...xs));
  const xMax = Math.ceil(Math.max(...xs));
  const ys: number[] = [];
  for (const r of rows.values()) {
    for (const [key, value] of Object.entries(r)) {
      if (key === 'x') continue;
      if (Array.isArray(value)) ys.push(value[0] as number, value[1] as number);
      else if (typeof value === 'number') ys.push(value);
    }
  }
  ys.push(...(goal.band ?? []), ...(goal.line !== undefined ? [goal.line] : []), ...(input.baseline ? [input.baseline.y] : []));
  const [yMin, yMax, yTicks] = niceAxis(Math.min(...ys), Math.max(...ys), input.nonNegative ?? true);

  return {
    rows: [...rows.values()].sort((a, b) => a.x - b.x),
    xDomain: [xMin, xMax],
    xTicks: yearTicks(xMin, xMax),
    yDomain: [yMin, yMax],
    yTicks,
    goal,
    deadline: input.deadline,
    ...(input.baseline ? { baseline: input.baseline } : {}),
    comparisons,
    hasRequired: (input.required?.length ?? 0) > 0,
    hasTrend: (input.trend?.length ?? 0) > 0,
    hasBand: input.projection !== undefined,
    drawnPoints: drawn.length,
    totalPoints: input.actual.length,
  };
}

/**
 * The goal as the chart draws it: a band [low, high] when the goal is closed on
 * both sides (`isBand`), and a line at the first mark (`goalMarks`) that is not an
 * edge of that band — the goal of a floor, a cap or "approximately"; none for
 * "between", whose marks are the band's edges.
 */
function goalShape(goal: Goal): TrendChartData['goal'] {
  const { low, high } = goalInterval(goal);
  const band: [number, number] | undefined = isBand(goal) ? [low, high] : undefined;
  const line = goalMarks(goal).find((mark) => !band || (mark > low && mark < high));
  return { ...(band ? { band } : {}), ...(line !== undefined ? { line } : {}) };
}

/** Whole years from min to max, thinned to at most about 12 ticks. */
export function yearTicks(min: number, max: number): number[] {
  const span = Math.max(1, max - min);
  const step = [1, 2, 5, 10, 20, 50, 100].find((s) => span / s <= 12) ?? Math.ceil(span / 12);
  const ticks: number[] = [];
  for (let year = Math.ceil(min / step) * step; year <= max; year += step) ticks.push(year);
  return ticks;
}

/** A padded axis with round ticks: [min, max, ticks] (about 5 ticks). */
export function niceAxis(low: number, high: number, nonNegative: boolean): [number, number, number[]] {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return [0, 1, [0, 1]];
  const pad = (high - low || Math.abs(high) || 1) * 0.1;
  const step = niceCeiling((high - low + 2 * pad) / 5);
  let min = Math.floor((low - pad) / step) * step;
  if (nonNegative && low >= 0) min = Math.max(0, min);
  const max = Math.ceil((high + pad) / step) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 2; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return [min, max, ticks];
}
