/**
 * How far an import's run has read, as the worker reports it and the progress bar shows it: `rows` records
 * read, and how much of the file that is — of a CSV's bytes, or of a workbook sheet's rows (`row`, the last
 * row read as Excel numbers it, of `lastRow`, the last its `<dimension>` names; undefined when the sheet
 * names none). A workbook is inflated and parsed as it is read, so its bytes say nothing of how far the rows are.
 */
export type ReadProgress = { rows: number } & ({ bytesRead: number; totalBytes: number } | { row: number; lastRow: number | undefined });

/** The share read, 0–100 (whole), or undefined when it cannot be known (a sheet that does not say its size). */
export function progressPercent(progress: ReadProgress): number | undefined {
  const [done, total] = 'bytesRead' in progress ? [progress.bytesRead, progress.totalBytes] : [progress.row, progress.lastRow];
  if (total === undefined) return undefined;
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
}
