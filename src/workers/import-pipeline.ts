import type { BatchFigure, CreateBatchRequest } from '@/domain/contract/api-contract';
import { createCsvReader, detectDelimiter } from '@/domain/import/csv-reader';
import { buildPreview } from '@/domain/import/preview';
import { createRowMapper } from '@/domain/import/rows';
import { decodeHead, sniffBytes } from '@/domain/import/sniff';
import { applyOverrides, detectTable } from '@/domain/import/table';
import type { Candidate, CsvRecord, Encoding, ImportOverrides, TableShape } from '@/domain/import/types';
import type { TargetSet } from '@/domain/targets/target-set';
import { PREVIEW_LIST_LIMIT, type Done, type Failed, type Inspected, type Progress, type Rejected, type RunRequest } from './import-protocol';

/**
 * The import pipeline as the worker runs it: the file is streamed
 * (`Blob.stream()` through a streaming `TextDecoder`) into the incremental CSV
 * reader; rows become candidate figures as they arrive and are not kept as raw
 * text. Separate from the worker's message wiring so Vitest can run it in Node.
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

function chooseEncoding(sniffed: { encoding: Encoding; bomLength: number }, overrides: ImportOverrides) {
  const encoding = overrides.encoding ?? sniffed.encoding;
  // A byte-order mark is skipped only when it belongs to the encoding in use.
  return { encoding, bomLength: encoding === sniffed.encoding ? sniffed.bomLength : 0 };
}

function shapeFor(records: readonly CsvRecord[], set: TargetSet, delimiter: ReturnType<typeof detectDelimiter>, overrides: ImportOverrides) {
  const headerRow = overrides.shape?.headerRow;
  const detected = detectTable(records, set, delimiter, headerRow !== undefined ? { headerRow } : undefined);
  if (!detected.ok) return { shape: undefined, messages: detected.messages };
  return { shape: overrides.shape ? applyOverrides(detected.shape, overrides.shape) : detected.shape, messages: detected.messages };
}

/** Reads the head of a file: the encoding, a decoded sample and the table shape found in it. */
export async function inspectFile(file: File, set: TargetSet, overrides: ImportOverrides): Promise<Inspected | Rejected> {
  const { head, sniff } = await readHead(file);
  if (!sniff.ok) return { type: 'rejected', fileName: file.name, code: sniff.code, params: sniff.params };
  const { encoding, bomLength } = chooseEncoding(sniff, overrides);
  const text = decodeHead(head, encoding, bomLength);
  const delimiter = detectDelimiter(text);
  const records: CsvRecord[] = [];
  const reader = createCsvReader(delimiter, (record) => records.push(record));
  reader.push(text);
  // A head cut short of the file's end ends mid-record: keep only whole records.
  if (file.size <= HEAD_BYTES) reader.end();
  const { shape, messages } = shapeFor(records.slice(0, DETECT_RECORDS), set, delimiter, overrides);
  return {
    type: 'inspected',
    fileName: file.name,
    size: file.size,
    encoding,
    detectedEncoding: sniff.encoding,
    fromBom: sniff.fromBom,
    delimiter,
    sample: records.slice(0, 15),
    ...(shape ? { shape } : {}),
    messages,
  };
}

export type RunInput = Omit<RunRequest, 'type'>;
export type RunResult = Done | Rejected | Failed;
export type PendingBatch = Omit<CreateBatchRequest, 'figures'> & { figures: Candidate[] };

/**
 * Streams the whole file through decode → parse → map → validate and builds
 * the preview against the stored figures. Also returns the batch to post if
 * the analyst confirms. Never throws for bad input: failures are results.
 */
