import type { FigureQualifier } from '@/domain/shared/observation';
import type { MessageSink } from './message-sink';
import { MESSAGE_LIMIT, type Candidate } from './types';

/**
 * The figures a file gives, keyed by metric × region × year, and the
 * conflicts among them: the same key written twice is a conflict, every row
 * involved gets a `duplicate_key` error and none of them is imported.
 *
 * Built for a million rows: figures are not kept as objects but in columns of
 * typed arrays (`FigureTable`), one slot per figure, keyed by one packed
 * number — the metric × region pair (both interned as small integers) and
 * the year's place in its pair's block of years. A `Candidate` object is built
 * only for a figure someone asks for (`candidate(slot)`): the rows a preview
 * shows, the figures a test reads, the few that get a message.
 */

/** How many other rows a duplicate message lists. */
export const RELATED_LIMIT = 20;

/** Years a pair's block holds directly: 1949–2100, the import's range (`YEAR_RANGE`); others go to a map. */
const YEAR_BASE = 1949;
const YEAR_SLOTS = 152;
/**
 * Pairs per tile of the year blocks: a tile holds its pairs' blocks interleaved, year by year (16 pairs'
 * slots for one year are one 64-byte cache line). Rows that change region every row (pairs in turn, one
 * year) and rows that change year every row (one pair, years in turn) both then read memory in order,
 * instead of one cache line per row from a 9 MB array.
 */
const TILE_BITS = 4;
const TILE_PAIRS = 1 << TILE_BITS;
const TILE_MASK = TILE_PAIRS - 1;

/** Where a pair's block holds the year at `offset` (see `TILE_BITS`). */
const blockIndex = (pair: number, offset: number): number => (((pair >>> TILE_BITS) * YEAR_SLOTS + offset) << TILE_BITS) | (pair & TILE_MASK);

/** Slots per page of a column: columns grow a page at a time and are never copied. */
const PAGE_BITS = 16;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

/** A column of float64 in pages; a page never written reads NaN (a gap) and is never allocated. */
class F64Column {
  private readonly pages: (Float64Array | undefined)[] = [];
  get(i: number): number {
    const page = this.pages[i >>> PAGE_BITS];
    return page === undefined ? NaN : page[i & PAGE_MASK]!;
  }
  set(i: number, value: number): void {
    let page = this.pages[i >>> PAGE_BITS];
    if (page === undefined) {
      if (Number.isNaN(value)) return;
      page = this.pages[i >>> PAGE_BITS] = new Float64Array(PAGE_SIZE).fill(NaN);
    }
    page[i & PAGE_MASK] = value;
  }
}

/** A column of int32 in pages (unwritten slots read 0). */
class I32Column {
  private readonly pages: Int32Array[] = [];
  get(i: number): number {
    return this.pages[i >>> PAGE_BITS]![i & PAGE_MASK]!;
  }
  set(i: number, value: number): void {
    const page = this.pages[i >>> PAGE_BITS] ?? (this.pages[i >>> PAGE_BITS] = new Int32Array(PAGE_SIZE));
    page[i & PAGE_MASK] = value;
  }
}

/** A column of uint8 in pages (unwritten slots read 0). */
class U8Column {
  private readonly pages: (Uint8Array | undefined)[] = [];
  get(i: number): number {
    const page = this.pages[i >>> PAGE_BITS];
    return page === undefined ? 0 : page[i & PAGE_MASK]!;
  }
  set(i: number, value: number): void {
    let page = this.pages[i >>> PAGE_BITS];
    if (page === undefined) {
      if (value === 0) return;
      page = this.pages[i >>> PAGE_BITS] = new Uint8Array(PAGE_SIZE);
    }
    page[i & PAGE_MASK] = value;
  }
}

const QUALIFIERS: readonly (FigureQualifier | undefined)[] = [undefined, 'at_least', 'at_most'];
const qualifierCode = (qualifier: FigureQualifier | undefined): number => (qualifier === 'at_least' ? 1 : qualifier === 'at_most' ? 2 : 0);

/** Small integers for strings (metric and region ids), in the order first seen. */
class Interned {
  readonly names: string[] = [];
  private readonly indices = new Map<string, number>();
  private lastName = '';
  private lastIndex = -1;
  indexOf(name: string): number {
    if (name === this.lastName && this.lastIndex >= 0) return this.lastIndex;
    let index = this.indices.get(name);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(name);
      this.indices.set(name, index);
    }
    this.lastName = name;
    this.lastIndex = index;
    return index;
  }
  /** The index of a name already seen, or -1. */
  find(name: string): number {
    return this.indices.get(name) ?? -1;
  }
}

