import { expect, test } from 'vitest';
import { niceAxis, trendChartData, yearTicks } from '@/domain/display/trend-series';

const line = (n: number) => Array.from({ length: n }, (_, i) => ({ x: 2000 + i / 12, y: 50 + Math.sin(i / 10) * 10 }));

test('a 10,000-point series is drawn with 1,000 points while the count of all of them is kept', () => {
  const data = trendChartData({ actual: line(10_000), goal: { comparator: 'at_least', goal: 55 }, deadline: 2840 });
  expect(data.totalPoints).toBe(10_000);
  expect(data.drawnPoints).toBe(1000);
  expect(data.rows.filter((r) => r.actual !== undefined)).toHaveLength(1000);
});

test('a short series is drawn as it is', () => {
  const data = trendChartData({ actual: line(12), goal: { comparator: 'at_least', goal: 55 }, deadline: 2002 });
  expect(data.drawnPoints).toBe(12);
});

test('a floor or cap is a goal line; approximately and between are bands', () => {
  const actual = [{ x: 2019, y: 4 }];
  expect(trendChartData({ actual, goal: { comparator: 'at_most', goal: 10 }, deadline: 2020 }).goal).toEqual({ line: 10 });
  expect(trendChartData({ actual, goal: { comparator: 'approximately', goal: 5, tolerance: 1 }, deadline: 2020 }).goal).toEqual({ band: [4, 6], line: 5 });
  expect(trendChartData({ actual, goal: { comparator: 'between', min: 3, max: 7 }, deadline: 2020 }).goal).toEqual({ band: [3, 7] });
});

test('the projection band starts with zero width at the last actual point and opens at the deadline', () => {
  const data = trendChartData({
    actual: [
      { x: 2018, y: 70 },
      { x: 2019, y: 75 },
    ],
    goal: { comparator: 'at_least', goal: 80 },
    deadline: 2020,
    projection: { x: 2020, low: 76, high: 82, from: { x: 2019, y: 75 } },
  });
  expect(data.rows.find((r) => r.x === 2019)?.band).toEqual([75, 75]);
  expect(data.rows.find((r) => r.x === 2020)?.band).toEqual([76, 82]);
  expect(data.hasBand).toBe(true);
});

test('the axes include the goal, the deadline and the baseline even beyond the data', () => {
  const data = trendChartData({ actual: [{ x: 2016, y: 30 }], goal: { comparator: 'at_most', goal: 10 }, deadline: 2020, baseline: { x: 2014, y: 40 } });
  expect(data.xDomain).toEqual([2014, 2020]);
  expect(data.yDomain[0]).toBeLessThanOrEqual(10);
  expect(data.yDomain[1]).toBeGreaterThanOrEqual(40);
  expect(data.yDomain[0]).toBeGreaterThanOrEqual(0);
});

test.each([
  [2016, 2020, [2016, 2017, 2018, 2019, 2020]],
  [1990, 2020, [1990, 1995, 2000, 2005, 2010, 2015, 2020]],
])('year ticks from %i to %i are whole, evenly spaced years', (min, max, expected) => {
  expect(yearTicks(min, max)).toEqual(expected);
});

test('a nice axis pads the range, keeps percentages at 0 or above, and has round ticks', () => {
  const [min, max, ticks] = niceAxis(66, 85.7, true);
  expect(min).toBeLessThan(66);
  expect(max).toBeGreaterThan(85.7);
  expect(ticks[0]).toBe(min);
  expect(ticks.at(-1)).toBe(max);
  const [zeroMin] = niceAxis(0.5, 3, true);
  expect(zeroMin).toBe(0);
});
