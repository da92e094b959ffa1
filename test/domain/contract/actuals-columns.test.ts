import { expect, test } from 'vitest';
import { packColumns, packedTransfer, toColumns, unpackFigures } from '@/domain/contract/actuals-columns';
import { actualsColumnsSchema, type ActualsColumns } from '@/domain/contract/api-contract';
import { checkBody } from '@/domain/contract/fast-check';
import type { Observation } from '@/domain/shared/observation';

const FIGURES: Observation[] = [
  { metric: 'share', region: '410482101', year: 2020, numerator: 1024, denominator: 1310, source: 'import', sourceNote: 'a.csv', batchId: 'b1' },
  { metric: 'share', region: '410482102', year: 2020, value: 0, source: 'import', sourceNote: 'a.csv', batchId: 'b1', citation: '县教育局' },
  { metric: 'rate', region: 'CN', year: 2019, value: 95, qualifier: 'at_least', source: 'reference', sourceNote: '《公报》' },
  { metric: 'rate', region: '410482', year: 2016, numerator: 7, source: 'demo' },
];

const roundTrip = (observations: readonly Observation[]) => {
  const columns = JSON.parse(JSON.stringify(toColumns(observations))) as ActualsColumns;
  expect(checkBody(actualsColumnsSchema, columns).ok).toBe(true);
  const packed = packColumns(columns);
  if (!packed.ok) throw new Error(packed.message);
  const out: Observation[] = [];
  // In two slices, as the page takes a pack over.
  unpackFigures(packed.packed, 0, 1, out);
  unpackFigures(packed.packed, 1, packed.packed.count, out);
  return { columns, out, packed: packed.packed };
};

test('figures written as columns come back as they were, absent fields absent (a zero stays a zero)', () => {
  const { out } = roundTrip(FIGURES);
  expect(out).toStrictEqual(FIGURES);
  expect('value' in out[0]!).toBe(false);
  expect(out[1]!.value).toBe(0);
});

test('every string is written once; a column with nothing in it is left out', () => {
  const { columns } = roundTrip(FIGURES.slice(0, 1));
  expect(columns.strings).toEqual(['share', '410482101', 'import', 'a.csv', 'b1']);
  expect(Object.keys(columns).sort()).toEqual(['batchId', 'count', 'denominator', 'metric', 'numerator', 'region', 'source', 'sourceNote', 'strings', 'year']);
});

test('no figures are an empty pack', () => {
  const { out, packed } = roundTrip([]);
  expect(out).toEqual([]);
  expect(packed.count).toBe(0);
});

test('the unpacked figures share their strings with the pack', () => {
  const { out, packed } = roundTrip(FIGURES);
  expect(packed.strings.filter((s) => s === 'a.csv')).toHaveLength(1);
  expect(out[0]!.sourceNote).toBe(out[1]!.sourceNote);
});

test('a pack transfers one buffer per column present', () => {
  const { packed } = roundTrip(FIGURES);
  const buffers = packedTransfer(packed);
  expect(buffers).toHaveLength(11);
  expect(new Set(buffers).size).toBe(11);
});

const base = (): ActualsColumns => toColumns(FIGURES);

test.each([
  ['a column shorter than count', (c: ActualsColumns) => ({ ...c, year: c.year.slice(1) }), 'year has 3 entries, not 4'],
  ['a number column longer than count', (c: ActualsColumns) => ({ ...c, value: [...c.value!, 1] }), 'value has 5 entries, not 4'],
  ['a position past the strings', (c: ActualsColumns) => ({ ...c, region: [99, ...c.region.slice(1)] }), 'region[0] is not a position in strings'],
  ['a negative position', (c: ActualsColumns) => ({ ...c, sourceNote: [-1, ...c.sourceNote!.slice(1)] }), 'sourceNote[0] is not a position in strings'],
  ['a required field missing', (c: ActualsColumns) => ({ ...c, metric: [null as unknown as number, ...c.metric.slice(1)] }), 'metric[0] is missing'],
  ['a source the contract does not have', (c: ActualsColumns) => ({ ...c, source: [c.metric[0]!, ...c.source.slice(1)] }), 'source[0] names "share", not one of demo, reference, import'],
  ['a qualifier the contract does not have', (c: ActualsColumns) => ({ ...c, qualifier: [c.metric[0]!, null, null, null] }), 'qualifier[0] names "share", not one of at_least, at_most'],
])('%s is refused with its place', (_, change, message) => {
  const packed = packColumns(change(base()));
  expect(packed).toEqual({ ok: false, message: `columns: ${message}` });
});

// `packColumns` checks by hand all the contract's schema says of the columns (the figures worker relies on it
// instead of zod's parse, which is a long task for a province): on malformed columns the two agree.
const replaceFirst = <T,>(list: readonly T[] | undefined, first: unknown) => [first, ...(list ?? []).slice(1)];
test.each<[string, (c: ActualsColumns) => unknown]>([
  ['columns that are not an object', () => 'columns'],
  ['a list instead of the columns', (c) => [c]],
  ['a count that is not whole', (c) => ({ ...c, count: 1.5 })],
  ['a negative count', (c) => ({ ...c, count: -1 })],
  ['a string that is a number', (c) => ({ ...c, strings: replaceFirst(c.strings, 1) })],
  ['strings that are not a list', (c) => ({ ...c, strings: 'share' })],
  ['a year written as text', (c) => ({ ...c, year: replaceFirst(c.year, '2020') })],
  ['a year left empty', (c) => ({ ...c, year: replaceFirst(c.year, null) })],
  ['a value written as text', (c) => ({ ...c, value: replaceFirst(c.value, '85') })],
  ['a denominator that is true', (c) => ({ ...c, denominator: replaceFirst(c.denominator, true) })],
  ['a metric position that is a fraction', (c) => ({ ...c, metric: replaceFirst(c.metric, 0.5) })],
  ['a region position written as text', (c) => ({ ...c, region: replaceFirst(c.region, '1') })],
  ['a qualifier that is true', (c) => ({ ...c, qualifier: [true, null, null, null] })],
  ['a number column that is not a list', (c) => ({ ...c, numerator: 5 })],
  ['a required column missing', (c) => ({ ...c, source: undefined })],
])('%s is refused by the contract’s schema and by packColumns alike', (_, change) => {
  const body = JSON.parse(JSON.stringify(change(base()) ?? null)) as unknown;
  expect(actualsColumnsSchema.safeParse(body).success).toBe(false);
  expect(packColumns(body).ok).toBe(false);
});

test('columns the schema accepts, with a field it does not name, are packed', () => {
  const body = { ...base(), fromANewerServer: [1, 2, 3] };
  expect(actualsColumnsSchema.safeParse(body).success).toBe(true);
  expect(packColumns(body).ok).toBe(true);
});
