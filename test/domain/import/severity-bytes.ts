import { createCsvReader, detectDelimiter } from '@/domain/import/csv-reader';
import { buildPreview } from '@/domain/import/preview';
import { createRowMapper } from '@/domain/import/rows';
import { detectTable } from '@/domain/import/table';
import type { CsvRecord, ImportMessage, ImportPreview, StoredFigure } from '@/domain/import/types';
import type { TargetSet } from '@/domain/targets/target-set';

/**
 * A CSV file's bytes (UTF-8 with a byte-order mark and CRLF, as Excel's "CSV UTF-8" writes them) through the
 * import's own steps — decode, CSV reader, table detection, row mapping, preview — as the worker runs them.
 */
export function previewBytes(lines: readonly string[], set: TargetSet, stored: readonly StoredFigure[] = []): ImportPreview {
  const body = new TextEncoder().encode('\ufeff' + lines.join('\r\n') + '\r\n');
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  const records: CsvRecord[] = [];
  const delimiter = detectDelimiter(text);
  const reader = createCsvReader(delimiter, (record) => records.push(record));
  reader.push(text);
  reader.end();
  const detected = detectTable(records.slice(0, 50), set, delimiter);
  if (!detected.ok) throw new Error(`no table: ${JSON.stringify(detected.messages)}`);
  const mapper = createRowMapper(detected.shape, set);
  for (const record of records) mapper.map(record);
  return buildPreview(mapper.finish(), stored, set);
}

/** Messages as [severity, code, row, column, value]. */
export const brief = (messages: readonly ImportMessage[]) => messages.map((m) => [m.severity, m.code, m.row, m.column, m.value]);
