import { expect, test } from 'vitest';
import { lttb } from '@/domain/display/lttb';

// ---- builders --------------------------------------------------------------

type Point = { x: number; y: number; label?: string };

/** Points at x = 0, 1, 2 … with the given ys. */
const line = (ys: number[]): Point[] => ys.map((y, x) => ({ x, y }));

/** `count` points at y = 0 except a spike of 50 at `at`. */
const flatWithSpike = (count: number, at: number): Point[] => line(Array.from({ length: count }, (_, x) => (x === at ? 50 : 0)));

const xs = (points: Point[]) => points.map((p) => p.x);

// ---- tests ---------------------------------------------------------------------

test('a small series worked by hand keeps the point of the largest triangle in each bucket', () => {
  // 7 points, 4 kept: buckets {1, 2} and {3, 4, 5}.
  // Bucket 1 against (0,0) and the next bucket's mean (4, 2): areas ×2 are 2 for (1,1) and 4 for (2,0) → (2,0).
  // Bucket 2 against (2,0) and the last point (6,0): 20 for (3,5), 0 for (4,0), 4 for (5,1) → (3,5).
  const points = line([0, 1, 0, 5, 0, 1, 0]);
  expect(lttb(points, 4)).toEqual([
    { x: 0, y: 0 },
    { x: 2, y: 0 },
    { x: 3, y: 5 },
    { x: 6, y: 0 },
  ]);
});

test.each([3, 4, 10, 37, 99])('1000 points down to %i keeps exactly that many, the first and last included', (threshold) => {
  const points = line(Array.from({ length: 1000 }, (_, x) => Math.sin(x / 10) * 10 + (x % 7)));
  const sampled = lttb(points, threshold);
  expect(sampled).toHaveLength(threshold);
  expect(sampled[0]).toBe(points[0]);
  expect(sampled.at(-1)).toBe(points.at(-1));
});

test('the result is in x order and made of the original point objects', () => {
  const points = line(Array.from({ length: 500 }, (_, x) => (x * 7919) % 101)).map((p) => ({ ...p, label: `year ${p.x}` }));
  const sampled = lttb(points, 50);
  const sortedXs = [...xs(sampled)].sort((a, b) => a - b);
  expect(xs(sampled)).toEqual(sortedXs);
  expect(new Set(xs(sampled)).size).toBe(50);
  for (const point of sampled) expect(points).toContain(point);
  expect(sampled[10]?.label).toBe(`year ${sampled[10]?.x}`);
});

test.each([
  { count: 100, at: 37 },
  { count: 100, at: 1 },
  { count: 100, at: 98 },
  { count: 1000, at: 500 },
])('a flat series of $count points keeps its single spike at $at', ({ count, at }) => {
  const points = flatWithSpike(count, at);
  const sampled = lttb(points, 10);
  expect(sampled).toContain(points[at]);
  expect(sampled.filter((p) => p.y === 50)).toHaveLength(1);
});

test.each([
  { name: 'at the number of points', threshold: 5 },
  { name: 'above the number of points', threshold: 50 },
  { name: 'below 3', threshold: 2 },
  { name: '0', threshold: 0 },
  { name: 'not a number', threshold: Number.NaN },
])('a threshold $name returns a copy of all points', ({ threshold }) => {
  const points = line([1, 5, 2, 8, 3]);
  const sampled = lttb(points, threshold);
  expect(sampled).toEqual(points);
  expect(sampled).not.toBe(points);
  expect(sampled[2]).toBe(points[2]);
});

test('an empty or tiny series comes back as it was', () => {
  expect(lttb([], 10)).toEqual([]);
  expect(lttb(line([4]), 3)).toEqual(line([4]));
});

test('a fractional threshold is rounded down', () => {
  expect(lttb(line(Array.from({ length: 100 }, (_, x) => x % 3)), 10.9)).toHaveLength(10);
});

test('it runs in linear time: each point’s y is read a bounded number of times whatever the threshold', () => {
  for (const threshold of [10, 1000, 9000]) {
    let reads = 0;
    const count = 10_000;
    const points = Array.from({ length: count }, (_, x) => ({
      x,
      get y() {
        reads += 1;
        return Math.sin(x);
      },
    }));
    lttb(points, threshold);
    expect(reads).toBeLessThanOrEqual(4 * count);
  }
});
