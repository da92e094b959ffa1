import { closestMatch } from '@/domain/shared/closest-match';
import { isValidIsoDate } from '@/domain/shared/dates';
import { goalFields, goalFor, goalInterval } from './comparator';
import type { PathSegment, UnlocatedProblem } from './target-file-problem';
import type { Category, Metric, Region, Target } from './target-set';

type List = 'categories' | 'regions' | 'metrics' | 'targets';

/**
 * What the consistency checks read: a valid `TargetSet`, or — when the schema refused part of a file —
 * what it accepted: each list item by item (`undefined` where the item's schema refused it, so later
 * items keep their index), the top-level fields that are valid (else absent), and the ids as written,
 * of refused items too (`ids`), so a reference to a refused item is not also called unknown.
 * `targets` is absent when the file has no list of targets to check.
 */
export type CheckInput = {
  jurisdiction?: string | undefined;
  benchmark?: string | undefined;
  source?: { date: string } | undefined;
  categories: readonly (Category | undefined)[];
  regions: readonly (Region | undefined)[];
  metrics: readonly (Metric | undefined)[];
  targets?: readonly (Target | undefined)[] | undefined;
  ids?: { readonly [L in List]: readonly (string | undefined)[] };
};

/**
 * Units that count whole things: their goals and baselines are whole numbers. Named one by one, so a unit
 * added later (a ratio, a sum of money) is not taken for a count.
 */
const COUNT_UNITS: ReadonlySet<Metric['unit']> = new Set<Metric['unit']>(['persons', 'classes', 'classrooms', 'schools', 'count']);
const countUnit = (metric: Metric) => COUNT_UNITS.has(metric.unit);

/**
 * Consistency checks that a schema cannot express: ids unique within each list,
 * references that point somewhere, real calendar dates, share goals within
 * 0–100, whole goals for counts, deadlines after baselines and ranges the right way round;
 * and the warnings: a percent goal below 1 (0.9 written for 90%), a draft with no targets yet.
 * Returns problems with paths into the parsed data; an empty list means consistent.
 */
export function checkTargetSet(set: CheckInput): UnlocatedProblem[] {
  const problems: UnlocatedProblem[] = [];
  const add = (path: PathSegment[], code: UnlocatedProblem['code'], params: UnlocatedProblem['params'] = {}) =>
    problems.push({ path, code, params });
  const targets = set.targets ?? [];
  const idsOf = (list: List): readonly (string | undefined)[] =>
    set.ids?.[list] ?? (list === 'targets' ? targets : set[list]).map((item) => item?.id);

  for (const list of ['categories', 'regions', 'metrics', 'targets'] as const) {
    const seen = new Map<string, number>();
    idsOf(list).forEach((id, index) => {
      if (id === undefined) return;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else add([list, index, 'id'], 'duplicate_id', { id, first: `${list}[${first}]` });
    });
  }

  const known = (list: List) => idsOf(list).filter((id): id is string => id !== undefined);
  const regionIds = known('regions');
  const metricIds = known('metrics');
  const categoryIds = known('categories');
  const reference = (path: PathSegment[], id: string, ids: string[], list: string) => {
    if (ids.includes(id)) return;
    add(path, 'unknown_reference', { id, list, suggestion: closestMatch(id, ids) ?? '' });
  };
  const regions = set.regions.filter((r): r is Region => r !== undefined);
  const metrics = set.metrics.filter((m): m is Metric => m !== undefined);

  if (set.source && !isValidIsoDate(set.source.date)) add(['source', 'date'], 'impossible_date', { value: set.source.date });
  if (set.jurisdiction !== undefined) {
    reference(['jurisdiction'], set.jurisdiction, regionIds, 'regions');
    const jurisdiction = regions.find((r) => r.id === set.jurisdiction);
    // The governed area has a level (nation … county) or says none (`jurisdiction`); a benchmark area governs nothing.
    if (jurisdiction && jurisdiction.kind === 'comparison') {
      add(['jurisdiction'], 'jurisdiction_kind', { id: set.jurisdiction, kind: jurisdiction.kind });
    }
  }

  if (set.benchmark !== undefined) {
    reference(['benchmark'], set.benchmark, regionIds, 'regions');
    const benchmark = regions.find((r) => r.id === set.benchmark);
    if (benchmark && benchmark.kind !== 'comparison') add(['benchmark'], 'benchmark_kind', { id: benchmark.id, kind: benchmark.kind });
  }

  set.regions.forEach((region, index) => {
    if (region?.parent !== undefined) reference(['regions', index, 'parent'], region.parent, regionIds, 'regions');
  });

  set.metrics.forEach((metric, index) => {
    if (metric && (metric.numerator === undefined) !== (metric.denominator === undefined)) {
      add(['metrics', index, metric.numerator ? 'denominator' : 'numerator'], 'ratio_parts_incomplete', { id: metric.id });
    }
  });
  const rosterMetrics = set.metrics.flatMap((metric, index) => (metric?.class_roster ? [{ metric, index }] : []));
  for (const { metric, index } of rosterMetrics) {
    if (metric.kind !== 'share' || metric.unit !== 'percent') add(['metrics', index, 'class_roster'], 'roster_not_share', { id: metric.id });
  }
  for (const { metric, index } of rosterMetrics.slice(1)) {
    add(['metrics', index, 'class_roster'], 'roster_twice', { id: metric.id, first: rosterMetrics[0]!.metric.id });
  }

  // A draft: the file declares its areas and metrics, the targets are still to be written.
  if (set.targets !== undefined && set.targets.length === 0) add(['targets'], 'no_targets');

  targets.forEach((target, index) => {
    if (target === undefined) return;
    const at = (...rest: PathSegment[]) => ['targets', index, ...rest];
    reference(at('metric'), target.metric, metricIds, 'metrics');
    reference(at('category'), target.category, categoryIds, 'categories');
    if (!isValidIsoDate(target.deadline)) add(at('deadline'), 'impossible_date', { value: target.deadline });
    const deadlineYear = Number(target.deadline.slice(0, 4));
    if (target.baseline && deadlineYear < target.baseline.year) {
      add(at('deadline'), 'deadline_before_baseline', { deadline: target.deadline, year: target.baseline.year });
    }
    const metric = metrics.find((m) => m.id === target.metric);
    const goals = goalFields(target);
    if (metric?.kind === 'share') {
      for (const { path, value } of goals) {
        if (value < 0 || value > 100) add(at(...path), 'share_goal_out_of_range', { value });
      }
    }
    if (metric?.unit === 'percent') {
      // 0.9 for 90 %: every region would "meet" it. A warning, since a goal such as "at most 0.5 %" is real.
      for (const { path, value } of goals) {
        if (value > 0 && value < 1) add(at(...path), 'percent_goal_as_fraction', { value, percent: Number((value * 100).toPrecision(12)) });
      }
    }
    if (metric && countUnit(metric)) {
      const counted = target.baseline ? [...goals, { path: ['baseline', 'value'], value: target.baseline.value }] : goals;
      for (const { path, value } of counted) {
        if (!Number.isInteger(value)) add(at(...path), 'count_not_whole', { value, unit: metric.unit });
      }
    }
    // An empty interval (a band written the wrong way round) is reported on its first field, the lower bound.
    const { low, high } = goalInterval(goalFor(target));
    if (low > high) add(at(...(goals[0]?.path ?? [])), 'min_above_max', { min: low, max: high });
    if ('region_goals' in target) {
      for (const id of Object.keys(target.region_goals ?? {})) reference(at('region_goals', id), id, regionIds, 'regions');
    }
  });

  return problems;
}
