import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { parseNumberCell } from './cells';
import { columnIndex, columnName, numberKind, numberText, parseRange, type NumberKind } from './xlsx-cells';
import { inflateEntry, inflateText, listZipEntries, ZipError, type InflateLimits, type ZipEntry } from './xlsx-zip';
import type { CsvRecord } from './types';

/**
 * A streaming reader of .xlsx workbooks that emits the same records as the CSV
 * reader (`{ row, cells }`, rows numbered as Excel numbers them), so table
 * detection, names, value rules and the preview are shared as they are.
 *
 * - The package is a ZIP (xlsx-zip.ts, fflate's inflate): parts are inflated
 *   in slices under limits, and the sheet's XML is tokenized as it inflates
 *   (saxes, which expands no DTD entities), so neither a zip bomb nor a sheet
 *   of a million empty styled cells builds a large structure: a cell without
 *   a value is dropped when its tag closes, a row without values is never
 *   emitted, and records are passed on one at a time.
 * - Cell text follows xlsx-cells.ts: numbers as stored, percent formats as
 *   "86.6%", date serials as ISO dates or years, a formula's cached value,
 *   booleans as TRUE/FALSE, error values as written ("#N/A").
 * - Merged cells: the top-left value fills the merged area on rows that hold
 *   values of their own (a township merged down its metric rows, a header
 *   merged across), and a two-row header (a group label merged across
 *   columns above its sub-labels, the other labels merged down) is folded into
 *   one header record on its lower row, so table detection sees one header.
 *
 * Pure: bytes in, records out. Runs in the import worker.
 */

/** What stops a workbook being read, as message codes (words in i18n). */
export type WorkbookProblem =
  | { code: 'workbook_corrupt'; params: { detail: string } }
  | { code: 'workbook_too_large'; params: { part: string; limitMb: number } }
  | { code: 'sheet_too_wide'; params: { row: number; column: string; limit: number } };

export type SheetInfo = { name: string; hidden: boolean; path: string };

export type Workbook = {
  sheets: SheetInfo[];
  sharedStrings: string[];
  /** Number kind of each cell style (`s` attribute), by index. */
  styles: NumberKind[];
  date1904: boolean;
  bytes: Uint8Array;
  entries: Map<string, ZipEntry>;
};

/** Limits a hostile workbook meets. */
export const WORKBOOK_LIMITS = {
  /** A sheet's XML may inflate to this much; it is streamed, never held whole. */
  sheetBytes: 1024 * 1024 * 1024,
  /** Parts held in memory (workbook, relationships, styles, shared strings). */
  partBytes: 128 * 1024 * 1024,
  /** Output per compressed byte above which a part is taken for a zip bomb (past `ratioFloorBytes`). */
  ratio: 1000,
  ratioFloorBytes: 16 * 1024 * 1024,
  /** Columns that may hold values (Excel allows 16,384). */
  columns: 2000,
  /** Excel's last row. */
  rows: 1_048_576,
  /** Merged ranges kept per sheet. */
  merges: 100_000,
} as const;

const SHEET_LIMITS: InflateLimits = { maxBytes: WORKBOOK_LIMITS.sheetBytes, maxRatio: WORKBOOK_LIMITS.ratio, ratioFloorBytes: WORKBOOK_LIMITS.ratioFloorBytes };
const PART_LIMITS: InflateLimits = { maxBytes: WORKBOOK_LIMITS.partBytes, maxRatio: WORKBOOK_LIMITS.ratio, ratioFloorBytes: WORKBOOK_LIMITS.ratioFloorBytes };

class WorkbookError extends Error {
  constructor(readonly problem: WorkbookProblem) {
    super(problem.code);
  }
}

const corrupt = (detail: string) => new WorkbookError({ code: 'workbook_corrupt', params: { detail } });

function problemOf(error: unknown): WorkbookProblem {
  if (error instanceof WorkbookError) return error.problem;
  if (error instanceof ZipError) {
    const { problem } = error;
    return problem.kind === 'corrupt'
      ? { code: 'workbook_corrupt', params: { detail: problem.detail } }
      : { code: 'workbook_too_large', params: { part: problem.part, limitMb: problem.limitMb } };
  }
  return { code: 'workbook_corrupt', params: { detail: error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error) } };
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Runs saxes over a whole small text, calling `onOpen`/`onText`/`onClose` with local names. */
function scanXml(text: string, handlers: { open?: (name: string, attrs: Record<string, string>) => void; text?: (t: string) => void; close?: (name: string) => void }) {
  const parser = new SaxesParser({ xmlns: false });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (node: SaxesTagPlain) => open(localName(node.name), node.attributes));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (node) => close(localName(node.name)));
  }
  parser.write(text).close();
}

