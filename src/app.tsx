import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { metaQueries } from '@/api/meta';
import { DashboardPage } from '@/pages/dashboard-page';
import { useSelection } from '@/stores/selection-store';

/** The page frame: skip link, header with language switch and the demo-data notice, then the dashboard. */
export function App() {
  const { t, i18n } = useTranslation();
  const lang = useSelection((s) => s.lang);
  const select = useSelection((s) => s.select);
  const meta = useQuery(metaQueries.detail());

  useEffect(() => {
    void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [i18n, lang]);

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
        {meta.data?.demo && (
          <p className="demo-banner" role="note">
            {t('app.demoBanner')}
          </p>
        )}
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <DashboardPage />
      </main>
    </>
  );
}