/** The numbers of a figure as the fast path gives them: NaN for a value or part that is absent. */
export type FigureFields = {
  metric: string;
  region: string;
  year: number;
  value: number;
  numerator: number;
  denominator: number;
  qualifier: FigureQualifier | undefined;
  citation: string | undefined;
  row: number;
  /**
   * The positions of the metric and the region in the target set's lists (`metrics`, `regions`), as name
   * resolution found them, or -1: with both, the table finds the pair in an array, not by the ids.
   */
  metricAt: number;
  regionAt: number;
};

/**
 * Figures in columns, one slot each (see the module comment). A slot is live
 * unless its figure was dropped (a conflict, or outside the analyst's scope).
 * Slots are in the order the figures were added, which is row order.
 */
export class FigureTable {
  readonly metrics = new Interned();
  readonly regions = new Interned();
  /** Slots added, dropped ones included. */
  size = 0;
  /** Live slots. */
  live = 0;
  /** Per slot: its metric × region pair. */
  private readonly pairs = new I32Column();
  private readonly years = new I32Column();
  private readonly values = new F64Column();
  private readonly numerators = new F64Column();
  private readonly denominators = new F64Column();
  /** The first row, or -1 for a figure without rows. */
  private readonly firstRows = new I32Column();
  private readonly qualifiers = new U8Column();
  private readonly droppedFlags = new U8Column();
  private readonly citations = new Map<number, string>();
  /** The rows of a figure with other than exactly one row (a roster's figures). */
  private readonly manyRows = new Map<number, number[]>();
  /** Pair → its metric and region indices; packed metric × region → pair. */
  private readonly pairMetric: number[] = [];
  private readonly pairRegion: number[] = [];
  /** Per pair, the first and last offsets in its block that have ever held a slot (255 and 0 before any). */
  private pairFirstOffset = new Uint8Array(TILE_PAIRS * 4);
  private pairLastOffset = new Uint8Array(TILE_PAIRS * 4);
  private readonly pairByKey = new Map<number, number>();
  private lastPairKey = -1;
  private lastPair = -1;
  /** Per pair, YEAR_SLOTS slots of (slot + 1), 0 when the year has no figure; in tiles (`blockIndex`). */
  private yearBlocks = new Int32Array(YEAR_SLOTS * TILE_PAIRS * 4);
  /** Figures for years outside the blocks, by `${pair}|${year}`. */
  private readonly otherYears = new Map<string, number>();
  /** Per metric position in the set, per region position: pair + 1, 0 when not interned yet (see `pairAt`). */
  private readonly pairsBySet: (Int32Array | undefined)[] = [];

  /** @param setRegions How many regions the target set lists: the positions `pairAt` takes are below it. */
  constructor(private readonly setRegions = 0) {}

  /** Pairs interned so far (pair indices are 0 … pairCount − 1). */
  get pairCount(): number {
    return this.pairMetric.length;
  }

  /** The pair index of a metric and region index, interned when `create`. -1 when absent. */
  pairOf(metric: number, region: number, create: boolean): number {
    const key = metric * 1_048_576 + region;
    if (key === this.lastPairKey) return this.lastPair;
    let pair = this.pairByKey.get(key);
    if (pair === undefined) {
      if (!create) return -1;
      pair = this.pairMetric.length;
      this.pairMetric.push(metric);
      this.pairRegion.push(region);
      this.pairByKey.set(key, pair);
      if (((pair >>> TILE_BITS) + 1) * YEAR_SLOTS * TILE_PAIRS > this.yearBlocks.length) {
        const grown = new Int32Array(this.yearBlocks.length * 2);
        grown.set(this.yearBlocks);
        this.yearBlocks = grown;
        const first = new Uint8Array(this.pairFirstOffset.length * 2);
        first.set(this.pairFirstOffset);
        this.pairFirstOffset = first;
        const last = new Uint8Array(this.pairLastOffset.length * 2);
        last.set(this.pairLastOffset);
        this.pairLastOffset = last;
      }
      this.pairFirstOffset[pair] = 255;
    }
    this.lastPairKey = key;
    this.lastPair = pair;
    return pair;
  }

