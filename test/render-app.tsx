import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { App } from '@/app';
import { setupI18n } from '@/i18n/setup-i18n';
import { linkProblemsOf, selectionFromSearch, useSelection } from '@/stores/selection-store';
// The app loads these pages lazily. Loading them with the test file, before any test starts, means
// a test waits for React to render, not for a module graph (Recharts among it) to load on a busy machine.
import '@/pages/data-page';
import '@/pages/import-page';
import '@/pages/present-page';
import '@/pages/report-page';
import '@/pages/scorecard-page';
import '@/pages/target-page';

/** Renders the whole app as `main.tsx` does, with the URL's query string as the starting selection. */
export function renderApp(search = '', path = '/') {
  window.history.replaceState(null, '', `${path}${search}`);
  const selection = selectionFromSearch(search, null, path);
  useSelection.setState({ targetSet: undefined, region: undefined, year: undefined, by: undefined, within: undefined, q: undefined, status: undefined, screen: undefined, auto: undefined, ...selection, problems: linkProblemsOf(search, path) });
  setupI18n(selection.lang);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}
