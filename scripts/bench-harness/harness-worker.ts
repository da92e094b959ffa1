/// <reference lib="webworker" />
import { createCsvReader } from '@/domain/import/csv-reader';
import type { GenerateSpec, Generated, HarnessRequest, HarnessResponse, Parsed } from './harness-protocol';

/**
 * The benchmark's helper worker (one per task, terminated after it):
 * - `generate`: builds a CSV file as UTF-8 bytes in memory and returns it as a
 *   File, so the page's main thread never does the work and nothing touches disk;
 * - `parse`: the bare parser — the file's stream through a streaming
 *   TextDecoder into `createCsvReader` with a counting `onRecord` — the baseline
 *   the app's import pipeline is compared with.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: HarnessResponse) => scope.postMessage(message);

/** Rows turned into text and encoded at a time while generating. */
const CHUNK_ROWS = 20_000;
const FIRST_YEAR = 1950;
const YEARS = 151; // 1950–2100

const HEADERS: Record<GenerateSpec['kind'], string> = {
  long: '地区,年份,指标,数值',
  roster: '学校,乡镇,年份,班级,学生数',
};

/**
 * A long-format row: regions vary fastest, then metrics, then years, so with
 * enough regions every row is a distinct key and is imported. Values mix the
 * forms analysts type: "83.4%", "83.4", "85%", "83.4 %" and full-width "８３．４％".
 */
function longRow(i: number, townships: readonly string[], metrics: readonly string[]): string {
  const t = townships.length;
  const m = metrics.length;
  const region = townships[i % t]!;
  const metric = metrics[Math.floor(i / t) % m]!;
  const year = FIRST_YEAR + (Math.floor(i / (t * m)) % YEARS);
  const whole = 40 + ((i * 7) % 60);
  const tenth = i % 10;
  let value: string;
  switch (i % 5) {
    case 0:
      value = `${whole}.${tenth}%`;
      break;
    case 2:
      value = i % 20 === 2 ? `${toFullWidth(`${whole}.${tenth}`)}％` : `${whole}.${tenth} %`;
      break;
    case 3:
      value = `${whole}%`;
      break;
    default:
      value = `${whole}.${tenth}`;
  }
  return `${region},${year},${metric},${value}`;
}

function toFullWidth(text: string): string {
  return text.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/**
 * A class-roster row: 50 high-school classes per school (高一(1)班 … 高三(17)班, so the roster metric, which
 * counts senior-secondary classes, counts them), schools spread over the townships, 30–70 students.
 */
function rosterRow(i: number, townships: readonly string[]): string {
  const school = Math.floor(i / 50);
  const k = i % 50;
  return `第${school + 1}中学,${townships[school % townships.length]!},2020,高${'一二三'[k % 3]!}(${Math.floor(k / 3) + 1})班,${30 + ((i * 37) % 41)}`;
}

function generate(spec: GenerateSpec): Generated {
  const started = performance.now();
  const encoder = new TextEncoder();
  // CRLF line ends, as Excel writes CSV on Windows.
  const parts: Uint8Array<ArrayBuffer>[] = [encoder.encode(`${HEADERS[spec.kind]}\r\n`)];
  for (let start = 0; start < spec.rows; start += CHUNK_ROWS) {
    const end = Math.min(spec.rows, start + CHUNK_ROWS);
    const lines: string[] = [];
    for (let i = start; i < end; i++) {
      lines.push(spec.kind === 'long' ? longRow(i, spec.townships, spec.metrics) : rosterRow(i, spec.townships));
    }
    lines.push('');
    parts.push(encoder.encode(lines.join('\r\n')));
  }
  const file = new File(parts, spec.fileName, { type: 'text/csv' });
  return { type: 'generated', file, rows: spec.rows, ms: performance.now() - started };
}

/** The bare parser on the file's bytes, streamed and decoded exactly as the pipeline does it. */
async function parse(file: File): Promise<Parsed> {
  const started = performance.now();
  let records = 0;
  let cells = 0;
  const reader = createCsvReader(',', (record) => {
    records += 1;
    cells += record.cells.length;
  });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = file.stream().getReader();
  for (;;) {
    const { done, value } = await stream.read();
    if (done) break;
    reader.push(decoder.decode(value, { stream: true }));
  }
  reader.push(decoder.decode());
  const end = reader.end();
  return { type: 'parsed', ms: performance.now() - started, records, cells, unclosedQuoteRow: end.unclosedQuoteRow ?? null };
}

async function handle(request: HarnessRequest): Promise<HarnessResponse> {
  switch (request.type) {
    case 'generate':
      return generate(request.spec);
    case 'parse':
      return parse(request.file);
  }
}

scope.onmessage = (event: MessageEvent<HarnessRequest>) => {
  handle(event.data).then(post, (error: unknown) =>
    post({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
};
