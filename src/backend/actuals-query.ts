import { yearsWithData } from '@/domain/evaluation/evaluate-target-set';
import type { Observation } from '@/domain/shared/observation';
import { shown } from './batch-rules';
import type { Refusal } from './refusal';
import type { StoredTargetFile } from './target-files';

/** What `GET /actuals` asks for; every part optional (absent: no limit). */
export type ActualsFilter = {
  /** The metrics of the target set named by `set`. */
  setMetrics?: ReadonlySet<string>;
  /**
   * The regions the set declares: figures are stored by metric, so without this a set sharing a metric
   * with another would be served that set's figures (the Ruzhou demo's towns in a new county plan).
   */
  setRegions?: ReadonlySet<string>;
  /**
   * The set's comparison areas (`kind: comparison`): their figures are that set's benchmarks, served as
   * `reference` whether bundled or imported — an imported one with its citation as its source note.
   * (The same region can be another set's own jurisdiction: 全国 in the national set.)
   */
  comparisons?: ReadonlySet<string>;
  metrics?: ReadonlySet<string>;
  regions?: ReadonlySet<string>;
  /** `target=`: only the metric that target of the set measures (what a target's page shows). */
  targetMetric?: string;
  /** Inclusive years. */
  from?: number;
  to?: number;
};

/** How `GET /actuals` writes the figures: one object each (the default), or one array per field (`form=columns`, `toColumns`). */
export type ActualsForm = 'objects' | 'columns';

/** A list parameter, comma-separated or repeated (`metric=a,b` or `metric=a&metric=b`). */
function listParam(params: URLSearchParams, name: string): Set<string> | undefined {
  const values = params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return values.length > 0 ? new Set(values) : undefined;
}

function yearParam(params: URLSearchParams, name: string): number | undefined | 'invalid' {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  return /^\d{4}$/.test(raw) ? Number(raw) : 'invalid';
}

/**
 * Reads the query of `GET /actuals`: `from` and `to` are four-digit years
 * (400 otherwise), `form` is `objects` or `columns` (400 otherwise); `set` must be a target set (404) whose file is valid (422).
 */
export function readActualsQuery(
  params: URLSearchParams,
  files: readonly StoredTargetFile[],
): { ok: true; filter: ActualsFilter; form: ActualsForm } | { ok: false; refusal: Refusal } {
  const form = params.get('form') || 'objects';
  if (form !== 'objects' && form !== 'columns') return { ok: false, refusal: { status: 400, code: 'bad_request', message: 'form must be objects or columns.' } };
  const from = yearParam(params, 'from');
  const to = yearParam(params, 'to');
  if (from === 'invalid' || to === 'invalid') return { ok: false, refusal: { status: 400, code: 'bad_request', message: 'from and to must be four-digit years.' } };
  const setId = params.get('set');
  const targetId = params.get('target');
  if (targetId !== null && setId === null) return { ok: false, refusal: { status: 400, code: 'bad_request', message: 'target needs set: a target is one set’s.' } };
  const file = setId === null ? undefined : files.find((f) => f.id === setId);
  if (setId !== null && !file) return { ok: false, refusal: { status: 404, code: 'not_found', message: `No target set with id ${shown(setId)}.` } };
  if (file && !file.set) return { ok: false, refusal: { status: 422, code: 'invalid_target_file', message: `The target file ${file.file} is invalid.` } };
  const filter: ActualsFilter = {};
  if (file?.set) {
    filter.setMetrics = new Set(file.set.metrics.map((m) => m.id));
    filter.setRegions = new Set(file.set.regions.map((r) => r.id));
    filter.comparisons = new Set(file.set.regions.filter((r) => r.kind === 'comparison').map((r) => r.id));
    if (targetId !== null) {
      const target = file.set.targets.find((t) => t.id === targetId);
      if (!target) return { ok: false, refusal: { status: 404, code: 'not_found', message: `No target ${shown(targetId)} in the target set ${shown(file.id)}.` } };
      filter.targetMetric = target.metric;
    }
  }
  const metrics = listParam(params, 'metric');
  const regions = listParam(params, 'region');
  if (metrics) filter.metrics = metrics;
  if (regions) filter.regions = regions;
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  return { ok: true, filter, form };
}

/**
 * The observations the filter lets through, from the current figures by
 * metric: only the metrics the filter names (the set's, the query's) are
 * looked at, so a small set's answer does not scan a province's figures.
 */
export function selectObservations(byMetric: ReadonlyMap<string, readonly Observation[]>, filter: ActualsFilter): Observation[] {
  return [...observationsOf(byMetric, filter)];
}

/** `selectObservations` one figure at a time, so a pass that only counts (`setYears`) builds no list. */
function* observationsOf(byMetric: ReadonlyMap<string, readonly Observation[]>, filter: ActualsFilter): Generator<Observation> {
  const { setMetrics, setRegions, metrics, regions, from, to, comparisons, targetMetric } = filter;
  const wanted = [...(metrics ?? setMetrics ?? byMetric.keys())].filter(
    (m) => (!setMetrics || setMetrics.has(m)) && (!metrics || metrics.has(m)) && (targetMetric === undefined || m === targetMetric),
  );
  for (const metric of new Set(wanted)) {
    for (const o of byMetric.get(metric) ?? []) {
      if ((!setRegions || setRegions.has(o.region)) && (!regions || regions.has(o.region)) && (from === undefined || o.year >= from) && (to === undefined || o.year <= to)) yield comparisons?.has(o.region) ? asBenchmark(o) : o;
    }
  }
}

/**
 * The answer's `years` for a filter with a set: the years with figures of the set's own (`yearsWithData`), over all
 * its figures whatever else the filter narrows to (`setOnly`); undefined without a set.
 */
export function setYears(byMetric: ReadonlyMap<string, readonly Observation[]>, filter: ActualsFilter): number[] | undefined {
  const whole = setOnly(filter);
  return whole && yearsWithData(observationsOf(byMetric, whole));
}

/** The filter's set alone (its metrics, regions and comparison areas), without what else it narrows to; undefined when it names no set. */
function setOnly({ setMetrics, setRegions, comparisons }: ActualsFilter): ActualsFilter | undefined {
  return setMetrics && { setMetrics, ...(setRegions ? { setRegions } : {}), ...(comparisons ? { comparisons } : {}) };
}

/** A comparison area's figure as its set shows it: a benchmark (`reference`), its source the figure's citation. */
function asBenchmark(o: Observation): Observation {
  if (o.source === 'reference') return o;
  return { ...o, source: 'reference', ...(o.citation ? { sourceNote: o.citation } : {}) };
}
