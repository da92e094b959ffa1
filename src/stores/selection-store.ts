import { create } from 'zustand';
import type { Locale } from '@/domain/shared/locale';

/**
 * What the person is looking at. It lives in the URL (`?set=…&region=…&year=…`)
 * so a link reproduces the view and the back button steps through changes.
 * Unset fields fall back to defaults the page derives from the data.
 */
export type Page = 'dashboard' | 'import' | 'data' | 'scorecard' | 'report' | 'target';

const PATHS: Record<Exclude<Page, 'target'>, string> = {
  dashboard: '/',
  import: '/import',
  data: '/data',
  scorecard: '/scorecard',
  report: '/report',
};
const TARGET_PATH = /^\/targets\/([^/]+)$/;

/** The page (and for a target page, the target id) a path shows; unknown paths show the dashboard. */
export function routeFromPath(pathname: string): { page: Page; target?: string } {
  const path = pathname.replace(/\/+$/, '') || '/';
  const target = TARGET_PATH.exec(path);
  if (target) return { page: 'target', target: decodeURIComponent(target[1]!) };
  const page = (Object.keys(PATHS) as Exclude<Page, 'target'>[]).find((p) => PATHS[p] === path);
  return { page: page ?? 'dashboard' };
}

/** The path of a page: `/`, `/import`, `/targets/preschool-ger-2020` … */
export function pathFor(page: Page, target?: string): string {
  return page === 'target' ? `/targets/${encodeURIComponent(target ?? '')}` : PATHS[page];
}

export type Selection = {
  page: Page;
  /** The target a target page shows. */
  target?: string;
  targetSet?: string;
  region?: string;
  year?: number;
  sort: 'plan' | 'worst';
  lang: Locale;
};

type SelectionStore = Selection & {
  select: (patch: Partial<Omit<Selection, 'page' | 'target'>>) => void;
  /** Goes to another page (a new history entry), keeping the selection apart from what `patch` changes. */
  go: (page: Page, patch?: Partial<Omit<Selection, 'page'>>) => void;
};

const LANG_KEY = 'dashboard.lang';

export function selectionFromSearch(search: string, storedLang: string | null, pathname = '/'): Selection {
  const params = new URLSearchParams(search);
  const year = Number(params.get('year'));
  const lang = params.get('lang') ?? storedLang;
  const route = routeFromPath(pathname);
  return {
    page: route.page,
    ...(route.target ? { target: route.target } : {}),
    ...(params.get('set') ? { targetSet: params.get('set')! } : {}),
    ...(params.get('region') ? { region: params.get('region')! } : {}),
    ...(Number.isInteger(year) && year > 0 ? { year } : {}),
    sort: params.get('sort') === 'worst' ? 'worst' : 'plan',
    lang: lang === 'en' ? 'en' : 'zh-CN',
  };
}

/** The query string for a selection, keeping unrelated parameters (such as `mock-fault`) as they were. */
export function searchFromSelection(selection: Selection, current: string): string {
  const params = new URLSearchParams(current);
  const set = (key: string, value: string | undefined) => (value === undefined ? params.delete(key) : params.set(key, value));
  set('set', selection.targetSet);
  set('region', selection.region);
  set('year', selection.year?.toString());
  set('sort', selection.sort === 'worst' ? 'worst' : undefined);
  set('lang', selection.lang === 'en' ? 'en' : undefined);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function readStoredLang(): string | null {
  try {
    return window.localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

export const useSelection = create<SelectionStore>()((set, get) => ({
  ...selectionFromSearch(window.location.search, readStoredLang(), window.location.pathname),
  go: (page, patch = {}) => {
    set({ ...patch, page, ...(page === 'target' ? {} : { target: undefined }) });
    const { select: _select, go: _go, ...selection } = get();
    const url = `${pathFor(page, selection.target)}${searchFromSelection(selection, window.location.search)}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
    window.scrollTo?.(0, 0);
  },
  select: (patch) => {
    // Regions and years belong to a target set: choosing another set starts from its defaults.
    const switchesSet = patch.targetSet !== undefined && patch.targetSet !== get().targetSet;
    set(switchesSet ? { region: undefined, year: undefined, ...patch } : patch);
    const { select: _select, go: _go, ...selection } = get();
    const search = searchFromSelection(selection, window.location.search);
    if (search !== window.location.search) {
      window.history.pushState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
    }
    if (patch.lang) {
      try {
        window.localStorage.setItem(LANG_KEY, patch.lang);
      } catch {
        // Private mode: the URL still carries the language.
      }
    }
  },
}));

/** Follows the browser's back and forward buttons. Returns the unsubscribe function. */
export function syncSelectionWithHistory(): () => void {
  const onPopState = () => {
    const next = selectionFromSearch(window.location.search, readStoredLang(), window.location.pathname);
    useSelection.setState({ targetSet: undefined, region: undefined, year: undefined, target: undefined, ...next });
  };
  window.addEventListener('popstate', onPopState);
  return () => window.removeEventListener('popstate', onPopState);
}
