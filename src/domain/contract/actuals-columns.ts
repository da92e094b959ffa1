import type { FigureQualifier, Observation, ObservationSource } from '@/domain/shared/observation';
import type { ActualsColumns } from './api-contract';

/**
 * `GET /actuals?form=columns` (docs/api.md): the same figures as the ordinary answer, one JSON array per
 * field instead of one object per figure, every string (metric, region, source, qualifier, citation,
 * source note, batch) written once in `strings` and referred to by its position. A province's 240,000
 * figures are about a fifth of the bytes, and reading them is a few number arrays instead of 240,000
 * objects and 1.2 million strings.
 *
 * `toColumns` writes the form (the backend); `packColumns` checks what the schema cannot (lengths, positions,
 * the names a position stands for) and packs the columns into typed arrays that a worker can hand to the page
 * without copying (`packedTransfer`); `unpackFigures` makes the observations back, as the ordinary answer
 * has them, a slice at a time, every string shared with `strings`.
 */

/** The optional number fields, in the order an observation has them. */
const NUMBER_FIELDS = ['value', 'numerator', 'denominator'] as const;
/** The string fields an observation may have besides metric, region and source (each a position in `strings`). */
const TEXT_FIELDS = ['qualifier', 'citation', 'sourceNote', 'batchId'] as const;
const SOURCES: readonly ObservationSource[] = ['demo', 'reference', 'import'];
const QUALIFIERS: readonly FigureQualifier[] = ['at_least', 'at_most'];

/** The observations as columns (every string once, absent fields `null`; a column with nothing in it is left out). */
export function toColumns(observations: readonly Observation[]): ActualsColumns {
  const strings: string[] = [];
  const at = new Map<string, number>();
  const ref = (text: string | undefined): number | null => {
    if (text === undefined) return null;
    let i = at.get(text);
    if (i === undefined) at.set(text, (i = strings.push(text) - 1));
    return i;
  };
  const n = observations.length;
  const metric = new Array<number>(n);
  const region = new Array<number>(n);
  const year = new Array<number>(n);
  const source = new Array<number>(n);
  const numbers = NUMBER_FIELDS.map(() => new Array<number | null>(n));
  const texts = TEXT_FIELDS.map(() => new Array<number | null>(n));
  const used = [...NUMBER_FIELDS, ...TEXT_FIELDS].map(() => false);
  for (let i = 0; i < n; i++) {
    const o = observations[i]!;
    metric[i] = ref(o.metric)!;
    region[i] = ref(o.region)!;
    year[i] = o.year;
    source[i] = ref(o.source)!;
    for (let f = 0; f < NUMBER_FIELDS.length; f++) {
      const v = o[NUMBER_FIELDS[f]!];
      numbers[f]![i] = v ?? null;
      if (v !== undefined) used[f] = true;
    }
    for (let f = 0; f < TEXT_FIELDS.length; f++) {
      const v = ref(o[TEXT_FIELDS[f]!]);
      texts[f]![i] = v;
      if (v !== null) used[NUMBER_FIELDS.length + f] = true;
    }
  }
  const columns: ActualsColumns = { count: n, strings, metric, region, year, source };
  NUMBER_FIELDS.forEach((field, f) => {
    if (used[f]) columns[field] = numbers[f]!;
  });
  TEXT_FIELDS.forEach((field, f) => {
    if (used[NUMBER_FIELDS.length + f]) columns[field] = texts[f]!;
  });
  return columns;
}

/** The columns in typed arrays: a string field is a position in `strings` (−1: absent), a number field NaN when absent. */
export type PackedFigures = {
  count: number;
  strings: string[];
  metric: Int32Array;
  region: Int32Array;
  source: Int32Array;
  year: Float64Array;
  value?: Float64Array;
  numerator?: Float64Array;
  denominator?: Float64Array;
  qualifier?: Int32Array;
  citation?: Int32Array;
  sourceNote?: Int32Array;
  batchId?: Int32Array;
};

/** The buffers of a pack, to transfer with it (`postMessage(packed, packedTransfer(packed))`). */
export function packedTransfer(packed: PackedFigures): ArrayBuffer[] {
  const arrays = [packed.metric, packed.region, packed.source, packed.year, ...[...NUMBER_FIELDS, ...TEXT_FIELDS].map((f) => packed[f])];
  return arrays.flatMap((a) => (a ? [a.buffer as ArrayBuffer] : []));
}

