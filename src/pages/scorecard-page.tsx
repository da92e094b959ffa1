import { useEffect, useId, useMemo, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar } from '@/components/filter-bar';
import { StatusBadge } from '@/components/status-badge';
import { SubUnitFilter } from '@/components/sub-unit-filter';
import { WindowedTable } from '@/components/windowed-table';
import { compareWorstFirst, STATUS_ORDER, type Evaluation } from '@/domain/evaluation/evaluate-target';
import { formatFigureOf, formatGoal, formatNumber } from '@/domain/display/format';
import { deadlineYear } from '@/domain/targets/target-helpers';
import type { Locale } from '@/domain/shared/locale';
import type { Unit } from '@/domain/targets/target-set';
import { pathFor, searchFromSelection, useSelection } from '@/stores/selection-store';
import { TargetSetGate, type TargetSetData } from './target-set-gate';
import { useFigureIndex } from './use-figure-index';
import { useScorecard, type ScorecardState } from './use-scorecard';
import { useSubUnitQuery } from './use-sub-unit-query';
import { useView } from './use-view';

/** 计分卡: townships × targets, each cell a value and a status; sortable by any target, worst first. */
export function ScorecardPage() {
  return <TargetSetGate>{(data) => <Scorecard {...data} />}</TargetSetGate>;
}

const BAD = new Set(['missed', 'off_track', 'at_risk']);
/** A scorecard row's height before it is measured (value, badge, one note line). */
const ROW_HEIGHT = 72;

function Scorecard(data: TargetSetData) {
  const { set, observations } = data;
  const { year, locale } = useView(set, observations);
  const index = useFigureIndex(set, observations);
  // A province's scorecard is evaluated in slices (use-scorecard.ts): until the first grid is complete, the progress.
  const { scorecard, progress } = useScorecard(index, year);
  if (!scorecard) return <ScorecardFrame {...data}>{progress && <EvaluationProgress year={year} progress={progress} locale={locale} />}</ScorecardFrame>;
  return <ScorecardGrid {...data} scorecard={scorecard} progress={progress} />;
}

