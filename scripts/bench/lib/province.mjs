/**
 * A province-sized synthetic data set for the server benchmark: a target file (one province, its
 * counties, about 2,000 township-level regions under them, 40 metrics, one target per metric) and
 * deterministic figures for its townships, cut into import batches under the server's body limit.
 * Nothing here is a real statistic: every name says 合成 (synthetic).
 *
 * The target file format has no county kind: counties are written as `kind: jurisdiction` with the
 * province as `parent`, so `parent` chains township → county → province (what `regionWithin` follows).
 */

/**
 * @typedef {import('../types').BatchBody} BatchBody
 * @typedef {import('../types').BenchFigure} BenchFigure
 * @typedef {import('../types').Province} Province
 * @typedef {'share' | 'gross_rate' | 'count'} MetricKind
 */

export const PROVINCE_SET_ID = 'province-bench';
export const COUNTY_COUNT = 158;
export const TOWNSHIP_COUNT = 2_000;
export const METRIC_COUNT = 40;
/** The metrics' kinds, in order for 40: 24 shares (numerator and denominator), 8 gross rates and 8 counts (a value). */
const KINDS = /** @type {MetricKind[]} */ ([...Array(24).fill('share'), ...Array(8).fill('gross_rate'), ...Array(8).fill('count')]);

/**
 * `count` metric kinds in the proportions of KINDS (3 shares : 1 gross rate : 1 count), every fifth a
 * gross rate or a count in turn, so a 12-metric set has shares, gross rates and counts too.
 * @param {number} count
 * @returns {MetricKind[]}
 */
function kindsFor(count) {
  if (count === METRIC_COUNT) return KINDS;
  return Array.from({ length: count }, (_, i) => (i % 5 === 3 ? 'gross_rate' : i % 5 === 4 ? 'count' : 'share'));
}
const CATEGORIES = [
  { id: 'preschool', name: { zh: '学前教育', en: 'Preschool education' } },
  { id: 'compulsory', name: { zh: '义务教育', en: 'Compulsory education' } },
  { id: 'high_school', name: { zh: '普通高中', en: 'General high school' } },
  { id: 'teachers', name: { zh: '教师队伍', en: 'Teaching workforce' } },
  { id: 'facilities', name: { zh: '办学条件', en: 'School facilities' } },
];

/** mulberry32: a tiny deterministic PRNG, numbers in [0, 1). */
function random(seed = 1) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {number} n @param {number} width */
const pad = (n, width) => String(n).padStart(width, '0');

/**
 * The province target file (JSON, one of the formats `targets/` holds) and what the figures need.
 * Counties 41CC (CC = 01…158, as a division code 4101…), townships `41CCTTT`; townships are spread
 * as evenly as the counts allow (13 or 12 per county). The defaults are the server benchmark's
 * province; the scale benchmark asks for other sizes, and `counties: 0` puts the townships directly
 * under the jurisdiction (one county of its own, `4101`, with every township: a scorecard's rows).
 * @param {{ id?: string, townships?: number, counties?: number, metrics?: number }} [size]
 * @returns {Province}
 */
