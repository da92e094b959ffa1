import type { Encoding, ImportMessage, TableShape, ValueMap } from '@/domain/import/types';
import type { Done, ImportDecisions, InspectChoices, Inspected, Progress, Rejected } from '@/workers/import-protocol';

/**
 * The import session as a state machine, kept apart from React and the worker
 * so every transition can be tested as a table (`useImportSession` runs the
 * worker and the API around it). Transitions, by action:
 *
 *   choosing | rejected | committed  ─choose─▶ inspecting
 *   inspecting  ─inspected─▶ inspected   ─rejected─▶ rejected   ─inspectFailed─▶ choosing (with the trouble)
 *   inspected | failed | cancelled   ─reread─▶ inspecting   ─correct─▶ (same state, shape corrected)
 *                                    ─check─▶ checking   ─discard─▶ choosing
 *   checking    ─progress─▶ checking   ─checked─▶ checked   ─checkFailed─▶ failed   ─cancel─▶ cancelled
 *   checked     ─remap─▶ checking   ─commit─▶ committing   ─discard─▶ choosing
 *   committing  ─committed─▶ committed   ─commitFailed─▶ checked (with the error, the same retry key)
 *               ─stale─▶ checking (again, against the stored figures as they are now)
 *
 * `failed` and `cancelled` show the inspection again with what happened, and
 * take what `inspected` takes. Nothing is stored before `commit`: a cancelled
 * or failed check leaves no batch behind. An action that does not fit the
 * current state leaves it as it is.
 *
 * A checked preview remembers the store revision it was checked against
 * (`basis`, sent as `If-Match`); the first `commit` of a preview fixes its
 * retry key (`Idempotency-Key`), which every later `commit` of the same
 * preview reuses, so confirming again after a lost answer or a network error
 * cannot store the batch twice. When the store moved since the check (`stale`),
 * the same decisions are checked again against the fresh figures and the new
 * preview says so (`notice: 'rechecked'`); it gets a new key when confirmed.
 */

/** What the file's head showed, apart from the decisions: the live preview and what detection said about the table. */
export type FileHead = Pick<Inspected, 'fileName' | 'size' | 'detectedEncoding' | 'fromBom' | 'sample' | 'messages' | 'workbook'>;

/**
 * How far the analyst has set the table's shape, so that reading the file
 * again (in another encoding) keeps it: not at all, only the header row (its
 * column names are read again), or corrected (layout, columns and default
 * year kept as they are in the shape).
 */
export type ShapeChoice = { kind: 'detected' } | { kind: 'header-row'; headerRow: number } | { kind: 'corrected' };

/** The analyst's decisions: what inspection found, as they corrected it. The one place the table shape lives. */
export type Decisions = {
  encoding: Encoding;
  bomLength: number;
  /** Absent when no table was found in the head: nothing can be checked until one is. */
  shape?: TableShape;
  shapeChoice: ShapeChoice;
  /** Names in the file matched by hand: the name as written → region or metric id. */
  values: ValueMap;
  /** For a workbook (.xlsx), the sheet read. */
  sheet?: string;
};

/** A correction from the column-mapping editor: the shape's editable parts, whole. */
export type ShapeEdit = Pick<TableShape, 'headerRow' | 'layout' | 'columns'> & { defaultYear?: number };

/** Why something did not work: an import message from the worker, or an error thrown on the way. */
export type Trouble = { message: ImportMessage } | { error: unknown };

type Reviewing = { file: File; head: FileHead; decisions: Decisions };
/** From the first check on there is a table: the shape is set. */
type Checkable = { file: File; head: FileHead; decisions: Decisions & { shape: TableShape } };

export type SessionState =
  | { status: 'choosing'; notice?: 'discarded' | Trouble }
  | { status: 'inspecting'; file: File; choices: InspectChoices; values: ValueMap }
  | { status: 'rejected'; rejected: Rejected }
  | ({ status: 'inspected' } & Reviewing)
  | ({ status: 'checking'; progress: Progress; recheck?: 'stale' } & Checkable)
  | ({ status: 'failed'; trouble: Trouble } & Checkable)
  | ({ status: 'cancelled' } & Checkable)
  | ({ status: 'checked'; done: Done; basis: number; commitKey?: string; commitError?: Trouble; notice?: 'rechecked' } & Checkable)
  | ({ status: 'committing'; done: Done; basis: number; commitKey: string } & Checkable)
  | { status: 'committed'; fileName: string; done: Done };

