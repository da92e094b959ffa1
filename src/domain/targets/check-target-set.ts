import { closestMatch } from '@/domain/shared/closest-match';
import { isValidIsoDate } from '@/domain/shared/dates';
import { goalFields, goalFor, goalInterval } from './comparator';
import type { PathSegment, UnlocatedProblem } from './target-file-problem';
import type { TargetSet } from './target-set';

/**
 * Consistency checks that a schema cannot express: ids unique within each list,
 * references that point somewhere, real calendar dates, share goals within
 * 0–100, deadlines after baselines and ranges the right way round.
 * Returns problems with paths into the parsed data; an empty list means consistent.
 */
export function checkTargetSet(set: TargetSet): UnlocatedProblem[] {
  const problems: UnlocatedProblem[] = [];
  const add = (path: PathSegment[], code: UnlocatedProblem['code'], params: UnlocatedProblem['params'] = {}) =>
    problems.push({ path, code, params });

  for (const list of ['categories', 'regions', 'metrics', 'targets'] as const) {
    const seen = new Map<string, number>();
    set[list].forEach((item, index) => {
      const first = seen.get(item.id);
      if (first === undefined) seen.set(item.id, index);
      else add([list, index, 'id'], 'duplicate_id', { id: item.id, first: `${list}[${first}]` });
    });
  }

  const regionIds = set.regions.map((r) => r.id);
  const metricIds = set.metrics.map((m) => m.id);
  const categoryIds = set.categories.map((c) => c.id);
  const reference = (path: PathSegment[], id: string, known: string[], list: string) => {
    if (known.includes(id)) return;
    add(path, 'unknown_reference', { id, list, suggestion: closestMatch(id, known) ?? '' });
  };

  if (!isValidIsoDate(set.source.date)) add(['source', 'date'], 'impossible_date', { value: set.source.date });
  reference(['jurisdiction'], set.jurisdiction, regionIds, 'regions');
  const jurisdiction = set.regions.find((r) => r.id === set.jurisdiction);
  // The governed area has a level (nation … county) or says none (`jurisdiction`); a benchmark area governs nothing.
  if (jurisdiction && jurisdiction.kind === 'comparison') {
    add(['jurisdiction'], 'jurisdiction_kind', { id: set.jurisdiction, kind: jurisdiction.kind });
  }

  if (set.benchmark !== undefined) {
    reference(['benchmark'], set.benchmark, regionIds, 'regions');
    const benchmark = set.regions.find((r) => r.id === set.benchmark);
    if (benchmark && benchmark.kind !== 'comparison') add(['benchmark'], 'benchmark_kind', { id: benchmark.id, kind: benchmark.kind });
  }

  set.regions.forEach((region, index) => {
    if (region.parent !== undefined) reference(['regions', index, 'parent'], region.parent, regionIds, 'regions');
  });

  set.metrics.forEach((metric, index) => {
    if ((metric.numerator === undefined) !== (metric.denominator === undefined)) {
      add(['metrics', index, metric.numerator ? 'denominator' : 'numerator'], 'ratio_parts_incomplete', { id: metric.id });
    }
  });
  const rosterMetrics = set.metrics.flatMap((metric, index) => (metric.class_roster ? [{ metric, index }] : []));
  for (const { metric, index } of rosterMetrics) {
    if (metric.kind !== 'share' || metric.unit !== 'percent') add(['metrics', index, 'class_roster'], 'roster_not_share', { id: metric.id });
  }
  for (const { metric, index } of rosterMetrics.slice(1)) {
    add(['metrics', index, 'class_roster'], 'roster_twice', { id: metric.id, first: rosterMetrics[0]!.metric.id });
  }

  set.targets.forEach((target, index) => {
    const at = (...rest: PathSegment[]) => ['targets', index, ...rest];
    reference(at('metric'), target.metric, metricIds, 'metrics');
    reference(at('category'), target.category, categoryIds, 'categories');
    if (!isValidIsoDate(target.deadline)) add(at('deadline'), 'impossible_date', { value: target.deadline });
    const deadlineYear = Number(target.deadline.slice(0, 4));
    if (target.baseline && deadlineYear < target.baseline.year) {
      add(at('deadline'), 'deadline_before_baseline', { deadline: target.deadline, year: target.baseline.year });
    }
    const metric = set.metrics.find((m) => m.id === target.metric);
    const goals = goalFields(target);
    if (metric?.kind === 'share') {
      for (const { path, value } of goals) {
        if (value < 0 || value > 100) add(at(...path), 'share_goal_out_of_range', { value });
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
