// First, so the mock backend's chunk starts loading before the rest of the app evaluates (the demo build only).
import '@/start-mock-backend';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadPage } from '@/app';
import { apiMode, setApiRole, worthRetrying } from '@/api/http';
import { prefetchStartUp } from '@/api/start-up';
import { loadLanguage, setupI18n } from '@/i18n/setup-i18n';
import { useRole } from '@/stores/role-store';
import { syncSelectionWithHistory, useSelection } from '@/stores/selection-store';
import './styles.css';

/** Composition root: URL sync, the demo's role, the query client, i18n, then the app. */
syncSelectionWithHistory();
// The demo's first requests already carry the remembered role (the app keeps it in step afterwards).
if (apiMode() === 'demo') setApiRole(useRole.getState().role);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (failures, error) => failures < 1 && worthRetrying(error), retryDelay: 300, refetchOnWindowFocus: false, staleTime: 60_000 },
  },
});
// The first page's requests go out now, together, while the language and the page's chunk load.
prefetchStartUp(queryClient, useSelection.getState());

// Chinese comes with the page; an English reader's messages are a chunk of their own, and the page waits
// for them rather than showing Chinese (or keys) first. If they cannot be loaded, the page starts in Chinese.
// The addressed page's code (when it loads on demand) is waited for too, so its first render does not suspend
// (`lazyPage`): it loads alongside the requests above.
const { lang, page } = useSelection.getState();
void Promise.all([
  loadLanguage(lang).then(
    () => lang,
    () => 'zh-CN' as const,
  ),
  preloadPage(page),
])
  .then(([start]) => {
    setupI18n(start);
    document.documentElement.lang = start;
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </StrictMode>,
    );
  });
