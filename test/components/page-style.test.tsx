import { render } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { PageStyle } from '@/components/page-style';

/**
 * The printed page's rules go in a constructed style sheet where the browser has them (a Content-Security-Policy
 * with `style-src 'self'`, the server's, blocks a `<style>` element), for as long as the page is shown; jsdom has
 * none, so a `<style>` element stands in.
 */
afterEach(() => {
  Reflect.deleteProperty(document, 'adoptedStyleSheets');
  vi.unstubAllGlobals();
});

test('with constructed style sheets: the rules are adopted while shown, no <style> element, and dropped after', () => {
  const made: { css: string }[] = [];
  vi.stubGlobal(
    'CSSStyleSheet',
    class {
      css = '';
      replaceSync(css: string) {
        this.css = css;
        made.push(this);
      }
    },
  );
  Object.defineProperty(document, 'adoptedStyleSheets', { value: [], writable: true, configurable: true });
  const { container, unmount } = render(<PageStyle css="@media print { @page { size: A4 landscape; } }" />);
  expect(container.querySelector('style')).toBeNull();
  expect(made.map((sheet) => sheet.css)).toEqual(['@media print { @page { size: A4 landscape; } }']);
  expect(document.adoptedStyleSheets).toEqual(made);
  unmount();
  expect(document.adoptedStyleSheets).toEqual([]);
});

test('without them: a <style> element holds the rules', () => {
  const { container } = render(<PageStyle css="@page { margin: 12mm; }" />);
  expect(container.querySelector('style')?.textContent).toBe('@page { margin: 12mm; }');
});
