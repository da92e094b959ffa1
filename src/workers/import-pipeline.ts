import type { BatchFigure, CreateBatchRequest } from '@/domain/contract/api-contract';
import { createCsvReader, detectDelimiter, type CsvReader } from '@/domain/import/csv-reader';
import { previewParts, type PreviewFigures } from '@/domain/import/preview';
import { createRowMapper, type MappedFile } from '@/domain/import/rows';
import { decodeHead, firstInvalidUtf8, sniffBytes, utf8CutLength } from '@/domain/import/sniff';
import { applyOverrides, detectTable } from '@/domain/import/table';
import { batchEncoding, type Candidate, type CsvRecord, type Delimiter, type Encoding, type ImportMessage, type TableShape } from '@/domain/import/types';
import { firstSheetWithData, isEncryptedWorkbook, openWorkbook, readSheet, type Workbook, type WorkbookProblem } from '@/domain/import/xlsx-reader';
import type { TargetSet } from '@/domain/targets/target-set';
import {
  PREVIEW_LIST_LIMIT,
  type Done,
  type Failed,
  type InspectChoices,
  type Inspected,
  type Progress,
  type Rejected,
  type RunRequest,
} from './import-protocol';
import { unknownNames } from './unknown-names';

/**
 * The import pipeline as the worker runs it: the file is streamed
 * (`Blob.stream()` through a streaming `TextDecoder`) into the incremental CSV
 * reader; rows become candidate figures as they arrive and are not kept as raw
 * text. Inspection decides (encoding, table shape); the run applies what it
 * decided. Separate from the worker's message wiring so Vitest runs it in Node.
 */

/** Files above this size are refused with a message naming the limit. */
export const SIZE_LIMIT_BYTES = 200 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;
const DETECT_RECORDS = 50;
const PROGRESS_INTERVAL_MS = 100;

async function readHead(file: File) {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  return { head, sniff: sniffBytes(head, file.size, SIZE_LIMIT_BYTES) };
}

/**
 * The encoding to read with: a byte-order mark decides (a file that starts
 * with one is in that encoding, and the picker says so and is locked), else the
 * analyst's choice, else the one sniffed.
 */
function chooseEncoding(sniffed: { encoding: Encoding; bomLength: number; fromBom: boolean }, choices: InspectChoices) {
  const encoding = sniffed.fromBom ? sniffed.encoding : (choices.encoding ?? sniffed.encoding);
  // A byte-order mark is skipped only when it belongs to the encoding in use.
  return { encoding, bomLength: encoding === sniffed.encoding ? sniffed.bomLength : 0 };
}

/** The warning that UTF-16 was recognised without a byte-order mark, unless the analyst chose the encoding. */
function guessedEncoding(sniffed: { encoding: Encoding; guessed?: true }, choices: InspectChoices): ImportMessage[] {
  if (!sniffed.guessed || choices.encoding !== undefined) return [];
  return [{ severity: 'warning', code: 'encoding_guessed', params: { encoding: sniffed.encoding } }];
}

/**
 * A shape for the analyst to correct when detection finds no table (no header it knows, or no layout):
 * the chosen header row, else the first record with two filled cells (else one), its cells as columns
 * not imported, rows above it as title rows, the long layout — then the analyst's own choices applied.
 * Undefined when the head has no such record (nothing to map).
 */
function shapeToCorrect(records: readonly CsvRecord[], delimiter: Delimiter, choices: InspectChoices): TableShape | undefined {
  const headerRow = choices.shape?.headerRow;
  const filled = (record: CsvRecord) => record.cells.filter((cell) => cell.trim() !== '').length;
  const header =
    headerRow !== undefined ? records.find((record) => record.row === headerRow) : (records.find((record) => filled(record) >= 2) ?? records.find((record) => filled(record) > 0));
  if (!header) return undefined;
  const shape: TableShape = {
    delimiter,
    headerRow: header.row,
    titleRows: records.filter((record) => record.row < header.row && filled(record) > 0).map((record) => record.row),
    layout: 'long',
    columns: header.cells.map((cell, index) => ({ index, header: cell.trim(), role: 'ignore', source: 'none' })),
  };
  return applyOverrides(shape, choices.shape);
}

