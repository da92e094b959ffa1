import { create } from 'zustand';
import type { Locale } from '@/domain/shared/locale';

/**
 * What the person is looking at. It lives in the URL (`?set=…&region=…&year=…`)
 * so a link reproduces the view and the back button steps through changes.
 * Unset fields fall back to defaults the page derives from the data.
 */
export type Page = 'dashboard' | 'import' | 'data' | 'scorecard' | 'report' | 'present' | 'target' | 'files' | 'snapshots';

const PATHS: Record<Exclude<Page, 'target'>, string> = {
  dashboard: '/',
  import: '/import',
  data: '/data',
  scorecard: '/scorecard',
  report: '/report',
  present: '/present',
  files: '/target-files',
  snapshots: '/snapshots',
};
/** The pages that never show a snapshot's frozen figures: going there leaves the snapshot. */
const SNAPSHOTLESS: ReadonlySet<Page> = new Set(['import', 'data', 'snapshots']);
const TARGET_PATH = /^\/targets\/([^/]+)$/;

/**
 * `decodeURIComponent` that never throws: a malformed escape (`%E0%A4%A`)
 * gives undefined instead of an exception outside every error boundary.
 */
export function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * The page (and for a target page, the target id) a path shows. An unknown or
 * malformed path shows the dashboard and says so (`unknown`), so the app can
 * tell the person and correct the address.
 */
export function routeFromPath(pathname: string): { page: Page; target?: string; unknown?: true } {
  const path = pathname.replace(/\/+$/, '') || '/';
  const target = TARGET_PATH.exec(path);
  if (target) {
    const id = safeDecode(target[1]!);
    return id === undefined || id === '' ? { page: 'dashboard', unknown: true } : { page: 'target', target: id };
  }
  const page = (Object.keys(PATHS) as Exclude<Page, 'target'>[]).find((p) => PATHS[p] === path);
  return page ? { page } : { page: 'dashboard', unknown: true };
}

/**
 * Something in the address that does not exist, which the app corrected:
 * the page (an unknown or malformed path), the target set, the region, the
 * as-of year, the target or the scorecard's sort column. `value` is the text
 * as the address had it (shown as text, never as markup).
 */
export type LinkProblem = { kind: 'page' | 'set' | 'region' | 'year' | 'target' | 'sort' | 'status'; value: string };

/** The problems of an address that can be told without the data: an unknown or malformed path, a year that is not a year. */
export function linkProblemsOf(search: string, pathname: string): LinkProblem[] {
  const problems: LinkProblem[] = [];
  if (routeFromPath(pathname).unknown) problems.push({ kind: 'page', value: safeDecode(pathname) ?? pathname });
  const year = new URLSearchParams(search).get('year');
  if (year !== null && !(Number.isInteger(Number(year)) && Number(year) > 0)) problems.push({ kind: 'year', value: year });
  return problems;
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
  /** The scorecard's sort column: a target id (`?by=…`), worst first. */
  by?: string;
  /** The sub-unit tables' filters (scorecard, township table): a parent region id (`?within=…`) and a name part (`?q=…`). */
  within?: string;
  q?: string;
  /** The scorecard's status filter (`?status=missed`): only the rows and targets with a cell of that status. */
  status?: string;
  /** The report's page of sub-units (`?page=…`, from 1), when they are paged. */
  listPage?: number;
  /** Projector mode's screen (`?screen=summary` or a category's) and its timer in seconds (`?auto=20`). */
  screen?: string;
  auto?: number;
  /** A published snapshot the dashboard, scorecard, target page, report and projector show instead of the current figures (`?snapshot=…`). */
  snapshot?: string;
  /** The snapshots page's comparison: a snapshot (`?compare=…`) against now or another snapshot (`?with=…`). */
  compare?: string;
  with?: string;
  lang: Locale;
};

type SelectionStore = Selection & {
  /** What the address asked for that does not exist, since the last navigation; the app shows them. */
  problems: LinkProblem[];
  select: (patch: Partial<Omit<Selection, 'page' | 'target'>>) => void;
  /** Goes to another page (a new history entry), keeping the selection apart from what `patch` changes. */
  go: (page: Page, patch?: Partial<Omit<Selection, 'page'>>) => void;
  /**
   * Corrects an address that asked for something that does not exist: applies
   * `patch`, replaces the address (no new history entry) and records `problems`
   * for the message.
   */
  correct: (patch: Partial<Selection>, problems: LinkProblem[]) => void;
  dismissProblems: () => void;
};

const LANG_KEY = 'dashboard.lang';

