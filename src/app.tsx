import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useId, useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setApiRole } from '@/api/http';
import { metaQueries } from '@/api/meta';
import { targetSetQueries } from '@/api/target-sets';
import { useSession, useSessionGuard, useSignOut, type Session } from '@/api/session';
import { useStoreWatch } from '@/api/store-watch';
import type { Role } from '@/domain/contract/api-contract';
import { languageOf } from '@/domain/shared/locale';
import { DashboardPage } from '@/pages/dashboard-page';
import { SignInPage } from '@/pages/sign-in-page';
import { defaultSetId, errorMessage, RequestError } from '@/pages/target-set-gate';
import { CardSkeletons } from '@/components/card-skeleton';
import { ErrorBoundary } from '@/components/error-boundary';
import { ErrorState } from '@/components/error-state';
import { lazyPage, type LazyPage } from '@/components/lazy-page';
import { LinkNotice } from '@/components/link-notice';
import { loadLanguage, switchLanguage } from '@/i18n/setup-i18n';
import { useDemoHost } from '@/stores/demo-host-store';
import { useRole } from '@/stores/role-store';
import { pathFor, useSelection, type Page } from '@/stores/selection-store';

// Analysts' pages load on demand: officials opening the dashboard do not download the import code.
const ImportPage = lazyPage(() => import('@/pages/import-page').then((m) => m.ImportPage));
const DataPage = lazyPage(() => import('@/pages/data-page').then((m) => m.DataPage));
// The detail, scorecard and report pages carry the charting library: loaded when first opened.
const TargetPage = lazyPage(() => import('@/pages/target-page').then((m) => m.TargetPage));
const ScorecardPage = lazyPage(() => import('@/pages/scorecard-page').then((m) => m.ScorecardPage));
const ReportPage = lazyPage(() => import('@/pages/report-page').then((m) => m.ReportPage));
// Projector mode: for the meeting room, loaded when it is opened.
// Published snapshots: the list, publishing and the comparison.
const SnapshotsPage = lazyPage(() => import('@/pages/snapshots-page').then((m) => m.SnapshotsPage));
const PresentPage = lazyPage(() => import('@/pages/present-page').then((m) => m.PresentPage));

// The target-file editor carries CodeMirror: loaded only when its page is opened.
const TargetFilesPage = lazyPage(() => import('@/pages/target-files-page').then((m) => m.TargetFilesPage));

/** The pages loaded on demand, by name. */
const LAZY_PAGES: Partial<Record<Page, LazyPage>> = {
  import: ImportPage,
  data: DataPage,
  target: TargetPage,
  scorecard: ScorecardPage,
  report: ReportPage,
  present: PresentPage,
  files: TargetFilesPage,
  snapshots: SnapshotsPage,
};

/**
 * Loads a page's code ahead of its first render: the composition root waits for the addressed page's (alongside
 * its first requests, `prefetchStartUp`), and a navigation link starts its page's when pointed at or focused.
 * Resolves when loaded; never rejects (a page that cannot be loaded fails, and says so, when it renders).
 */
export function preloadPage(page: Page): Promise<void> {
  return LAZY_PAGES[page]?.preload().catch(() => undefined) ?? Promise.resolve();
}

type NavPage = Exclude<Page, 'target' | 'present'>;
const PAGES: { page: NavPage; label: `nav.${NavPage}`; analystOnly: boolean; editorsOnly?: true }[] = [
  { page: 'dashboard', label: 'nav.dashboard', analystOnly: false },
  { page: 'scorecard', label: 'nav.scorecard', analystOnly: false },
  { page: 'report', label: 'nav.report', analystOnly: false },
  { page: 'snapshots', label: 'nav.snapshots', analystOnly: false },
  { page: 'import', label: 'nav.import', analystOnly: true },
  { page: 'data', label: 'nav.data', analystOnly: true },
  { page: 'files', label: 'nav.files', analystOnly: true, editorsOnly: true },
];

