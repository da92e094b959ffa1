import type { MessageSink } from './message-sink';
import { MESSAGE_LIMIT, type Candidate } from './types';

/**
 * The figures a file gives, keyed by metric × region × year, and the
 * conflicts among them: the same key written twice is a conflict, every row
 * involved gets a `duplicate_key` error and none of them is imported.
 */

/** How many other rows a duplicate message lists. */
export const RELATED_LIMIT = 20;

type Conflict = { first: Candidate; rows: number[]; column?: string };

/** Collects figures as rows are mapped; see `createFigureIndex`. */
export type FigureIndex = {
  /**
   * Adds a figure (its first row is where it was written). A key seen before
   * makes a conflict; `column` is the header named in its messages.
   */
  add(candidate: Candidate, column: string | undefined): void;
  /**
   * Reports every conflict as one `duplicate_key` error per row involved, in
   * row order, into `sink` (kept past the limit only up to `MESSAGE_LIMIT`,
   * the rest counted). Returns how many rows the conflicts reject, leaving out
   * rows in `rejected` (rows already counted as rejected). `lastRow` is the
   * highest row added. Call once, after the last `add`.
   */
  reportConflicts(sink: MessageSink, lastRow: number, rejected: ReadonlySet<number>): number;
  /** The figures in the order added, without those in a conflict. */
  figures(): Candidate[];
};

/**
 * An empty figure index. Figures are held in nested maps keyed by the target
 * set's own id strings and the year, so no key string is built per row.
 */
export function createFigureIndex(): FigureIndex {
  /** Figures in row order; those in `conflicts` are dropped at the end. */
  const candidates: Candidate[] = [];
  const byKey = new Map<string, Map<string, Map<number, Candidate>>>();
  /** Conflicts by the first figure written for the key. */
  const conflicts = new Map<Candidate, Conflict>();

  function add(candidate: Candidate, column: string | undefined) {
    let byRegion = byKey.get(candidate.metric);
    if (!byRegion) byKey.set(candidate.metric, (byRegion = new Map()));
    let byYear = byRegion.get(candidate.region);
    if (!byYear) byRegion.set(candidate.region, (byYear = new Map()));
    const first = byYear.get(candidate.year);
    if (!first) {
      byYear.set(candidate.year, candidate);
      candidates.push(candidate);
      return;
    }
    const conflict = conflicts.get(first);
    if (conflict) conflict.rows.push(candidate.rows[0]!);
    else conflicts.set(first, { first, rows: [first.rows[0]!, candidate.rows[0]!], ...(column !== undefined ? { column } : {}) });
  }

  return {
    add,
    reportConflicts: (sink, lastRow, rejected) => (conflicts.size === 0 ? 0 : reportConflicts(conflicts, sink, lastRow, rejected)),
    figures: () => (conflicts.size === 0 ? candidates : candidates.filter((candidate) => !conflicts.has(candidate))),
  };
}

function reportConflicts(conflicts: ReadonlyMap<Candidate, Conflict>, sink: MessageSink, lastRow: number, rejected: ReadonlySet<number>): number {
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
        params: { metric: conflict.first.metric, region: conflict.first.region, year: conflict.first.year, count: conflict.rows.length },
      },
      true,
    );
  }
  sink.tally('duplicate_key', 'error', total - kept);
  return newlyRejected;
}
