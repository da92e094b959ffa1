import { useLayoutEffect } from 'react';

/** Whether this browser can apply a style sheet made in script (`document.adoptedStyleSheets`). */
const canAdopt = () => typeof document !== 'undefined' && 'adoptedStyleSheets' in document && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype;

/**
 * Rules for the printed page (`@page`: its size, its margin boxes' words) that hold while a page is shown and
 * go with it. Applied as a constructed style sheet (`document.adoptedStyleSheets`), which a Content-Security-Policy
 * without 'unsafe-inline' allows: the server sends `style-src 'self'`, which blocks a `<style>` element — a report
 * printed from the server had no page numbers and no demo notice on its pages, and the scorecard printed upright.
 * A browser without constructed sheets (and jsdom) gets a `<style>` element, as before.
 */
export function PageStyle({ css }: { css: string }) {
  const adopt = canAdopt();
  useLayoutEffect(() => {
    if (!adopt) return undefined;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [css, adopt]);
  return adopt ? null : <style>{css}</style>;
}
