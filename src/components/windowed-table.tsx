import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { flushSync } from 'react-dom';

/**
 * From this many body rows on, a table renders only the rows in (and near) its scroll box. Below it every
 * row is in the DOM, as a plain table: a city's 21 townships look and behave exactly as they always did.
 */
export const WINDOW_FROM = 120;
/** Rows rendered beyond each edge of the scroll box: Tab and the arrow keys always find the next row there. */
const OVERSCAN = 8;

/** What a rendered body row spreads onto its `<tr>`: its place in the whole table and, when windowed, its measuring ref. */
export type RowProps = { 'aria-rowindex': number; 'data-index': number; ref?: Ref<HTMLTableRowElement> };

type Props = {
  /** The scroll box's class (it scrolls both ways; the header sticks to its top). */
  className: string;
  tableClassName: string;
  caption: ReactNode;
  /** The header row's cells (`<th scope="col">`…), `colCount` of them. */
  head: ReactNode;
  /** Body rows in the shown order; the header row is row 1 of `aria-rowcount`. */
  rowCount: number;
  colCount: number;
  /** One body row: a `<tr>` with `props` spread on it (and a key). */
  row: (index: number, props: RowProps) => ReactNode;
  /** A first guess of a row's height in px; rows are measured as they render. */
  estimateRowHeight: number;
  /** Windowing threshold (tests lower it); `WINDOW_FROM` by default. */
  windowFrom?: number;
  /** Shown but not usable (no focus, no clicks, hidden from assistive technology): content being replaced. */
  inert?: boolean;
};

/**
 * A table that keeps its structure at any size: a real `<table>` with `aria-rowcount`/`aria-colcount` and
 * `aria-rowindex` on every rendered row, so a screen reader announces "row 1,204 of 2,001"; a sticky header;
 * the arrow keys (and Home/End, Page Up/Down, Ctrl+Home/End) move between cells, scrolling rows in as
 * needed; Tab goes through the links and buttons as in any table. Past `windowFrom` rows only the rows near
 * the scroll box are rendered (TanStack Virtual, with spacer rows above and below). Printing renders every
 * row: `beforeprint` (and a print media query, for print emulation and PDF) switches to the full list.
 */
