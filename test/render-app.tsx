import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { App } from '@/app';
import { setupI18n } from '@/i18n/setup-i18n';
import { selectionFromSearch, useSelection } from '@/stores/selection-store';

/** Renders the whole app as `main.tsx` does, with the URL's query string as the starting selection. */
export function renderApp(search = '', path = '/') {
  window.history.replaceState(null, '', `${path}${search}`);
  const selection = selectionFromSearch(search, null, path);
  useSelection.setState({ targetSet: undefined, region: undefined, year: undefined, ...selection });
  setupI18n(selection.lang);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}
