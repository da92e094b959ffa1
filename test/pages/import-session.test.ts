import { expect, test } from 'vitest';
import type { ImportMessage, TableShape } from '@/domain/import/types';
import {
  initialSession,
  reduceImportSession,
  rereadChoices,
  runDecisions,
  type Decisions,
  type FileHead,
  type SessionAction,
  type SessionState,
} from '@/pages/import-session';
import type { Inspected, Progress } from '@/workers/import-protocol';
import { DONE_ONE_ADDITION, LONG_COLUMNS } from '../fixtures/import';

const file = new File(['地区,年份,指标,数值\n'], 'figures.csv');
const shape: TableShape = {
  delimiter: ',',
  headerRow: 2,
  titleRows: [1],
  layout: 'long',
  columns: LONG_COLUMNS,
};
const head: FileHead = { fileName: 'figures.csv', size: file.size, detectedEncoding: 'gb18030', fromBom: false, sample: [], messages: [] };
const inspected: Inspected = { type: 'inspected', ...head, encoding: 'gb18030', bomLength: 0, shape };
const { shape: _none, ...inspectedWithoutTable } = inspected;
const decisions: Decisions & { shape: TableShape } = { encoding: 'gb18030', bomLength: 0, shape, shapeChoice: { kind: 'detected' }, values: {} };
const progress: Progress = { type: 'progress', bytesRead: 10, totalBytes: file.size, rows: 1 };
const done = DONE_ONE_ADDITION;
const message: ImportMessage = { severity: 'error', code: 'decode_failed', params: { detail: 'utf-8, byte 3' } };
const corrected = { headerRow: 2, layout: 'wide' as const, columns: shape.columns };

const reviewing = { file, head, decisions };
const choosing: SessionState = initialSession;
const inspecting: SessionState = { status: 'inspecting', file, choices: {}, values: {} };
const inspectedState: SessionState = { status: 'inspected', ...reviewing };
const noTable: SessionState = { status: 'inspected', file, head, decisions: { ...decisions, shape: undefined } };
const checking: SessionState = { status: 'checking', ...reviewing, progress: { ...progress, bytesRead: 0, rows: 0 } };
const failed: SessionState = { status: 'failed', ...reviewing, trouble: { message } };
const cancelled: SessionState = { status: 'cancelled', ...reviewing };
const checked: SessionState = { status: 'checked', ...reviewing, done, basis: 7 };
const committing: SessionState = { status: 'committing', ...reviewing, done, basis: 7, commitKey: 'key-first-confirm' };
const commit: SessionAction = { type: 'commit', key: 'key-first-confirm' };
const committed: SessionState = { status: 'committed', fileName: 'figures.csv', done };
const rejected: SessionState = { status: 'rejected', rejected: { type: 'rejected', fileName: 'book.csv', code: 'xlsx', params: {} } };

const same = 'unchanged';
type Case = [string, SessionState, SessionAction, Partial<Record<string, unknown>> | typeof same];