/**
 * The table shape of the head and what detection said; when no table is recognised, a shape to correct
 * (`shapeToCorrect`) beside detection's error, so the header row and column editor opens.
 */
function shapeFor(records: readonly CsvRecord[], set: TargetSet, delimiter: Delimiter, choices: InspectChoices) {
  const headerRow = choices.shape?.headerRow;
  const detected = detectTable(records, set, delimiter, headerRow !== undefined ? { headerRow } : undefined);
  if (!detected.ok) return { shape: shapeToCorrect(records, delimiter, choices), messages: detected.messages };
  return { shape: choices.shape ? applyOverrides(detected.shape, choices.shape) : detected.shape, messages: detected.messages };
}

/**
 * Reads the head of a file and decides what a run needs: the encoding (and
 * the byte-order mark to skip), a decoded sample and the table shape found in
 * it, with the analyst's `choices` applied. Everything is detected here, once.
 */
export async function inspectFile(file: File, set: TargetSet, choices: InspectChoices): Promise<Inspected | Rejected | Failed> {
  const { head, sniff } = await readHead(file);
  if (!sniff.ok && sniff.code === 'xlsx') return inspectWorkbook(file, set, choices);
  if (!sniff.ok && sniff.code === 'xls' && isEncryptedWorkbook(new Uint8Array(await file.arrayBuffer()))) {
    return workbookFailure({ code: 'workbook_encrypted', params: {} }, file.name);
  }
  if (!sniff.ok) return { type: 'rejected', fileName: file.name, code: sniff.code, params: sniff.params };
  const { encoding, bomLength } = chooseEncoding(sniff, choices);
  const text = decodeHead(head, encoding, bomLength);
  const delimiter = detectDelimiter(text);
  const records: CsvRecord[] = [];
  const reader = createCsvReader(delimiter, (record) => records.push(record));
  reader.push(text);
  // A head cut short of the file's end ends mid-record: keep only whole records.
  if (file.size <= HEAD_BYTES) reader.end();
  const { shape, messages } = shapeFor(records.slice(0, DETECT_RECORDS), set, delimiter, choices);
  return {
    type: 'inspected',
    fileName: file.name,
    size: file.size,
    encoding,
    bomLength,
    detectedEncoding: sniff.encoding,
    fromBom: sniff.fromBom,
    sample: records.slice(0, 15),
    ...(shape ? { shape } : {}),
    messages: [...guessedEncoding(sniff, choices), ...invalidInHead(head, encoding, bomLength, file.size <= HEAD_BYTES, delimiter), ...messages],
  };
}

/**
 * The first byte of the head that is not UTF-8 (when UTF-8 is in use, chosen
 * by the analyst), as the run would report it: the analyst sees it beside the
 * picker before checking.
 */
function invalidInHead(head: Uint8Array, encoding: Encoding, bomLength: number, whole: boolean, delimiter: Delimiter): ImportMessage[] {
  if (encoding !== 'utf-8') return [];
  const bytes = head.subarray(bomLength);
  if (firstInvalidUtf8(bytes, whole) === undefined) return [];
  return [invalidUtf8(bytes, bomLength, whole, createCsvReader(delimiter, () => undefined)).message];
}

/** A workbook problem as a located message: the file, and the row and column when the problem has them. */
function workbookFailure(problem: WorkbookProblem | { code: 'workbook_encrypted'; params: Record<string, never> }, fileName: string): Failed {
  const message: ImportMessage = { severity: 'error', code: problem.code, params: { ...problem.params, file: fileName } };
  if (problem.code === 'sheet_too_wide') {
    message.row = problem.params.row;
    message.column = problem.params.column;
  }
  return { type: 'failed', message };
}

type OpenedSheet = { failure: Failed } | { failure?: undefined; workbook: Workbook; sheet: Workbook['sheets'][number] };

