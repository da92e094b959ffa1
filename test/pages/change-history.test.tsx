import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';
import { stubResizeObserver } from './resize-observer';

setupMockApi();
stubResizeObserver();

test('a city card says how its figure changed on last year, coloured by whether that is better', async () => {
  renderApp();
  const cap = await screen.findByRole('article', { name: '高中56人以上大班额比例' }, { timeout: 10000 });
  // A cap coming down is better: ▼ and green.
  const capChange = within(cap).getByText(/^比上年降低 \d+\.\d 个百分点（向好）$/);
  expect(capChange.closest('.change')).toHaveClass('change--better');
  const floor = screen.getByRole('article', { name: '学前三年毛入园率' });
  expect(within(floor).getByText(/^比上年提高 \d+\.\d 个百分点（向好）$/)).toBeInTheDocument();
  // The teacher counts have no 2019 figure: no arrow (a gap, not a change from 0).
  expect(within(screen.getByRole('article', { name: '省级名师人数' })).queryByText(/比上年/)).toBeNull();
});

test('in English the card reads "Up … pp on last year"', async () => {
  renderApp('?lang=en');
  const cards = await screen.findAllByRole('article', {}, { timeout: 10000 });
  expect(cards.filter((card) => /Up \d+\.\d pp on last year \(better\)/.test(card.textContent)).length).toBeGreaterThan(0);
  expect(cards.filter((card) => /Down \d+\.\d pp on last year \(better\)/.test(card.textContent)).length).toBeGreaterThan(0);
});

test('the target page shows the status each as-of year would have had, and why it changed', async () => {
  renderApp('', '/targets/inclusive-kindergarten-2020');
  const section = (await screen.findByRole('heading', { name: '历年状态' }, { timeout: 10000 })).closest('section')!;
  const items = within(section).getAllByRole('listitem');
  expect(items.map((li) => li.querySelector('.badge')!.textContent)).toEqual(['?进度无法判断', '↗进展顺利', '↗进展顺利', '!有风险', '✕未达成']);
  expect(items[4]).toHaveTextContent('由“有风险”变为“未达成”');
  expect(items[4]).toHaveTextContent('到了期限年份2020');
  expect(items[4]).toHaveAttribute('aria-current', 'true');
});
