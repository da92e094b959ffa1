// @vitest-environment node
import { expect, test } from 'vitest';
import { clipText, isClipped, MESSAGE_TEXT_LIMIT, MessageSink } from '@/domain/import/message-sink';
import { MESSAGE_LIMIT, type ColumnMapping, type ImportMessage } from '@/domain/import/types';

const COLUMN: ColumnMapping = { index: 3, header: '数值', role: 'value', source: 'header' };
const note = (row: number): ImportMessage => ({ severity: 'note', code: 'value_missing', row, params: {} });

test('a message located at a cell names its row, the header as written and the cell with invisible characters shown', () => {
  const sink = new MessageSink();
  sink.addAt('error', 'number_invalid', 7, COLUMN, '\u3000八十五 ', { reason: 'x' });
  sink.addAt('warning', 'ragged_row', 8, undefined, undefined);
  expect(sink.finish().messages).toEqual([
    { severity: 'error', code: 'number_invalid', row: 7, column: '数值', value: '□八十五·', params: { reason: 'x' } },
    { severity: 'warning', code: 'ragged_row', row: 8, params: {} },
  ]);
});

test('at most MESSAGE_LIMIT messages of a severity are kept, and every one is counted', () => {
  const sink = new MessageSink();
  for (let row = 1; row <= MESSAGE_LIMIT + 5; row += 1) sink.addAt('note', 'value_missing', row, COLUMN, '');
  expect(sink.keeps('note')).toBe(false);
  expect(sink.keeps('error')).toBe(true);
  expect(sink.countsByCode).toEqual({ value_missing: MESSAGE_LIMIT + 5 });
  expect(sink.countsBySeverity).toEqual({ error: 0, warning: 0, note: MESSAGE_LIMIT + 5 });
  const { messages, truncated } = sink.finish();
  expect(messages).toHaveLength(MESSAGE_LIMIT);
  expect(messages.at(-1)!.row).toBe(MESSAGE_LIMIT);
  expect(truncated).toBe(true);
});

test('a forced message is kept past the limit and sorted in by row', () => {
  const sink = new MessageSink();
  for (let row = 2; row < MESSAGE_LIMIT + 2; row += 1) sink.add({ severity: 'error', code: 'region_unknown', row, params: {} });
  sink.add({ severity: 'error', code: 'missing_column', params: { role: 'region' } }, true);
  const { messages } = sink.finish();
  expect(messages[0]!.code).toBe('missing_column');
  expect(messages).toHaveLength(MESSAGE_LIMIT);
  expect(sink.countsBySeverity.error).toBe(MESSAGE_LIMIT + 1);
});

test('messages come out errors first, then warnings, then notes, each in row order', () => {
  const sink = new MessageSink();
  sink.add(note(3));
  sink.add({ severity: 'warning', code: 'ragged_row', row: 9, params: {} });
  sink.add(note(1));
  sink.add({ severity: 'error', code: 'year_invalid', row: 5, params: {} });
  sink.add({ severity: 'error', code: 'year_invalid', row: 4, params: {} });
  expect(sink.finish().messages.map((m) => [m.severity, m.row])).toEqual([
    ['error', 4],
    ['error', 5],
    ['warning', 9],
    ['note', 1],
    ['note', 3],
  ]);
});

test.each([
  [0, { value_missing: 1 }, 1],
  [3, { value_missing: 4 }, 4],
  [-1, { value_missing: 1 }, 1],
])('tallying %s more messages counts them without keeping them', (times, byCode, notes) => {
  const sink = new MessageSink();
  sink.add(note(1));
  sink.tally('value_missing', 'note', times);
  expect(sink.countsByCode).toEqual(byCode);
  expect(sink.countsBySeverity.note).toBe(notes);
  expect(sink.finish()).toEqual({ messages: [note(1)], truncated: notes > 1 });
});

test('a blank row is counted by code only, with no severity and no message', () => {
  const sink = new MessageSink();
  sink.count('blank_row');
  expect(sink.countsByCode).toEqual({ blank_row: 1 });
  expect(sink.finish()).toEqual({ messages: [], truncated: false });
});

test('a kept message carries at most MESSAGE_TEXT_LIMIT characters of the file’s text; a lazy param is called only when it is kept', () => {
  const sink = new MessageSink();
  const long = 'x'.repeat(50_000);
  let searched = 0;
  const suggestion = () => {
    searched += 1;
    return '寄料镇';
  };
  sink.addAt('error', 'region_unknown', 2, { ...COLUMN, header: long }, long, { label: long, suggestion });
  sink.add({ severity: 'error', code: 'metric_unknown', column: long, value: long, params: { label: long } });
  const [added, atCell] = sink.finish().messages;
  for (const message of [atCell!, added!]) {
    expect(message.column).toBe(clipText(long));
    expect(String(message.params.label)).toHaveLength(MESSAGE_TEXT_LIMIT + 1);
    expect(isClipped(String(message.params.label))).toBe(true);
  }
  expect(atCell!.params.suggestion).toBe('寄料镇');
  expect(searched).toBe(1);
  for (let row = 3; row <= MESSAGE_LIMIT + 10; row += 1) sink.addAt('error', 'region_unknown', row, COLUMN, 'y', { label: 'y', suggestion });
  expect(searched).toBe(MESSAGE_LIMIT - 1);
  // Never half a surrogate pair.
  expect(clipText(`${'a'.repeat(MESSAGE_TEXT_LIMIT - 1)}😀😀`)).toBe(`${'a'.repeat(MESSAGE_TEXT_LIMIT - 1)}…`);
  expect(clipText('寄料镇')).toBe('寄料镇');
});
