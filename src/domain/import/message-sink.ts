import { visibleText } from './cells';
import { MESSAGE_LIMIT, type ColumnMapping, type ImportMessage, type ImportMessageCode, type Severity } from './types';

/**
 * Collects an import's messages while a file streams: every message is
 * counted (by code and by severity), at most `MESSAGE_LIMIT` of each severity
 * are kept, and past the limit nothing is built for a message at all.
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
    if (force || bucket.length < MESSAGE_LIMIT) bucket.push(message);
  }

  /**
   * Adds a message located at a cell: its row, the column's header as written
   * and the raw cell with invisible characters made visible (either may be
   * absent). Past the limit the message is only counted: nothing is built.
   */
  addAt(
    severity: Severity,
    code: ImportMessageCode,
    row: number,
    column: ColumnMapping | undefined,
    raw: string | undefined,
    params: Record<string, string | number> = {},
  ): void {
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
      params,
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
