/// <reference lib="webworker" />
import { strToU8, zipSync } from 'fflate';
import { createCsvReader } from '@/domain/import/csv-reader';
import { firstSheetWithData, openWorkbook, readSheet } from '@/domain/import/xlsx-reader';
import type { GenerateSpec, Generated, HarnessRequest, HarnessResponse, Parsed } from './harness-protocol';

/**
 * The benchmark's helper worker (one per task, terminated after it):
 * - `generate`: builds a CSV file as UTF-8 bytes in memory and returns it as a
 *   File, so the page's main thread never does the work and nothing touches disk;
 * - `parse`: the bare parser — the file's stream through a streaming
 *   TextDecoder into `createCsvReader` with a counting `onRecord` — the baseline
 *   the app's import pipeline is compared with; for an .xlsx file, the app's
 *   own workbook reader (`openWorkbook` + `readSheet`) with a counting `onRecord`.
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

/** The long rows' cells as a workbook stores them: names as shared strings, the year and the value as numbers. */
type XlsxRow = { region: string; year: number; metric: string; value: string; percent: boolean };

/** The same row as `longRow`, as workbook cells: half the values percent-formatted fractions (0.834 → 83.4%), half plain numbers. */
function longXlsxRow(i: number, townships: readonly string[], metrics: readonly string[]): XlsxRow {
  const t = townships.length;
  const m = metrics.length;
  const whole = 40 + ((i * 7) % 60);
  const tenth = i % 10;
  const percent = i % 2 === 0;
  return {
    region: townships[i % t]!,
    year: FIRST_YEAR + (Math.floor(i / (t * m)) % YEARS),
    metric: metrics[Math.floor(i / t) % m]!,
    value: percent ? `0.${whole}${tenth}` : `${whole}.${tenth}`,
    percent,
  };
}

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Cell styles: 0 general, 1 percent with one decimal (custom "0.0%"), as Excel writes a percent column. */
const XLSX_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>';

/** A one-sheet .xlsx workbook of long rows (header 地区,年份,指标,数值), zipped with deflate as Excel does. */
function generateXlsx(spec: GenerateSpec): Uint8Array {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const shared = (text: string) => {
    let at = index.get(text);
    if (at === undefined) {
      at = strings.length;
      strings.push(text);
      index.set(text, at);
    }
    return at;
  };
  const header = HEADERS.long.split(',');
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      `<dimension ref="A1:D${spec.rows + 1}"/><sheetData>` +
      `<row r="1">${header.map((h, c) => `<c r="${'ABCD'[c]!}1" t="s"><v>${shared(h)}</v></c>`).join('')}</row>`,
  ];
  for (let i = 0; i < spec.rows; i++) {
    const r = i + 2;
    const row = longXlsxRow(i, spec.townships, spec.metrics);
    parts.push(
      `<row r="${r}"><c r="A${r}" t="s"><v>${shared(row.region)}</v></c><c r="B${r}"><v>${row.year}</v></c>` +
        `<c r="C${r}" t="s"><v>${shared(row.metric)}</v></c><c r="D${r}"${row.percent ? ' s="1"' : ''}><v>${row.value}</v></c></row>`,
    );
  }
  parts.push('</sheetData></worksheet>');
  const ns = 'http://schemas.openxmlformats.org';
  return zipSync(
    {
      '[Content_Types].xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
      ),
      '_rels/.rels': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
      'xl/workbook.xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rIdS" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="${ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      ),
      'xl/styles.xml': strToU8(XLSX_STYLES),
      'xl/worksheets/sheet1.xml': strToU8(parts.join('')),
      'xl/sharedStrings.xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${ns}/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings
          .map((text) => `<si><t>${xmlText(text)}</t></si>`)
          .join('')}</sst>`,
      ),
    },
    { level: 6 },
  );
}

function generate(spec: GenerateSpec): Generated {
  if (spec.format === 'xlsx') {
    const started = performance.now();
    const bytes = generateXlsx(spec);
    const file = new File([bytes as Uint8Array<ArrayBuffer>], spec.fileName, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    return { type: 'generated', file, rows: spec.rows, ms: performance.now() - started };
  }
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

/** The bare workbook reader: the file's bytes opened and its first sheet with data read, as the pipeline does it. */
async function parseXlsx(file: File): Promise<Parsed> {
  const started = performance.now();
  let records = 0;
  let cells = 0;
  const opened = openWorkbook(new Uint8Array(await file.arrayBuffer()));
  if (!opened.ok) throw new Error(`the workbook does not open: ${JSON.stringify(opened.problem)}`);
  const sheet = firstSheetWithData(opened.workbook);
  if (!sheet.ok) throw new Error(`no sheet with data: ${JSON.stringify(sheet.problem)}`);
  const read = readSheet(opened.workbook, sheet.sheet, (record) => {
    records += 1;
    cells += record.cells.length;
  });
  if (!read.ok) throw new Error(`the sheet does not read: ${JSON.stringify(read.problem)}`);
  return { type: 'parsed', ms: performance.now() - started, records, cells, unclosedQuoteRow: null };
}

/** The bare parser on the file's bytes, streamed and decoded exactly as the pipeline does it. */
async function parse(file: File): Promise<Parsed> {
  if (file.name.endsWith('.xlsx')) return parseXlsx(file);
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
