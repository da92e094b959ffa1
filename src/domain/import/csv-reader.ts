import type { CsvRecord, Delimiter } from './types';

/**
 * A small incremental RFC 4180 reader, written by hand because the fast
 * libraries do not stream with spreadsheet row numbers, lone-CR line ends and
 * unclosed-quote reporting all at once.
 *
 * Text arrives in chunks cut anywhere (inside a quoted field, between CR and
 * LF, between the two quotes of `""`); the reader keeps a small state between
 * chunks and never rescans text it has seen. Within a chunk it scans with
 * `charCodeAt`/`indexOf` and slices whole fields, so a field costs one slice,
 * not one concatenation per character. Pure: no DOM, no Node APIs.
 *
 * Rules (lenient where Excel and WPS are lenient):
 * - a record ends at LF, CRLF or a lone CR (old Mac Excel);
 * - a field is quoted only when its first character is `"`; inside it, `""` is
 *   one quote and line breaks are part of the field — they do not start a new
 *   spreadsheet row, as in Excel;
 * - text after a closing quote, before the delimiter, is kept (`"a"b` → `ab`);
 * - a quote inside an unquoted field is kept literally (`5"` → `5"`);
 * - a blank line is a record with one empty cell, so record ordinals are the
 *   row numbers Excel shows.
 */

const QUOTE = 0x22; // "
const LF = 0x0a;
const CR = 0x0d;

/** Where the reader is between two characters (plain numbers: the hot loop compares small integers). */
const FIELD_START = 0; // at the start of a field (also the start of a record)
const UNQUOTED = 1; // inside a field that did not start with a quote
const QUOTED = 2; // inside a quoted field
const QUOTE_IN_QUOTED = 3; // just after a quote inside a quoted field: a closing quote, or the first of `""`
type State = typeof FIELD_START | typeof UNQUOTED | typeof QUOTED | typeof QUOTE_IN_QUOTED;

/** The reader's result once the text has ended. */
export type CsvReaderEnd = {
  /** The row (1-based) of the record whose quoted field was still open at the end of the text; that record is not emitted. */
  unclosedQuoteRow?: number;
  /** Records emitted. */
  rows: number;
};

export type CsvReader = {
  /** Reads the next piece of text; complete records are passed to `onRecord` before it returns. */
  push(text: string): void;
  /** Ends the text: emits a final record without a line break and reports an unclosed quote. Call once. */
  end(): CsvReaderEnd;
  /**
   * The spreadsheet row the next text pushed is on: the record in progress (a quoted line break stays in
   * it), or the one after the last record ended. Used to locate a byte the decoder could not read.
   */
  nextRow(): number;
};

/**
 * Creates an incremental CSV reader.
 *
 * @param delimiter The field separator.
 * @param onRecord Called for each record in order with its 1-based row (the record's ordinal; blank lines
 *   count, a quoted line break does not) and its cells (at least one; `['']` for a blank line). The `cells`
 *   array is new for every record and may be kept.
 * @returns `push(text)` for each chunk of decoded text (cut anywhere), then `end()`, which returns the number
 *   of records emitted and, if the text ended inside a quoted field, `unclosedQuoteRow` — the row where that
 *   record started (the broken record is dropped). A line break at the very end does not make an extra empty
 *   record. Pass text without a BOM: a leading U+FEFF would be kept in the first cell.
 */