/** Opens a workbook and picks the sheet: the one named, else the first visible sheet with data. */
async function openSheet(file: File, sheetName: string | undefined): Promise<OpenedSheet> {
  const opened = openWorkbook(new Uint8Array(await file.arrayBuffer()));
  if (!opened.ok) return { failure: workbookFailure(opened.problem, file.name) };
  const { workbook } = opened;
  if (sheetName !== undefined) {
    const sheet = workbook.sheets.find((s) => s.name === sheetName);
    if (!sheet) return { failure: workbookFailure({ code: 'workbook_corrupt', params: { detail: `no sheet “${sheetName}”` } }, file.name) };
    return { workbook, sheet };
  }
  const first = firstSheetWithData(workbook);
  if (!first.ok) return { failure: workbookFailure(first.problem, file.name) };
  return { workbook, sheet: first.sheet };
}

/**
 * Inspection of an .xlsx workbook: the sheet's first records (as the CSV reader
 * would give them, rows numbered as Excel numbers them) go through the same
 * table detection. Cells are text already, so there is no encoding to choose.
 */
async function inspectWorkbook(file: File, set: TargetSet, choices: InspectChoices): Promise<Inspected | Failed> {
  const opened = await openSheet(file, choices.sheet);
  if (opened.failure) return opened.failure;
  const { workbook, sheet } = opened;
  const records: CsvRecord[] = [];
  const read = readSheet(workbook, sheet, (record) => records.push(record), { maxRecords: DETECT_RECORDS });
  if (!read.ok) return workbookFailure(read.problem, file.name);
  const { shape, messages } = shapeFor(records, set, ',', choices);
  return {
    type: 'inspected',
    fileName: file.name,
    size: file.size,
    encoding: 'utf-8',
    bomLength: 0,
    detectedEncoding: 'utf-8',
    fromBom: false,
    sample: records.slice(0, 15),
    ...(shape ? { shape } : {}),
    messages,
    workbook: { sheet: sheet.name, sheets: workbook.sheets.map((s) => s.name) },
  };
}

export type RunInput = Omit<RunRequest, 'type'>;
export type RunResult = Done | Failed;
/**
 * The checked batch, kept in the worker until the analyst confirms: its figures are the preview's slots of
 * the mapped table (`selection`), not a second copy of them. `figures` builds them as objects when read
 * (small files and tests); `batchBody` writes the request without building any.
 */
export type PendingBatch = Omit<CreateBatchRequest, 'figures'> & { selection: PreviewFigures; readonly figures: Candidate[] };

type Streamed = { failure: Failed } | { failure?: undefined; mapped: MappedFile };

/** Reads the decided sheet of a workbook into the row mapper, record by record. */
async function workbookRows(input: RunInput, sheetName: string, onProgress: (progress: Progress) => void): Promise<Streamed> {
  const { file, set, decisions, scope } = input;
  const opened = await openSheet(file, sheetName);
  if (opened.failure) return { failure: opened.failure };
  const mapper = createRowMapper(decisions.shape, set, decisions.values, scope === undefined ? undefined : { region: scope, file: file.name });
  // A sheet stores no trailing empty cells: a row ending before the header's last column ends in
  // empty cells (gaps), not in missing ones, so it is padded and never reported as a short row.
  const width = Math.max(0, ...decisions.shape.columns.map((c) => c.index + 1));
  // Progress by rows: the last row read (as Excel numbers it) of the last one the sheet's <dimension> names.
  let rows = 0;
  let lastRow: number | undefined;
  let lastRead = 0;
  let lastProgress = performance.now();
  const read = readSheet(
    opened.workbook,
    opened.sheet,
    (record) => {
      rows += 1;
      lastRead = record.row;
      const { cells } = record;
      mapper.map(cells.length >= width ? record : { ...record, cells: [...cells, ...Array<string>(width - cells.length).fill('')] });
      if ((rows & 1023) === 0) {
        const now = performance.now();
        if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
          lastProgress = now;
          onProgress({ type: 'progress', rows, row: record.row, lastRow });
        }
      }
    },
    { onDimension: (last) => (lastRow = last) },
  );
  if (!read.ok) return { failure: workbookFailure(read.problem, file.name) };
  const mapped = mapper.finish();
  // The whole sheet is read: its last row of its last row, whatever its <dimension> said.
  const end = Math.max(lastRow ?? 0, lastRead);
  onProgress({ type: 'progress', rows: mapped.rows, row: end, lastRow: end });
  return { mapped };
}

