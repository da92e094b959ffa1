import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { metaQueries } from '@/api/meta';
import type { Role } from '@/domain/contract/api-contract';
import { DashboardPage } from '@/pages/dashboard-page';
import { CardSkeletons } from '@/components/card-skeleton';
import { ErrorBoundary } from '@/components/error-boundary';
import { ErrorState } from '@/components/error-state';
import { useRole } from '@/stores/role-store';
import { pathFor, useSelection, type Page } from '@/stores/selection-store';

// Analysts' pages load on demand: officials opening the dashboard do not download the import code.
const ImportPage = lazy(() => import('@/pages/import-page').then((m) => ({ default: m.ImportPage })));
const DataPage = lazy(() => import('@/pages/data-page').then((m) => ({ default: m.DataPage })));
// The detail, scorecard and report pages carry the charting library: loaded when first opened.
const TargetPage = lazy(() => import('@/pages/target-page').then((m) => ({ default: m.TargetPage })));
const ScorecardPage = lazy(() => import('@/pages/scorecard-page').then((m) => ({ default: m.ScorecardPage })));
const ReportPage = lazy(() => import('@/pages/report-page').then((m) => ({ default: m.ReportPage })));

type NavPage = Exclude<Page, 'target'>;
const PAGES: { page: NavPage; label: `nav.${NavPage}`; analystOnly: boolean }[] = [
  { page: 'dashboard', label: 'nav.dashboard', analystOnly: false },
  { page: 'scorecard', label: 'nav.scorecard', analystOnly: false },
  { page: 'report', label: 'nav.report', analystOnly: false },
  { page: 'import', label: 'nav.import', analystOnly: true },
  { page: 'data', label: 'nav.data', analystOnly: true },
];

const PAGE_COMPONENTS: Record<Page, () => ReactNode> = {
  dashboard: () => <DashboardPage />,
  import: () => <ImportPage />,
  data: () => <DataPage />,
  target: () => <TargetPage />,
  scorecard: () => <ScorecardPage />,
  report: () => <ReportPage />,
};

/** The page frame: skip link, header with navigation, demo role and language, the demo-data notice, then the page. */
export function App() {
  const { t, i18n } = useTranslation();
  const lang = useSelection((s) => s.lang);
  const page = useSelection((s) => s.page);
  const select = useSelection((s) => s.select);
  const go = useSelection((s) => s.go);
  const role = useRole((s) => s.role);
  const setRole = useRole((s) => s.setRole);
  const meta = useQuery(metaQueries.detail());
  const roleId = useId();

  useEffect(() => {
    void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [i18n, lang]);

  const visible = PAGES.filter((p) => !p.analystOnly || role === 'analyst');
  const navigate = (event: MouseEvent<HTMLAnchorElement>, target: Page) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    go(target);
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <h1 className="app-header__title">
            {t('app.title')}
            {meta.data?.demo && <span className="demo-badge">{t('app.demoBadge')}</span>}
          </h1>
          <div className="app-header__tools">
            <label htmlFor={roleId} className="app-header__label">
              {t('roles.label')}
            </label>
            <select id={roleId} className="app-header__select" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              <option value="viewer">{t('roles.viewer')}</option>
              <option value="analyst">{t('roles.analyst')}</option>
            </select>
            <button
              type="button"
              className="button button--ghost"
              lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
              aria-label={t('app.switchLanguageLabel')}
              onClick={() => select({ lang: lang === 'zh-CN' ? 'en' : 'zh-CN' })}
            >
              {t('app.switchLanguage')}
            </button>
          </div>
        </div>
        <nav className="app-nav" aria-label={t('nav.label')}>
          <ul>
            {visible.map((p) => (
              <li key={p.page}>
                <a
                  href={`${pathFor(p.page)}${window.location.search}`}
                  aria-current={page === p.page ? 'page' : undefined}
                  onClick={(e) => navigate(e, p.page)}
                >
                  {t(p.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {meta.data?.demo && (
          <p className="demo-banner" role="note">
            {t('app.demoBanner')}
          </p>
        )}
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <ErrorBoundary
          key={page}
          fallback={(error) => <ErrorState message={t('errors.pageFailed', { message: error.message })} onRetry={() => window.location.reload()} />}
        >
          <Suspense fallback={<CardSkeletons count={2} />}>{PAGE_COMPONENTS[page]()}</Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
}
