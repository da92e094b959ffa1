/** The aligned plain-text tables the bench prints. */

/** @typedef {import('../types').Table} Table */

/**
 * A plain aligned table: first column left-aligned, others right-aligned.
 * @param {Table} table
 */
export function formatTable({ title, header, rows, note }) {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => displayWidth(row[c] ?? ''))));
  /** @param {string[]} row */
  const line = (row) =>
    row
      .map((text, c) => {
        const pad = ' '.repeat((widths[c] ?? 0) - displayWidth(text));
        return c === 0 ? text + pad : pad + text;
      })
      .join('   ')
      .trimEnd();
  const out = [title, line(header), widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(line)];
  if (note) out.push(note);
  return out.join('\n');
}

/** East Asian wide and full-width characters (CJK, kana, hangul, full-width forms) take two terminal columns. */
const WIDE_CHAR = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** @param {string} text */
function displayWidth(text) {
  let width = 0;
  for (const char of text) width += WIDE_CHAR.test(char) ? 2 : 1;
  return width;
}