/** Streams the file's bytes through the decoder and the CSV reader into the row mapper. */
async function streamRows(input: RunInput, onProgress: (progress: Progress) => void): Promise<Streamed> {
  const { file, set, decisions, scope } = input;
  const { encoding, bomLength, shape, values } = decisions;
  if (decisions.sheet !== undefined) return workbookRows(input, decisions.sheet, onProgress);
  const mapper = createRowMapper(shape, set, values, scope === undefined ? undefined : { region: scope, file: file.name });
  let rows = 0;
  const reader = createCsvReader(shape.delimiter, (record) => {
    rows += 1;
    mapper.map(record);
  });
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const stream = file.stream().getReader();
  let bytesRead = 0;
  let skip = bomLength;
  let lastProgress = 0;
  /** The bytes of a UTF-8 character the last chunk cut, which the decoder holds back. */
  let cut: Uint8Array = new Uint8Array(0);
  for (;;) {
    const { done, value } = await stream.read();
    if (done) break;
    let chunk = value;
    let chunkStart = bytesRead;
    bytesRead += value.byteLength;
    if (skip > 0) {
      const skipped = Math.min(skip, chunk.byteLength);
      chunk = chunk.subarray(skipped);
      chunkStart += skipped;
      skip -= skipped;
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      await stream.cancel().catch(() => undefined);
      return { failure: invalidUtf8(concat(cut, chunk), chunkStart - cut.length, false, reader) };
    }
    if (encoding === 'utf-8') cut = heldBack(cut, chunk);
    reader.push(text);
    const now = performance.now();
    if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
      lastProgress = now;
      onProgress({ type: 'progress', bytesRead, totalBytes: file.size, rows });
    }
  }
  try {
    reader.push(decoder.decode());
  } catch {
    // The file ends inside a UTF-8 character.
    return { failure: invalidUtf8(cut, file.size - cut.length, true, reader) };
  }
  const { unclosedQuoteRow } = reader.end();
  if (unclosedQuoteRow !== undefined) {
    return { failure: { type: 'failed', message: { severity: 'error', code: 'unclosed_quote', row: unclosedQuoteRow, params: { row: unclosedQuoteRow } } } };
  }
  return { mapped: mapper.finish() };
}

/** The bytes a streaming UTF-8 decoder holds back after `chunk` (which followed the `previous` held-back bytes). */
function heldBack(previous: Uint8Array, chunk: Uint8Array): Uint8Array {
  const tail = chunk.byteLength >= 3 ? chunk.subarray(chunk.byteLength - 3) : concat(previous, chunk).slice(-3);
  return tail.slice(tail.byteLength - utf8CutLength(tail));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.byteLength === 0) return b;
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

/**
 * The failure for bytes a strict UTF-8 decoder refused: the first malformed
 * sequence's offset in the file and the spreadsheet row it is on (the text
 * before it is read first, so quoted line breaks count as Excel counts them).
 *
 * @param bytes The bytes from the last character boundary the decoder passed, `start` their offset in the file.
 * @param final True when the decoder failed at the end of the file.
 */
function invalidUtf8(bytes: Uint8Array, start: number, final: boolean, reader: CsvReader): Failed {
  const bad = firstInvalidUtf8(bytes, final) ?? firstInvalidUtf8(bytes, true) ?? { offset: 0, bytes: '' };
  reader.push(new TextDecoder('utf-8').decode(bytes.subarray(0, bad.offset)));
  const row = reader.nextRow();
  return { type: 'failed', message: { severity: 'error', code: 'invalid_byte', row, params: { row, offset: start + bad.offset, bytes: bad.bytes, encoding: 'utf-8' } } };
}

/**
 * Streams the whole file through decode → parse → map → validate with the
 * decisions inspection made (encoding, table shape, names matched by hand),
 * detecting none of them again, and builds the preview against the stored
 * figures. Also returns the batch to post if the analyst confirms. Never
 * throws for bad input: failures are results.
 */
