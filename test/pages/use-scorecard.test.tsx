import { renderHook, waitFor } from '@testing-library/react';
import { expect, test } from 'vitest';
import { evaluateScorecard, indexFigures, scorecardEvaluated } from '@/domain/evaluation/figure-index';
import { parseTargetFile } from '@/domain/targets/parse-target-file';
import type { Observation } from '@/domain/shared/observation';
import { SYNC_SCORECARD_CELLS, useScorecard } from '@/pages/use-scorecard';
import { provinceFigures, provinceTargetFile } from '../../scripts/bench/lib/province.mjs';
import { ruzhouTargetFile } from '../mock-server';

/** A province-like set (townships straight under the jurisdiction) with every figure for `years` years from 2021. */
function provinceIndex(townships: number, years: number) {
  const province = provinceTargetFile({ id: 'sliced', townships, counties: 0, metrics: 12 });
  const parsed = parseTargetFile(province.content, province.fileName);
  if (!parsed.ok) throw new Error('the generated province does not parse');
  const observations: Observation[] = provinceFigures(province, { firstYear: 2021, count: townships * 12 * years }).map((f) => ({ ...f, source: 'import' }));
  return { set: parsed.targetSet, observations };
}

/** The grid as statuses by region and target, to compare two scorecards. */
const statuses = (cells: ReturnType<typeof evaluateScorecard>['cells']) =>
  [...cells].map(([region, row]) => [region, [...row.values()].map((e) => `${e.target.id}:${e.status}`)] as const);

test('a province-sized scorecard is evaluated in slices: progress first, then the same grid as at once', async () => {
  const { set, observations } = provinceIndex(400, 3);
  expect((400 + 1) * set.targets.length).toBeGreaterThan(SYNC_SCORECARD_CELLS);
  const index = indexFigures(set, observations);
  // One region per slice (a budget of 0 ms), so what is shown between slices does not depend on the machine's speed.
  const hook = renderHook(({ year }) => useScorecard(index, year, 0), { initialProps: { year: 2023 } });
  // After the first render and its first slice there is progress and no grid yet.
  expect(hook.result.current.scorecard).toBeUndefined();
  expect(hook.result.current.progress?.total).toBe(401);
  expect(hook.result.current.progress!.done).toBeLessThan(401);
  await waitFor(() => expect(hook.result.current.scorecard?.year).toBe(2023), { timeout: 15_000 });
  expect(hook.result.current.progress).toBeUndefined();
  const atOnce = evaluateScorecard(indexFigures(set, observations), 2023);
  expect(statuses(hook.result.current.scorecard!.cells)).toEqual(statuses(atOnce.cells));

  // The grid shown once complete is the one shown during the next year change: the same object, so what a page
  // memoises on it (the order, the counts, every cell's words) is not worked out again for the old year.
  const complete = hook.result.current.scorecard;
  hook.rerender({ year: 2023 });
  expect(hook.result.current.scorecard).toBe(complete);

  // A year change keeps the last grid, with its own year, until the new one is complete.
  hook.rerender({ year: 2022 });
  expect(hook.result.current.scorecard).toBe(complete);
  expect(hook.result.current.scorecard?.year).toBe(2023);
  expect(hook.result.current.progress?.total).toBe(401);
  await waitFor(() => expect(hook.result.current.scorecard?.year).toBe(2022), { timeout: 15_000 });
  const complete2022 = hook.result.current.scorecard;
  hook.rerender({ year: 2022 });
  expect(hook.result.current.scorecard).toBe(complete2022);
  expect(statuses(hook.result.current.scorecard!.cells)).toEqual(statuses(evaluateScorecard(indexFigures(set, observations), 2022).cells));

  // Back to a year already evaluated: at once, in the same render.
  hook.rerender({ year: 2023 });
  expect(hook.result.current.scorecard?.year).toBe(2023);
  expect(hook.result.current.progress).toBeUndefined();
});

test('once a province’s grid is shown, the years to prepare are evaluated while idle, and a change to one is one render', async () => {
  const { set, observations } = provinceIndex(400, 3);
  const index = indexFigures(set, observations);
  const hook = renderHook(({ year }) => useScorecard(index, year, 0, [2022]), { initialProps: { year: 2023 } });
  // Nothing is prepared before the shown year's grid is complete.
  expect(scorecardEvaluated(index, 2022)).toBe(false);
  await waitFor(() => expect(hook.result.current.scorecard?.year).toBe(2023), { timeout: 15_000 });
  await waitFor(() => expect(scorecardEvaluated(index, 2022)).toBe(true), { timeout: 15_000 });
  hook.rerender({ year: 2022 });
  expect(hook.result.current.scorecard?.year).toBe(2022);
  expect(hook.result.current.progress).toBeUndefined();
  expect(statuses(hook.result.current.scorecard!.cells)).toEqual(statuses(evaluateScorecard(indexFigures(set, observations), 2022).cells));
});

test('preparing stops when the page turns elsewhere: no year is evaluated for a scorecard no longer shown', async () => {
  const { set, observations } = provinceIndex(400, 3);
  const index = indexFigures(set, observations);
  const hook = renderHook(({ year }) => useScorecard(index, year, 0, [2021, 2022]), { initialProps: { year: 2023 } });
  await waitFor(() => expect(hook.result.current.scorecard?.year).toBe(2023), { timeout: 15_000 });
  hook.unmount();
  const evaluated = () => [2021, 2022].map((y) => index.evaluations.get(y)?.size ?? 0);
  const after = evaluated();
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(evaluated()).toEqual(after);
  expect(scorecardEvaluated(index, 2021)).toBe(false);
});

test('a city-sized scorecard is there in the first render', () => {
  const parsed = parseTargetFile(ruzhouTargetFile().content, 'ruzhou-2020.yaml');
  if (!parsed.ok) throw new Error('the Ruzhou file does not parse');
  const index = indexFigures(parsed.targetSet, []);
  const hook = renderHook(() => useScorecard(index, 2020));
  expect(hook.result.current.scorecard?.year).toBe(2020);
  expect(hook.result.current.scorecard?.regions).toHaveLength(22);
  expect(hook.result.current.progress).toBeUndefined();
});
