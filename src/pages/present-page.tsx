import type { TFunction } from 'i18next';
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ProjectorSummary, ProjectorTable } from '@/components/projector-screens';
import { countStatuses } from '@/domain/evaluation/evaluate-target-set';
import { evaluateRegion } from '@/domain/evaluation/figure-index';
import { hasDemoFigures } from '@/domain/display/export-labels';
import { ATTENTION_LIMIT, needingAttention, projectorScreens, screenIndex, type ProjectorScreen } from '@/domain/display/projector-screens';
import { localized } from '@/domain/shared/locale';
import { useSelection } from '@/stores/selection-store';
// Projector mode's own layout and type sizes: loaded with this page only.
import '@/present.css';
import { TargetSetGate, type TargetSetData } from './target-set-gate';
import { useFigureIndex } from './use-figure-index';
import { useView } from './use-view';

/** A category screen with at most this many targets is shown in large type. */
const LARGE_ROWS = 3;
/** Type sizes from the largest to the smallest (present.css); the smallest keeps body text at the base size. */
const DENSITIES = ['large', 'normal', 'dense'] as const;

/** Keys that move between screens, and where they go from `current` of `count`. */
const MOVES: Record<string, (current: number, count: number) => number> = {
  ArrowRight: (i, n) => Math.min(i + 1, n - 1),
  ArrowDown: (i, n) => Math.min(i + 1, n - 1),
  PageDown: (i, n) => Math.min(i + 1, n - 1),
  ArrowLeft: (i) => Math.max(i - 1, 0),
  ArrowUp: (i) => Math.max(i - 1, 0),
  PageUp: (i) => Math.max(i - 1, 0),
  Home: () => 0,
  End: (_i, n) => n - 1,
};

/**
 * How many steps a screen's body had to give up to fit the viewport (its height, and each table
 * cell's width): 0 when it fits as designed.
 * After each render that overflows, one step more (up to `maxSteps`); a new screen or a resized
 * window starts again from 0. (In jsdom nothing has a size, so nothing overflows.)
 */
function useFitSteps(body: RefObject<HTMLElement | null>, screenId: string, maxSteps: number): number {
  const [fit, setFit] = useState({ screenId, size: '', steps: 0 });
  const [size, setSize] = useState(() => `${window.innerWidth}x${window.innerHeight}`);
  useEffect(() => {
    const onResize = () => setSize(`${window.innerWidth}x${window.innerHeight}`);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const steps = fit.screenId === screenId && fit.size === size ? fit.steps : 0;
  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return;
    // Taller than the screen, or a figure or goal (which do not wrap) wider than its column.
    const overflows = el.scrollHeight > el.clientHeight + 1 || [...el.querySelectorAll('td, th')].some((cell) => cell.scrollWidth > cell.clientWidth + 1);
    // Measuring is the point: the next step depends on the laid-out size of this one.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (overflows && steps < maxSteps) setFit({ screenId, size, steps: steps + 1 });
  }, [body, screenId, size, steps, maxSteps]);
  return steps;
}

/** A key press meant for the page, not a browser shortcut (Ctrl+←, Alt+Home …). */
function plainKey(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.metaKey && !event.altKey;
}

/**
 * Projector mode (`/present`): the selected region and year full screen for a meeting room, one
 * screen at a time — the summary, then a screen per category — moved with ←/→, PageUp/PageDown and
 * Home/End, or every `?auto=` seconds (Space pauses), with no controls on screen. Esc (or leaving
 * full screen) goes back to the dashboard with the same set, region, year and language.
 */
export function PresentPage() {
  const go = useSelection((s) => s.go);
  const leave = useCallback(() => {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    go('dashboard');
  }, [go]);

  // Esc leaves however far the page has got (loading, an error); leaving full screen leaves too, since
  // a browser in full screen takes the Esc key for itself.
  useEffect(() => {
    let wasFullScreen = Boolean(document.fullscreenElement);
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !plainKey(event)) return;
      event.preventDefault();
      leave();
    };
    const onFullScreen = () => {
      if (document.fullscreenElement) wasFullScreen = true;
      else if (wasFullScreen) go('dashboard');
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullScreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullScreen);
    };
  }, [leave, go]);

  return (
    <div className="projector">
      <TargetSetGate fileNotices={false}>{(data) => <Projector {...data} />}</TargetSetGate>
    </div>
  );
}