export async function runImport(input: RunInput, onProgress: (progress: Progress) => void): Promise<{ result: RunResult; batch?: PendingBatch }> {
  const { file, set, targetSetId, decisions, stored } = input;
  const started = performance.now();
  const streamed = await streamRows(input, onProgress);
  if (streamed.failure) return { result: streamed.failure };
  // Objects are built only for the additions and replacements the page lists.
  const { preview, figures } = previewParts(streamed.mapped, stored, set, PREVIEW_LIST_LIMIT);
  const batch: PendingBatch = {
    fileName: file.name,
    encoding: batchEncoding(decisions),
    layout: decisions.shape.layout,
    targetSet: targetSetId,
    counts: preview.counts,
    selection: figures,
    get figures() {
      return Array.from(figures.slots, (slot) => figures.table.candidate(slot));
    },
  };
  // A workbook's last progress (its whole sheet) was reported as it ended.
  if (decisions.sheet === undefined) onProgress({ type: 'progress', bytesRead: file.size, totalBytes: file.size, rows: preview.counts.rows });
  const result: Done = {
    type: 'done',
    preview,
    totals: { additions: figures.additions, replacements: figures.replacements },
    unknownNames: unknownNames(preview.messages, set),
    elapsedMs: performance.now() - started,
  };
  return { result, batch };
}

function toFigure(candidate: Candidate): BatchFigure {
  const { metric, region, year, value, numerator, denominator, qualifier, citation } = candidate;
  return {
    metric,
    region,
    year,
    ...(value !== undefined ? { value } : {}),
    ...(numerator !== undefined ? { numerator } : {}),
    ...(denominator !== undefined ? { denominator } : {}),
    ...(qualifier !== undefined ? { qualifier } : {}),
    ...(citation !== undefined ? { citation } : {}),
  };
}

/** The batch's fields before its figures, in the order the request has them. */
function batchHead(batch: PendingBatch): Omit<CreateBatchRequest, 'figures'> {
  const { fileName, encoding, layout, targetSet, counts } = batch;
  return { fileName, encoding, layout, targetSet, counts };
}

/** The batch as the API takes it (`CreateBatchRequest`), figures as objects: for tests and small files (the worker posts `batchBody`). */
export function batchRequest(batch: PendingBatch): CreateBatchRequest {
  return { ...batchHead(batch), figures: batch.figures.map(toFigure) };
}

/** Figures written to text at a time by `batchBody` before the text is encoded. */
const BODY_FIGURES_PER_CHUNK = 20_000;

/**
 * The batch as `CreateBatchRequest` JSON in UTF-8 bytes — byte for byte `JSON.stringify(batchRequest(batch))`
 * — written straight from the table's columns a chunk of figures at a time: no figure object, no string of
 * the whole body. The bytes are gathered once, at their final length.
 */
export function batchBody(batch: PendingBatch): Uint8Array<ArrayBuffer> {
  const { table, slots } = batch.selection;
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const head = JSON.stringify(batchHead(batch));
  chunks.push(encoder.encode(`${head.slice(0, -1)},"figures":[`));
  const metricJson = table.metrics.names.map((id) => `{"metric":${JSON.stringify(id)},"region":`);
  const regionJson = table.regions.names.map((id) => `${JSON.stringify(id)},"year":`);
  let text = '';
  for (let i = 0; i < slots.length; i += 1) {
    const slot = slots[i]!;
    let figure = (i === 0 ? '' : ',') + metricJson[table.metricIndex(slot)]! + regionJson[table.regionIndex(slot)]! + String(table.year(slot));
    const value = table.value(slot);
    if (!Number.isNaN(value)) figure += `,"value":${String(value)}`;
    const numerator = table.numerator(slot);
    if (!Number.isNaN(numerator)) figure += `,"numerator":${String(numerator)}`;
    const denominator = table.denominator(slot);
    if (!Number.isNaN(denominator)) figure += `,"denominator":${String(denominator)}`;
    const qualifier = table.qualifier(slot);
    if (qualifier !== undefined) figure += `,"qualifier":${JSON.stringify(qualifier)}`;
    const citation = table.citation(slot);
    if (citation !== undefined) figure += `,"citation":${JSON.stringify(citation)}`;
    text += `${figure}}`;
    if ((i + 1) % BODY_FIGURES_PER_CHUNK === 0) {
      chunks.push(encoder.encode(text));
      text = '';
    }
  }
  chunks.push(encoder.encode(`${text}]}`));
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