export async function runImport(input: RunInput, onProgress: (progress: Progress) => void): Promise<{ result: RunResult; batch?: PendingBatch }> {
  const { file, set, targetSetId, overrides, stored } = input;
  const started = performance.now();
  const { head, sniff } = await readHead(file);
  if (!sniff.ok) return { result: { type: 'rejected', fileName: file.name, code: sniff.code, params: sniff.params } };
  const { encoding, bomLength } = chooseEncoding(sniff, overrides);
  const delimiter = detectDelimiter(decodeHead(head, encoding, bomLength));

  const pending: CsvRecord[] = [];
  let mapper: ReturnType<typeof createRowMapper> | undefined;
  let shape: TableShape | undefined;
  let failure: Failed | undefined;
  const startMapping = () => {
    const found = shapeFor(pending, set, delimiter, overrides);
    if (!found.shape) {
      failure = { type: 'failed', message: found.messages.find((m) => m.severity === 'error') ?? { severity: 'error', code: 'no_header', params: {} } };
      return;
    }
    shape = found.shape;
    mapper = createRowMapper(shape, set, overrides.values);
    for (const record of pending) mapper.map(record);
    pending.length = 0;
  };
  let rows = 0;
  const reader = createCsvReader(delimiter, (record) => {
    rows += 1;
    if (mapper) mapper.map(record);
    else if (!failure) {
      pending.push(record);
      if (pending.length === DETECT_RECORDS) startMapping();
    }
  });

  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const stream = file.stream().getReader();
  let bytesRead = 0;
  let skip = bomLength;
  let lastProgress = 0;
  for (;;) {
    const { done, value } = await stream.read();
    if (done) break;
    bytesRead += value.byteLength;
    let chunk = value;
    if (skip > 0) {
      const cut = Math.min(skip, chunk.byteLength);
      chunk = chunk.subarray(cut);
      skip -= cut;
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      await stream.cancel().catch(() => undefined);
      return { result: { type: 'failed', message: { severity: 'error', code: 'decode_failed', params: { detail: `${encoding}, byte ${bytesRead}` } } } };
    }
    reader.push(text);
    if (failure) break;
    const now = performance.now();
    if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
      lastProgress = now;
      onProgress({ type: 'progress', bytesRead, totalBytes: file.size, rows });
    }
  }
  if (!failure) {
    reader.push(decoder.decode());
    const { unclosedQuoteRow } = reader.end();
    if (!mapper) startMapping();
    if (unclosedQuoteRow !== undefined && !failure) {
      failure = { type: 'failed', message: { severity: 'error', code: 'unclosed_quote', row: unclosedQuoteRow, params: { row: unclosedQuoteRow } } };
    }
  }
  if (failure) {
    await stream.cancel().catch(() => undefined);
    return { result: failure };
  }
  const mapped = mapper!.finish();
  const preview = buildPreview(mapped, stored, set);
  const figures = [...preview.additions, ...preview.replacements.map((r) => r.new)];
  const batch: PendingBatch = { fileName: file.name, encoding, layout: shape!.layout, targetSet: targetSetId, counts: preview.counts, figures };
  onProgress({ type: 'progress', bytesRead: file.size, totalBytes: file.size, rows: preview.counts.rows });
  const result: Done = {
    type: 'done',
    preview: {
      ...preview,
      additions: preview.additions.slice(0, PREVIEW_LIST_LIMIT),
      replacements: preview.replacements.slice(0, PREVIEW_LIST_LIMIT),
    },
    totals: { additions: preview.additions.length, replacements: preview.replacements.length },
    shape: shape!,
    encoding,
    elapsedMs: performance.now() - started,
  };
  return { result, batch };
}

function toFigure(candidate: Candidate): BatchFigure {
  const { metric, region, year, value, numerator, denominator } = candidate;
  return {
    metric,
    region,
    year,
    ...(value !== undefined ? { value } : {}),
    ...(numerator !== undefined ? { numerator } : {}),
    ...(denominator !== undefined ? { denominator } : {}),
  };
}

/** The batch as the API takes it (`CreateBatchRequest`). */
export function batchRequest(batch: PendingBatch): CreateBatchRequest {
  return { ...batch, figures: batch.figures.map(toFigure) };
}