  /**
   * `pairOf` (interning, ids given) for a metric and region known by their positions in the target set
   * (`FigureFields.metricAt`, `regionAt`): after the first time, an array read instead of three map look-ups.
   */
  pairAt(metricAt: number, regionAt: number, metric: string, region: string): number {
    if (metricAt < 0 || regionAt < 0 || regionAt >= this.setRegions) return this.pairOf(this.metrics.indexOf(metric), this.regions.indexOf(region), true);
    const byRegion = this.pairsBySet[metricAt] ?? (this.pairsBySet[metricAt] = new Int32Array(this.setRegions));
    const known = byRegion[regionAt]!;
    if (known > 0) return known - 1;
    const pair = this.pairOf(this.metrics.indexOf(metric), this.regions.indexOf(region), true);
    byRegion[regionAt] = pair + 1;
    return pair;
  }

  /** The slot of a pair's figure for a year, or -1. */
  slotAt(pair: number, year: number): number {
    const offset = year - YEAR_BASE;
    if (offset >= 0 && offset < YEAR_SLOTS && Number.isInteger(year)) return this.yearBlocks[blockIndex(pair, offset)]! - 1;
    return this.otherYears.get(`${pair}|${year}`) ?? -1;
  }

  /** True when some figure's year lies outside the blocks (1949–2100). */
  get hasOtherYears(): boolean {
    return this.otherYears.size > 0;
  }

  /**
   * The offsets (year − 1949) of the first and last years of a pair's block that ever held a slot, live or
   * not: every year in the block outside them has none. `first` > `last` for a pair with none.
   */
  blockRange(pair: number): { first: number; last: number } {
    return { first: this.pairFirstOffset[pair]!, last: this.pairLastOffset[pair]! };
  }

  /** The slot (-1 for none, live or not) of the year at `offset` (year − 1949, below 152) of a pair's block. */
  blockSlot(pair: number, offset: number): number {
    return this.yearBlocks[blockIndex(pair, offset)]! - 1;
  }

  /** The years a pair has a slot for (live or not), in no particular order. */
  yearsOf(pair: number): number[] {
    const years: number[] = [];
    for (let offset = 0; offset < YEAR_SLOTS; offset += 1) if (this.yearBlocks[blockIndex(pair, offset)] !== 0) years.push(YEAR_BASE + offset);
    if (this.otherYears.size > 0) {
      for (const key of this.otherYears.keys()) {
        const bar = key.indexOf('|');
        if (Number(key.slice(0, bar)) === pair) years.push(Number(key.slice(bar + 1)));
      }
    }
    return years;
  }

  /** The slot of the figure for metric × region × year (by id), or -1. */
  find(metric: string, region: string, year: number): number {
    const m = this.metrics.find(metric);
    const r = m < 0 ? -1 : this.regions.find(region);
    if (r < 0) return -1;
    const pair = this.pairOf(m, r, false);
    return pair < 0 ? -1 : this.slotAt(pair, year);
  }

  private setSlotAt(pair: number, year: number, slot: number): void {
    const offset = year - YEAR_BASE;
    if (offset >= 0 && offset < YEAR_SLOTS && Number.isInteger(year)) {
      this.yearBlocks[blockIndex(pair, offset)] = slot + 1;
      if (offset < this.pairFirstOffset[pair]!) this.pairFirstOffset[pair] = offset;
      if (offset > this.pairLastOffset[pair]!) this.pairLastOffset[pair] = offset;
    }
    else this.otherYears.set(`${pair}|${year}`, slot);
  }

  /**
   * Adds a figure for a pair and year that has none yet (`slotAt` is -1); returns its slot.
   * `rows`: the rows when other than the single `row`.
   */
  push(pair: number, f: Omit<FigureFields, 'metric' | 'region' | 'metricAt' | 'regionAt'>, rows?: readonly number[]): number {
    const slot = this.size;
    this.size += 1;
    this.live += 1;
    this.pairs.set(slot, pair);
    this.years.set(slot, f.year);
    this.values.set(slot, f.value);
    this.numerators.set(slot, f.numerator);
    this.denominators.set(slot, f.denominator);
    this.firstRows.set(slot, f.row);
    this.qualifiers.set(slot, qualifierCode(f.qualifier));
    if (f.citation !== undefined) this.citations.set(slot, f.citation);
    if (rows) this.manyRows.set(slot, [...rows]);
    this.setSlotAt(pair, f.year, slot);
    return slot;
  }