const PAGE_COMPONENTS: Record<Page, () => ReactNode> = {
  dashboard: () => <DashboardPage />,
  import: () => <ImportPage />,
  data: () => <DataPage />,
  target: () => <TargetPage />,
  scorecard: () => <ScorecardPage />,
  report: () => <ReportPage />,
  present: () => <PresentPage />,
  files: () => <TargetFilesPage />,
  snapshots: () => <SnapshotsPage />,
};

/** The demo's role switch (viewer / analyst); it sets the `X-Demo-Role` header and `GET /session` follows it. */
function DemoRoleSwitch() {
  const { t } = useTranslation();
  const role = useRole((s) => s.role);
  const setRole = useRole((s) => s.setRole);
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="app-header__label">
        {t('roles.label')}
      </label>
      <select id={id} className="app-header__select" value={role} onChange={(e) => setRole(e.target.value as Role)}>
        <option value="viewer">{t('roles.viewer')}</option>
        <option value="analyst">{t('roles.analyst')}</option>
      </select>
    </>
  );
}

/** A real server's signed-in person: name, role (and region), and the sign-out button. */
function SignedInUser({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { t } = useTranslation();
  const { user } = session;
  const lang = useSelection((s) => s.lang);
  if (!user) return null;
  return (
    <>
      <p className="app-header__user" aria-label={t('session.user')}>
        {t('session.signedInAs', { name: user.name, role: t(`roles.${user.role}`) })}
        {user.region !== undefined && <span className="app-header__region">{t('session.region', { region: user.regionName?.[languageOf(lang)] ?? user.region })}</span>}
      </p>
      <button type="button" className="button button--ghost" onClick={onSignOut}>
        {t('session.signOut')}
      </button>
    </>
  );
}

/**
 * The page frame: skip link, header with navigation, the demo's role switch or
 * the signed-in user, language, the demo-data notice, then the page — or, on a
 * real server with nobody signed in, the sign-in page. When a session ends
 * underneath a page (any 401), the page stays mounted but hidden behind the
 * sign-in, so signing in again returns to it as it was.
 */
export function App() {
  const { t } = useTranslation();
  const lang = useSelection((s) => s.lang);
  const page = useSelection((s) => s.page);
  const select = useSelection((s) => s.select);
  const go = useSelection((s) => s.go);
  const problems = useSelection((s) => s.problems);
  const dismissProblems = useSelection((s) => s.dismissProblems);
  const role = useRole((s) => s.role);
  const session = useSession();
  useSessionGuard();
  const signOut = useSignOut();
  const demo = session.mode === 'demo';
  const signedIn = session.status === 'signed-in';
  // The demo's pages work whatever /session said; a server's need someone signed in.
  const open = demo || signedIn;
  const meta = useQuery({ ...metaQueries.detail(), enabled: open });
  // The demo notice is about the shown set's figures: only a set whose file asks for demo figures has any.
  const setList = useQuery({ ...targetSetQueries.list(), enabled: open });
  const selectedSet = useSelection((s) => s.targetSet);
  const summaries = setList.data?.targetSets ?? [];
  const shownSet = summaries.find((s) => s.id === selectedSet) ?? summaries.find((s) => s.id === defaultSetId(summaries));
  const shownSetIsDemo = shownSet === undefined || shownSet.demo === true;
  useStoreWatch(open);
  const demoStorage = useDemoHost((s) => s.storage);

  // Whose page is kept behind the sign-in after a 401; a different person signing in gets fresh pages.
  const [keptFor, setKeptFor] = useState<string | undefined>();
  const userName = session.user?.name;
  if (userName !== undefined && keptFor !== userName) setKeptFor(userName);

  useEffect(() => {
    if (demo) setApiRole(role);
  }, [demo, role]);

  // The words follow the address's language once its messages are loaded (back and forward change it too);
  // should they fail to load, the page keeps the language it has and the button can try again.
  useEffect(() => {
    switchLanguage(lang).catch(() => undefined);
  }, [lang]);

  const visible = open ? PAGES.filter((p) => (!p.analystOnly || session.canWrite) && (!p.editorsOnly || session.canEditTargets)) : [];
  const navigate = (event: MouseEvent<HTMLAnchorElement>, target: Page) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    go(target);
  };
  const signOutNow = () => {
    setKeptFor(undefined);
    signOut.mutate();
  };
  // Synthetic figures unless /meta says otherwise: a failed /meta in the demo still shows the label.
  const demoData = meta.data ? meta.data.demo : demo;

  const pageView = (
    <ErrorBoundary
      key={page}
      fallback={(error) => (
        <ErrorState message={t('errors.pageFailed')} {...(error.message ? { detail: error.message } : {})} onRetry={() => window.location.reload()} />
      )}
    >
      <Suspense fallback={<CardSkeletons count={2} />}>{PAGE_COMPONENTS[page]()}</Suspense>
    </ErrorBoundary>
  );

  // What stands in front of (or instead of) the page on a real server: the session check, its failure, the sign-in.
  let gate: ReactNode = null;
  if (!open && session.status === 'pending')
    gate = (
      <>
        <p className="visually-hidden" role="status">
          {t('session.checking')}
        </p>
        <CardSkeletons count={2} />
      </>
    );
  else if (!open && session.status === 'error') gate = <RequestError error={session.error} onRetry={session.retry} />;
  else if (!open)
    gate = (
      <>
        {signOut.isError && (
          <p className="demo-banner" role="note">
            {t('session.signOutFailed', { message: errorMessage(t, signOut.error) })}
          </p>
        )}
        <SignInPage expired={keptFor !== undefined} {...(keptFor === undefined ? {} : { knownName: keptFor })} />
      </>
    );
  // The page, in one place in the tree whatever stands in front of it, so hiding it keeps its state.
  const pageKey = demo ? 'demo' : (userName ?? keptFor);
  // Projector mode fills the screen: no header, navigation or banners (it labels demo data itself).
  const bare = page === 'present' && open;

  return (
    <>
      <a className="skip-link" href="#main" hidden={bare}>
        {t('app.skipToContent')}
      </a>
      <header className="app-header" hidden={bare}>
        <div className="app-header__inner">
          <h1 className="app-header__title">
            {t('app.title')}
            {demoData && shownSetIsDemo && <span className="demo-badge">{t('app.demoBadge')}</span>}
          </h1>
          <div className="app-header__tools">
            {demo ? <DemoRoleSwitch /> : <SignedInUser session={session} onSignOut={signOutNow} />}
            <button
              type="button"
              className="button button--ghost"
              lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
              aria-label={t('app.switchLanguageLabel')}
              onClick={() => {
                // Loaded first, so the page's words and its data's names change language together.
                const next = lang === 'zh-CN' ? 'en' : 'zh-CN';
                loadLanguage(next).then(() => select({ lang: next }), () => undefined);
              }}
            >
              {t('app.switchLanguage')}
            </button>
          </div>
        </div>
        {visible.length > 0 && (
          <nav className="app-nav" aria-label={t('nav.label')}>
            <ul>
              {visible.map((p) => (
                <li key={p.page}>
                  <a
                    href={`${pathFor(p.page)}${window.location.search}`}
                    aria-current={page === p.page ? 'page' : undefined}
                    onClick={(e) => navigate(e, p.page)}
                    onPointerEnter={() => void preloadPage(p.page)}
                    onFocus={() => void preloadPage(p.page)}
                  >
                    {t(p.label)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {demoData && shownSetIsDemo && (
          <p className="demo-banner" role="note">
            {t('app.demoBanner')}
          </p>
        )}
        {demo && demoStorage === 'memory' && (
          <p className="demo-banner demo-banner--warning" role="note">
            {t('app.demoStorageMemory')}
          </p>
        )}
      </header>
      <main id="main" className={bare ? 'app-main app-main--bare' : 'app-main'} tabIndex={-1}>
        {open && !bare && <LinkNotice problems={problems} onDismiss={dismissProblems} />}
        {gate}
        {pageKey !== undefined && (
          <div key={pageKey} className="app-page" hidden={!open}>
            {pageView}
          </div>
        )}
      </main>
    </>
  );
}