export function selectionFromSearch(search: string, storedLang: string | null, pathname = '/'): Selection {
  const params = new URLSearchParams(search);
  const year = Number(params.get('year'));
  const by = params.get('by');
  const within = params.get('within');
  const q = params.get('q');
  const status = params.get('status');
  const listPage = Number(params.get('page'));
  const screen = params.get('screen');
  const auto = Number(params.get('auto'));
  const lang = params.get('lang') ?? storedLang;
  const route = routeFromPath(pathname);
  return {
    page: route.page,
    ...(route.target ? { target: route.target } : {}),
    ...(params.get('set') ? { targetSet: params.get('set')! } : {}),
    ...(params.get('region') ? { region: params.get('region')! } : {}),
    ...(Number.isInteger(year) && year > 0 ? { year } : {}),
    sort: params.get('sort') === 'worst' ? 'worst' : 'plan',
    ...(by ? { by } : {}),
    ...(within ? { within } : {}),
    ...(q ? { q } : {}),
    ...(status ? { status } : {}),
    ...(Number.isInteger(listPage) && listPage > 1 ? { listPage } : {}),
    ...(screen ? { screen } : {}),
    ...(Number.isFinite(auto) && auto > 0 ? { auto } : {}),
    ...(params.get('snapshot') ? { snapshot: params.get('snapshot')! } : {}),
    ...(params.get('compare') ? { compare: params.get('compare')! } : {}),
    ...(params.get('with') ? { with: params.get('with')! } : {}),
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
  set('by', selection.by);
  set('within', selection.within);
  set('q', selection.q || undefined);
  set('status', selection.status);
  set('page', selection.listPage !== undefined && selection.listPage > 1 ? String(selection.listPage) : undefined);
  set('screen', selection.screen);
  set('auto', selection.auto?.toString());
  set('snapshot', selection.snapshot);
  set('compare', selection.compare);
  set('with', selection.with);
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

function selectionOf(state: SelectionStore): Selection {
  const { select: _select, go: _go, correct: _correct, dismissProblems: _dismiss, problems: _problems, ...selection } = state;
  return selection;
}

function sameProblem(a: LinkProblem, b: LinkProblem): boolean {
  return a.kind === b.kind && a.value === b.value;
}

function locationState(): Selection & { problems: LinkProblem[] } {
  return {
    ...selectionFromSearch(window.location.search, readStoredLang(), window.location.pathname),
    problems: linkProblemsOf(window.location.search, window.location.pathname),
  };
}

export const useSelection = create<SelectionStore>()((set, get) => ({
  ...locationState(),
  go: (page, patch = {}) => {
    // The scorecard's sort column and status filter, the sub-unit filters, the report's page of them and projector mode's screen and timer belong to their page: another page's address does not carry them.
    // A snapshot stays open from page to page of those that show one (not import, data management or the snapshots list).
    const keepsSnapshot = !SNAPSHOTLESS.has(page);
    set({ by: undefined, within: undefined, q: undefined, status: undefined, listPage: undefined, screen: undefined, auto: undefined, compare: undefined, with: undefined, ...(keepsSnapshot ? {} : { snapshot: undefined }), ...patch, page, problems: [], ...(page === 'target' ? {} : { target: undefined }) });
    const selection = selectionOf(get());
    const url = `${pathFor(page, selection.target)}${searchFromSelection(selection, window.location.search)}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.pushState(null, '', url);
    window.scrollTo?.(0, 0);
  },
  select: (patch) => {
    // Regions, years and columns belong to a target set: choosing another set starts from its defaults.
    const switchesSet = patch.targetSet !== undefined && patch.targetSet !== get().targetSet;
    set({ ...(switchesSet ? { region: undefined, year: undefined, by: undefined, within: undefined, q: undefined, status: undefined, listPage: undefined, screen: undefined, snapshot: undefined, compare: undefined, with: undefined, ...patch } : patch), problems: [] });
    const search = searchFromSelection(selectionOf(get()), window.location.search);
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
  correct: (patch, problems) => {
    const known = get().problems;
    const added = problems.filter((p) => !known.some((k) => sameProblem(k, p)));
    set({ ...patch, ...(patch.page !== undefined && patch.page !== 'target' ? { target: undefined } : {}), problems: [...known, ...added] });
    replaceAddress(selectionOf(get()));
  },
  dismissProblems: () => set({ problems: [] }),
}));

/** Writes the selection into the address bar without a new history entry (a corrected address). */
function replaceAddress(selection: Selection): void {
  const url = `${pathFor(selection.page, selection.target)}${searchFromSelection(selection, window.location.search)}`;
  if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', `${url}${window.location.hash}`);
}

/**
 * Reads the address into the selection (at start-up and on back and forward)
 * and corrects what can be corrected without the data: an unknown or malformed
 * path becomes the dashboard's, a year that is not a year is dropped.
 */
function applyLocation(): void {
  const next = locationState();
  useSelection.setState({ targetSet: undefined, region: undefined, year: undefined, target: undefined, by: undefined, within: undefined, q: undefined, status: undefined, listPage: undefined, screen: undefined, auto: undefined, snapshot: undefined, compare: undefined, with: undefined, ...next });
  if (next.problems.length > 0) replaceAddress(selectionOf(useSelection.getState()));
}

/** Corrects the start-up address and follows the browser's back and forward buttons. Returns the unsubscribe function. */
export function syncSelectionWithHistory(): () => void {
  applyLocation();
  window.addEventListener('popstate', applyLocation);
  return () => window.removeEventListener('popstate', applyLocation);
}