  pair(slot: number): number {
    return this.pairs.get(slot);
  }
  metricIndex(slot: number): number {
    return this.pairMetric[this.pairs.get(slot)]!;
  }
  regionIndex(slot: number): number {
    return this.pairRegion[this.pairs.get(slot)]!;
  }
  pairMetricIndex(pair: number): number {
    return this.pairMetric[pair]!;
  }
  pairRegionIndex(pair: number): number {
    return this.pairRegion[pair]!;
  }
  metric(slot: number): string {
    return this.metrics.names[this.metricIndex(slot)]!;
  }
  region(slot: number): string {
    return this.regions.names[this.regionIndex(slot)]!;
  }
  year(slot: number): number {
    return this.years.get(slot);
  }
  /** The stated value, NaN when absent. */
  value(slot: number): number {
    return this.values.get(slot);
  }
  /** NaN when absent. */
  numerator(slot: number): number {
    return this.numerators.get(slot);
  }
  /** NaN when absent. */
  denominator(slot: number): number {
    return this.denominators.get(slot);
  }
  qualifier(slot: number): FigureQualifier | undefined {
    return QUALIFIERS[this.qualifiers.get(slot)];
  }
  citation(slot: number): string | undefined {
    return this.citations.size === 0 ? undefined : this.citations.get(slot);
  }
  /** The first row the figure came from, or undefined. */
  firstRow(slot: number): number | undefined {
    const row = this.firstRows.get(slot);
    return row < 0 ? undefined : row;
  }
  rows(slot: number): number[] {
    const many = this.manyRows.size === 0 ? undefined : this.manyRows.get(slot);
    if (many) return [...many];
    const row = this.firstRows.get(slot);
    return row < 0 ? [] : [row];
  }
  isLive(slot: number): boolean {
    return this.droppedFlags.get(slot) === 0;
  }
  drop(slot: number): void {
    if (this.droppedFlags.get(slot) !== 0) return;
    this.droppedFlags.set(slot, 1);
    this.live -= 1;
  }

  /** The figure in a slot as an object (built now; the table keeps none). */
  candidate(slot: number): Candidate {
    const candidate: Candidate = { metric: this.metric(slot), region: this.region(slot), year: this.year(slot), rows: [] };
    const value = this.values.get(slot);
    if (!Number.isNaN(value)) candidate.value = value;
    const numerator = this.numerators.get(slot);
    if (!Number.isNaN(numerator)) candidate.numerator = numerator;
    const denominator = this.denominators.get(slot);
    if (!Number.isNaN(denominator)) candidate.denominator = denominator;
    const qualifier = this.qualifier(slot);
    if (qualifier !== undefined) candidate.qualifier = qualifier;
    const citation = this.citation(slot);
    if (citation !== undefined) candidate.citation = citation;
    candidate.rows = this.rows(slot);
    return candidate;
  }

  /** The live figures as objects, in the order added: for small files and tests, never for a large file. */
  candidates(): Candidate[] {
    const out: Candidate[] = [];
    for (let slot = 0; slot < this.size; slot += 1) if (this.isLive(slot)) out.push(this.candidate(slot));
    return out;
  }
}

/** The fields of a candidate object for `FigureTable.push`. */
function fieldsOf(candidate: Candidate): Omit<FigureFields, 'metric' | 'region' | 'metricAt' | 'regionAt'> {
  return {
    year: candidate.year,
    value: candidate.value ?? NaN,
    numerator: candidate.numerator ?? NaN,
    denominator: candidate.denominator ?? NaN,
    qualifier: candidate.qualifier,
    citation: candidate.citation,
    row: candidate.rows[0] ?? -1,
  };
}

type Conflict = { first: number; rows: number[]; column?: string };

