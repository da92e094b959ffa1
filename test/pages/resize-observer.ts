import { beforeAll } from 'vitest';

/**
 * For page tests that draw charts: Recharts sizes responsive charts with ResizeObserver, which jsdom lacks,
 * so the test file gets one that observes nothing (before its tests, once).
 */
export function stubResizeObserver(): void {
  beforeAll(() => {
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
  });
}