export type SessionAction =
  | { type: 'choose'; file: File }
  | { type: 'reread'; choices: InspectChoices }
  | { type: 'inspected'; inspected: Inspected }
  | { type: 'rejected'; rejected: Rejected }
  | { type: 'inspectFailed'; trouble: Trouble }
  | { type: 'correct'; edit: ShapeEdit }
  | { type: 'check' }
  | { type: 'progress'; progress: Progress }
  /** The worker's preview, checked against the stored figures of store revision `revision`. */
  | { type: 'checked'; done: Done; revision: number }
  | { type: 'checkFailed'; trouble: Trouble }
  | { type: 'cancel' }
  | { type: 'remap'; values: ValueMap }
  | { type: 'revise' }
  /** `key`: a fresh retry key, used only when this preview has none yet. */
  | { type: 'commit'; key: string }
  | { type: 'commitFailed'; trouble: Trouble }
  | { type: 'stale' }
  | { type: 'committed' }
  | { type: 'discard' };

export const initialSession: SessionState = { status: 'choosing' };

/** The states that show the inspection and take corrections: the analyst is reviewing what was recognised. */
export type ReviewState = Extract<SessionState, { status: 'inspected' | 'failed' | 'cancelled' }>;
export const isReviewing = (state: SessionState): state is ReviewState =>
  state.status === 'inspected' || state.status === 'failed' || state.status === 'cancelled';

/** The decisions as a run takes them. */
export function runDecisions({ encoding, bomLength, shape, values, sheet }: Checkable['decisions']): ImportDecisions {
  return { encoding, bomLength, shape, values, ...(sheet !== undefined ? { sheet } : {}) };
}

/** The editable parts of a shape, as the analyst last set them. */
function corrections(shape: TableShape): ShapeEdit {
  const { headerRow, layout, columns, defaultYear } = shape;
  return { headerRow, layout, columns, ...(defaultYear !== undefined ? { defaultYear } : {}) };
}

/**
 * What inspection must honour when the file is read again: the new encoding
 * with the shape as far as the analyst set it, or a new header row (whose
 * column names are then read again) in the encoding in use.
 */
export function rereadChoices(decisions: Decisions, change: { encoding: Encoding } | { headerRow: number } | { sheet: string }): InspectChoices {
  // Another sheet of a workbook is another table: its header and columns are found afresh.
  if ('sheet' in change) return { encoding: decisions.encoding, sheet: change.sheet };
  const sheet = decisions.sheet !== undefined ? { sheet: decisions.sheet } : {};
  if ('headerRow' in change) return { encoding: decisions.encoding, shape: { headerRow: change.headerRow }, ...sheet };
  const { shapeChoice, shape } = decisions;
  if (shapeChoice.kind === 'corrected' && shape) return { encoding: change.encoding, shape: corrections(shape), ...sheet };
  if (shapeChoice.kind === 'header-row') return { encoding: change.encoding, shape: { headerRow: shapeChoice.headerRow }, ...sheet };
  return { encoding: change.encoding, ...sheet };
}

function shapeChoiceAfter(choices: InspectChoices, found: boolean): ShapeChoice {
  const headerRow = choices.shape?.headerRow;
  if (headerRow === undefined) return { kind: 'detected' };
  return found && choices.shape?.columns ? { kind: 'corrected' } : { kind: 'header-row', headerRow };
}

function afterInspection(file: File, choices: InspectChoices, values: ValueMap, inspected: Inspected): SessionState {
  const { type: _type, encoding, bomLength, shape, ...head } = inspected;
  const shapeChoice = shapeChoiceAfter(choices, shape !== undefined);
  const sheet = head.workbook?.sheet;
  return { status: 'inspected', file, head, decisions: { encoding, bomLength, ...(shape ? { shape } : {}), shapeChoice, values, ...(sheet !== undefined ? { sheet } : {}) } };
}

