import { zipSync, strToU8 } from 'fflate';

/**
 * Builds real .xlsx bytes for tests: a ZIP with the parts Excel writes
 * (content types, relationships, workbook, styles, shared strings, sheets),
 * cells given as Excel stores them.
 */

/** A cell as stored: a shared string, a number with an optional style, a formula with its cached value, … */
export type FixtureCell =
  | string
  | { n: number | string; s?: number }
  | { f: string; v?: number | string; s?: number; t?: 'str' }
  | { e: string }
  | { inline: string }
  | { styleOnly: number };

export type FixtureSheet = {
  name: string;
  /** Rows by Excel row number → cells from column A (undefined = no cell). */
  rows: Record<number, (FixtureCell | undefined)[]>;
  merges?: string[];
  hidden?: boolean;
};

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function col(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Cell styles: 0 general, 1 percent (built-in 10), 2 date (built-in 14), 3 custom "0.0%", 4 custom yyyy"年". */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="10" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/></cellXfs>
</styleSheet>`;

export function buildXlsx(sheets: FixtureSheet[], options: { date1904?: boolean; sheetXml?: (index: number, xml: string) => string } = {}): Uint8Array {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const shared = (text: string) => {
    let at = stringIndex.get(text);
    if (at === undefined) {
      at = strings.length;
      strings.push(text);
      stringIndex.set(text, at);
    }
    return at;
  };
  const files: Record<string, Uint8Array> = {};
  sheets.forEach((sheet, index) => {
    const rows = Object.entries(sheet.rows)
      .map(([row, cells]) => [Number(row), cells] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([row, cells]) => {
        const xml = cells
          .map((cell, c) => {
            if (cell === undefined) return '';
            const r = `${col(c)}${row}`;
            if (typeof cell === 'string') return `<c r="${r}" t="s"><v>${shared(cell)}</v></c>`;
            if ('styleOnly' in cell) return `<c r="${r}" s="${cell.styleOnly}"/>`;
            if ('inline' in cell) return `<c r="${r}" t="inlineStr"><is><t>${esc(cell.inline)}</t></is></c>`;
            if ('e' in cell) return `<c r="${r}" t="e"><v>${esc(cell.e)}</v></c>`;
            if ('f' in cell) {
              const t = cell.t ? ` t="${cell.t}"` : '';
              const s = cell.s !== undefined ? ` s="${cell.s}"` : '';
              return `<c r="${r}"${s}${t}><f>${esc(cell.f)}</f>${cell.v !== undefined ? `<v>${esc(String(cell.v))}</v>` : ''}</c>`;
            }
            return `<c r="${r}"${cell.s !== undefined ? ` s="${cell.s}"` : ''}><v>${cell.n}</v></c>`;
          })
          .join('');
        return `<row r="${row}">${xml}</row>`;
      })
      .join('');
    const merges = sheet.merges?.length ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
    let xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${merges}</worksheet>`;
    if (options.sheetXml) xml = options.sheetXml(index, xml);
    files[`xl/worksheets/sheet${index + 1}.xml`] = strToU8(xml);
  });
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets
      .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  files['xl/styles.xml'] = strToU8(STYLES);
  // Shared strings come after the sheets in the ZIP, as Excel writes them.
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings
      .map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`)
      .join('')}</sst>`,
  );
  return zipSync(files);
}
