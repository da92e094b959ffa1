import type { TFunction } from 'i18next';
import { formatGoal } from '@/domain/display/format';
import { hasDemoFigures, sourceLine, type ExportWords } from '@/domain/display/export-labels';
import type { TargetDetail } from '@/domain/display/target-detail';
import { joinList, localized, type Locale } from '@/domain/shared/locale';
import { saveTextFile } from './download-button';

/**
 * What a saved chart says about itself, drawn into the image so a PNG pasted into a slide still says
 * it: the title, the region and as-of year (with the goal), the source line and, for synthetic
 * figures, the demo label — as a band at the top and as a watermark across the plot.
 */
export type ChartCaption = {
  title: string;
  /** "汝州市 · 截至2020年 · 目标 ≥ 85.0%（2020年）". */
  subtitle: string;
  /** "数据来源：模拟演示数据；全国：教育部…". */
  source: string;
  /** Present when any figure drawn is synthetic. */
  demo?: { label: string; watermark: string };
};

/** The caption of a target's trend chart: metric, region, as-of year, goal, the sources of every series drawn, the demo label. */
export function chartCaption(t: TFunction, detail: TargetDetail, locale: Locale, regionName: (id: string) => string): ChartCaption {
  const words = t('export', { returnObjects: true }) as ExportWords;
  const separator = t('export.sourceSeparator');
  const own = sourceLine(detail.figures, words, separator);
  const comparisons = detail.comparisons
    .filter((series) => series.points.length > 0)
    .map((series) => t('export.benchmarkSource', { region: regionName(series.regionId), sources: series.sources.length > 0 ? joinList(series.sources, locale) : words.reference }));
  const sources = [own, ...comparisons].filter((text) => text !== '').join(separator);
  const goal = `${t('card.goal', { goal: formatGoal(detail.evaluation.goal, detail.metric.unit, locale) })}${locale === 'zh-CN' ? `（${detail.target.deadline.slice(0, 4)}年）` : ` (${detail.target.deadline.slice(0, 4)})`}`;
  return {
    title: localized(detail.metric.name, locale),
    subtitle: `${t('export.regionYear', { region: regionName(detail.regionId), year: detail.asOf })} · ${goal}`,
    source: t('export.sourceLine', { sources: sources || '—' }),
    ...(hasDemoFigures(detail.figures) ? { demo: { label: t('export.demoLabel'), watermark: t('export.watermark') } } : {}),
  };
}

const INK = '#1f2328';
const MUTED = '#57606a';
const DEMO_BAND = '#9a3412';
const PAD = 12;

/**
 * Saves the largest SVG inside `container` (the chart; legend icons are small SVGs of their own) as a
 * PNG at twice its size (sharp on slides), with the caption drawn in: the demo band on top for synthetic
 * figures, the title and subtitle, the chart (a watermark across it for synthetic figures), the legend
 * (Recharts draws it in HTML, outside the SVG) and the source line, wrapped to the width. The SVG is
 * serialised with the page's font and drawn through a `blob:` image, which the server's CSP allows
 * (`img-src 'self' blob: data:`). Falls back to saving the SVG itself where a canvas cannot be read.
 */
export async function saveChartPng(container: HTMLElement, fileName: string, caption: ChartCaption): Promise<void> {
  const canvas = await chartCanvas(container, caption);
  if (!canvas) return;
  if ('markup' in canvas) {
    saveTextFile(`${fileName}.svg`, canvas.markup, 'image/svg+xml');
    return;
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.canvas.toBlob(resolve, 'image/png'));
  if (!blob) return;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `${fileName}.png`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
}

