import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { useLasting } from '@/pages/use-lasting';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test('a state is shown only once it has lasted the delay, and not after it ends', () => {
  const hook = renderHook(({ active }) => useLasting(active, 100), { initialProps: { active: false } });
  expect(hook.result.current).toBe(false);
  hook.rerender({ active: true });
  expect(hook.result.current).toBe(false);
  act(() => vi.advanceTimersByTime(99));
  expect(hook.result.current).toBe(false);
  act(() => vi.advanceTimersByTime(1));
  expect(hook.result.current).toBe(true);
  // Ended: hidden at once, in the same render.
  hook.rerender({ active: false });
  expect(hook.result.current).toBe(false);
});

test('a state that ends before the delay is never shown, and a new one waits the whole delay again', () => {
  const hook = renderHook(({ active }) => useLasting(active, 100), { initialProps: { active: true } });
  act(() => vi.advanceTimersByTime(60));
  hook.rerender({ active: false });
  act(() => vi.advanceTimersByTime(100));
  expect(hook.result.current).toBe(false);
  hook.rerender({ active: true });
  act(() => vi.advanceTimersByTime(60));
  expect(hook.result.current).toBe(false);
  act(() => vi.advanceTimersByTime(40));
  expect(hook.result.current).toBe(true);
});
