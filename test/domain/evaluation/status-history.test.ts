import { expect, test } from 'vitest';
import { demoSeed } from '@/backend/seed/seed';
import { evaluateTarget } from '@/domain/evaluation/evaluate-target';
import { indexFigures } from '@/domain/evaluation/figure-index';
import { figureSeries, indexObservations } from '@/domain/evaluation/figures';
import { historyUntil, statusHistory } from '@/domain/evaluation/status-history';
import { isReferenceFigure, type Observation } from '@/domain/shared/observation';
import { rollupSubUnits } from '@/domain/targets/target-helpers';
import type { Target, TargetSet } from '@/domain/targets/target-set';
import { ruzhouSet } from '../../fixtures/ruzhou';
import { TARGET_COMMON } from '../../fixtures/targets';

const ruzhou = ruzhouSet();
const seed = demoSeed([ruzhou]);

test('every year of every strip has the status evaluateTarget gives as of that year, for the city and every township', () => {
  const index = indexFigures(ruzhou, seed);
  const own = indexObservations(seed.filter((o) => !isReferenceFigure(o)));
  const regions = [ruzhou.jurisdiction, ...rollupSubUnits(ruzhou).map((r) => r.id)];
  let years = 0;
  for (const target of ruzhou.targets) {
    const metric = ruzhou.metrics.find((m) => m.id === target.metric)!;
    for (const regionId of regions) {
      const series = figureSeries(ruzhou, metric, regionId, own);
      const strip = statusHistory(index, target, regionId, 2024);
      if (target.applies_to === 'jurisdiction' && regionId !== ruzhou.jurisdiction) {
        expect(strip).toEqual([]);
        continue;
      }
      // From the first figure's year to the last year asked for, one entry a year.
      if (series.figures.length === 0) expect(strip).toEqual([]);
      else expect(strip.map((y) => y.year)).toEqual(Array.from({ length: 2024 - series.figures[0]!.year + 1 }, (_, i) => series.figures[0]!.year + i));
      for (const entry of strip) {
        const expected = evaluateTarget({ target, metric, regionId, jurisdictionId: ruzhou.jurisdiction, asOf: entry.year, series });
        expect(entry.status, `${target.id} ${regionId} ${entry.year}`).toBe(expected.status);
        expect(entry.evaluation).toEqual(expected);
        years += 1;
      }
    }
  }
  expect(years).toBeGreaterThan(500);
});

test('every status change in the demo data has a cause: a new figure or the deadline', () => {
  const index = indexFigures(ruzhou, seed);
  for (const target of ruzhou.targets) {
    for (const entry of statusHistory(index, target, ruzhou.jurisdiction, 2024)) {
      if (entry.changedFrom) expect(entry.causes.length, `${target.id} ${entry.year}`).toBeGreaterThan(0);
    }
  }
});

// ---- a small set whose history is worked out by hand ----------------------------------------------

const set: TargetSet = {
  id: 'history',
  title: { zh: '历史', en: 'History' },
  jurisdiction: 'city',
  source: { title: '规划', publisher: '教育局', date: '2020-01-01' },
  categories: [{ id: 'c', name: { zh: '类', en: 'C' } }],
  regions: [{ id: 'city', name: { zh: '市', en: 'City' }, kind: 'jurisdiction', aliases: [] }],
  metrics: [{ id: 'm', name: { zh: '指标', en: 'Metric' }, aliases: [], unit: 'percent', kind: 'share' }],
  targets: [
    {
      ...TARGET_COMMON,
      source_text: '到2020年达到80%',
      comparator: 'at_least',
      goal: 80,
    },
  ],
};
const target = set.targets[0] as Target;
const obs = (year: number, value: number): Observation => ({ metric: 'm', region: 'city', year, value, source: 'import' });

test('a strip worked by hand: one figure undetermined, a second on pace, a gap year unchanged, the deadline with its figure missing', () => {
  // 2016: 60 alone (no pace); 2017: 66 — growth of 10% a year against (80 ÷ 66)^⅓ − 1 = 6.6% needed: on track;
  // 2018: nothing new; 2019: 67 — 3.8% a year against 19.4% needed: off track; 2020 has no figure: the deadline's
  // verdict rests on 2019's 67, missed.
  const index = indexFigures(set, [obs(2016, 60), obs(2017, 66), obs(2019, 67)]);
  const strip = statusHistory(index, target, 'city', 2020);
  expect(strip.map((y) => [y.year, y.status, y.changedFrom])).toEqual([
    [2016, 'undetermined', undefined],
    [2017, 'on_track', 'undetermined'],
    [2018, 'on_track', undefined],
    [2019, 'off_track', 'on_track'],
    [2020, 'missed', 'off_track'],
  ]);
  expect(strip[0]!.causes).toMatchObject([{ kind: 'new_figure', figure: { year: 2016, value: 60 } }]);
  expect(strip[2]!.causes).toEqual([]);
  expect(strip[3]!.causes).toMatchObject([{ kind: 'new_figure', figure: { year: 2019, value: 67 } }]);
  expect(strip[4]!.causes).toEqual([{ kind: 'deadline_reached', deadlineYear: 2020, missing: true }]);
});

test('at the deadline with its own figure, both the figure and the deadline are named', () => {
  const index = indexFigures(set, [obs(2018, 70), obs(2019, 76), obs(2020, 81)]);
  const last = statusHistory(index, target, 'city', 2020).at(-1)!;
  expect(last).toMatchObject({ year: 2020, status: 'achieved', changedFrom: 'on_track' });
  expect(last.causes).toMatchObject([
    { kind: 'new_figure', figure: { year: 2020 } },
    { kind: 'deadline_reached', missing: false },
  ]);
});

test('a region without figures has an empty strip (no data is not a history of zeros)', () => {
  expect(statusHistory(indexFigures(set, []), target, 'city', 2020)).toEqual([]);
});

test('the strip runs to the page’s last as-of year, or to a later deadline up to today’s year', () => {
  expect(historyUntil(target, 2020, 2026)).toBe(2020);
  expect(historyUntil(target, 2022, 2026)).toBe(2022);
  const later = { ...target, deadline: '2024-12-31' };
  expect(historyUntil(later, 2020, 2026)).toBe(2024);
  expect(historyUntil(later, 2020, 2022)).toBe(2022);
});