const cases: Case[] = [
  ['choosing a file starts reading it, with no choices yet', choosing, { type: 'choose', file }, { status: 'inspecting', file, choices: {}, values: {} }],
  ['a file can be chosen after a rejected one', rejected, { type: 'choose', file }, { status: 'inspecting' }],
  ['another file can be chosen after a commit', committed, { type: 'choose', file }, { status: 'inspecting' }],
  ['a file cannot be chosen while one is being read', inspecting, { type: 'choose', file }, same],
  ['inspection becomes the decisions; the shape is kept once, in them', inspecting, { type: 'inspected', inspected }, { status: 'inspected', file, head, decisions }],
  ['a file with no table found is inspected without a shape', inspecting, { type: 'inspected', inspected: inspectedWithoutTable }, { status: 'inspected', decisions: { encoding: 'gb18030', bomLength: 0, shapeChoice: { kind: 'detected' }, values: {} } }],
  ['a file refused by its bytes is rejected', inspecting, { type: 'rejected', rejected: { type: 'rejected', fileName: 'book.csv', code: 'xlsx', params: {} } }, { status: 'rejected' }],
  ['a failed inspection goes back to choosing, saying why', inspecting, { type: 'inspectFailed', trouble: { message } }, { status: 'choosing', notice: { message } }],
  ['reading again at a chosen header row remembers that choice', { status: 'inspecting', file, choices: { shape: { headerRow: 2 } }, values: {} }, { type: 'inspected', inspected }, { status: 'inspected', decisions: { ...decisions, shapeChoice: { kind: 'header-row', headerRow: 2 } } }],
  ['reading again with corrections keeps them as corrections', { status: 'inspecting', file, choices: { encoding: 'utf-8', shape: corrected }, values: {} }, { type: 'inspected', inspected }, { status: 'inspected', decisions: { ...decisions, shapeChoice: { kind: 'corrected' } } }],
  ['corrections whose header finds no table fall back to the header row', { status: 'inspecting', file, choices: { shape: corrected }, values: {} }, { type: 'inspected', inspected: inspectedWithoutTable }, { status: 'inspected', decisions: { encoding: 'gb18030', bomLength: 0, shapeChoice: { kind: 'header-row', headerRow: 2 }, values: {} } }],
  ['reading again keeps the names matched by hand', { ...inspectedState, decisions: { ...decisions, values: { regions: { 风穴: '410482002' } } } }, { type: 'reread', choices: { encoding: 'utf-8' } }, { status: 'inspecting', choices: { encoding: 'utf-8' }, values: { regions: { 风穴: '410482002' } } }],
  ['a correction replaces the shape and marks it corrected', inspectedState, { type: 'correct', edit: corrected }, { status: 'inspected', decisions: { ...decisions, shape: { ...shape, layout: 'wide' }, shapeChoice: { kind: 'corrected' } } }],
  ['a default year the analyst clears is gone', { ...inspectedState, decisions: { ...decisions, shape: { ...shape, defaultYear: 2020 } } }, { type: 'correct', edit: corrected }, { decisions: { ...decisions, shape: { ...shape, layout: 'wide' }, shapeChoice: { kind: 'corrected' } } }],
  ['a correction after a failed check keeps the failure on screen', failed, { type: 'correct', edit: corrected }, { status: 'failed', trouble: { message }, decisions: { shape: { ...shape, layout: 'wide' } } }],
  ['a new header row is not a correction (it is read again)', inspectedState, { type: 'correct', edit: { ...corrected, headerRow: 3 } }, same],
  ['checking starts from no progress with the decisions as they are', inspectedState, { type: 'check' }, { status: 'checking', decisions, progress: { type: 'progress', bytesRead: 0, totalBytes: file.size, rows: 0 } }],
  ['without a table there is nothing to check', noTable, { type: 'check' }, same],
  ['a check can run again after it failed', failed, { type: 'check' }, { status: 'checking' }],
  ['a check can run again after it was cancelled', cancelled, { type: 'check' }, { status: 'checking' }],
  ['progress moves the bar', checking, { type: 'progress', progress }, { status: 'checking', progress }],
  ['a finished check shows the preview with the revision it was checked against', checking, { type: 'checked', done, revision: 7 }, { status: 'checked', done, decisions, basis: 7 }],
  ['a failed check shows the inspection again with the failure and no preview', checking, { type: 'checkFailed', trouble: { message } }, { status: 'failed', trouble: { message }, decisions }],
  ['a cancelled check shows the inspection again with no preview', checking, { type: 'cancel' }, { status: 'cancelled', decisions }],
  ['a result arriving after a cancel is dropped', cancelled, { type: 'checked', done, revision: 7 }, same],
  ['progress after a cancel is dropped', cancelled, { type: 'progress', progress }, same],
  ['a failed check has nothing to commit', failed, commit, same],
  ['a cancelled check has nothing to commit', cancelled, commit, same],
  ['nothing is committed while checking', checking, commit, same],
  ['names matched by hand join the decisions and check again', { ...checked, decisions: { ...decisions, values: { metrics: { a: 'x' } } } }, { type: 'remap', values: { regions: { 风穴: '410482002' } } }, { status: 'checking', decisions: { ...decisions, values: { regions: { 风穴: '410482002' }, metrics: { a: 'x' } } } }],
  ['back from the checked preview to the column settings, every decision kept', { ...checked, decisions: { ...decisions, values: { metrics: { a: 'x' } } } }, { type: 'revise' }, { status: 'inspected', file, head, decisions: { ...decisions, values: { metrics: { a: 'x' } } } }],
  ['no way back to the settings while committing', committing, { type: 'revise' }, same],
  ['confirming commits the checked file with a new key and the revision it was checked against', checked, commit, { status: 'committing', done, basis: 7, commitKey: 'key-first-confirm' }],
  ['confirming again after a failure reuses the first key', { ...checked, commitKey: 'key-first-confirm', commitError: { error: 'network' } }, { type: 'commit', key: 'key-second-confirm' }, { status: 'committing', commitKey: 'key-first-confirm' }],
  ['a saved batch ends the session', committing, { type: 'committed' }, { status: 'committed', fileName: 'figures.csv', done }],
  ['a failed commit shows the preview again with the error, keeping its key', committing, { type: 'commitFailed', trouble: { error: 'forbidden' } }, { status: 'checked', done, basis: 7, commitKey: 'key-first-confirm', commitError: { error: 'forbidden' } }],
  ['a stale preview is checked again with the same decisions', committing, { type: 'stale' }, { status: 'checking', decisions, recheck: 'stale', progress: { bytesRead: 0, rows: 0 } }],
  ['the check after a stale preview says so, with the new revision', { ...checking, recheck: 'stale' }, { type: 'checked', done, revision: 9 }, { status: 'checked', basis: 9, notice: 'rechecked' }],
  ['only a commit under way can be stale', checked, { type: 'stale' }, same],
  ['discarding the inspection goes back to choosing', inspectedState, { type: 'discard' }, { status: 'choosing', notice: 'discarded' }],
  ['discarding the preview goes back to choosing', checked, { type: 'discard' }, { status: 'choosing', notice: 'discarded' }],
  ['discarding after a failed check goes back to choosing', failed, { type: 'discard' }, { status: 'choosing', notice: 'discarded' }],
  ['a check is cancelled, not discarded', checking, { type: 'discard' }, same],
  ['a batch being saved cannot be discarded', committing, { type: 'discard' }, same],
];

