import { act, render, screen } from '@testing-library/react';
import { Suspense, type ComponentType } from 'react';
import { expect, test } from 'vitest';
import { lazyPage } from '@/components/lazy-page';

const Page = () => <p>the page</p>;

/** A lazy page rendered under a Suspense boundary whose fallback says "loading". */
function show(Lazy: ComponentType) {
  render(
    <Suspense fallback={<p>loading</p>}>
      <Lazy />
    </Suspense>,
  );
}

test('a page loaded ahead of its first render renders at once, without its fallback', async () => {
  const page = lazyPage(() => Promise.resolve(Page));
  await page.preload();
  show(page);
  // Synchronously, in the first commit: no fallback was ever shown.
  expect(screen.getByText('the page')).toBeInTheDocument();
  expect(screen.queryByText('loading')).toBeNull();
});

test('a page not loaded yet suspends, shows its fallback, then the page', async () => {
  show(lazyPage(() => Promise.resolve(Page)));
  expect(screen.getByText('loading')).toBeInTheDocument();
  expect(await screen.findByText('the page', {}, { timeout: 5_000 })).toBeInTheDocument();
});

test('a load that fails is tried again on the next preload', async () => {
  let attempts = 0;
  const page = lazyPage(() => (++attempts === 1 ? Promise.reject(new Error('chunk missing')) : Promise.resolve(Page)));
  await expect(page.preload()).rejects.toThrow('chunk missing');
  await act(() => page.preload());
  expect(attempts).toBe(2);
});
