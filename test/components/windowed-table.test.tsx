import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { WINDOW_FROM, WindowedTable } from '@/components/windowed-table';

/**
 * jsdom has no layout: the scroll box is given a 600 px client height (what the virtualizer reads; as the TanStack Virtual docs suggest for
 * tests) so the virtualizer has a window to fill; rows keep their estimated height.
 */
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1024);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const ROW_HEIGHT = 30;

function Table({ rows }: { rows: number }) {
  return (
    <WindowedTable
      className="scroll"
      tableClassName="table"
      caption="Townships"
      head={
        <>
          <th scope="col">Name</th>
          <th scope="col">A</th>
          <th scope="col">B</th>
        </>
      }
      rowCount={rows}
      colCount={3}
      estimateRowHeight={ROW_HEIGHT}
      row={(index, props) => (
        <tr key={index} {...props}>
          <th scope="row">Township {index + 1}</th>
          <td>a{index + 1}</td>
          <td>b{index + 1}</td>
        </tr>
      )}
    />
  );
}

const bodyRows = () => within(screen.getByRole('table', { name: 'Townships' })).getAllByRole('row').filter((tr) => tr.closest('tbody'));

test('below the threshold every row is rendered, numbered from 2 (the header is row 1)', () => {
  render(<Table rows={WINDOW_FROM - 1} />);
  const table = screen.getByRole('table', { name: 'Townships' });
  expect(table).toHaveAttribute('aria-rowcount', String(WINDOW_FROM));
  expect(table).toHaveAttribute('aria-colcount', '3');
  const rows = bodyRows();
  expect(rows).toHaveLength(WINDOW_FROM - 1);
  expect(rows.map((tr) => tr.getAttribute('aria-rowindex'))).toEqual(Array.from({ length: WINDOW_FROM - 1 }, (_, i) => String(i + 2)));
  expect(table.closest('[data-windowed]')).toBeNull();
});

test('at 2,000 rows only a window is rendered, while the table announces all 2,001 rows', () => {
  render(<Table rows={2000} />);
  const table = screen.getByRole('table', { name: 'Townships' });
  expect(table).toHaveAttribute('aria-rowcount', '2001');
  expect(table.closest('[data-windowed]')).not.toBeNull();
  const rows = bodyRows();
  // 600 px of 30 px rows plus the overscan: a few dozen rows, not 2,000.
  expect(rows.length).toBeGreaterThanOrEqual(600 / ROW_HEIGHT);
  expect(rows.length).toBeLessThan(60);
  // Each rendered row carries its place in the whole table: the first township is row 2.
  rows.forEach((tr, i) => {
    expect(tr).toHaveAttribute('aria-rowindex', String(i + 2));
    expect(within(tr).getByRole('rowheader')).toHaveTextContent(`Township ${i + 1}`);
  });
  expect(screen.queryByText('Township 2000')).toBeNull();
});

test('an arrow key moves focus to the next cell, down and across', () => {
  render(<Table rows={2000} />);
  const first = screen.getByRole('rowheader', { name: 'Township 1' });
  first.tabIndex = -1;
  act(() => first.focus());
  fireEvent.keyDown(first, { key: 'ArrowDown' });
  expect(document.activeElement).toHaveTextContent('Township 2');
  fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
  expect(document.activeElement).toHaveTextContent('a2');
  fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
  expect(document.activeElement).toHaveTextContent('a1');
  fireEvent.keyDown(document.activeElement!, { key: 'Home' });
  expect(document.activeElement).toHaveTextContent('Township 1');
});

test('Ctrl+End scrolls the last row in and focuses its last cell', async () => {
  // jsdom does not scroll: scrolling sets the offset and fires the event a browser would.
  const scrollTo = vi.fn(function (this: HTMLElement, options?: ScrollToOptions | number) {
    if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
    this.dispatchEvent(new Event('scroll'));
  });
  Object.defineProperty(HTMLElement.prototype, 'scrollTo', { configurable: true, writable: true, value: scrollTo });
  try {
    render(<Table rows={2000} />);
    const first = screen.getByRole('rowheader', { name: 'Township 1' });
    first.tabIndex = -1;
    act(() => first.focus());
    fireEvent.keyDown(first, { key: 'End', ctrlKey: true });
    const last = await screen.findByText('b2000');
    await vi.waitFor(() => expect(document.activeElement).toBe(last));
    expect(last.closest('tr')).toHaveAttribute('aria-rowindex', '2001');
  } finally {
    delete (HTMLElement.prototype as { scrollTo?: unknown }).scrollTo;
  }
});

test('a beforeprint event renders every row, and afterprint windows them again', () => {
  render(<Table rows={2000} />);
  expect(bodyRows().length).toBeLessThan(60);
  act(() => {
    window.dispatchEvent(new Event('beforeprint'));
  });
  const rows = bodyRows();
  expect(rows).toHaveLength(2000);
  expect(rows.at(-1)).toHaveAttribute('aria-rowindex', '2001');
  expect(screen.getByText('Township 2000')).toBeInTheDocument();
  act(() => {
    window.dispatchEvent(new Event('afterprint'));
  });
  expect(bodyRows().length).toBeLessThan(60);
});
