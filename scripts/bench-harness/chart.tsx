import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { TrendChart } from '@/components/trend-chart';
import type { Goal } from '@/domain/targets/comparator';
import { trendChartData, type TrendChartData, type XY } from '@/domain/display/trend-series';
import { random } from '@/backend/seed/demo-seed';

/**
 * The trend-chart benchmark page, built with Vite's JS API by scripts/bench/lib/builds.mjs
 * into node_modules/.bench-harness/chart.html and driven with `page.evaluate`
 * through `window.chartBench` by scripts/bench/target-chart.mjs (which sees `ChartBench`'s types).
 *
 * It renders the app's own TrendChart (src/components/trend-chart.tsx) with data
 * from the app's own `trendChartData` (src/domain/trend-series.ts) for a
 * generated monthly series: x = 1190 + i/12, y a rising trend with a yearly
 * wave and seeded noise, a goal `at_least`, the deadline a year after the last
 * point, a baseline, the required path, an observed trend and a projection band,
 * as the detail page draws them. The chart has a fixed size (900 × 320), so no
 * ResizeObserver is involved. Downsampled runs use trendChartData's default
 * `maxPoints` (as the detail page does); the baseline passes `maxPoints: Infinity`.
 *
 * One run: a fresh container and `createRoot`; `performance.now()`, then
 * `flushSync(() => root.render(...))`; then, if the actual series' SVG path is
 * not in the DOM yet, a MutationObserver waits for it; then one forced layout
 * (`getBoundingClientRect()` of that path). The time is start → after that
 * layout. Also reported: the time to the next animation frame after it, and
 * the time `trendChartData` took (LTTB included), outside the render time.
 * The root is unmounted and the container removed after each run.
 */

const WIDTH = 900;
const HEIGHT = 320;
const GOAL_VALUE = 90;
const GOAL: Goal = { comparator: 'at_least', goal: GOAL_VALUE };


const seriesCache = new Map<number, XY[]>();

/** `count` monthly points from 1190 on: 30 → 85 with a yearly wave and noise, never below 0. */
function series(count: number): XY[] {
  let points = seriesCache.get(count);
  if (!points) {
    const next = random(20200 + count);
    points = Array.from({ length: count }, (_, i) => {
      const trend = 30 + (55 * i) / Math.max(1, count - 1);
      const wave = 3 * Math.sin((2 * Math.PI * i) / 12);
      const noise = (next() - 0.5) * 8;
      return { x: 1190 + i / 12, y: Math.max(0, Math.round((trend + wave + noise) * 10) / 10) };
    });
    seriesCache.set(count, points);
  }
  return points;
}

/** The chart data the detail page would build for this series: the app's trendChartData, timed. */
function chartData(count: number, drawAll: boolean): { data: TrendChartData; ms: number } {
  const actual = series(count);
  const first = actual[0]!;
  const last = actual.at(-1)!;
  const deadline = Math.ceil(last.x) + 1;
  const recent = actual.slice(-120);
  const slope = (recent.at(-1)!.y - recent[0]!.y) / (recent.at(-1)!.x - recent[0]!.x);
  const projected = last.y + slope * (deadline - last.x);
  const started = performance.now();
  const data = trendChartData({
    actual,
    goal: GOAL,
    deadline,
    baseline: first,
    required: [first, { x: deadline, y: GOAL_VALUE }],
    // From the last point (always kept by LTTB), so the trend adds no row that would break the actual line.
    trend: [last, { x: deadline, y: projected }],
    projection: { x: deadline, low: projected - 3, high: projected + 3, from: last },
    ...(drawAll ? { maxPoints: Infinity } : {}),
    nonNegative: true,
  });
  return { data, ms: performance.now() - started };
}

const LABELS = { actual: '实际', goal: '目标', deadline: '期限', baseline: '基线', required: '所需路径', trend: '趋势', band: '预测区间' };
const format = (value: number) => `${value.toFixed(1)}%`;

/** Points in an SVG path drawn by d3-shape's linear curve ("M x,y L x,y …"). */
function pathPoints(path: SVGPathElement): number {
  const d = path.getAttribute('d') ?? '';
  let count = 0;
  for (let i = 0; i < d.length; i++) {
    const c = d.charCodeAt(i);
    if (c === 77 /* M */ || c === 76 /* L */) count += 1;
  }
  return count;
}

/** The actual series' line: the Recharts line curve with as many points as the chart data drew. */
function actualPath(container: HTMLElement, drawn: number): SVGPathElement | null {
  for (const path of container.querySelectorAll<SVGPathElement>('svg .recharts-line path.recharts-line-curve')) {
    if (pathPoints(path) === drawn) return path;
  }
  return null;
}

function waitForPath(container: HTMLElement, drawn: number, timeoutMs: number): Promise<SVGPathElement> {
  return new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      const path = actualPath(container, drawn);
      if (!path) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(path);
    });
    observer.observe(container, { childList: true, subtree: true, attributes: true, attributeFilter: ['d'] });
    const timer = setTimeout(() => {
      observer.disconnect();
      const paths = [...container.querySelectorAll<SVGPathElement>('svg path.recharts-line-curve')].map(pathPoints);
      reject(new Error(`no line path with ${drawn} points within ${timeoutMs} ms (line paths: ${JSON.stringify(paths)})`));
    }, timeoutMs);
  });
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));

const api = {
  /** Builds (and caches) the series, so generating it is not part of any run. */
  prepare(count: number) {
    return series(count).length;
  },

  /** One render of TrendChart for a `count`-point series: downsampled as the app does (its default maxPoints), or every point drawn. */
  async run(count: number, drawAll: boolean, timeoutMs: number) {
    const { data, ms: dataMs } = chartData(count, drawAll);
    const container = document.createElement('div');
    container.className = 'bench-chart';
    document.body.append(container);
    const root = createRoot(container);
    try {
      const started = performance.now();
      flushSync(() =>
        root.render(
          <TrendChart data={data} labels={LABELS} format={format} summary={`benchmark: ${count} points`} width={WIDTH} height={HEIGHT} />,
        ),
      );
      let path = actualPath(container, data.drawnPoints);
      const inFlushSync = path !== null;
      path ??= await waitForPath(container, data.drawnPoints, timeoutMs);
      const box = path.getBoundingClientRect();
      const renderMs = performance.now() - started;
      const frameMs = (await nextFrame()) - started;
      const svg = path.ownerSVGElement!.getBoundingClientRect();
      return {
        dataMs,
        renderMs,
        frameMs,
        inFlushSync,
        drawnPoints: data.drawnPoints,
        totalPoints: data.totalPoints,
        pathPoints: pathPoints(path),
        pathBox: { width: Math.round(box.width), height: Math.round(box.height) },
        svgBox: { width: Math.round(svg.width), height: Math.round(svg.height) },
        elements: container.querySelectorAll('*').length,
      };
    } finally {
      root.unmount();
      container.remove();
    }
  },
};

export type ChartBench = typeof api;

declare global {
  interface Window {
    chartBench: ChartBench;
  }
}

window.chartBench = api;
document.body.dataset.ready = 'true';