/**
 * Columns checked and packed (`PackedFigures`): everything `actualsColumnsSchema` says — an object; `count` a
 * whole number ≥ 0; `strings` strings; metric, region and source whole numbers; years and the number fields
 * finite numbers (or null where the field is absent); the other string fields whole numbers or null — and what
 * it cannot say: every column `count` long, every position within `strings`, a source or qualifier naming one
 * the contract has. A message names the first fault, by field and index.
 *
 * It takes what `JSON.parse` gave, unchecked: the figures worker checks the rest of the answer with the
 * contract's schema and the columns here, in plain loops. zod's parse of a province's columns (240,000
 * figures) takes 100–160 ms without its compiler, which the server's Content-Security-Policy forbids in the
 * worker as on the page; these loops take a few. `test/domain/contract/actuals-columns.test.ts` holds the two
 * checks to the same answers on malformed columns.
 */
export function packColumns(input: unknown): { ok: true; packed: PackedFigures } | { ok: false; message: string } {
  const fault = (message: string) => ({ ok: false as const, message: `columns: ${message}` });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fault('not an object');
  const columns = input as Record<string, unknown>;
  const count = columns.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return fault('count is not a whole number ≥ 0');
  const strings = columns.strings;
  if (!Array.isArray(strings)) return fault('strings is not a list');
  for (let i = 0; i < strings.length; i++) if (typeof strings[i] !== 'string') return fault(`strings[${i}] is not a string`);
  const list = (name: string): unknown[] | string => {
    const column = columns[name];
    if (!Array.isArray(column)) return `${name} is not a list`;
    return column.length === count ? column : `${name} has ${column.length} entries, not ${count}`;
  };
  const positions = (name: string, required: boolean, allowed?: readonly string[]): Int32Array | string => {
    const column = list(name);
    if (typeof column === 'string') return column;
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const p = column[i];
      if (p === null) {
        if (required) return `${name}[${i}] is missing`;
        out[i] = -1;
      } else if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p >= strings.length) return `${name}[${i}] is not a position in strings`;
      else if (allowed && !allowed.includes(strings[p] as string)) return `${name}[${i}] names ${JSON.stringify(strings[p])}, not one of ${allowed.join(', ')}`;
      else out[i] = p;
    }
    return out;
  };
  const numbers = (name: string, nullable: boolean): Float64Array | string => {
    const column = list(name);
    if (typeof column === 'string') return column;
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const v = column[i];
      if (typeof v === 'number' && Number.isFinite(v)) out[i] = v;
      else if (v === null && nullable) out[i] = NaN;
      else return `${name}[${i}] is not a number`;
    }
    return out;
  };
  const metric = positions('metric', true);
  if (typeof metric === 'string') return fault(metric);
  const region = positions('region', true);
  if (typeof region === 'string') return fault(region);
  const source = positions('source', true, SOURCES);
  if (typeof source === 'string') return fault(source);
  const year = numbers('year', false);
  if (typeof year === 'string') return fault(year);
  const packed: PackedFigures = { count, strings: strings as string[], metric, region, source, year };
  for (const field of NUMBER_FIELDS) {
    if (columns[field] === undefined) continue;
    const out = numbers(field, true);
    if (typeof out === 'string') return fault(out);
    packed[field] = out;
  }
  for (const field of TEXT_FIELDS) {
    if (columns[field] === undefined) continue;
    const out = positions(field, false, field === 'qualifier' ? QUALIFIERS : undefined);
    if (typeof out === 'string') return fault(out);
    packed[field] = out;
  }
  return { ok: true, packed };
}

/** The observations `start` to `end` (exclusive; at most the pack's count) of a pack, appended to `out`, as the ordinary answer has them (absent fields absent). */
export function unpackFigures(packed: PackedFigures, start: number, end: number, out: Observation[]): void {
  const last = Math.min(end, packed.count);
  const { strings, metric, region, source, year, value, numerator, denominator, qualifier, citation, sourceNote, batchId } = packed;
  for (let i = start; i < last; i++) {
    const o: Observation = { metric: strings[metric[i]!]!, region: strings[region[i]!]!, year: year[i]!, source: strings[source[i]!] as ObservationSource };
    if (value && !Number.isNaN(value[i])) o.value = value[i]!;
    if (numerator && !Number.isNaN(numerator[i])) o.numerator = numerator[i]!;
    if (denominator && !Number.isNaN(denominator[i])) o.denominator = denominator[i]!;
    if (qualifier && qualifier[i]! >= 0) o.qualifier = strings[qualifier[i]!] as FigureQualifier;
    if (citation && citation[i]! >= 0) o.citation = strings[citation[i]!]!;
    if (sourceNote && sourceNote[i]! >= 0) o.sourceNote = strings[sourceNote[i]!]!;
    if (batchId && batchId[i]! >= 0) o.batchId = strings[batchId[i]!]!;
    out.push(o);
  }
}