export function WindowedTable({ className, tableClassName, caption, head, rowCount, colCount, row, estimateRowHeight, windowFrom = WINDOW_FROM, inert }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const printing = usePrinting();
  const windowed = rowCount >= windowFrom && !printing;
  // The row holding focus stays rendered when it scrolls out of view, so focus is never lost to an unmount.
  const focusedRow = useRef<number | undefined>(undefined);
  // TanStack Virtual returns functions the React Compiler cannot memoise; this component is not compiled, so nothing is lost.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: windowed ? rowCount : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateRowHeight,
    overscan: OVERSCAN,
    // jsdom and a detached node measure 0: keep the guess rather than collapse the row. (Measuring from the
    // ResizeObserver's entry instead, after the browser's own layout, was tried: the rows appeared sooner to a
    // check of the DOM, but a row whose height differs from the guess then costs a second render and layout,
    // and a year change at 2,000 sub-units, which reorders the rows, measured 30–45 ms slower.)
    measureElement: (element) => element.getBoundingClientRect().height || estimateRowHeight,
    rangeExtractor: (range) => {
      const indexes: number[] = [];
      for (let i = Math.max(0, range.startIndex - range.overscan); i <= Math.min(range.count - 1, range.endIndex + range.overscan); i++) indexes.push(i);
      const focused = focusedRow.current;
      if (focused !== undefined && focused < range.count && !indexes.includes(focused)) indexes.push(focused);
      return indexes.sort((a, b) => a - b);
    },
    initialRect: { width: 1024, height: 600 },
  });

  // A cell asked for by the keyboard that is not rendered yet: focused once its row is.
  const pending = useRef<{ row: number; col: number } | undefined>(undefined);
  const focusCell = useCallback((rowIndex: number, col: number): boolean => {
    const tr = tableRef.current?.querySelector<HTMLTableRowElement>(`tr[aria-rowindex="${rowIndex + 1}"]`);
    const cell = tr?.cells[col];
    if (!cell) return false;
    const focusable = cell.querySelector<HTMLElement>('a[href], button:not([disabled]), input, select, [tabindex]') ?? cell;
    if (focusable === cell && !cell.hasAttribute('tabindex')) cell.tabIndex = -1;
    focusable.focus();
    return true;
  }, []);
  useLayoutEffect(() => {
    const want = pending.current;
    if (want && focusCell(want.row, want.col)) pending.current = undefined;
  });

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.altKey || event.metaKey) return;
    const cell = (event.target as HTMLElement).closest('td, th');
    const tr = cell?.parentElement as HTMLTableRowElement | null;
    if (!cell || !tr?.hasAttribute('aria-rowindex')) return;
    const here = Number(tr.getAttribute('aria-rowindex')) - 1; // 0 = the header row
    const col = (cell as HTMLTableCellElement).cellIndex;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / estimateRowHeight) - 1);
    const last = rowCount; // the header row plus rowCount body rows
    const target = ((): { row: number; col: number } | undefined => {
      switch (event.key) {
        case 'ArrowDown': return { row: Math.min(last, here + 1), col };
        case 'ArrowUp': return { row: Math.max(0, here - 1), col };
        case 'ArrowRight': return { row: here, col: Math.min(colCount - 1, col + 1) };
        case 'ArrowLeft': return { row: here, col: Math.max(0, col - 1) };
        case 'PageDown': return { row: Math.min(last, here + page), col };
        case 'PageUp': return { row: Math.max(0, here - page), col };
        case 'Home': return event.ctrlKey ? { row: 0, col: 0 } : { row: here, col: 0 };
        case 'End': return event.ctrlKey ? { row: last, col: colCount - 1 } : { row: here, col: colCount - 1 };
        default: return undefined;
      }
    })();
    if (!target) return;
    event.preventDefault();
    if (target.row === here && target.col === col) return;
    if (target.row > 0) focusedRow.current = target.row - 1;
    if (focusCell(target.row, target.col)) return;
    pending.current = target;
    if (windowed && target.row > 0) virtualizer.scrollToIndex(target.row - 1, { align: 'auto' });
  };

  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    const tr = (event.target as HTMLElement).closest('tr');
    const index = Number(tr?.getAttribute('aria-rowindex'));
    focusedRow.current = index > 1 ? index - 2 : undefined;
  };

  const items = windowed ? virtualizer.getVirtualItems() : [];
  const before = windowed ? (items[0]?.start ?? 0) : 0;
  const after = windowed ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const indexes = windowed ? items.map((item) => item.index) : Array.from({ length: rowCount }, (_, i) => i);

  return (
    <div className={className} ref={scrollRef} data-windowed={windowed || undefined} inert={inert}>
      <table ref={tableRef} className={tableClassName} aria-rowcount={rowCount + 1} aria-colcount={colCount} onKeyDown={onKeyDown} onFocus={onFocus}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr aria-rowindex={1}>{head}</tr>
        </thead>
        <tbody>
          {before > 0 && <Spacer height={before} colCount={colCount} />}
          {indexes.map((index) =>
            row(index, { 'aria-rowindex': index + 2, 'data-index': index, ...(windowed ? { ref: virtualizer.measureElement } : {}) }),
          )}
          {after > 0 && <Spacer height={after} colCount={colCount} />}
        </tbody>
      </table>
    </div>
  );
}

/** The height of the rows not rendered: keeps the scrollbar true to the whole table. Hidden from assistive technology. */
function Spacer({ height, colCount }: { height: number; colCount: number }) {
  return (
    <tr aria-hidden="true" className="table-window__spacer">
      <td colSpan={colCount} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}

/**
 * True while the page is being printed (or emulates print media). The switch is committed synchronously
 * in `beforeprint`, so the print layout already has every row.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => typeof window !== 'undefined' && window.matchMedia?.('print').matches === true);
  useEffect(() => {
    const on = () => flushSync(() => setPrinting(true));
    const off = () => setPrinting(window.matchMedia?.('print').matches === true);
    const media = window.matchMedia?.('print');
    const change = (event: MediaQueryListEvent) => (event.matches ? on() : off());
    window.addEventListener('beforeprint', on);
    window.addEventListener('afterprint', off);
    media?.addEventListener?.('change', change);
    return () => {
      window.removeEventListener('beforeprint', on);
      window.removeEventListener('afterprint', off);
      media?.removeEventListener?.('change', change);
    };
  }, []);
  return printing;
}