export function createCsvReader(delimiter: Delimiter, onRecord: (record: CsvRecord) => void): CsvReader {
  const delim = delimiter.charCodeAt(0);
  let state: State = FIELD_START;
  /** Cells of the record being read. */
  let cells: string[] = [];
  /** The current field's text so far, when it spans chunks or holds `""` escapes. */
  let partial = '';
  /** The last chunk ended with CR: an LF at the start of the next chunk belongs to it. */
  let skipLf = false;
  let rows = 0;

  function emit(): void {
    rows++;
    onRecord({ row: rows, cells });
    cells = [];
  }

  function push(text: string): void {
    const n = text.length;
    if (n === 0) return;
    let i = 0;
    if (skipLf) {
      skipLf = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }

    while (i < n) {
      if (state === FIELD_START) {
        if (text.charCodeAt(i) === QUOTE) {
          state = QUOTED;
          i++;
          continue;
        }
        state = UNQUOTED;
      }

      if (state === UNQUOTED) {
        // Hot loop: find the end of the field.
        let j = i;
        let c = 0;
        while (j < n) {
          c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        if (j === n) {
          partial += text.slice(i); // the field goes on in the next chunk
          return;
        }
        cells.push(partial === '' ? text.slice(i, j) : partial + text.slice(i, j));
        partial = '';
        state = FIELD_START;
        i = j + 1;
        if (c !== delim) i = endRecord(text, c, i);
        continue;
      }

      if (state === QUOTED) {
        const j = text.indexOf('"', i);
        if (j === -1) {
          partial += text.slice(i); // still inside quotes at the end of the chunk
          return;
        }
        partial += text.slice(i, j);
        state = QUOTE_IN_QUOTED;
        i = j + 1;
        continue;
      }

      // QUOTE_IN_QUOTED: the character after a quote decides what the quote was.
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        partial += '"'; // `""` is one quote
        state = QUOTED;
        i++;
      } else if (c === delim || c === LF || c === CR) {
        cells.push(partial); // the quote closed the field
        partial = '';
        state = FIELD_START;
        i++;
        if (c !== delim) i = endRecord(text, c, i);
      } else {
        state = UNQUOTED; // lenient: text after the closing quote is appended to the field
      }
    }
  }

  /** Emits the record that a line break (`c`, just before `i`) ends; skips the LF of a CRLF. Returns the next index. */
  function endRecord(text: string, c: number, i: number): number {
    emit();
    if (c !== CR) return i;
    if (i < text.length) return text.charCodeAt(i) === LF ? i + 1 : i;
    skipLf = true; // the chunk ended between CR and (maybe) LF
    return i;
  }

  function end(): CsvReaderEnd {
    skipLf = false;
    if (state === QUOTED) {
      const unclosedQuoteRow = rows + 1;
      cells = [];
      partial = '';
      state = FIELD_START;
      return { unclosedQuoteRow, rows };
    }
    // A record in progress: inside a field, just after a closing quote, or just after a delimiter.
    if (state !== FIELD_START || cells.length > 0) {
      cells.push(partial);
      partial = '';
      state = FIELD_START;
      emit();
    }
    return { rows };
  }

  return { push, end, nextRow: () => rows + 1 };
}

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];

/** How many non-blank records `detectDelimiter` looks at. */
const DETECT_LINES = 30;
/** At most this much of the sample is read by `detectDelimiter`. */
const DETECT_CHARS = 64 * 1024;

/**
 * Chooses the delimiter of a CSV sample (the decoded head of the file).
 *
 * @param sample Text from the start of the file; the last line may be cut.
 * @returns The candidate among `,` `;` and tab that occurs, outside quotes, the same number of times
 *   (at least once) on the most of the first 30 non-blank records; ties go to more occurrences per line,
 *   then to the order `,` `;` tab. Title rows above the table (no delimiter) and a cut last line do not
 *   count against a candidate, because only the lines that match its most common count score.
 *   `,` when no candidate occurs at all (a one-column file).
 */
export function detectDelimiter(sample: string): Delimiter {
  let best: Delimiter = ',';
  let bestScore = 0;
  let bestWidth = 0;
  for (const candidate of CANDIDATES) {
    const counts = delimiterCounts(sample, candidate);
    // The most common number of delimiters per line, among lines that have any.
    const tally = new Map<number, number>();
    for (const count of counts) if (count > 0) tally.set(count, (tally.get(count) ?? 0) + 1);
    let score = 0;
    let width = 0;
    for (const [count, lines] of tally) {
      if (lines > score || (lines === score && count > width)) {
        score = lines;
        width = count;
      }
    }
    if (score > bestScore || (score === bestScore && score > 0 && width > bestWidth)) {
      best = candidate;
      bestScore = score;
      bestWidth = width;
    }
  }
  return best;
}

/** For the first non-blank records of the sample read with `delimiter`: delimiters per record (cells − 1). */
function delimiterCounts(sample: string, delimiter: Delimiter): number[] {
  const counts: number[] = [];
  const reader = createCsvReader(delimiter, ({ cells }) => {
    if (counts.length >= DETECT_LINES) return;
    if (cells.length === 1 && cells[0]!.trim() === '') return;
    counts.push(cells.length - 1);
  });
  reader.push(sample.length > DETECT_CHARS ? sample.slice(0, DETECT_CHARS) : sample);
  reader.end();
  return counts;
}