/** The chart drawn on a canvas with its caption; `{ markup }` (the SVG) when the SVG cannot be drawn; undefined without a chart. */
async function chartCanvas(container: HTMLElement, caption: ChartCaption): Promise<{ canvas: HTMLCanvasElement } | { markup: string } | undefined> {
  const area = (el: Element) => el.getBoundingClientRect().width * el.getBoundingClientRect().height;
  const svg = [...container.querySelectorAll('svg')].sort((a, b) => area(b) - area(a))[0];
  if (!svg) return undefined;
  const { width, height } = svg.getBoundingClientRect();
  const font = getComputedStyle(document.body).fontFamily;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = `text { font-family: ${font}; }`;
  clone.prepend(style);
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  clone.prepend(background);
  const markup = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const legend = [...container.querySelectorAll('.recharts-legend-item')].map((item) => ({
      label: item.textContent ?? '',
      color: item.querySelector('path, line')?.getAttribute('stroke') ?? item.querySelector('path')?.getAttribute('fill') ?? INK,
    }));
    // Measure on a scratch context first: the canvas's height depends on how the text wraps.
    const measure = document.createElement('canvas').getContext('2d');
    if (!measure) throw new Error('no 2d canvas');
    const textWidth = width - 2 * PAD;
    const fonts = { demo: `600 13px ${font}`, title: `600 16px ${font}`, subtitle: `13px ${font}`, legend: `12px ${font}`, source: `12px ${font}` };
    const wrapped = (text: string, f: string) => {
      measure.font = f;
      return wrapText(text, textWidth, (s) => measure.measureText(s).width);
    };
    const demoLines = caption.demo ? wrapped(caption.demo.label, fonts.demo) : [];
    const titleLines = wrapped(caption.title, fonts.title);
    const subtitleLines = wrapped(caption.subtitle, fonts.subtitle);
    const legendRows = legendLayout(legend, textWidth, (s) => ((measure.font = fonts.legend), measure.measureText(s).width));
    const sourceLines = wrapped(caption.source, fonts.source);
    const demoHeight = demoLines.length > 0 ? demoLines.length * 18 + 8 : 0;
    const headHeight = 8 + titleLines.length * 22 + subtitleLines.length * 18 + 6;
    const legendHeight = legendRows.length * 20;
    const footHeight = sourceLines.length * 16 + 10;
    const total = demoHeight + headHeight + height + legendHeight + footHeight;

    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * 2);
    canvas.height = Math.round(total * 2);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.scale(2, 2);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, total);
    context.textBaseline = 'middle';
    let y = 0;
    if (caption.demo) {
      context.fillStyle = DEMO_BAND;
      context.fillRect(0, 0, width, demoHeight);
      drawLines(context, demoLines, { font: fonts.demo, color: '#ffffff', top: 4, lineHeight: 18, baseline: 9 });
      y = demoHeight;
    }
    y += 8;
    y = drawLines(context, titleLines, { font: fonts.title, color: INK, top: y, lineHeight: 22, baseline: 11 });
    y = drawLines(context, subtitleLines, { font: fonts.subtitle, color: MUTED, top: y, lineHeight: 18, baseline: 9 });
    y += 6;
    const chartTop = y;
    context.drawImage(image, 0, chartTop, width, height);
    if (caption.demo) drawWatermark(context, caption.demo.watermark, font, { x: 0, y: chartTop, width, height });
    y += height;
    context.font = fonts.legend;
    for (const row of legendRows) {
      for (const entry of row) {
        context.fillStyle = entry.color;
        context.fillRect(PAD + entry.x, y + 8, 14, 4);
        context.fillStyle = INK;
        context.fillText(entry.label, PAD + entry.x + 18, y + 10);
      }
      y += 20;
    }
    y += 4;
    drawLines(context, sourceLines, { font: fonts.source, color: MUTED, top: y, lineHeight: 16, baseline: 8 });
    return { canvas };
  } catch {
    return { markup };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Draws lines of text from `top`, one every `lineHeight`, each at `baseline` below its top; returns the y below them. */
function drawLines(
  context: CanvasRenderingContext2D,
  lines: readonly string[],
  { font, color, top, lineHeight, baseline }: { font: string; color: string; top: number; lineHeight: number; baseline: number },
): number {
  context.fillStyle = color;
  context.font = font;
  lines.forEach((line, i) => context.fillText(line, PAD, top + i * lineHeight + baseline));
  return top + lines.length * lineHeight;
}

/** The demo watermark: the label repeated on a diagonal across the plot, faint enough to read the chart through. */
function drawWatermark(context: CanvasRenderingContext2D, text: string, font: string, box: { x: number; y: number; width: number; height: number }) {
  context.save();
  context.beginPath();
  context.rect(box.x, box.y, box.width, box.height);
  context.clip();
  context.translate(box.x + box.width / 2, box.y + box.height / 2);
  context.rotate(-Math.PI / 8);
  context.fillStyle = 'rgba(154, 52, 18, 0.16)';
  context.font = `700 28px ${font}`;
  context.textAlign = 'center';
  const step = context.measureText(text).width + 60;
  const reach = Math.hypot(box.width, box.height);
  for (let row = -2; row <= 2; row += 1) {
    for (let x = -reach; x <= reach; x += step) context.fillText(text, x + (row % 2 === 0 ? 0 : step / 2), row * 80);
  }
  context.restore();
}

/**
 * Splits text into lines no wider than `width` (by `measure`): at spaces where there are any, else
 * between any two characters (Chinese has no spaces). A single over-wide word keeps a line of its own.
 */
export function wrapText(text: string, width: number, measure: (text: string) => number): string[] {
  if (text === '') return [];
  const lines: string[] = [];
  let line = '';
  // Tokens: runs of Latin letters and digits stay whole; every other character (CJK, punctuation, space) is its own token.
  for (const token of text.match(/[A-Za-z0-9.,%()'’“”\-–/:]+|\s+|./gsu) ?? []) {
    const next = line + token;
    if (line !== '' && measure(next.trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else {
      line = next;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

type LegendEntry = { label: string; color: string };

/** Legend entries in rows that fit `width`, each with its x offset. */
function legendLayout(entries: readonly LegendEntry[], width: number, measure: (text: string) => number): (LegendEntry & { x: number })[][] {
  const rows: (LegendEntry & { x: number })[][] = [];
  let row: (LegendEntry & { x: number })[] = [];
  let x = 0;
  for (const entry of entries) {
    const w = 18 + measure(entry.label) + 16;
    if (row.length > 0 && x + w > width) {
      rows.push(row);
      row = [];
      x = 0;
    }
    row.push({ ...entry, x });
    x += w;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
