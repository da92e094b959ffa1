import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app';
import { apiBaseUrl } from '@/api/http';
import { setupI18n } from '@/i18n/setup-i18n';
import { syncSelectionWithHistory, useSelection } from '@/stores/selection-store';
import './styles.css';

/**
 * Composition root. In mock mode (the default; `VITE_API_MODE=real` turns it
 * off) the in-browser backend starts first — loaded lazily, so a build against
 * a real server does not carry it — then the app renders.
 */
async function start() {
  const i18n = setupI18n(useSelection.getState().lang);
  syncSelectionWithHistory();
  const root = createRoot(document.getElementById('root')!);
  if (import.meta.env.VITE_API_MODE !== 'real') {
    try {
      const { startMockBackend } = await import('@/mocks/browser');
      await startMockBackend(apiBaseUrl());
    } catch (error) {
      root.render(
        <p role="alert" className="error-state">
          {i18n.t('errors.startFailed', { message: error instanceof Error ? error.message : String(error) })}
        </p>,
      );
      return;
    }
  }
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: 1, retryDelay: 300, refetchOnWindowFocus: false, staleTime: 60_000 } },
  });
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();
