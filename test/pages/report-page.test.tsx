import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';
import { stubResizeObserver } from './resize-observer';

setupMockApi();

stubResizeObserver();

/** The report's page margin rules (a <style> in the report, since their texts are messages). */
function pageMarginCss(container: HTMLElement): string {
  return [...container.querySelectorAll('.report style')].map((style) => style.textContent).join('\n');
}

test('a target without figures says so in a sentence, with no empty table and no projection from 0 points', async () => {
  renderApp('', '/report');
  const section = await screen.findByRole('region', { name: '汝州职业技术学院全日制在校生' }, { timeout: 15_000 });
  expect(within(section).getByText('截至2020年，汝州市没有这项指标的数据。')).toBeInTheDocument();
  expect(within(section).queryByRole('table')).toBeNull();
  expect(section).not.toHaveTextContent(/只有 0 个数据点/);
  // A target with figures keeps its chart and its table.
  const withFigures = screen.getByRole('region', { name: '学前三年毛入园率' });
  expect(within(withFigures).getByRole('table', { name: /历年数值/ })).toBeInTheDocument();
});

test('synthetic figures: the cover says so, and every printed page carries the notice, the title and a numbered page', async () => {
  const { container } = renderApp('', '/report');
  await screen.findByRole('table', { name: '全部目标一览' }, { timeout: 15_000 });
  expect(screen.getAllByRole('note').some((note) => note.textContent === '本报告中汝州市及其下辖地区的数字为模拟演示数据。')).toBe(true);
  const css = pageMarginCss(container);
  expect(css).toContain('@top-right { content: "模拟演示数据，并非统计数字"; }');
  expect(css).toContain('@top-left { content: "汝州市2020年教育发展目标 · 汝州市 · 截至2020年"; }');
  expect(css).toContain('@bottom-right { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; }');
});

test('in English the page number reads "Page n of m", and every margin text is a well-formed CSS string', async () => {
  const { container } = renderApp('?lang=en', '/report');
  await screen.findByRole('table', { name: 'All targets' }, { timeout: 15_000 });
  const css = pageMarginCss(container);
  expect(css).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages); }');
  // Every content value is a run of well-formed strings and counters.
  for (const [, value] of css.matchAll(/content: ([^;]*);/g)) expect(value).toMatch(/^("([^"\\]|\\[0-9a-f]+ )*"|counter\(pages?\)| )+$/);
});