/** The scorecard's heading, year and set choice, and what goes under them. */
function ScorecardFrame({ set, setId, observations, summaries, children }: TargetSetData & { children: ReactNode }) {
  const { t } = useTranslation();
  const selection = useSelection();
  const headingId = useId();
  const { locale, years, year } = useView(set, observations);
  return (
    <section aria-labelledby={headingId}>
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

function ScorecardGrid({ set, setId, observations, summaries, scorecard, progress }: TargetSetData & ScorecardState & { scorecard: NonNullable<ScorecardState['scorecard']> }) {
  const { t } = useTranslation();
  const selection = useSelection();
  const { locale, lang, year: selectedYear, regionName } = useView(set, observations);
  const targets = set.targets.filter((target) => target.applies_to === 'all');
  // City-wide targets (`applies_to: jurisdiction`) have no township column: the page names them instead.
  const cityOnly = set.targets.filter((target) => target.applies_to !== 'all');
  const metrics = new Map(set.metrics.map((m) => [m.id, m]));
  const metricName = (targetId: string) => {
    const target = set.targets.find((candidate) => candidate.id === targetId);
    return target ? (metrics.get(target.metric)?.name[lang] ?? targetId) : targetId;
  };
  // ── Data: the regions, every cell's evaluation, the order and the filter. Rendering starts at `open` below. ──
  const index = useFigureIndex(set, observations);
  // During a year change a province's new grid is still being worked out: the last one is shown, with its own year.
  const { regions, cells: grid, year } = scorecard;
  const stale = year !== selectedYear;
  // A printed scorecard of synthetic figures says so (the demo banner is the screen's; see styles.css).
  const demo = useMemo(() => [...grid.values()].some((row) => [...row.values()].some((e) => e.latest?.source === 'demo')), [grid]);
  const badCounts = useMemo(
    () => new Map([...grid].map(([regionId, row]) => [regionId, [...row.values()].filter((e) => BAD.has(e.status)).length])),
    [grid],
  );
  // The sort column lives in the address (`?by=<target id>`), so a reload or a shared link keeps it.
  const sortBy = selection.by !== undefined && targets.some((target) => target.id === selection.by) ? selection.by : undefined;
  const unknownSort = selection.by !== undefined && sortBy === undefined ? selection.by : undefined;
  const { correct } = selection;
  useEffect(() => {
    if (unknownSort !== undefined) correct({ by: undefined }, [{ kind: 'sort', value: unknownSort }]);
  }, [unknownSort, correct]);

  const badCount = (regionId: string) => badCounts.get(regionId)!;
  const [city, ...townships] = regions;
  const sortedTownships = [...townships].sort((a, b) => {
    if (sortBy) return compareWorstFirst(grid.get(a.id)!.get(sortBy)!, grid.get(b.id)!.get(sortBy)!);
    return badCount(b.id) - badCount(a.id) || a.id.localeCompare(b.id);
  });
  const cityGoals = grid.get(city!.id)!;
  // The parent filter (`?within=`) and the name search (`?q=`) live in the address like the sort (one rule with the target page's).
  const subUnits = useMemo(() => regions.slice(1), [regions]);
  const filter = useSubUnitQuery(index.regions, set.regions, subUnits);
  const shownTownships = filter.shown(sortedTownships, (r) => r.id);
  const rows = [city!, ...shownTownships];

  const open = (event: MouseEvent<HTMLAnchorElement>, target: string, region: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    selection.go('target', { target, region });
  };
  /** The address of another page from here: the scorecard's own sort and filter stay behind. */
  const linkTo = (path: string, region: string | undefined) =>
    `${path}${searchFromSelection({ ...selection, by: undefined, within: undefined, q: undefined, region }, window.location.search)}`;
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

  const cell = (evaluation: Evaluation, regionId: string) => {
    const metric = metrics.get(evaluation.target.metric)!;
    const value = evaluation.latest ? formatFigureOf(evaluation.latest, metric.unit, locale, evaluation.goal) : undefined;
    const details = notes(evaluation, metric.unit);
    const label = [
      t('scorecard.cellLabel', {
        region: regionName(regionId),
        target: metric.name[lang],
        value: value ?? t('scorecard.noValue'),
        status: t(`status.${evaluation.status}`),
      }),
      ...details,
    ].join(t('scorecard.separator'));
    return (
      <td key={evaluation.target.id} className={`score score--${evaluation.status}`}>
        <a href={href(evaluation.target.id, regionId)} aria-label={label} onClick={(e) => open(e, evaluation.target.id, regionId)}>
          <span className="score__value">{value ?? '—'}</span>
          <StatusBadge status={evaluation.status} />
          {details.map((line) => (
            <small key={line} className="score__note muted">
              {line}
            </small>
          ))}
        </a>
      </td>
    );
  };

  return (
    <ScorecardFrame set={set} setId={setId} observations={observations} summaries={summaries}>
      {stale && progress && (
        <>
          <EvaluationProgress year={selectedYear} progress={progress} locale={locale} />
          <p role="note">{t('scorecard.showingYear', { year })}</p>
        </>
      )}
      <p className="muted no-print">{t('scorecard.intro', { year, count: townships.length })}</p>
      <p className="muted">{sortBy ? t('scorecard.orderBy', { target: metricName(sortBy) }) : t('scorecard.orderDefault')}</p>
      {cityOnly.length > 0 && (
        <p role="note">
          {t('scorecard.cityOnly', {
            count: cityOnly.length,
            region: regionName(set.jurisdiction),
            targets: cityOnly.map((target) => metrics.get(target.metric)!.name[lang]).join(t('scorecard.listSeparator')),
          })}{' '}
          <a href={linkTo(pathFor('dashboard'), undefined)} className="no-print">
            {t('scorecard.cityOnlyLink')}
          </a>
        </p>
      )}
      {demo && <p className="print-only">{t('scorecard.printDemo')}</p>}
      <SubUnitFilter
        lang={lang}
        parents={filter.parents}
        query={filter.query}
        shown={shownTownships.length}
        total={townships.length}
        onChange={filter.onChange}
      />
      <WindowedTable
        inert={stale}
        className={stale ? 'table-scroll scorecard scorecard--stale' : 'table-scroll scorecard'}
        tableClassName="table table--scorecard"
        caption={t('scorecard.caption', { year })}
        rowCount={rows.length}
        colCount={targets.length + 1}
        estimateRowHeight={ROW_HEIGHT}
        head={
          <>
            <th scope="col">{t('scorecard.region')}</th>
            {targets.map((target) => {
              const metric = metrics.get(target.metric)!;
              const goal = cityGoals.get(target.id)?.goal;
              return (
                <th key={target.id} scope="col" aria-sort={sortBy === target.id ? 'ascending' : undefined}>
                  <button
                    type="button"
                    className="sort-button"
                    aria-pressed={sortBy === target.id}
                    onClick={() => selection.select({ by: sortBy === target.id ? undefined : target.id })}
                  >
                    {metric.name[lang]}
                    <span className="visually-hidden">{t('scorecard.sortHint')}</span>
                    <span aria-hidden="true">{sortBy === target.id ? ' ▼' : ' ↕'}</span>
                  </button>
                  {goal && (
                    <>
                      <br />
                      <small className="muted">{t('scorecard.goal', { goal: formatGoal(goal, metric.unit, locale) })}</small>
                    </>
                  )}
                </th>
              );
            })}
          </>
        }
        row={(index, rowProps) => {
          const region = rows[index]!;
          return (
            <tr key={region.id} {...rowProps} className={region.id === set.jurisdiction ? 'score-row--city' : undefined}>
              <th scope="row">{region.name[lang]}</th>
              {targets.map((target) => cell(grid.get(region.id)!.get(target.id)!, region.id))}
            </tr>
          );
        }}
      />
      {shownTownships.length === 0 && townships.length > 0 && <p role="note">{t('subUnits.none')}</p>}
      <p className="muted">{t('scorecard.legend', { order: STATUS_ORDER.filter((s) => s !== 'not_applicable').map((s) => t(`status.${s}`)).join(' < ') })}</p>
    </ScorecardFrame>
  );
}
