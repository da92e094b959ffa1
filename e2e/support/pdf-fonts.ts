import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The CJK fonts the printed report is tested with, one Playwright project each, so the PDF's text layer is
 * checked with both: WenQuanYi Zen Hei, and Noto Sans CJK (the most common Linux CJK font), with which
 * Chromium writes some characters into the PDF's text as Kangxi radicals (⽬ U+2F6C for 目 U+76EE).
 * Each project gives Chromium a fontconfig file that sees only that font.
 */
export type PdfFont = { name: string; family: string; file: string; radicals: boolean };

export const PDF_FONTS: PdfFont[] = [
  { name: 'wqy', family: 'WenQuanYi Zen Hei', file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', radicals: false },
  { name: 'noto', family: 'Noto Sans CJK SC', file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', radicals: true },
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

/**
 * CJK Radicals Supplement characters (U+2E80–U+2EFF) and the ideograph that shares their glyph in Noto Sans
 * CJK SC (read from the font's cmap with fontTools). Unlike Kangxi radicals they have no NFKC mapping.
 */
const SUPPLEMENT_RADICALS = new Map(
  [...'⺂乛⺃乚⺅亻⺉刂⺋㔾⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺭礻⺯糹⺰纟⺱罓⺳㓁⺹耂⺺肀⺾艹⻂衤⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟']
    .reduce<[string, string][]>((list, char, i, all) => (i % 2 === 0 ? [...list, [char, all[i + 1]!]] : list), []),
);

/**
 * Text read from a PDF's text layer with radicals written back as the ideographs they stand for: Kangxi radicals
 * (U+2F00–U+2FDF) through NFKC, supplement radicals through the font's own table. Chromium writes some characters
 * this way with Noto Sans CJK (⽬ for 目, ⻣ for 骨): the page looks and prints right, but a PDF viewer's search
 * finds the radical.
 */
export function radicalsAsIdeographs(text: string): string {
  return text.replace(/[\u2e80-\u2fdf]/g, (c) => SUPPLEMENT_RADICALS.get(c) ?? c.normalize('NFKC'));
}
