import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A page component loaded on demand that can also be loaded ahead of its first render (`preload`). */
export type LazyPage = LazyExoticComponent<ComponentType> & { preload: () => Promise<void> };

/**
 * `React.lazy` for a page, with `preload()`: once the page's module has loaded (ahead of time, or on an
 * earlier visit), the next first render takes it at once instead of suspending. A lazy component whose
 * module arrives during the render still suspends for a turn, and React then holds the Suspense fallback
 * for up to 300 ms before showing the content (its fallback throttle, so content does not flash): measured
 * here as 250 ms of an idle page between a page's data arriving and the page appearing. `lazy` accepts any
 * thenable, and one that calls back at once resolves the component before React checks it.
 */
export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loaded: { default: ComponentType } | undefined;
  let loading: Promise<{ default: ComponentType }> | undefined;
  const start = () =>
    (loading ??= load().then(
      (component) => (loaded = { default: component }),
      (error: unknown) => {
        loading = undefined; // the next attempt (a retry, a later visit) asks again
        throw error;
      },
    ));
  const page = lazy(() => (loaded ? ({ then: (resolve: (module: { default: ComponentType }) => void) => resolve(loaded!) } as unknown as Promise<{ default: ComponentType }>) : start()));
  return Object.assign(page, { preload: () => start().then(() => undefined) });
}
