// @vitest-environment node
import { expect, test } from 'vitest';
import { createFigureIndex, RELATED_LIMIT } from '@/domain/import/duplicates';
import { MessageSink } from '@/domain/import/message-sink';
import { MESSAGE_LIMIT, type Candidate } from '@/domain/import/types';

const figure = (row: number, region = '410482001', year = 2020, metric = 'm'): Candidate => ({ metric, region, year, value: row, rows: [row] });

/** Adds the figures, reports the conflicts and returns what came out. */
function index(figures: Candidate[], options: { rejected?: number[]; column?: string } = {}) {
  const sink = new MessageSink();
  const figureIndex = createFigureIndex();
  for (const f of figures) figureIndex.add(f, options.column);
  const lastRow = Math.max(0, ...figures.map((f) => f.rows[0]!));
  const rejectedRows = figureIndex.reportConflicts(sink, lastRow, new Set(options.rejected));
  return { figures: figureIndex.figures(), rejectedRows, sink, ...sink.finish() };
}

test.each([
  ['another region', figure(3, '410482002')],
  ['another year', figure(3, '410482001', 2019)],
  ['another metric', figure(3, '410482001', 2020, 'n')],
])('figures differing in %s are kept in the order added, without messages', (_, other) => {
  const result = index([figure(2), other]);
  expect(result.figures).toEqual([figure(2), other]);
  expect(result.messages).toEqual([]);
  expect(result.rejectedRows).toBe(0);
});

test('a key written three times drops all three figures and reports each row with the others', () => {
  const result = index([figure(2), figure(3, '410482002'), figure(4), figure(6)], { column: '指标' });
  expect(result.figures).toEqual([figure(3, '410482002')]);
  expect(result.messages).toEqual(
    [2, 4, 6].map((row) => ({
      severity: 'error',
      code: 'duplicate_key',
      row,
      column: '指标',
      relatedRows: [2, 4, 6].filter((other) => other !== row),
      params: { metric: 'm', region: '410482001', year: 2020, count: 3 },
    })),
  );
  expect(result.rejectedRows).toBe(3);
});

test('a conflict found without a column names none', () => {
  expect(index([figure(2), figure(3)]).messages[0]).not.toHaveProperty('column');
});

test('rows already rejected for another error are not counted again', () => {
  expect(index([figure(2), figure(3), figure(4)], { rejected: [3] }).rejectedRows).toBe(2);
});

test('a duplicate message lists at most RELATED_LIMIT other rows, and counts every row in the conflict', () => {
  const rows = Array.from({ length: RELATED_LIMIT + 10 }, (_, i) => i + 2);
  const { messages } = index(rows.map((row) => figure(row)));
  expect(messages).toHaveLength(rows.length);
  expect(messages.every((m) => m.relatedRows!.length === RELATED_LIMIT && m.params.count === rows.length)).toBe(true);
});

test('past MESSAGE_LIMIT duplicate messages are counted and not kept, the first rows kept', () => {
  const rows = Array.from({ length: MESSAGE_LIMIT + 50 }, (_, i) => i + 2);
  const result = index(rows.map((row) => figure(row, `r${row % 10}`)));
  expect(result.figures).toEqual([]);
  expect(result.messages).toHaveLength(MESSAGE_LIMIT);
  expect(result.messages.map((m) => m.row)).toEqual(rows.slice(0, MESSAGE_LIMIT));
  expect(result.sink.countsByCode.duplicate_key).toBe(rows.length);
  expect(result.rejectedRows).toBe(rows.length);
  expect(result.truncated).toBe(true);
});
