import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { DataTable, type Column } from '@/components/data-table';

/** jsdom has no layout: a 600 px scroll box gives the virtualizer a window to fill (as in windowed-table.test.tsx). */
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1024);
});
afterEach(() => {
  vi.restoreAllMocks();
});

type Row = { name: string; value: number };
const ROWS: Row[] = Array.from({ length: 2000 }, (_, i) => ({ name: `Township ${String(i + 1).padStart(4, '0')}`, value: (i * 7919) % 2000 }));
const COLUMNS: Column<Row>[] = [
  { key: 'name', header: 'Name', value: (r) => r.name },
  { key: 'value', header: 'Value', value: (r) => r.value, numeric: true },
];

const table = () => screen.getByRole('table', { name: 'Townships' });
const bodyRows = () => within(table()).getAllByRole('row').filter((tr) => tr.closest('tbody') && !tr.hasAttribute('aria-hidden'));

test('a windowed data table renders a window of its 2,000 rows, announces them all and sorts the whole list', () => {
  render(<DataTable caption="Townships" columns={COLUMNS} rows={ROWS} rowKey={(r) => r.name} windowed={{ estimateRowHeight: 30 }} />);
  expect(table()).toHaveAttribute('aria-rowcount', '2001');
  expect(table()).toHaveAttribute('aria-colcount', '2');
  expect(bodyRows().length).toBeLessThan(60);
  expect(within(bodyRows()[0]!).getByRole('rowheader')).toHaveTextContent('Township 0001');

  // Sorting by value, descending: the largest of all 2,000 values comes first, not the largest of the window.
  const header = within(table()).getByRole('button', { name: /Value/ });
  fireEvent.click(header);
  fireEvent.click(header);
  expect(within(table()).getAllByRole('columnheader')[1]).toHaveAttribute('aria-sort', 'descending');
  const largest = ROWS.reduce((a, b) => (b.value > a.value ? b : a));
  expect(within(bodyRows()[0]!).getByRole('rowheader')).toHaveTextContent(largest.name);
});

test('the arrow keys move between its cells, and printing renders every row', () => {
  render(<DataTable caption="Townships" columns={COLUMNS} rows={ROWS} rowKey={(r) => r.name} windowed={{ estimateRowHeight: 30 }} />);
  const first = within(bodyRows()[0]!).getByRole('rowheader');
  first.tabIndex = -1;
  act(() => first.focus());
  fireEvent.keyDown(first, { key: 'ArrowDown' });
  expect(document.activeElement).toHaveTextContent('Township 0002');
  fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
  fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
  // Up from the first row reaches the header's sort button.
  expect(document.activeElement).toHaveTextContent('Name');
  act(() => {
    window.dispatchEvent(new Event('beforeprint'));
  });
  expect(bodyRows()).toHaveLength(2000);
  act(() => {
    window.dispatchEvent(new Event('afterprint'));
  });
});

test('without `windowed` a data table stays a plain table with its caption shown', () => {
  render(<DataTable caption="Townships" columns={COLUMNS} rows={ROWS.slice(0, 5)} rowKey={(r) => r.name} />);
  expect(table()).not.toHaveAttribute('aria-rowcount');
  expect(table().querySelector('caption')).not.toHaveClass('visually-hidden');
  expect(bodyRows()).toHaveLength(5);
});