test.each(cases)('%s', (_name, from, action, expected) => {
  const next = reduceImportSession(from, action);
  if (expected === same) expect(next).toBe(from);
  else expect(next).toMatchObject(expected);
});

test('a preview checked again gets a new key when confirmed: the old one stored nothing', () => {
  const rechecking = reduceImportSession(committing, { type: 'stale' });
  const rechecked = reduceImportSession(rechecking, { type: 'checked', done, revision: 9 });
  expect(rechecked).not.toHaveProperty('commitKey');
  expect(reduceImportSession(rechecked, { type: 'commit', key: 'key-after-recheck' })).toMatchObject({ commitKey: 'key-after-recheck', basis: 9 });
});

test('a failed or cancelled check keeps no preview, so there is nothing to store', () => {
  for (const action of [{ type: 'checkFailed', trouble: { message } }, { type: 'cancel' }] as const) {
    const next = reduceImportSession(checking, action);
    expect(next.status).toMatch(/^(failed|cancelled)$/);
    expect('done' in next).toBe(false);
  }
});

test('an inspected state keeps the shape only in the decisions', () => {
  const next = reduceImportSession(inspecting, { type: 'inspected', inspected });
  expect(next.status === 'inspected' && next.head).toEqual(head);
  expect(next.status === 'inspected' && 'shape' in next.head).toBe(false);
});

const rereads: [string, Decisions, Parameters<typeof rereadChoices>[1], ReturnType<typeof rereadChoices>][] = [
  ['another encoding with a detected shape detects it again', decisions, { encoding: 'utf-8' }, { encoding: 'utf-8' }],
  ['another encoding keeps a header row the analyst chose', { ...decisions, shapeChoice: { kind: 'header-row', headerRow: 2 } }, { encoding: 'utf-8' }, { encoding: 'utf-8', shape: { headerRow: 2 } }],
  ['another encoding keeps the corrections', { ...decisions, shape: { ...shape, defaultYear: 2020 }, shapeChoice: { kind: 'corrected' } }, { encoding: 'utf-8' }, { encoding: 'utf-8', shape: { headerRow: 2, layout: 'long', columns: shape.columns, defaultYear: 2020 } }],
  ['a new header row is read in the encoding in use, its columns afresh', { ...decisions, shapeChoice: { kind: 'corrected' } }, { headerRow: 3 }, { encoding: 'gb18030', shape: { headerRow: 3 } }],
];

test.each(rereads)('reading again: %s', (_name, from, change, expected) => {
  expect(rereadChoices(from, change)).toEqual(expected);
});

test('a workbook’s sheet goes from inspection into the run and is kept when the file is read again', () => {
  const workbook: Inspected = { ...inspected, encoding: 'utf-8', workbook: { sheet: '2021', sheets: ['说明', '2021'] } };
  const next = reduceImportSession(inspecting, { type: 'inspected', inspected: workbook });
  if (next.status !== 'inspected' || !next.decisions.shape) throw new Error('expected an inspected state with a table');
  expect(next.decisions.sheet).toBe('2021');
  expect(runDecisions({ ...next.decisions, shape: next.decisions.shape })).toMatchObject({ sheet: '2021', shape });
  expect(rereadChoices(next.decisions, { headerRow: 3 })).toEqual({ encoding: 'utf-8', shape: { headerRow: 3 }, sheet: '2021' });
  expect(runDecisions(decisions)).not.toHaveProperty('sheet');
});