/** Collects figures as rows are mapped; see `createFigureIndex`. */
export type FigureIndex = {
  /**
   * Adds a figure (its first row is where it was written). A key seen before
   * makes a conflict; `column` is the header named in its messages.
   */
  add(candidate: Candidate, column: string | undefined): void;
  /** `add` without an object: the figure's fields (NaN for an absent number), one row. */
  addFields(fields: FigureFields, column: string | undefined): void;
  /**
   * Reports every conflict as one `duplicate_key` error per row involved, in
   * row order, into `sink` (kept past the limit only up to `MESSAGE_LIMIT`,
   * the rest counted). Returns how many rows the conflicts reject, leaving out
   * rows in `rejected` (rows already counted as rejected). `lastRow` is the
   * highest row added. Call once, after the last `add`; it drops the figures in conflicts.
   */
  reportConflicts(sink: MessageSink, lastRow: number, rejected: ReadonlySet<number>): number;
  /** The figures in the order added, without those in a conflict, as objects (small files and tests). */
  figures(): Candidate[];
  /** The figures in their table (those in a conflict dropped once `reportConflicts` ran). */
  readonly table: FigureTable;
};

/** An empty figure index over a new `FigureTable` (`setRegions`: see its constructor). */
export function createFigureIndex(setRegions = 0): FigureIndex {
  const table = new FigureTable(setRegions);
  /** Conflicts by the slot of the first figure written for the key. */
  const conflicts = new Map<number, Conflict>();

  /** The pair of a figure not yet in the table, or -1 after noting its conflict with the one that is. */
  function place(pair: number, year: number, row: number, column: string | undefined): number {
    const first = table.slotAt(pair, year);
    if (first < 0) return pair;
    const conflict = conflicts.get(first);
    if (conflict) conflict.rows.push(row);
    else conflicts.set(first, { first, rows: [table.firstRow(first)!, row], ...(column !== undefined ? { column } : {}) });
    return -1;
  }

  function add(candidate: Candidate, column: string | undefined) {
    const pair = place(table.pairOf(table.metrics.indexOf(candidate.metric), table.regions.indexOf(candidate.region), true), candidate.year, candidate.rows[0]!, column);
    if (pair >= 0) table.push(pair, fieldsOf(candidate), candidate.rows.length === 1 ? undefined : candidate.rows);
  }

  function addFields(fields: FigureFields, column: string | undefined) {
    const pair = place(table.pairAt(fields.metricAt, fields.regionAt, fields.metric, fields.region), fields.year, fields.row, column);
    if (pair >= 0) table.push(pair, fields);
  }

  return {
    add,
    addFields,
    table,
    reportConflicts(sink, lastRow, rejected) {
      if (conflicts.size === 0) return 0;
      for (const slot of conflicts.keys()) table.drop(slot);
      return reportConflicts(table, conflicts, sink, lastRow, rejected);
    },
    figures() {
      for (const slot of conflicts.keys()) table.drop(slot);
      return table.candidates();
    },
  };
}

function reportConflicts(table: FigureTable, conflicts: ReadonlyMap<number, Conflict>, sink: MessageSink, lastRow: number, rejected: ReadonlySet<number>): number {
  // Rows involved, counted in a typed array (a wide row can be in several conflicts): no object per row.
  const perRow = new Uint32Array(lastRow + 1);
  let total = 0;
  for (const conflict of conflicts.values()) {
    for (const row of conflict.rows) perRow[row] = (perRow[row] ?? 0) + 1;
    total += conflict.rows.length;
  }
  // Only the first MESSAGE_LIMIT messages by row can be kept: find the row they end at.
  let bound = 0;
  for (let seen = 0; bound < perRow.length && seen < MESSAGE_LIMIT; bound += 1) seen += perRow[bound] ?? 0;
  let newlyRejected = 0;
  for (let row = 0; row < perRow.length; row += 1) if ((perRow[row] ?? 0) > 0 && !rejected.has(row)) newlyRejected += 1;

  const shown: { row: number; conflict: Conflict }[] = [];
  for (const conflict of conflicts.values()) for (const row of conflict.rows) if (row < bound) shown.push({ row, conflict });
  shown.sort((a, b) => a.row - b.row);
  const kept = Math.min(shown.length, MESSAGE_LIMIT);
  for (const { row, conflict } of shown.slice(0, kept)) {
    sink.add(
      {
        severity: 'error',
        code: 'duplicate_key',
        row,
        ...(conflict.column !== undefined ? { column: conflict.column } : {}),
        relatedRows: conflict.rows.filter((other) => other !== row).slice(0, RELATED_LIMIT),
        params: { metric: table.metric(conflict.first), region: table.region(conflict.first), year: table.year(conflict.first), count: conflict.rows.length },
      },
      true,
    );
  }
  sink.tally('duplicate_key', 'error', total - kept);
  return newlyRejected;
}
