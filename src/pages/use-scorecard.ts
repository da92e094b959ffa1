import { useEffect, useMemo, useState } from 'react';
import { nextTurn } from '@/domain/shared/next-turn';
import { evaluateRegion, evaluateScorecard, scorecardEvaluated, type FigureIndex, type Scorecard } from '@/domain/evaluation/figure-index';

/** Up to this many cells (regions × targets) the scorecard is evaluated at once: a city's 22 × 12 takes a few milliseconds. */
export const SYNC_SCORECARD_CELLS = 3_000;
/** The longest the evaluation runs before it gives the page back: well under a frame budget of long-task size (50 ms). */
const SLICE_MS = 30;
/**
 * The progress is reported at most this often: each report re-renders the page (during a year change, the
 * previous year's grid too), so reporting after every 30 ms slice would spend more time drawing progress than
 * evaluating. Until the first report the progress reads 0 of all, so an evaluation done within
 * PROGRESS_MS (a year change at 2,000 sub-units) is drawn twice, as it starts and as it ends; the end replaces the
 * progress with the grid.
 */
const PROGRESS_MS = 150;
/**
 * The longest an idle turn of preparing another year runs (`prepareInIdle`): a click or a key press that comes
 * meanwhile waits for the turn to end, so at most a frame. (With 30 ms turns a sort right after a year change
 * measured 129 ms against 78 ms; with 8 ms turns 91 ms, but the preparation was rarely done when the next year
 * was chosen.)
 */
const IDLE_SLICE_MS = 16;

/** A scorecard as of a year, or how far its evaluation has got. */
export type ScorecardState = {
  /** The grid for `year` once every region is evaluated; until then the last complete one (another year), if any. */
  scorecard?: Scorecard & { year: number };
  /** While regions are being evaluated: how many of how many. */
  progress?: { done: number; total: number };
};

/**
 * The scorecard of an index as of a year. A small set (≤ SYNC_SCORECARD_CELLS cells) or a year already
 * evaluated is computed during render; a province's (2,000 sub-units × 12 targets: about 24,000
 * evaluations) is evaluated in slices of SLICE_MS between which the page stays responsive, with the
 * progress reported at most every PROGRESS_MS (`sliceMs`: a slice's budget; tests pass 0, one region per slice, each reported). The evaluations are memoised in the index, so a year evaluated once, a sort or
 * a filter costs nothing. During a year change the previous year's grid stays available with its own
 * year, so a page can keep showing it, labelled as what it is, until the new one is complete.
 *
 * `prepare`: years to evaluate while the page is idle once this year's grid is shown (the scorecard passes the
 * years before and after it), so turning to one of them is one render rather than a sliced evaluation. A
 * province's year is about 100 ms of evaluation; at city size nothing is prepared (a grid is a few milliseconds).
 */
export function useScorecard(index: FigureIndex, year: number, sliceMs = SLICE_MS, prepare: readonly number[] = []): ScorecardState {
  const [sliced, setSliced] = useState<{ index: FigureIndex; scorecard?: Scorecard & { year: number }; progress?: ScorecardState['progress'] }>({ index });
  // The grid the slices just completed is the one shown from then on, the same object until another is complete: the
  // page's order, counts and cell words are memoised on it. (Assembling it again once every region was evaluated made
  // a second grid, so the next year change — showing the sliced one meanwhile — rebuilt all of them for the old year.)
  const finished = sliced.index === index && sliced.scorecard?.year === year ? sliced.scorecard : undefined;
  const cells = index.scorecardRegions.length * index.set.targets.length;
  const immediate = !finished && (cells <= SYNC_SCORECARD_CELLS || scorecardEvaluated(index, year));
  const now = useMemo(() => (immediate ? { ...evaluateScorecard(index, year), year } : undefined), [immediate, index, year]);

  useEffect(() => {
    if (immediate || finished) return;
    let cancelled = false;
    const regions = index.scorecardRegions;
    void (async () => {
      let done = 0;
      let reported = performance.now();
      while (done < regions.length) {
        const start = performance.now();
        do evaluateRegion(index, regions[done++]!.id, year);
        while (done < regions.length && performance.now() - start < sliceMs);
        const now = performance.now();
        if (now - reported >= PROGRESS_MS || sliceMs === 0) {
          reported = now;
          const progress = { done, total: regions.length };
          setSliced((prev) => (prev.index === index ? { ...prev, progress } : { index, progress }));
        }
        await nextTurn();
        if (cancelled) return;
      }
      setSliced({ index, scorecard: { ...evaluateScorecard(index, year), year } });
    })();
    return () => {
      cancelled = true;
    };
  }, [immediate, finished, index, year, sliceMs]);

  // Once this year's grid is shown, the years a reader most likely turns to next are worked out while the page is idle.
  const shown = finished ?? now;
  const prepareKey = prepare.join(',');
  useEffect(() => {
    if (!shown || cells <= SYNC_SCORECARD_CELLS || prepareKey === '') return;
    return prepareInIdle(index, prepareKey.split(',').map(Number), Math.min(sliceMs, IDLE_SLICE_MS));
  }, [shown, cells, index, prepareKey, sliceMs]);

  if (finished) return { scorecard: finished };
  if (now) return { scorecard: now };
  // The last complete grid of this index (another year, until this one is done), never another index's.
  const previous = sliced.index === index ? sliced.scorecard : undefined;
  if (previous?.year === year) return { scorecard: previous };
  return { ...(previous ? { scorecard: previous } : {}), progress: sliced.index === index && sliced.progress ? sliced.progress : { done: 0, total: index.scorecardRegions.length } };
}

type IdleDeadline = { timeRemaining(): number };
type IdleScheduler = { requestIdleCallback?: (run: (deadline: IdleDeadline) => void) => number; cancelIdleCallback?: (handle: number) => void };

/**
 * Evaluates `years` for every scorecard region while the page is idle (`requestIdleCallback`, each turn at most
 * `sliceMs` and never past the browser's idle deadline; where there is none, a timer with the same slice), so a
 * change to one of them finds its grid memoised in the index and shows it in one render. Stops at once when
 * cancelled (the function returned): another year shown, another index, the page left.
 */
function prepareInIdle(index: FigureIndex, years: readonly number[], sliceMs: number): () => void {
  const scheduler = globalThis as IdleScheduler;
  const regions = index.scorecardRegions;
  let cancelled = false;
  let handle: number | ReturnType<typeof setTimeout> | undefined;
  let y = 0;
  let done = 0;
  const budget = Math.max(1, sliceMs);
  const step = (deadline: IdleDeadline) => {
    if (cancelled) return;
    const start = performance.now();
    while (y < years.length) {
      const year = years[y]!;
      if (done === 0 && scorecardEvaluated(index, year)) {
        y++;
        continue;
      }
      while (done < regions.length && performance.now() - start < budget && deadline.timeRemaining() > 0) evaluateRegion(index, regions[done++]!.id, year);
      if (done < regions.length) break;
      y++;
      done = 0;
    }
    if (y < years.length) schedule();
  };
  const schedule = () => {
    if (scheduler.requestIdleCallback) handle = scheduler.requestIdleCallback(step);
    else handle = setTimeout(() => step({ timeRemaining: () => budget }), 50);
  };
  schedule();
  return () => {
    cancelled = true;
    if (handle === undefined) return;
    if (scheduler.requestIdleCallback && scheduler.cancelIdleCallback) scheduler.cancelIdleCallback(handle as number);
    else clearTimeout(handle);
  };
}
