import type { Observation } from '@/domain/shared/observation';
import { rollupSubUnits } from '@/domain/targets/target-helpers';
import type { TargetSet } from '@/domain/targets/target-set';
import referenceNational from './reference-national.json';

/**
 * Deterministic synthetic figures (模拟演示数据) for the jurisdiction and its
 * sub-units, 2016–2020, of a set whose file declares `demo: true` (the Ruzhou
 * demo), and the real published national figures as a comparison series.
 * Nothing here is a real Ruzhou statistic.
 *
 * The city paths are chosen so that the default view (汝州市, 2020) shows a mix
 * of statuses: achieved, missed, on track, at risk, off track and no data; as of
 * 2019 the 2020 targets are judged by pace instead.
 */

export const DEMO_YEARS = [2016, 2017, 2018, 2019, 2020] as const;

type Layout =
  /** Townships report numerator and denominator; the city figure is their roll-up. */
  | { kind: 'parts'; total: number; spread: number }
  /** Townships report a rate only; the city reports its own rate. */
  | { kind: 'rates-and-city'; spread: number }
  /** Townships report a rate only, the city nothing: its figure is unavailable. */
  | { kind: 'rates-only'; spread: number }
  /** A city-wide count. */
  | { kind: 'city-count' };

type SeedSpec = { metric: string; city: readonly (number | null)[]; layout: Layout };

/** City values for 2016…2020 (null: not collected that year). */
const SPECS: readonly SeedSpec[] = [
  { metric: 'preschool_gross_enrollment_rate', city: [80.2, 81.5, 82.9, 84.1, 85.7], layout: { kind: 'parts', total: 33800, spread: 6 } },
  { metric: 'inclusive_kindergarten_coverage', city: [66.0, 69.5, 72.8, 75.6, 78.3], layout: { kind: 'parts', total: 28900, spread: 7 } },
  { metric: 'public_kindergarten_share', city: [35.2, 38.0, 41.1, 44.3, 47.0], layout: { kind: 'parts', total: 28900, spread: 8 } },
  { metric: 'highschool_large_class_share', city: [32.5, 27.1, 21.4, 15.2, 8.6], layout: { kind: 'parts', total: 460, spread: 5 } },
  { metric: 'walk_class_teacher_ratio', city: [null, null, 3.1, 4.0, 4.8], layout: { kind: 'rates-only', spread: 1.2 } },
  { metric: 'special_needs_enrollment_rate', city: [87.5, 89.6, 91.2, 92.8, 94.1], layout: { kind: 'rates-and-city', spread: 2.5 } },
  { metric: 'multimedia_classroom_coverage', city: [71.0, 77.5, 83.2, 88.0, 91.6], layout: { kind: 'parts', total: 5200, spread: 4 } },
  { metric: 'provincial_master_teachers', city: [null, null, null, null, 12], layout: { kind: 'city-count' } },
  { metric: 'provincial_key_teachers', city: [null, null, null, null, 16], layout: { kind: 'city-count' } },
  { metric: 'city_master_teachers', city: [null, null, null, null, 14], layout: { kind: 'city-count' } },
  { metric: 'city_key_teachers', city: [null, null, null, null, 78], layout: { kind: 'city-count' } },
  // The teacher counts start from the baseline declared in the target file (0 at the end of 2019),
  // so there is no stored 2019 figure: as of 2019 they show no data, as of 2020 they are paced.
  // vocational_college_enrollment: the college was still being planned — no figures (no data).
];

/** Sub-units created during the period report only from the year they exist (紫云路街道: 2019). */
const FIRST_YEAR: Readonly<Record<string, number>> = { '410482006': 2019 };
/** A township whose 2020 return for multimedia classrooms is missing, to show a gap. */
const LATE_RETURNS: readonly { region: string; metric: string; year: number }[] = [
  { region: '410482207', metric: 'multimedia_classroom_coverage', year: 2020 },
];

/** mulberry32: a tiny deterministic PRNG, so the demo is the same on every run. Numbers in [0, 1). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) h = Math.imul(h ^ char.codePointAt(0)!, 16777619);
  return h >>> 0;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The demo observations for a target set that asks for them (`demo: true` in its file): none for any
 * other set, which starts empty until figures are imported — a plan's own figures are never made up
 * because its metric ids happen to match the demo's.
 */
export function demoObservations(set: TargetSet): Observation[] {
  if (set.demo !== true) return [];
  const subUnits = rollupSubUnits(set);
  const metricIds = new Set(set.metrics.map((m) => m.id));
  const out: Observation[] = [];
  const rand = random(hash(set.id));
  // Urban subdistricts are larger than rural townships.
  const weights = subUnits.map((r) => (r.kind === 'subdistrict' ? 1.6 : 0.7) * (0.6 + rand()));

  for (const spec of SPECS) {
    if (!metricIds.has(spec.metric)) continue;
    const { layout } = spec;
    const push = (o: Omit<Observation, 'metric' | 'source'>) => out.push({ metric: spec.metric, source: 'demo', ...o });

    if (layout.kind === 'city-count') {
      spec.city.forEach((value, i) => value !== null && push({ region: set.jurisdiction, year: DEMO_YEARS[i]!, value }));
      continue;
    }

    const metricRand = random(hash(spec.metric));
    // Each township sits above or below the city by a fixed amount, with a little noise per year.
    const offsets = subUnits.map(() => (metricRand() * 2 - 1) * layout.spread);
    const share = set.metrics.find((m) => m.id === spec.metric)?.kind === 'share';

    spec.city.forEach((cityValue, i) => {
      if (cityValue === null) return;
      const year = DEMO_YEARS[i]!;
      const active = subUnits
        .map((region, j) => ({ region, j }))
        .filter(({ region }) => (FIRST_YEAR[region.id] ?? 0) <= year)
        .filter(({ region }) => !LATE_RETURNS.some((l) => l.region === region.id && l.metric === spec.metric && l.year === year));
      const raw = active.map(({ j }) => offsets[j]! + (metricRand() - 0.5) * layout.spread * 0.2);
      const totalWeight = active.reduce((sum, { j }) => sum + weights[j]!, 0);
      // Centre the offsets on the weighted mean, so the roll-up lands on the city path.
      const mean = active.reduce((sum, { j }, k) => sum + raw[k]! * weights[j]!, 0) / totalWeight;
      active.forEach(({ region, j }, k) => {
        let rate = cityValue + raw[k]! - mean;
        if (share) rate = Math.min(100, Math.max(0, rate));
        if (layout.kind === 'parts') {
          const denominator = Math.max(1, Math.round((layout.total * weights[j]!) / totalWeight));
          push({ region: region.id, year, numerator: Math.round((rate / 100) * denominator), denominator });
        } else {
          push({ region: region.id, year, value: round(rate, 1) });
        }
      });
      if (layout.kind === 'rates-and-city') push({ region: set.jurisdiction, year, value: cityValue });
    });
  }
  return out;
}

/** Published national figures, shown as a comparison series with their sources. */
export function referenceObservations(): Observation[] {
  return referenceNational.map((r) => ({
    metric: r.metric,
    region: r.region,
    year: r.year,
    value: r.value,
    source: 'reference' as const,
    sourceNote: r.source,
    // A figure published as a bound ("已达95%以上") is shown and compared as one (≥ 95.0%), never as exact.
    ...('qualifier' in r && r.qualifier === 'at_least' ? { qualifier: 'at_least' as const } : {}),
  }));
}