const checkable = ({ file, head, decisions }: Checkable): Checkable => ({ file, head, decisions });
/** Nothing read yet: of the file's bytes, or for a workbook of its sheet's rows (how many is not known yet). */
const startProgress = (file: File, decisions: { sheet?: string | undefined }): Progress =>
  decisions.sheet !== undefined ? { type: 'progress', rows: 0, row: 0, lastRow: undefined } : { type: 'progress', bytesRead: 0, totalBytes: file.size, rows: 0 };

function mergeValues(current: ValueMap, chosen: ValueMap): ValueMap {
  return { regions: { ...current.regions, ...chosen.regions }, metrics: { ...current.metrics, ...chosen.metrics } };
}

/** The next state of the import session; the state itself when the action does not apply to it. */
export function reduceImportSession(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'choose':
      return state.status === 'choosing' || state.status === 'rejected' || state.status === 'committed'
        ? { status: 'inspecting', file: action.file, choices: {}, values: {} }
        : state;
    case 'reread':
      return isReviewing(state) ? { status: 'inspecting', file: state.file, choices: action.choices, values: state.decisions.values } : state;
    case 'inspected':
      return state.status === 'inspecting' ? afterInspection(state.file, state.choices, state.values, action.inspected) : state;
    case 'rejected':
      return state.status === 'inspecting' ? { status: 'rejected', rejected: action.rejected } : state;
    case 'inspectFailed':
      return state.status === 'inspecting' ? { status: 'choosing', notice: action.trouble } : state;
    case 'correct': {
      // A new header row means new column names: that is a `reread`, not a correction.
      const shape = isReviewing(state) ? state.decisions.shape : undefined;
      if (!isReviewing(state) || !shape || shape.headerRow !== action.edit.headerRow) return state;
      return correct(state, shape, action.edit);
    }
    case 'check': {
      const shape = isReviewing(state) ? state.decisions.shape : undefined;
      if (!isReviewing(state) || !shape) return state;
      return { status: 'checking', file: state.file, head: state.head, decisions: { ...state.decisions, shape }, progress: startProgress(state.file, state.decisions) };
    }
    case 'progress':
      return state.status === 'checking' ? { ...state, progress: action.progress } : state;
    case 'checked':
      if (state.status !== 'checking') return state;
      return { status: 'checked', ...checkable(state), done: action.done, basis: action.revision, ...(state.recheck ? { notice: 'rechecked' as const } : {}) };
    case 'checkFailed':
      return state.status === 'checking' ? { status: 'failed', ...checkable(state), trouble: action.trouble } : state;
    case 'cancel':
      return state.status === 'checking' ? { status: 'cancelled', ...checkable(state) } : state;
    case 'remap':
      if (state.status !== 'checked') return state;
      return {
        status: 'checking',
        ...checkable(state),
        decisions: { ...state.decisions, values: mergeValues(state.decisions.values, action.values) },
        progress: startProgress(state.file, state.decisions),
      };
    case 'revise':
      // Back from a checked preview to the column settings (a fraction's ×100, a column's meaning), keeping every decision.
      return state.status === 'checked' ? { status: 'inspected', file: state.file, head: state.head, decisions: state.decisions } : state;
    case 'commit':
      if (state.status !== 'checked') return state;
      return { status: 'committing', ...checkable(state), done: state.done, basis: state.basis, commitKey: state.commitKey ?? action.key };
    case 'commitFailed':
      if (state.status !== 'committing') return state;
      return { status: 'checked', ...checkable(state), done: state.done, basis: state.basis, commitKey: state.commitKey, commitError: action.trouble };
    case 'stale':
      return state.status === 'committing' ? { status: 'checking', ...checkable(state), progress: startProgress(state.file, state.decisions), recheck: 'stale' } : state;
    case 'committed':
      return state.status === 'committing' ? { status: 'committed', fileName: state.file.name, done: state.done } : state;
    case 'discard':
      return isReviewing(state) || state.status === 'checked' ? { status: 'choosing', notice: 'discarded' } : state;
  }
}

/** A correction keeps the state (a failure or cancellation stays on screen until the next check) with the shape replaced. */
function correct(state: ReviewState, shape: TableShape, edit: ShapeEdit): SessionState {
  // The whole editable part is replaced, so a default year the analyst cleared is gone.
  const { defaultYear: _cleared, ...rest } = shape;
  return { ...state, decisions: { ...state.decisions, shape: { ...rest, ...edit }, shapeChoice: { kind: 'corrected' } } };
}