export function provinceTargetFile({ id: setId = PROVINCE_SET_ID, townships: townshipCount = TOWNSHIP_COUNT, counties: countyCount = COUNTY_COUNT, metrics: metricCount = METRIC_COUNT } = {}) {
  const flat = countyCount === 0;
  const province = '410000';
  /** @type {{ id: string, name: { zh: string, en: string }, kind: string, parent?: string, aliases: string[] }[]} */
  const regions = [{ id: province, name: { zh: '合成省', en: 'Synthetic Province' }, kind: 'jurisdiction', aliases: [] }];
  /** @type {string[]} */
  const townships = [];
  /** @type {Record<string, string[]>} */
  const townshipsOf = {};
  const groups = flat ? 1 : countyCount;
  const base = Math.floor(townshipCount / groups);
  const extra = townshipCount % groups;
  for (let c = 1; c <= groups; c++) {
    const county = `41${pad(c, 4)}`;
    if (!flat) regions.push({ id: county, name: { zh: `合成县${pad(c, 3)}`, en: `Synthetic County ${pad(c, 3)}` }, kind: 'jurisdiction', parent: province, aliases: [] });
    townshipsOf[county] = [];
    const count = base + (c <= extra ? 1 : 0);
    for (let t = 1; t <= count; t++) {
      const id = `${county}${pad(t, 3)}`;
      const kind = t <= 2 ? 'subdistrict' : t % 3 === 0 ? 'township' : 'town';
      const suffix = { subdistrict: ['街道', 'Subdistrict'], town: ['镇', 'Town'], township: ['乡', 'Township'] }[kind];
      regions.push({
        id,
        name: { zh: `合成县${pad(c, 3)}第${pad(t, 2)}${suffix[0]}`, en: `County ${pad(c, 3)} ${suffix[1]} ${pad(t, 2)}` },
        kind,
        parent: flat ? province : county,
        aliases: [],
      });
      townships.push(id);
      townshipsOf[county].push(id);
    }
  }
  const metrics = kindsFor(metricCount).map((kind, i) => {
    const id = `bench_${kind}_${pad(i + 1, 2)}`;
    const ratio = kind !== 'count';
    return {
      id,
      name: { zh: `合成指标${pad(i + 1, 2)}`, en: `Synthetic metric ${pad(i + 1, 2)}` },
      aliases: [],
      unit: ratio ? 'percent' : 'persons',
      kind,
      ...(kind === 'share' ? { numerator: { zh: `指标${pad(i + 1, 2)}分子`, en: 'Counted' }, denominator: { zh: `指标${pad(i + 1, 2)}分母`, en: 'All' } } : {}),
    };
  });
  const targets = metrics.map((m, i) => ({
    id: `${m.id}-2025`,
    metric: m.id,
    comparator: m.kind === 'count' ? 'at_least' : i % 5 === 4 ? 'at_most' : 'at_least',
    goal: m.kind === 'count' ? 500 : i % 5 === 4 ? 10 : 90,
    deadline: '2025-12-31',
    category: /** @type {{ id: string }} */ (CATEGORIES[i % CATEGORIES.length]).id,
    source_text: `合成目标${pad(i + 1, 2)}（基准测试用，非真实规划）`,
  }));
  const file = {
    id: setId,
    title: { zh: '合成省教育目标（基准测试用合成数据）', en: 'Synthetic province education targets (benchmark data)' },
    jurisdiction: province,
    source: { title: '基准测试合成目标', publisher: 'scripts/bench/lib/province.mjs', date: '2025-01-01' },
    categories: CATEGORIES,
    regions,
    metrics,
    targets,
  };
  return {
    id: setId,
    fileName: `${setId}.json`,
    content: JSON.stringify(file, null, 1) + '\n',
    province,
    townships,
    townshipsOf,
    metrics: metrics.map((m) => ({ id: m.id, kind: m.kind })),
    counties: countyCount,
  };
}

/**
 * The figure of one township, metric and year: a share as numerator ≤ denominator, a gross rate
 * (sometimes above 100) and a count as a value. Deterministic in its key and `variant`, so a second
 * import of the same key (a correction) has other numbers.
 * @param {string} region
 * @param {number} metricIndex
 * @param {MetricKind} kind
 * @param {string} metric
 * @param {number} year
 * @param {number} variant
 * @returns {BenchFigure}
 */
function figureOf(region, metricIndex, kind, metric, year, variant) {
  const rand = random((Number(region) * 131 + metricIndex * 7919 + year * 31 + variant * 104729) >>> 0);
  if (kind === 'share') {
    const denominator = 200 + Math.floor(rand() * 4_800);
    return { metric, region, year, numerator: Math.floor(denominator * (0.55 + rand() * 0.45)), denominator };
  }
  if (kind === 'gross_rate') return { metric, region, year, value: Math.round((80 + rand() * 30) * 10) / 10 };
  return { metric, region, year, value: Math.floor(rand() * 900) };
}

