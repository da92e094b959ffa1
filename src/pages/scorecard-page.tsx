import { useCallback, useEffect, useId, useMemo, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { changeWords } from '@/components/change-arrow';
import { PageStyle } from '@/components/page-style';
import { DownloadButton } from '@/components/download-button';
import { FilterBar } from '@/components/filter-bar';
import { ScoreCell, type ScoreCellView } from '@/components/score-cell';
import { StatusBadge } from '@/components/status-badge';
import { SubUnitFilter } from '@/components/sub-unit-filter';
import { SUMMARY_STATUSES, SummaryStrip } from '@/components/summary-strip';
import { WindowedTable } from '@/components/windowed-table';
import { hasDemoFigures, sourceLine, type ExportWords } from '@/domain/display/export-labels';
import { tableRows, type ExportColumn } from '@/domain/display/export-table';
import { formatFigureOf, formatGoal, formatNumber } from '@/domain/display/format';
import { compareWorstFirst, STATUS_ORDER, type Evaluation, type Status } from '@/domain/evaluation/evaluate-target';
import { countStatuses } from '@/domain/evaluation/evaluate-target-set';
import { compareSummariesWorstFirst, summarizeRow } from '@/domain/evaluation/scorecard-summary';
import { toCsv, withBom } from '@/domain/import/csv-export';
import { deadlineYear } from '@/domain/targets/target-helpers';
import type { Locale } from '@/domain/shared/locale';
import type { Region, Target, Unit } from '@/domain/targets/target-set';
import { pathFor, searchFromSelection, useSelection } from '@/stores/selection-store';
import { ScorecardPrint } from './scorecard-print';
import { TargetSetGate, type TargetSetData } from './target-set-gate';
import { useFigureIndex } from './use-figure-index';
import { useLasting } from './use-lasting';
import { useScorecard, type ScorecardState } from './use-scorecard';
import { useSubUnitQuery } from './use-sub-unit-query';
import { useView } from './use-view';
import '@/scorecard.css';

/** 计分卡: townships × targets, each cell a value and a status; sortable by any target, worst first. */
export function ScorecardPage() {
  return <TargetSetGate>{(data) => <Scorecard {...data} />}</TargetSetGate>;
}

/**
 * How long a year change may take before the last year's grid is shown as being replaced (dimmed, with the progress):
 * the throttle React's Suspense gives a fallback (300 ms). Sooner than that the year select has already answered.
 */
const STALE_SHOWN_AFTER_MS = 300;

/** A scorecard row's height before it is measured (value, badge, one note line). */
const ROW_HEIGHT = 72;

function Scorecard(data: TargetSetData) {
  const { set, observations } = data;
  const { year, years, locale } = useView(set, data.years);
  const index = useFigureIndex(set, observations);
  // A province's scorecard is evaluated in slices (use-scorecard.ts): until the first grid is complete, the progress.
  // Then the years on either side of it, the likeliest next choice (last year first), while the page is idle.
  const at = years.indexOf(year);
  const neighbours = [years[at - 1], years[at + 1]].filter((y): y is number => at >= 0 && y !== undefined);
  const { scorecard, progress } = useScorecard(index, year, undefined, neighbours);
  if (!scorecard) return <ScorecardFrame {...data}>{progress && <EvaluationProgress year={year} progress={progress} locale={locale} />}</ScorecardFrame>;
  return <ScorecardGrid {...data} scorecard={scorecard} progress={progress} />;
}

/** The scorecard's heading, year and set choice, and what goes under them. */
function ScorecardFrame({ set, setId, years: asOfYears, summaries, children }: TargetSetData & { children: ReactNode }) {
  const { t } = useTranslation();
  const selection = useSelection();
  const headingId = useId();
  const { locale, years, year } = useView(set, asOfYears);
  return (
    <section aria-labelledby={headingId} className="scorecard-page">
      <h2 id={headingId}>{t('scorecard.heading')}</h2>
      <FilterBar
        locale={locale}
        targetSets={summaries}
        targetSet={setId}
        regions={[]}
        region=""
        years={years}
        year={year}
        onChange={(patch) => selection.select(patch)}
      />
      {children}
    </section>
  );
}

/** How far the scorecard's evaluation has got, as a progress bar and in words. */
function EvaluationProgress({ year, progress, locale }: { year: number; progress: NonNullable<ScorecardState['progress']>; locale: Locale }) {
  const { t } = useTranslation();
  const text = t('scorecard.evaluating', { year, done: formatNumber(progress.done, locale, 0), total: formatNumber(progress.total, locale, 0) });
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div className="progress" role="status">
      <div className="progress__bar" role="progressbar" aria-label={t('scorecard.evaluatingLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={text}>
        <div className="progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="progress__text">{text}</p>
    </div>
  );
}

/** Cell views by the words they were made with (`wording`: the grid, set, language and filter) and evaluation. */
const cellViews = new WeakMap<object, WeakMap<Evaluation, ScoreCellView>>();

function cachedCellView(wording: object, evaluation: Evaluation, make: (evaluation: Evaluation) => ScoreCellView): ScoreCellView {
  let views = cellViews.get(wording);
  if (!views) cellViews.set(wording, (views = new WeakMap()));
  let view = views.get(evaluation);
  if (!view) views.set(evaluation, (view = make(evaluation)));
  return view;
}

/** `?by=` for the summary column: not a target id (ids start with a letter or digit), so it cannot clash with one. */
export const SUMMARY_SORT = '_summary';
/** The statuses a cell can be filtered by (`?status=`): the summary strip's tiles. */
const FILTERABLE = new Set<string>(SUMMARY_STATUSES);

function ScorecardGrid({ set, setId, observations, years: asOfYears, summaries, scorecard, progress }: TargetSetData & ScorecardState & { scorecard: NonNullable<ScorecardState['scorecard']> }) {
  const { t } = useTranslation();
  const selection = useSelection();
  const { locale, lang, year: selectedYear, regionName } = useView(set, asOfYears);
  const targets = set.targets.filter((target) => target.applies_to === 'all');
  // City-wide targets (`applies_to: jurisdiction`) have no township column: the page names them instead.
  const cityOnly = set.targets.filter((target) => target.applies_to !== 'all');
  const metrics = new Map(set.metrics.map((m) => [m.id, m]));
  const metricName = (targetId: string) => {
    const target = set.targets.find((candidate) => candidate.id === targetId);
    return target ? (metrics.get(target.metric)?.name[lang] ?? targetId) : targetId;
  };
  // ── Data: the regions, every cell's evaluation, the order and the filters. Rendering starts at `open` below. ──
  const index = useFigureIndex(set, observations);
  // During a year change a province's new grid is still being worked out: the last one is shown, with its own year.
  const { regions, cells: grid, year } = scorecard;
  const stale = year !== selectedYear;
  // The last year's grid is dimmed and inert, with the progress, only once the new one has taken STALE_SHOWN_AFTER_MS:
  // a year change done sooner (at 2,000 sub-units, on this project's 2-core machine) does not flash, nor restyle the
  // table twice. Its cells keep what they drew meanwhile (`ScoreCell`'s `stale`); a click on one opens its township's
  // target for the year just chosen, as the page's navigation reads the selection.
  const showStale = useLasting(stale, STALE_SHOWN_AFTER_MS);
  // Each row's summary over the targets that have a column: "5/9 达成" and the worst status.
  const rowSummaries = useMemo(() => {
    const ids = set.targets.filter((target) => target.applies_to === 'all').map((target) => target.id);
    return new Map([...grid].map(([regionId, row]) => [regionId, summarizeRow(ids.map((id) => row.get(id)!))]));
  }, [grid, set]);
  const summaryOf = (regionId: string) => rowSummaries.get(regionId)!;

  // The sort column lives in the address (`?by=<target id>` or `?by=_summary`), so a reload or a shared link keeps it.
  const sortBy = selection.by !== undefined && (selection.by === SUMMARY_SORT || targets.some((target) => target.id === selection.by)) ? selection.by : undefined;
  const unknownSort = selection.by !== undefined && sortBy === undefined ? selection.by : undefined;
  // The status filter too (`?status=missed`): a tile of the summary strip.
  const status = selection.status !== undefined && FILTERABLE.has(selection.status) ? (selection.status as Status) : undefined;
  const unknownStatus = selection.status !== undefined && status === undefined ? selection.status : undefined;
  const { correct } = selection;
  useEffect(() => {
    if (unknownSort !== undefined) correct({ by: undefined }, [{ kind: 'sort', value: unknownSort }]);
  }, [unknownSort, correct]);
  useEffect(() => {
    if (unknownStatus !== undefined) correct({ status: undefined }, [{ kind: 'status', value: unknownStatus }]);
  }, [unknownStatus, correct]);

  const [city, ...townships] = regions;
  // The order, the filter and the strip's counts are memoised: while a year change is worked out the page re-renders
  // with its progress, and at 2,000 townships each of these is a pass over 24,000 cells or a sort of 2,000 rows.
  const sortedTownships = useMemo(
    () =>
      regions.slice(1).sort((a, b) => {
        const summary = (id: string) => rowSummaries.get(id)!;
        if (sortBy === SUMMARY_SORT) return compareSummariesWorstFirst(summary(a.id), summary(b.id)) || a.id.localeCompare(b.id);
        if (sortBy) return compareWorstFirst(grid.get(a.id)!.get(sortBy)!, grid.get(b.id)!.get(sortBy)!);
        return summary(b.id).bad - summary(a.id).bad || a.id.localeCompare(b.id);
      }),
    [regions, rowSummaries, sortBy, grid],
  );
  const cityGoals = grid.get(city!.id)!;
  // The parent filter (`?within=`) and the name search (`?q=`) live in the address like the sort (one rule with the target page's).
  const subUnits = useMemo(() => regions.slice(1), [regions]);
  const filter = useSubUnitQuery(index.regions, set.regions, subUnits);
  const { shown } = filter;
  const queried = useMemo(() => shown(sortedTownships, (r) => r.id), [shown, sortedTownships]);
  // The strip counts the cells of the townships the name and parent filters keep (the city's own row is not a township's).
  const counts = useMemo(() => {
    const ids = set.targets.filter((target) => target.applies_to === 'all').map((target) => target.id);
    return countStatuses(queried.flatMap((region) => ids.map((id) => grid.get(region.id)!.get(id)!)));
  }, [queried, set, grid]);
  const cellCount = queried.length * targets.length - counts.not_applicable;
  // With a status chosen: the townships with a cell of it, and the targets with one among them; the city's row stays, for reference.
  const has = (regionId: string, targetId: string) => grid.get(regionId)!.get(targetId)!.status === status;
  const shownTownships = status ? queried.filter((region) => targets.some((target) => has(region.id, target.id))) : queried;
  const columns = status ? targets.filter((target) => shownTownships.some((region) => has(region.id, target.id))) : targets;
  const rows = [city!, ...shownTownships];
  // A printed or exported scorecard of synthetic figures says so (the demo banner is the screen's; see styles.css).
  // Built when printing or exporting only: at 2,000 townships every figure shown is 24,000 of them.
  const shownFigures = () => rows.flatMap((region) => columns.map((target) => grid.get(region.id)!.get(target.id)!.latest));
  const words = t('export', { returnObjects: true }) as ExportWords;

  const open = useCallback((event: MouseEvent<HTMLAnchorElement>, target: string, region: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    useSelection.getState().go('target', { target, region });
  }, []);
  /** The address of another page from here: the scorecard's own sort and filters stay behind. */
  const linkTo = (path: string, region: string | undefined) =>
    `${path}${searchFromSelection({ ...selection, by: undefined, within: undefined, q: undefined, status: undefined, region }, window.location.search)}`;
  const href = (target: string, region: string) => linkTo(pathFor('target', target), region);

  /** What a cell adds to its value and status: a goal of its own, a missing deadline-year figure, a figure after the deadline. */
  const notes = (evaluation: Evaluation, unit: Unit): string[] => {
    const lines: string[] = [];
    const cityGoal = cityGoals.get(evaluation.target.id)?.goal;
    const goal = formatGoal(evaluation.goal, unit, locale);
    if (cityGoal && formatGoal(cityGoal, unit, locale) !== goal) lines.push(t('scorecard.cellGoal', { goal }));
    if (evaluation.deadlineMissing && evaluation.latest) {
      lines.push(t('scorecard.deadlineMissing', { deadline: deadlineYear(evaluation.target), year: evaluation.latest.year }));
    }
    const after = evaluation.afterDeadline;
    if (after) {
      const value = formatFigureOf(after.figure, unit, locale, evaluation.goal);
      const key = after.met === 'undecided' ? 'scorecard.lateUndecided' : after.met ? 'scorecard.lateMet' : 'scorecard.lateShort';
      lines.push(t(key, { year: after.figure.year, value }));
    }
    return lines;
  };
  // A cell's words are worked out once per evaluation while the words they depend on stay the same: the grid is
  // drawn again on a year change (dimmed, until the new year is complete), as the evaluation progresses, on a sort
  // and on scrolling, and with the same view a cell (`ScoreCell`, memoised) is not drawn again.
  const wording = useMemo(() => ({ grid, set, locale, lang, t, status }), [grid, set, locale, lang, t, status]);
  // Words every cell's label uses, looked up once per language rather than once per cell (a new year's visible cells
  // are hundreds of labels).
  const fixedWords = useMemo(() => {
    const statuses = new Map<Status, string>();
    return {
      noValue: t('scorecard.noValue'),
      separator: t('scorecard.separator'),
      status: (of: Status) => statuses.get(of) ?? statuses.set(of, t(`status.${of}`)).get(of)!,
    };
  }, [t]);
  /** A cell in words, for the screen, the printed sheets and the CSV alike. */
  const cellView = (regionId: string, targetId: string): ScoreCellView => cachedCellView(wording, grid.get(regionId)!.get(targetId)!, cellViewOf);
  const cellViewOf = (evaluation: Evaluation): ScoreCellView => {
    const regionId = evaluation.regionId;
    const metric = metrics.get(evaluation.target.metric)!;
    const value = evaluation.latest ? formatFigureOf(evaluation.latest, metric.unit, locale, evaluation.goal) : undefined;
    const details = notes(evaluation, metric.unit);
    const change = changeWords(t, { evaluation, metric, locale });
    const label = [
      t('scorecard.cellLabel', { region: regionName(regionId), target: metric.name[lang], value: value ?? fixedWords.noValue, status: fixedWords.status(evaluation.status) }),
      ...(change ? [change.text] : []),
      ...details,
    ].join(fixedWords.separator);
    return {
      status: evaluation.status,
      statusText: fixedWords.status(evaluation.status),
      value,
      change,
      notes: details,
      label,
      dim: status !== undefined && evaluation.status !== status,
    };
  };
  const summaryText = (regionId: string) => {
    const summary = summaryOf(regionId);
    return summary.applicable === 0 ? t('scorecard.summaryNone') : t('scorecard.summaryMet', { met: summary.met, total: summary.applicable });
  };
  const column = (target: Target) => {
    const metric = metrics.get(target.metric)!;
    const goal = cityGoals.get(target.id)?.goal;
    return {
      id: target.id,
      name: metric.name[lang],
      goal: goal && t('scorecard.goal', { goal: formatGoal(goal, metric.unit, locale) }),
      unit: t('scorecard.unit', { unit: t(`scorecard.unitName.${metric.unit}`) }),
      office: target.office && t('office.of', { office: target.office[lang] }),
    };
  };
  const heads = columns.map(column);
  const region = regionName(set.jurisdiction);

  const csv = () => {
    const exportColumns: ExportColumn<Region>[] = [
      { header: t('scorecard.csvRegion'), cell: (r) => r.name[lang] },
      { header: t('scorecard.summaryColumn'), cell: (r) => summaryText(r.id) },
      { header: t('scorecard.csvWorst'), cell: (r) => (summaryOf(r.id).applicable === 0 ? undefined : t(`status.${summaryOf(r.id).worst}`)) },
      ...heads.flatMap((head): ExportColumn<Region>[] => [
        { header: [head.name, head.goal, head.unit].filter(Boolean).join(' · '), cell: (r) => cellView(r.id, head.id).value },
        { header: t('scorecard.csvStatus', { target: head.name }), cell: (r) => t(`status.${cellView(r.id, head.id).status}`) },
      ]),
      {
        header: t('scorecard.csvNotes'),
        cell: (r) =>
          heads
            .flatMap((head) => cellView(r.id, head.id).notes.map((note) => `${head.name}：${note}`))
            .join(t('scorecard.separator')) || undefined,
      },
    ];
    const scope = { region, asOf: year, words, figure: (r: Region) => columns.map((target) => grid.get(r.id)!.get(target.id)!.latest) };
    return withBom(toCsv(tableRows(exportColumns, rows, scope)));
  };

  const sortHeader = (key: string, label: ReactNode, hint: string) => (
    <button type="button" className="sort-button" aria-pressed={sortBy === key} onClick={() => selection.select({ by: sortBy === key ? undefined : key })}>
      {label}
      <span className="visually-hidden">{hint}</span>
      <span aria-hidden="true">{sortBy === key ? ' ▼' : ' ↕'}</span>
    </button>
  );

  return (
    <ScorecardFrame set={set} setId={setId} observations={observations} years={asOfYears} summaries={summaries}>
      {/* The printed scorecard is A4 landscape whatever the dialogue's default (the report leaves the choice open). */}
      <PageStyle css="@media print { @page { size: A4 landscape; } }" />
      <div className="scorecard-screen">
        {showStale && progress && (
          <>
            <EvaluationProgress year={selectedYear} progress={progress} locale={locale} />
            <p role="note">{t('scorecard.showingYear', { year })}</p>
          </>
        )}
        <p className="muted">{t('scorecard.intro', { year, count: townships.length })}</p>
        <SummaryStrip
          locale={locale}
          counts={{ ...counts, not_applicable: 0 }}
          heading={t('scorecard.stripHeading')}
          caption={t('scorecard.stripCaption', { year, rows: queried.length, count: queried.length, targets: targets.length, cells: formatNumber(cellCount, locale, 0) })}
          barLegend={false}
          filter={{ selected: status, hint: t('scorecard.stripHint'), onSelect: (next) => selection.select({ status: next }) }}
        />
        {status && (
          <p role="status" className="scorecard__filtered">
            {shownTownships.length === 0 && !columns.length
              ? t('scorecard.statusFilterNone', { status: t(`status.${status}`) })
              : t('scorecard.statusFilter', {
                  status: t(`status.${status}`),
                  rows: shownTownships.length,
                  targets: columns.length,
                  cells: shownTownships.reduce((n, r) => n + columns.filter((target) => has(r.id, target.id)).length, 0),
                })}{' '}
            <button type="button" className="link-button" onClick={() => selection.select({ status: undefined })}>
              {t('scorecard.statusFilterClear')}
            </button>
          </p>
        )}
        <p className="muted">
          {sortBy === SUMMARY_SORT ? t('scorecard.orderBySummary') : sortBy ? t('scorecard.orderBy', { target: metricName(sortBy) }) : t('scorecard.orderDefault')}
        </p>
        {cityOnly.length > 0 && (
          <p role="note">
            {t('scorecard.cityOnly', {
              count: cityOnly.length,
              region,
              targets: cityOnly.map((target) => metrics.get(target.metric)!.name[lang]).join(t('scorecard.listSeparator')),
            })}{' '}
            <a href={linkTo(pathFor('dashboard'), undefined)}>{t('scorecard.cityOnlyLink')}</a>
          </p>
        )}
        <SubUnitFilter lang={lang} parents={filter.parents} query={filter.query} shown={queried.length} total={townships.length} onChange={filter.onChange} />
        <div className="actions scorecard__actions">
          <DownloadButton fileName={`scorecard-${setId}-${year}${status ? `-${status}` : ''}.csv`} build={csv}>
            {t('scorecard.exportCsv')}
          </DownloadButton>
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t('scorecard.print')}
          </button>
          <span className="muted">{t('scorecard.printHint')}</span>
        </div>
        <WindowedTable
          inert={showStale}
          className={showStale ? 'table-scroll scorecard scorecard--stale' : 'table-scroll scorecard'}
          tableClassName="table table--scorecard"
          caption={t('scorecard.caption', { year })}
          rowCount={rows.length}
          colCount={columns.length + 2}
          estimateRowHeight={ROW_HEIGHT}
          head={
            <>
              <th scope="col">{t('scorecard.region')}</th>
              <th scope="col" className="score-summary-head" aria-sort={sortBy === SUMMARY_SORT ? 'ascending' : undefined}>
                {sortHeader(SUMMARY_SORT, t('scorecard.summaryColumn'), t('scorecard.summarySortHint'))}
              </th>
              {heads.map((head) => (
                <th key={head.id} scope="col" aria-sort={sortBy === head.id ? 'ascending' : undefined} {...(head.office ? { title: head.office } : {})}>
                  {sortHeader(head.id, head.name, t('scorecard.sortHint'))}
                  {head.goal && <small className="score-head__goal">{head.goal}</small>}
                  <small className="score-head__unit muted">{head.unit}</small>
                </th>
              ))}
            </>
          }
          row={(index, rowProps) => {
            const row = rows[index]!;
            const summary = summaryOf(row.id);
            return (
              <tr key={row.id} {...rowProps} className={row.id === set.jurisdiction ? 'score-row--city' : undefined}>
                <th scope="row">{row.name[lang]}</th>
                <td className={`score-summary score--${summary.worst}`}>
                  <span
                    className="score-summary__met"
                    aria-label={summary.applicable === 0 ? undefined : t('scorecard.summaryLabel', { region: row.name[lang], met: summary.met, total: summary.applicable, status: t(`status.${summary.worst}`) })}
                  >
                    {summaryText(row.id)}
                  </span>
                  {summary.applicable > 0 && <StatusBadge status={summary.worst} />}
                </td>
                {columns.map((target) => (
                  <ScoreCell key={target.id} cell={cellView(row.id, target.id)} href={href(target.id, row.id)} targetId={target.id} regionId={row.id} onOpen={open} stale={stale} />
                ))}
              </tr>
            );
          }}
        />
        {queried.length === 0 && townships.length > 0 && <p role="note">{t('subUnits.none')}</p>}
        <StatusLegend />
      </div>
      <ScorecardPrint
        title={t('scorecard.printTitle', { title: set.title[lang] })}
        region={region}
        year={year}
        columns={heads}
        content={() => {
          const figures = shownFigures();
          return {
            source: t('export.sourceLine', { sources: sourceLine(figures, words, words.sourceSeparator ?? '; ') }),
            demo: hasDemoFigures(figures) ? t('scorecard.printDemo') : undefined,
            rows: rows.map((row) => ({
              id: row.id,
              name: row.name[lang],
              summary: summaryText(row.id),
              worst: summaryOf(row.id).worst,
              city: row.id === set.jurisdiction,
              cells: columns.map((target) => cellView(row.id, target.id)),
            })),
          };
        }}
      />
    </ScorecardFrame>
  );
}

/** The statuses a cell can have, worst first, each as its cell shows it (colour, icon, word). */
function StatusLegend() {
  const { t } = useTranslation();
  const order = STATUS_ORDER.filter((s) => s !== 'not_applicable');
  return (
    <section className="scorecard-legend" aria-label={t('scorecard.legendHeading')}>
      <ul className="scorecard-legend__list">
        {order.map((s) => (
          <li key={s} className={`scorecard-legend__item score--${s}`}>
            <StatusBadge status={s} />
          </li>
        ))}
      </ul>
      <p className="muted">{t('scorecard.legend', { order: order.map((s) => t(`status.${s}`)).join(' < ') })}</p>
      <p className="muted">{t('scorecard.legendCell')}</p>
    </section>
  );
}
