import { useMemo } from 'react';
import { indexFigures, type FigureIndex } from '@/domain/evaluation/figure-index';
import type { Observation } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';

/**
 * One index per (figures, set), shared by every page: TanStack Query hands each page the same
 * observations array and target set until they change, so the dashboard, the scorecard, the target
 * page and the report index a set's figures once, and the series and evaluations memoised in the index
 * (`seriesOf`, `evaluateRegion`) carry over from one page to the next. Weak keys: an index goes with its data.
 */
const indexes = new WeakMap<readonly Observation[], WeakMap<TargetSet, FigureIndex>>();

/** The shared `FigureIndex` of a set's figures (built on first use). */
export function figureIndexFor(set: TargetSet, observations: readonly Observation[]): FigureIndex {
  let bySet = indexes.get(observations);
  if (!bySet) indexes.set(observations, (bySet = new WeakMap()));
  let index = bySet.get(set);
  if (!index) bySet.set(set, (index = indexFigures(set, observations)));
  return index;
}

/** `figureIndexFor` in a component: a new index only when the figures or the set change. */
export function useFigureIndex(set: TargetSet, observations: readonly Observation[]): FigureIndex {
  return useMemo(() => figureIndexFor(set, observations), [set, observations]);
}