/**
 * Figures for every township × metric, year after year from `firstYear`, until `count` figures
 * (the last year may cover only some metrics). Order: year, metric, township.
 * @param {Province} province
 * @param {{ firstYear: number, count: number, variant?: number }} options
 * @returns {BenchFigure[]}
 */
export function provinceFigures(province, { firstYear, count, variant = 0 }) {
  /** @type {BenchFigure[]} */
  const out = [];
  for (let year = firstYear; out.length < count; year++) {
    if (year > 2100) throw new Error(`provinceFigures: ${count} figures do not fit in the years ${firstYear}–2100`);
    province.metrics.forEach(({ id, kind }, m) => {
      for (const region of province.townships) {
        if (out.length >= count) return;
        out.push(figureOf(region, m, kind, id, year, variant));
      }
    });
  }
  return out;
}

/** The JSON of a batch body around its figures, split so the figures can be appended without building one huge object. */
const FIGURES_KEY = ',"figures":[';

/**
 * Import batches (`POST /api/batches` bodies) of `figures`, each at most `maxBytes` bytes of
 * UTF-8 JSON and at most `maxFigures` figures: consecutive figures, as many as fit. `stored` (keys already stored) decides each
 * batch's `added` and `replaced` counts; the keys of every batch are added to it.
 * @param {BenchFigure[]} figures
 * @param {{ fileName: (index: number) => string, targetSet: string, maxBytes: number, maxFigures?: number, stored: Set<string> }} options
 * @returns {BatchBody[]}
 */
export function batchBodies(figures, { fileName, targetSet, maxBytes, maxFigures = Infinity, stored }) {
  /** @type {BatchBody[]} */
  const bodies = [];
  let start = 0;
  while (start < figures.length) {
    const name = fileName(bodies.length);
    /** @param {number} rows @param {number} replaced */
    const head = (rows, replaced) => JSON.stringify({ fileName: name, encoding: 'utf-8', layout: 'long', targetSet, counts: countsOf(rows, rows - replaced, replaced) });
    // The head with the largest counts a batch can have: "…}" becomes "…,"figures":[" + "]}".
    let bytes = Buffer.byteLength(head(9_999_999, 0)) - 1 + FIGURES_KEY.length + 2;
    /** @type {string[]} */
    const parts = [];
    let end = start;
    for (; end < figures.length && end - start < maxFigures; end++) {
      const json = JSON.stringify(figures[end]);
      const next = bytes + json.length + (parts.length ? 1 : 0); // ASCII: length = bytes
      if (next > maxBytes) break;
      parts.push(json);
      bytes = next;
    }
    if (end === start) throw new Error(`batchBodies: one figure does not fit in ${maxBytes} bytes`);
    let replaced = 0;
    for (let i = start; i < end; i++) {
      const f = /** @type {BenchFigure} */ (figures[i]);
      const key = `${f.metric}|${f.region}|${f.year}`;
      if (stored.has(key)) replaced += 1;
      else stored.add(key);
    }
    const rows = end - start;
    const json = `${head(rows, replaced).slice(0, -1)}${FIGURES_KEY}${parts.join(',')}]}`;
    const size = Buffer.byteLength(json);
    if (size > maxBytes) throw new Error(`batchBodies: batch ${name} came to ${size} bytes, over ${maxBytes}`);
    bodies.push({ fileName: name, json, bytes: size, figures: rows, added: rows - replaced, replaced });
    start = end;
  }
  return bodies;
}

/**
 * The eight counts of an import whose rows all became figures.
 * @param {number} rows @param {number} added @param {number} replaced
 */
function countsOf(rows, added, replaced) {
  return { rows, added, replaced, unchanged: 0, rejectedRows: 0, errors: 0, warnings: 0, notes: 0 };
}
