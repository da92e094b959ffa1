import { saveTextFile } from './download-button';

/**
 * Saves the first SVG inside `container` as a PNG at twice its size (sharp on
 * slides): the SVG is serialised with its computed text colours and drawn on a
 * canvas. Falls back to saving the SVG itself where a canvas cannot be read.
 */
export async function saveChartPng(container: HTMLElement, fileName: string, title = ''): Promise<void> {
  // The chart is the largest SVG: legend icons are small SVGs of their own.
  const area = (el: Element) => el.getBoundingClientRect().width * el.getBoundingClientRect().height;
  const svg = [...container.querySelectorAll('svg')].sort((a, b) => area(b) - area(a))[0];
  if (!svg) return;
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = `text { font-family: ${getComputedStyle(document.body).fontFamily}; }`;
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
    // Recharts draws its legend in HTML, outside the SVG: copy the title and legend entries in as text.
    const legend = [...container.querySelectorAll('.recharts-legend-item')].map((item) => ({
      label: item.textContent ?? '',
      color: item.querySelector('path, line')?.getAttribute('stroke') ?? item.querySelector('path')?.getAttribute('fill') ?? '#24292f',
    }));
    const font = getComputedStyle(document.body).fontFamily;
    const top = title ? 32 : 0;
    const bottom = legend.length > 0 ? 28 : 0;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * 2);
    canvas.height = Math.round((height + top + bottom) * 2);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.scale(2, 2);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height + top + bottom);
    context.textBaseline = 'middle';
    if (title) {
      context.fillStyle = '#1f2328';
      context.font = `600 16px ${font}`;
      context.fillText(title, 12, top / 2);
    }
    context.drawImage(image, 0, top, width, height);
    context.font = `13px ${font}`;
    let x = 12;
    for (const entry of legend) {
      context.fillStyle = entry.color;
      context.fillRect(x, height + top + bottom / 2 - 2, 14, 4);
      context.fillStyle = '#1f2328';
      context.fillText(entry.label, x + 18, height + top + bottom / 2);
      x += 30 + context.measureText(entry.label).width;
    }
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('no PNG');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${fileName}.png`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  } catch {
    saveTextFile(`${fileName}.svg`, markup, 'image/svg+xml');
  } finally {
    URL.revokeObjectURL(url);
  }
}