function part(bytes: Uint8Array, entries: Map<string, ZipEntry>, name: string): string | undefined {
  const entry = entries.get(name);
  return entry ? inflateText(bytes, entry, PART_LIMITS) : undefined;
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

function readSharedStrings(text: string | undefined): string[] {
  if (text === undefined) return [];
  const strings: string[] = [];
  let current = '';
  let inText = false;
  let phonetic = 0;
  scanXml(text, {
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 't') inText = phonetic === 0;
      else if (name === 'rPh') phonetic += 1;
    },
    text: (t) => {
      if (inText) current += t;
    },
    close: (name) => {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'si') strings.push(current);
    },
  });
  return strings;
}

function readStyles(text: string | undefined): NumberKind[] {
  if (text === undefined) return [];
  const codes = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  scanXml(text, {
    open: (name, attrs) => {
      if (name === 'numFmt') codes.set(Number(attrs.numFmtId), attrs.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formats.push(Number(attrs.numFmtId ?? '0'));
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return formats.map((id) => numberKind(id, codes.get(id)));
}

/**
 * Opens a workbook: lists its sheets (in the workbook's order, hidden ones marked) and reads the shared
 * strings, the number formats of the cell styles and the date system.
 *
 * @returns `{ ok: false, problem }` for a file that is not a readable workbook (`workbook_corrupt`, with a short
 *   technical detail) or a part over a limit (`workbook_too_large`, a zip bomb).
 */
export function openWorkbook(bytes: Uint8Array): { ok: true; workbook: Workbook } | { ok: false; problem: WorkbookProblem } {
  try {
    const entries = listZipEntries(bytes);
    let workbookPath = 'xl/workbook.xml';
    const rootRels = part(bytes, entries, '_rels/.rels');
    if (rootRels !== undefined) {
      scanXml(rootRels, {
        open: (name, attrs) => {
          if (name === 'Relationship' && attrs.Type?.endsWith('/officeDocument') && attrs.Target) workbookPath = resolveTarget('', attrs.Target);
        },
      });
    }
    const workbookXml = part(bytes, entries, workbookPath);
    if (workbookXml === undefined) throw corrupt(`no ${workbookPath}`);
    const relsPath = resolveTarget(workbookPath, `_rels/${workbookPath.split('/').pop()!}.rels`);
    const targets = new Map<string, string>();
    let stylesPath: string | undefined;
    let stringsPath: string | undefined;
    scanXml(part(bytes, entries, relsPath) ?? '<Relationships/>', {
      open: (name, attrs) => {
        if (name !== 'Relationship' || !attrs.Id || !attrs.Target) return;
        const target = resolveTarget(workbookPath, attrs.Target);
        targets.set(attrs.Id, target);
        if (attrs.Type?.endsWith('/styles')) stylesPath = target;
        if (attrs.Type?.endsWith('/sharedStrings')) stringsPath = target;
      },
    });
    const sheets: SheetInfo[] = [];
    let date1904 = false;
    scanXml(workbookXml, {
      open: (name, attrs) => {
        if (name === 'workbookPr') date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
        if (name !== 'sheet') return;
        const id = attrs['r:id'] ?? Object.entries(attrs).find(([key]) => localName(key) === 'id' && key.includes(':'))?.[1];
        const path = id !== undefined ? targets.get(id) : undefined;
        if (path && entries.has(path)) sheets.push({ name: attrs.name ?? path, hidden: attrs.state === 'hidden' || attrs.state === 'veryHidden', path });
      },
    });
    if (sheets.length === 0) throw corrupt('no worksheet');
    const sharedStrings = readSharedStrings(part(bytes, entries, stringsPath ?? 'xl/sharedStrings.xml'));
    const styles = readStyles(part(bytes, entries, stylesPath ?? 'xl/styles.xml'));
    return { ok: true, workbook: { sheets, sharedStrings, styles, date1904, bytes, entries } };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
}

type Merge = { top: number; left: number; bottom: number; right: number };

/**
 * Finds the merged ranges in a sheet's text as it streams past (`mergeCell ref`, no tokenizing), keeping at
 * most `WORKBOOK_LIMITS.merges` of them; `done` gives them sorted by their top row.
 */
function createMergeScanner() {
  const merges: Merge[] = [];
  let carry = '';
  const pattern = /mergeCell\s+ref="([A-Za-z]+\d+:[A-Za-z]+\d+)"/g;
  return {
    push(chunk: string) {
      const text = carry + chunk;
      let last = 0;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        const range = parseRange(match[1]!);
        if (range && merges.length < WORKBOOK_LIMITS.merges) merges.push(range);
        last = pattern.lastIndex;
      }
      carry = text.slice(Math.max(last, text.length - 64));
    },
    done: () => merges.sort((a, b) => a.top - b.top),
  };
}

/**
 * The merged ranges of each sheet already scanned, by workbook and sheet path, so that reading a sheet again
 * (its sample, then all of it) does not inflate it again only to find them.
 */
const knownMerges = new WeakMap<Workbook, Map<string, Merge[]>>();

function remember(workbook: Workbook, path: string, merges: Merge[]): Merge[] {
  let byPath = knownMerges.get(workbook);
  if (!byPath) knownMerges.set(workbook, (byPath = new Map()));
  byPath.set(path, merges);
  return merges;
}

/**
 * The merged ranges of a sheet. `<mergeCells>` follows the cell data in the
 * XML, so when they are not known yet, a first pass inflates the sheet and
 * looks for the ranges in its text.
 */
function sheetMerges(workbook: Workbook, entry: ZipEntry): Merge[] {
  const known = knownMerges.get(workbook)?.get(entry.name);
  if (known) return known;
  const scanner = createMergeScanner();
  const decoder = new TextDecoder();
  inflateEntry(workbook.bytes, entry, SHEET_LIMITS, (chunk) => {
    scanner.push(decoder.decode(chunk, { stream: true }));
    return true;
  });
  scanner.push(decoder.decode());
  return remember(workbook, entry.name, scanner.done());
}

/** Fills merged areas and folds a two-row header; see the module comment. Emits records in order. */
function createRecordStage(merges: readonly Merge[], onRecord: (record: CsvRecord) => void) {
  let next = 0;
  let active: { merge: Merge; text: string }[] = [];
  let emitted = 0;
  let held: CsvRecord | undefined;
  let heldSpans: Merge[] = [];
  let folded = false;

  const emit = (record: CsvRecord) => {
    emitted += 1;
    onRecord(record);
  };

  function fill(row: number, cells: string[]): void {
    active = active.filter(({ merge }) => merge.bottom >= row);
    while (next < merges.length && merges[next]!.top <= row) {
      const merge = merges[next++]!;
      if (merge.top === row && merge.left < WORKBOOK_LIMITS.columns) active.push({ merge, text: cells[merge.left] ?? '' });
    }
    for (const { merge, text } of active) {
      if (text === '') continue;
      const right = Math.min(merge.right, WORKBOOK_LIMITS.columns - 1);
      for (let c = merge.left; c <= right; c++) if (!cells[c]) cells[c] = text;
    }
    for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = '';
  }

  /** A two-row header's upper row: a label merged across columns and one merged down into the next row. */
  function headerSpans(row: number): Merge[] {
    const across = active.filter(({ merge }) => merge.top === row && merge.bottom === row && merge.right > merge.left).map(({ merge }) => merge);
    const down = active.some(({ merge }) => merge.top === row && merge.bottom === row + 1);
    return down ? across : [];
  }

  return {
    row(row: number, cells: string[]) {
      if (cells.length === 0) return;
      fill(row, cells);
      if (held) {
        const upper = held;
        held = undefined;
        const underSpans = heldSpans.some((span) => cells.slice(span.left, span.right + 1).some((cell) => cell.trim() !== ''));
        const labels = cells.every((cell) => cell.trim() === '' || parseNumberCell(cell).kind !== 'number');
        if (row === upper.row + 1 && underSpans && labels) {
          const width = Math.max(cells.length, upper.cells.length);
          const combined = Array.from({ length: width }, (_, c) => (cells[c]?.trim() ? cells[c]! : (upper.cells[c] ?? '')));
          folded = true;
          emit({ row, cells: combined });
          return;
        }
        emit(upper);
      }
      if (!folded && emitted < 50) {
        const spans = headerSpans(row);
        if (spans.length > 0) {
          held = { row, cells };
          heldSpans = spans;
          return;
        }
      }
      emit({ row, cells });
    },
    end() {
      if (held) emit(held);
      held = undefined;
    },
  };
}

/**
 * Inflates a sheet once and tokenizes it: each row's cells (a row without any value too, as `[]`) go to
 * `onRow` until `enough()` says so (checked after each inflated slice; the slice in hand is still read to its
 * end); `onText`, when given, sees all of the sheet's text, to its end.
 *
 * @returns true when the rows were read to the end of the sheet (not stopped by `enough`).
 * @throws WorkbookError, ZipError (see `readSheet`).
 */
function streamSheet(
  workbook: Workbook,
  entry: ZipEntry,
  handlers: { onRow: (row: number, cells: string[]) => void; enough: () => boolean; onText?: (text: string) => void; onDimension?: (lastRow: number) => void },
): boolean {
  const { sharedStrings, styles, date1904 } = workbook;
  const { onRow, enough, onText, onDimension } = handlers;
  const parser = new SaxesParser({ xmlns: false });
  let rowNumber = 0;
  let cells: string[] = [];
  let column = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let capture = false;
  let inInline = false;
  let phonetic = 0;
  let hasValue = false;
  parser.on('opentag', (node: SaxesTagPlain) => {
    const name = localName(node.name);
    if (name === 'c') {
      const { r, t, s } = node.attributes;
      const at = r !== undefined ? columnIndex(r) : -1;
      column = at >= 0 ? at : column + 1;
      type = t ?? 'n';
      style = s !== undefined ? Number(s) : 0;
      value = '';
      hasValue = false;
    } else if (name === 'v') {
      capture = true;
      hasValue = true;
    } else if (name === 'is') {
      inInline = true;
      hasValue = true;
    } else if (name === 'rPh') phonetic += 1;
    else if (name === 't' && inInline) capture = phonetic === 0;
    else if (name === 'dimension' && onDimension) {
      const range = parseRange(node.attributes.ref ?? '');
      if (range && range.bottom <= WORKBOOK_LIMITS.rows) onDimension(range.bottom);
    }
    else if (name === 'row') {
      const r = node.attributes.r;
      const number = r !== undefined ? Number(r) : rowNumber + 1;
      if (!Number.isInteger(number) || number <= rowNumber || number > WORKBOOK_LIMITS.rows) throw corrupt(`row ${r ?? number}`);
      rowNumber = number;
      cells = [];
      column = -1;
    }
  });
  parser.on('text', (text) => {
    if (capture) value += text;
  });
  parser.on('cdata', (text) => {
    if (capture) value += text;
  });
  parser.on('closetag', (node) => {
    const name = localName(node.name);
    if (name === 'v' || name === 't') capture = false;
    else if (name === 'is') inInline = false;
    else if (name === 'rPh') phonetic -= 1;
    else if (name === 'c') {
      if (!hasValue) return;
      const text = cellText(type, value, styles[style] ?? 'plain', sharedStrings, date1904);
      if (text === '') return;
      if (column >= WORKBOOK_LIMITS.columns) {
        throw new WorkbookError({ code: 'sheet_too_wide', params: { row: rowNumber, column: columnName(column), limit: WORKBOOK_LIMITS.columns } });
      }
      cells[column] = text;
    } else if (name === 'row') {
      onRow(rowNumber, cells);
      cells = [];
    }
  });
  const decoder = new TextDecoder();
  let parsing = true;
  inflateEntry(workbook.bytes, entry, SHEET_LIMITS, (chunk) => {
    const text = decoder.decode(chunk, { stream: true });
    onText?.(text);
    if (parsing) {
      parser.write(text);
      if (enough()) parsing = false;
    }
    return parsing || onText !== undefined;
  });
  const rest = decoder.decode();
  onText?.(rest);
  if (parsing) {
    parser.write(rest);
    parser.close();
  }
  return parsing;
}

/**
 * Streams one sheet's rows as records (`{ row, cells }`, the row as Excel numbers it, cells from column A, a
 * row without any value skipped), after merged cells are filled and a two-row header folded.
 *
 * The merged ranges come after the cells in the XML. A sample (`maxRecords`) is read in one pass: its rows
 * are kept as read while the rest of the sheet is inflated only to find the ranges, then filled and folded.
 * All of a sheet is read in two passes (the ranges first, unless a sample read of the same `workbook` found
 * them), because a range may fill rows anywhere in the sheet and the rows are passed on, never held.
 *
 * @param options.maxRecords Stop after this many records (the inspection's sample).
 * @param options.onDimension Called when the sheet's `<dimension>` is read (it comes before the rows), with the last row the sheet's `<dimension>`
 *   names (what Excel and WPS write: "A1:F200001" → 200001), for progress by rows; not called when the
 *   sheet has none (or one that cannot be read, or beyond Excel's last row).
 * @returns `{ ok: true, records }` (how many were emitted, and whether the sheet was read to its end), or the
 *   problem: `sheet_too_wide` (a value beyond `WORKBOOK_LIMITS.columns`, with its row and column letters),
 *   `workbook_too_large`, `workbook_corrupt` (bad XML, a row number out of order or past Excel's last row, a
 *   shared string that does not exist).
 */
export function readSheet(
  workbook: Workbook,
  sheet: SheetInfo,
  onRecord: (record: CsvRecord) => void,
  options: { maxRecords?: number; onDimension?: (lastRow: number) => void } = {},
): { ok: true; records: number; complete: boolean } | { ok: false; problem: WorkbookProblem } {
  const entry = workbook.entries.get(sheet.path);
  if (!entry) return { ok: false, problem: { code: 'workbook_corrupt', params: { detail: `no ${sheet.path}` } } };
  const maxRecords = options.maxRecords ?? Infinity;
  let records = 0;
  let stopped = false;
  const emit = (record: CsvRecord) => {
    if (stopped) return;
    records += 1;
    onRecord(record);
    if (records >= maxRecords) stopped = true;
  };
  try {
    if (Number.isFinite(maxRecords) && !knownMerges.get(workbook)?.has(entry.name)) {
      // One pass. Filling and folding never turn rows with values into more records, and fold at most one
      // pair into one, so the first maxRecords + 2 rows with values give every record of the sample.
      const held: { row: number; cells: string[] }[] = [];
      const scanner = createMergeScanner();
      const toEnd = streamSheet(workbook, entry, {
        onRow: (row, cells) => {
          if (cells.length > 0 && held.length < maxRecords + 2) held.push({ row, cells });
        },
        enough: () => held.length >= maxRecords + 2,
        onText: (text) => scanner.push(text),
        onDimension: options.onDimension,
      });
      const stage = createRecordStage(remember(workbook, entry.name, scanner.done()), emit);
      for (const { row, cells } of held) stage.row(row, cells);
      if (toEnd && !stopped) stage.end();
      return { ok: true, records, complete: !stopped };
    }
    const stage = createRecordStage(sheetMerges(workbook, entry), emit);
    const toEnd = streamSheet(workbook, entry, { onRow: (row, cells) => stage.row(row, cells), enough: () => stopped, onDimension: options.onDimension });
    if (toEnd && !stopped) stage.end();
    return { ok: true, records, complete: !stopped };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
}

function cellText(type: string, value: string, kind: NumberKind, sharedStrings: readonly string[], date1904: boolean): string {
  switch (type) {
    case 's': {
      const index = Number(value);
      const text = sharedStrings[index];
      if (text === undefined) throw corrupt(`shared string ${value}`);
      return text;
    }
    case 'n':
      return value === '' ? '' : numberText(value, kind, date1904);
    case 'b':
      return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
    case 'd':
      return value.slice(0, 10);
    default:
      // str (a formula's text), inlineStr, e (an error value such as #N/A): as written.
      return value;
  }
}

/**
 * The sheet the import opens first: the first visible sheet with at least one
 * record, else the first sheet. Reads at most one record of each sheet.
 */
export function firstSheetWithData(workbook: Workbook): { ok: true; sheet: SheetInfo } | { ok: false; problem: WorkbookProblem } {
  for (const sheet of workbook.sheets) {
    if (sheet.hidden) continue;
    // Filling merged cells and folding a header never make or remove a record, so the ranges are not looked for.
    let found = false;
    const entry = workbook.entries.get(sheet.path);
    if (!entry) return { ok: false, problem: { code: 'workbook_corrupt', params: { detail: `no ${sheet.path}` } } };
    try {
      streamSheet(workbook, entry, { onRow: (_, cells) => (found ||= cells.length > 0), enough: () => found });
    } catch (error) {
      return { ok: false, problem: problemOf(error) };
    }
    if (found) return { ok: true, sheet };
  }
  return { ok: true, sheet: workbook.sheets[0]! };
}

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** "EncryptedPackage" as a UTF-16LE directory entry name. */
const ENCRYPTED_PACKAGE = Array.from('EncryptedPackage').flatMap((ch) => [ch.charCodeAt(0), 0]);

/**
 * True for an OLE compound file holding an `EncryptedPackage` stream: how
 * Excel and WPS save an .xlsx with a password to open it.
 */
export function isEncryptedWorkbook(bytes: Uint8Array): boolean {
  if (bytes.length < CFB.length || CFB.some((b, i) => bytes[i] !== b)) return false;
  let at = bytes.indexOf(ENCRYPTED_PACKAGE[0]!);
  while (at >= 0 && at + ENCRYPTED_PACKAGE.length <= bytes.length) {
    let k = 1;
    while (k < ENCRYPTED_PACKAGE.length && bytes[at + k] === ENCRYPTED_PACKAGE[k]) k++;
    if (k === ENCRYPTED_PACKAGE.length) return true;
    at = bytes.indexOf(ENCRYPTED_PACKAGE[0]!, at + 1);
  }
  return false;
}
