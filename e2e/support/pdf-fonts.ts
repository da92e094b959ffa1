import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The system CJK fonts the printed report is tested with, one Playwright project each, so the PDF's text layer
 * is checked with both: WenQuanYi Zen Hei, and Noto Sans CJK (the most common Linux CJK font). Printing in
 * Noto Sans CJK, Chromium writes some characters into the PDF's text as the Kangxi radicals that share their
 * glyph (⽬ U+2F6C for 目 U+76EE); the report therefore brings its own font (src/report.css), and these
 * projects show that the text holds the real characters whatever the machine has (characters outside the font fall back to the system font).
 * Each project gives Chromium a fontconfig file that sees only that font.
 */
export type PdfFont = { name: string; family: string; file: string };

export const PDF_FONTS: PdfFont[] = [
  { name: 'wqy', family: 'WenQuanYi Zen Hei', file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc' },
  { name: 'noto', family: 'Noto Sans CJK SC', file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' },
];

/** Writes a fontconfig file that offers only this font, and returns its path. */
export function fontconfigFor(font: PdfFont): string {
  const dir = join(tmpdir(), `e2e-fontconfig-${font.name}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'fonts.conf');
  writeFileSync(
    path,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>${dirname(font.file)}</dir>
  <cachedir>${join(dir, 'cache')}</cachedir>
  <alias><family>sans-serif</family><prefer><family>${font.family}</family></prefer></alias>
  <alias><family>system-ui</family><prefer><family>${font.family}</family></prefer></alias>
</fontconfig>
`,
  );
  return path;
}

/** The fonts installed here; each missing one is named once, so a skipped font is never silent. */
export function installedPdfFonts(): PdfFont[] {
  return PDF_FONTS.filter((font) => {
    if (existsSync(font.file)) return true;
    console.warn(`e2e: ${font.family} is not installed (${font.file}); the PDF report is not tested with it.`);
    return false;
  });
}
