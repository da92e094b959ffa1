import { visibleText } from './cells';
import { MESSAGE_LIMIT, type ColumnMapping, type ImportMessage, type ImportMessageCode, type Severity } from './types';

/**
 * Text a kept message carries from the file — its column header, its value, the text in its params (a name
 * as written) — is cut to this many characters, "…" added: a 50 KB cell is neither held with every message
 * nor sent with it from the worker to the page.
 */
export const MESSAGE_TEXT_LIMIT = 200;

/** `text` cut to `MESSAGE_TEXT_LIMIT` characters and "…" (never half a surrogate pair); as it is when shorter. */
export function clipText(text: string): string {
  if (text.length <= MESSAGE_TEXT_LIMIT) return text;
  const cut = /[\ud800-\udbff]$/.test(text.slice(0, MESSAGE_TEXT_LIMIT)) ? MESSAGE_TEXT_LIMIT - 1 : MESSAGE_TEXT_LIMIT;
  return `${text.slice(0, cut)}…`;
}

/** True for text `clipText` cut: longer than `MESSAGE_TEXT_LIMIT` (a cut text is the limit plus "…"). */
export const isClipped = (text: string): boolean => text.length > MESSAGE_TEXT_LIMIT;

/**
 * A located message's params as the row mappers give them: a value may be a function, called only when
 * the message is kept — a "did you mean" costs an edit-distance search, which past the limit is not made.
 */
export type LazyParams = Readonly<Record<string, string | number | (() => string | number)>>;

function clipParams(params: LazyParams): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, param] of Object.entries(params)) {
    const value = typeof param === 'function' ? param() : param;
    out[key] = typeof value === 'string' ? clipText(value) : value;
  }
  return out;
}

/** The message with its text cut (`clipText`); the same object when nothing needs cutting. */
function clipped(message: ImportMessage): ImportMessage {
  const long = (text: string | undefined) => text !== undefined && isClipped(text);
  if (!long(message.column) && !long(message.value) && !Object.values(message.params).some((value) => typeof value === 'string' && isClipped(value))) return message;
  return {
    ...message,
    ...(message.column !== undefined ? { column: clipText(message.column) } : {}),
    ...(message.value !== undefined ? { value: clipText(message.value) } : {}),
    params: clipParams(message.params),
  };
}

/**
 * Collects an import's messages while a file streams: every message is
 * counted (by code and by severity), at most `MESSAGE_LIMIT` of each severity
 * are kept, and past the limit nothing is built for a message at all. Kept
 * messages carry at most `MESSAGE_TEXT_LIMIT` characters of any text.
 */
export class MessageSink {
  /** Every message counted by code, including those not kept. */
  readonly countsByCode: Partial<Record<ImportMessageCode, number>> = {};
  /** Every message counted by severity, including those not kept. */
  readonly countsBySeverity: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  private readonly kept: Record<Severity, ImportMessage[]> = { error: [], warning: [], note: [] };

  /** Counts `code` without a message or a severity (a blank row). */
  count(code: ImportMessageCode): void {
    this.countsByCode[code] = (this.countsByCode[code] ?? 0) + 1;
  }

  /** Adds a message; `force` keeps it even past the limit (file-level messages, sorted in at the end). */
  add(message: ImportMessage, force = false): void {
    this.count(message.code);
    this.countsBySeverity[message.severity] += 1;
    const bucket = this.kept[message.severity];
    if (force || bucket.length < MESSAGE_LIMIT) bucket.push(clipped(message));
  }

  /**
   * Adds a message located at a cell: its row, the column's header as written
   * and the raw cell with invisible characters made visible (either may be
   * absent). Past the limit the message is only counted: nothing is built,
   * and no function in `params` is called (see `LazyParams`).
   */
  addAt(severity: Severity, code: ImportMessageCode, row: number, column: ColumnMapping | undefined, raw: string | undefined, params: LazyParams = {}): void {
    if (!this.keeps(severity)) {
      this.tally(code, severity);
      return;
    }
    this.add({
      severity,
      code,
      row,
      ...(column ? { column: column.header } : {}),
      ...(raw !== undefined ? { value: visibleText(raw) } : {}),
      params: clipParams(params),
    });
  }

  /** True while messages of this severity are still kept. */
  keeps(severity: Severity): boolean {
    return this.kept[severity].length < MESSAGE_LIMIT;
  }

  /** Counts `times` messages without keeping them (they are known not to fit); nothing for 0 or less. */
  tally(code: ImportMessageCode, severity: Severity, times = 1): void {
    if (times <= 0) return;
    this.countsByCode[code] = (this.countsByCode[code] ?? 0) + times;
    this.countsBySeverity[severity] += times;
  }

  /**
   * The kept messages, errors first, then warnings, then notes, each in row
   * order (messages without a row first, in the order added), cut to
   * `MESSAGE_LIMIT`; `truncated` when that is fewer than were counted.
   */
  finish(): { messages: ImportMessage[]; truncated: boolean } {
    const byRow = (a: ImportMessage, b: ImportMessage) => (a.row ?? 0) - (b.row ?? 0);
    const messages = [...this.kept.error.sort(byRow), ...this.kept.warning.sort(byRow), ...this.kept.note.sort(byRow)].slice(0, MESSAGE_LIMIT);
    const total = this.countsBySeverity.error + this.countsBySeverity.warning + this.countsBySeverity.note;
    return { messages, truncated: messages.length < total };
  }
}