function Projector({ set, observations, years: asOfYears }: TargetSetData) {
  const { t } = useTranslation();
  const selection = useSelection();
  const { correct, dismissProblems, problems } = selection;
  const headingId = useId();
  const { locale, lang, year, regionId, regionName } = useView(set, asOfYears);
  const index = useFigureIndex(set, observations);
  const evaluations = useMemo(() => evaluateRegion(index, regionId, year), [index, regionId, year]);
  const applicable = useMemo(() => evaluations.filter((e) => e.status !== 'not_applicable'), [evaluations]);
  const screens = useMemo(() => projectorScreens(set.categories, evaluations), [set.categories, evaluations]);
  const attention = useMemo(() => needingAttention(applicable), [applicable]);
  const metrics = useMemo(() => new Map(set.metrics.map((m) => [m.id, m])), [set.metrics]);
  const counts = countStatuses(evaluations);
  // Every screen carries the demo label when any figure behind the region's statuses is synthetic.
  const demo = useMemo(() => hasDemoFigures(applicable.flatMap((e) => e.figures)), [applicable]);

  const found = screenIndex(screens, selection.screen);
  const current = found ?? 0;
  const screen = screens[current]!;
  const auto = selection.auto;
  const [paused, setPaused] = useState(false);

  // An address naming a screen this region and year do not have: the summary, with a note until the first move.
  const [unknownScreen, setUnknownScreen] = useState<string>();
  const badScreen = found === undefined ? selection.screen : undefined;
  if (badScreen !== undefined && unknownScreen !== badScreen) setUnknownScreen(badScreen);
  useEffect(() => {
    if (badScreen !== undefined) correct({ screen: undefined }, []);
  }, [badScreen, correct]);

  // Moving replaces the address (the screen is in it, for a reload) without a history entry per screen.
  const show = useCallback(
    (next: number) => {
      setUnknownScreen(undefined);
      dismissProblems();
      if (next === current) return;
      correct({ screen: next === 0 ? undefined : screens[next]!.id }, []);
    },
    [correct, current, dismissProblems, screens],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!plainKey(event)) return;
      const move = MOVES[event.key];
      if (move) {
        event.preventDefault();
        show(move(current, screens.length));
      } else if (event.key === ' ' && auto !== undefined) {
        event.preventDefault();
        setPaused((p) => !p);
      } else if ((event.key === 'f' || event.key === 'F') && document.fullscreenEnabled) {
        // Full screen needs a gesture: a key press is one, for a projector page opened from a link.
        if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
        else document.documentElement.requestFullscreen().catch(() => undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show, current, screens.length, auto]);

  // The timer goes round: after the last screen the summary again. A move by key starts its count afresh.
  useEffect(() => {
    if (auto === undefined || paused || screens.length < 2) return;
    const timer = setTimeout(() => show((current + 1) % screens.length), auto * 1000);
    return () => clearTimeout(timer);
  }, [show, auto, paused, current, screens.length]);

  const title = set.title[lang];
  const where = t('detail.regionOf', { region: regionName(regionId), year });
  const name = screen.kind === 'summary' ? t('summary.heading') : screenName(t, screen, locale);
  useEffect(() => {
    document.title = `${t('present.title')} · ${name} · ${regionName(regionId)} · ${year}`;
  });

  // Fitting the viewport: a category of up to three targets starts in large type; a screen that
  // overflows goes to the normal, then the dense sizes (never below the base), then the summary lists
  // fewer targets needing attention (the rest are counted).
  const body = useRef<HTMLDivElement>(null);
  const few = screen.kind === 'category' && screen.evaluations.length <= LARGE_ROWS;
  const steps = useFitSteps(body, screen.id, screen.kind === 'summary' ? ATTENTION_LIMIT : few ? 2 : 1);
  const density = DENSITIES[Math.min(DENSITIES.length - 1, (few ? 0 : 1) + steps)]!;
  const attentionLimit = Math.max(1, ATTENTION_LIMIT - Math.max(0, steps - 1));
  const shown = screen.kind === 'summary' ? attention.slice(0, attentionLimit) : screen.evaluations;
  const markDemo = demo && !shown.every((e) => e.latest === undefined || e.latest.source === 'demo');
  const notes = [
    ...(unknownScreen === undefined ? [] : [t('present.unknownScreen', { value: unknownScreen })]),
    ...problems.map((problem) => t(`errors.link.${problem.kind}`, { value: problem.value })),
  ];

  return (
    <section className={`projector__screen projector__screen--${density}`} aria-labelledby={headingId} data-screen={screen.id}>
      <header className="projector__bar">
        <p className="projector__title">{title}</p>
        {demo && <p className="projector__demo">{t('app.demoBadge')}</p>}
      </header>
      {notes.length > 0 && (
        <ul className="projector__notes" role="note">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <div className="projector__heading">
        <h1 id={headingId}>{name}</h1>
        <p className="projector__where">
          {screen.kind === 'summary' ? `${where} · ${t('present.total', { count: applicable.length })}` : where}
        </p>
      </div>
      <div className="projector__body" ref={body}>
        {screen.kind === 'summary' ? (
          <ProjectorSummary counts={counts} attention={attention} limit={attentionLimit} metrics={metrics} locale={locale} markDemo={markDemo} />
        ) : (
          <ProjectorTable evaluations={screen.evaluations} metrics={metrics} locale={locale} markDemo={markDemo} caption={name} />
        )}
      </div>
      <footer className="projector__foot">
        <p className="projector__source">
          {screen.kind === 'summary' ? t('app.footerSource', { publisher: set.source.publisher, title: set.source.title, date: set.source.date }) : ''}
        </p>
        <p className="projector__position">
          {auto !== undefined && <span>{paused ? t('present.paused') : t('present.auto', { seconds: auto })}</span>}
          <span aria-hidden="true">
            {current + 1} / {screens.length}
          </span>
        </p>
      </footer>
      <p className="visually-hidden" role="status">
        {t('present.position', { current: current + 1, total: screens.length, name })}
      </p>
    </section>
  );
}

type T = TFunction;

/** A category screen's heading: the category's name, with its part when it is split. */
function screenName(t: T, screen: Extract<ProjectorScreen, { kind: 'category' }>, locale: Parameters<typeof localized>[1]): string {
  const name = localized(screen.category.name, locale);
  return screen.parts > 1 ? t('present.part', { name, part: screen.part, parts: screen.parts }) : name;
}
