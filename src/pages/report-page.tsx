import { useEffect, useId, useMemo, type MouseEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { noteQueries } from '@/api/notes';
import { DataTable, type Column } from '@/components/data-table';
import { FilterBar } from '@/components/filter-bar';
import { StatusBadge } from '@/components/status-badge';
import { SubUnitFilter } from '@/components/sub-unit-filter';
import { SUMMARY_STATUSES, SummaryStrip } from '@/components/summary-strip';
import { NoteList } from '@/components/target-notes';
import { DetailHeadline, FiguresTable, TrendSection, VerdictText, WhySection } from '@/components/target-sections';
import { WINDOW_FROM, usePrinting } from '@/components/windowed-table';
import { PageStyle } from '@/components/page-style';
import { STATUS_ORDER, type Evaluation } from '@/domain/evaluation/evaluate-target';
import { countStatuses, type StatusCounts } from '@/domain/evaluation/evaluate-target-set';
import { evaluateRegion, type FigureIndex } from '@/domain/evaluation/figure-index';
import { subUnitStatusCounts } from '@/domain/evaluation/township-gaps';
import { formatFigureOf, formatGoal, formatNumber } from '@/domain/display/format';
import { targetDetailIn, type TargetDetail } from '@/domain/display/target-detail';
import type { Note } from '@/domain/contract/document-contract';
import { localized, type Language, type Locale } from '@/domain/shared/locale';
import type { Observation } from '@/domain/shared/observation';
import { regionWithin } from '@/domain/targets/target-helpers';
import type { Region, TargetSet } from '@/domain/targets/target-set';
import { pathFor, searchFromSelection, useSelection } from '@/stores/selection-store';
// The report's own font (Noto Sans SC, sliced by unicode-range) and print rules: loaded with this page only.
import '@/report.css';
import { TargetSetGate, type TargetSetData } from './target-set-gate';
import { useFigureIndex } from './use-figure-index';
import { useSubUnitQuery } from './use-sub-unit-query';
import { useView } from './use-view';

/** Width the report's charts are drawn at: fits the content width of an A4 page in portrait (210 mm − 2 × 12 mm margins ≈ 703 px). */
const PRINT_CHART_WIDTH = 680;

/** Sub-units shown per page of the report's annex, on screen. */
export const SUB_UNIT_PAGE = 50;

/**
 * The printable report: a cover with the summary of every target for the
 * selected region and year, then one page per target with its chart, verdict
 * and table; for a jurisdiction with `WINDOW_FROM` (120) sub-units or more (a
 * province), an annex of every sub-unit's status counts, filtered by parent and
 * name and paged on screen, printed in full. Print CSS keeps each target on its own page, numbers the pages and,
 * when figures are synthetic, marks every page as demo data; Chromium's
 * "Save as PDF" gives the PDF.
 */
export function ReportPage() {
  return <TargetSetGate>{(data) => <Report {...data} />}</TargetSetGate>;
}

function Report({ set, setId, observations, years: asOfYears, summaries }: TargetSetData) {
  const { t } = useTranslation();
  const selection = useSelection();
  const headingId = useId();
  const { locale, lang, years, year, selectable, regionId, regionName } = useView(set, asOfYears);
  const index = useFigureIndex(set, observations);
  const evaluations = useMemo(() => evaluateRegion(index, regionId, year), [index, regionId, year]);
  const applicable = useMemo(() => evaluations.filter((e) => e.status !== 'not_applicable'), [evaluations]);
  const details = useMemo(
    () => applicable.flatMap((e) => targetDetailIn(index, e.target.id, regionId, year, regionName) ?? []),
    [applicable, index, regionId, year, regionName],
  );
  const synthetic = useMemo(() => hasSyntheticFigures(set, observations, regionId, year), [set, observations, regionId, year]);
  // Sub-units at any depth, as the scorecard and the township table list them.
  const subUnits = useMemo(() => index.scorecardRegions.slice(1), [index]);
  const annex = regionId === set.jurisdiction && subUnits.length >= WINDOW_FROM;
  // Every note of the set in one request, each target's under its page (newest first, as the target page lists them).
  const notes = useQuery(noteQueries.list(setId));
  const notesByTarget = useMemo(() => {
    const byTarget = new Map<string, Note[]>();
    for (const note of notes.data?.notes ?? []) byTarget.set(note.target, [...(byTarget.get(note.target) ?? []), note]);
    return byTarget;
  }, [notes.data]);
  const notesError = notes.isError ? (notes.error instanceof Error ? notes.error.message : String(notes.error)) : undefined;
  // The same elements while only the annex's page or filter changes: its paging does not re-render the charts.
  const targetSections = useMemo(
    () =>
      details.map((detail) => (
        <section key={detail.target.id} className="report__target" aria-labelledby={`${headingId}-${detail.target.id}`}>
          <h2 id={`${headingId}-${detail.target.id}`}>{detail.metric.name[lang]}</h2>
          {detail.target.office && <p className="detail__office">{t('office.of', { office: localized(detail.target.office, locale) })}</p>}
          <DetailHeadline detail={detail} locale={locale} />
          <TargetBody detail={detail} locale={locale} regionName={regionName} />
          {notesError !== undefined ? (
            <p role="alert" className="no-print">{t('notes.loadFailed', { reason: notesError })}</p>
          ) : (
            (notesByTarget.get(detail.target.id)?.length ?? 0) > 0 && (
              <section className="report__notes" aria-labelledby={`${headingId}-${detail.target.id}-notes`}>
                <h3 id={`${headingId}-${detail.target.id}-notes`}>{t('notes.reportHeading')}</h3>
                <NoteList notes={notesByTarget.get(detail.target.id)!} locale={locale} />
              </section>
            )
          )}
        </section>
      )),
    [details, headingId, lang, locale, regionName, notesByTarget, notesError, t],
  );
  const metrics = new Map(set.metrics.map((m) => [m.id, m]));
  const title = set.title[lang];
  const where = t('report.coverRegion', { region: regionName(regionId), year });

  const margins = { header: `${title} · ${where}`, demo: synthetic ? t('report.pageDemo') : undefined, pageNumber: t('report.pageNumber', { page: PAGE, pages: PAGES }) };
  const marginText = [margins.header, margins.demo ?? '', margins.pageNumber].join('');

  useEffect(() => {
    document.title = `${title} · ${regionName(regionId)} · ${year}`;
  });

  // The font's slices load for the characters a page lays out; the margin boxes' texts exist only in print, so
  // their slices are asked for here, and printing never falls back to a system font for them.
  useEffect(() => {
    for (const weight of [400, 700]) void document.fonts?.load(`${weight} 10px "Noto Sans SC"`, marginText).catch(() => undefined);
  }, [marginText]);

  const columns: Column<Evaluation>[] = [
    { key: 'target', header: t('report.colTarget'), value: (e) => metrics.get(e.target.metric)!.name[lang] },
    {
      key: 'value',
      header: t('report.colValue'),
      value: (e) => e.latest?.value,
      render: (e) => (e.latest ? formatFigureOf(e.latest, metrics.get(e.target.metric)!.unit, locale, e.goal) : '—'),
      numeric: true,
    },
    { key: 'goal', header: t('report.colGoal'), value: (e) => formatGoal(e.goal, metrics.get(e.target.metric)!.unit, locale) },
    { key: 'status', header: t('report.colStatus'), value: (e) => t(`status.${e.status}`), render: (e) => <StatusBadge status={e.status} /> },
    { key: 'deadline', header: t('report.colDeadline'), value: (e) => e.target.deadline },
    // Where an imported figure cites its source, the summary quotes it beside the figure, as the detail tables do.
    ...(applicable.some((e) => e.latest?.citation) ? [{ key: 'citation', header: t('detail.colCitation'), value: (e: Evaluation) => e.latest?.citation }] : []),
  ];

  return (
    <div className="report">
      <PageStyle css={pageMarginCss(margins)} />
      <div className="no-print">
        <FilterBar
          locale={locale}
          targetSets={summaries}
          targetSet={setId}
          regions={selectable}
          region={regionId}
          years={years}
          year={year}
          onChange={(patch) => selection.select(patch)}
        />
        <p className="actions">
          <button type="button" className="button" onClick={() => window.print()}>
            {t('report.print')}
          </button>
          <span className="muted">{t('report.printHint')}</span>
        </p>
      </div>
      <section className="report__cover" aria-labelledby={headingId}>
        <h2 id={headingId} className="report__title">
          {t('report.cover', { title })}
        </h2>
        <p className="report__subtitle">{where}</p>
        <p className="muted">
          {t('report.generated', { date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Asia/Shanghai' }).format(new Date()) })}
        </p>
        {synthetic && (
          <p className="report__demo" role="note">
            {t('report.demoNote', { region: regionName(set.jurisdiction) })}
          </p>
        )}
        <SummaryStrip counts={countStatuses(evaluations)} locale={locale} caption={t('summary.caption', { region: regionName(regionId), year, total: applicable.length, count: applicable.length })} />
        <DataTable caption={t('report.summaryCaption')} columns={columns} rows={applicable} rowKey={(e) => e.target.id} />
      </section>
      {targetSections}
      {annex && <SubUnitAnnex index={index} details={details} subUnits={subUnits} year={year} locale={locale} lang={lang} regionName={regionName} />}
    </div>
  );
}

/**
 * A target's chart, verdict, explanation and figures. A region without figures for it says so in one
 * sentence instead of drawing an empty chart, a projection from "0 points" and a table of headers only;
 * a published comparison series, when there is one, is still shown.
 */
function TargetBody({ detail, locale, regionName }: { detail: TargetDetail; locale: Locale; regionName: (id: string) => string }) {
  const { t } = useTranslation();
  const props = { detail, locale, regionName };
  if (detail.figures.length === 0) {
    return (
      <>
        <p className="verdict report__no-data">{t('report.noData', { region: regionName(detail.regionId), year: detail.asOf })}</p>
        <WhySection {...props} />
        {detail.chart.comparisons.length > 0 && (
          <>
            <TrendSection {...props} width={PRINT_CHART_WIDTH} />
            <FiguresTable {...props} />
          </>
        )}
      </>
    );
  }
  return (
    <>
      <TrendSection {...props} width={PRINT_CHART_WIDTH} />
      <VerdictText detail={detail} locale={locale} />
      <WhySection {...props} />
      <FiguresTable {...props} />
    </>
  );
}

type AnnexRow = { region: Region; counts: StatusCounts };

/**
 * The report's annex for a jurisdiction with many sub-units: each sub-unit's number of targets in each
 * status as of the year, worst first (more missed, then more off track, …, then file order), its name
 * opening its own report. Filtered by parent and name (`?within=`, `?q=`); on screen one page of
 * `SUB_UNIT_PAGE` at a time (`?page=`, previous and next, "第 x–y 个，共 N 个"); printed, every sub-unit of
 * the filter, since a printed report is what is taken away.
 */
function SubUnitAnnex({
  index,
  details,
  subUnits,
  year,
  locale,
  lang,
  regionName,
}: {
  index: FigureIndex;
  /** The report's target details: their township lists hold every sub-unit's evaluations already. */
  details: readonly TargetDetail[];
  subUnits: readonly Region[];
  year: number;
  locale: Locale;
  lang: Language;
  regionName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const selection = useSelection();
  const headingId = useId();
  const printing = usePrinting();
  const filter = useSubUnitQuery(index.regions, index.set.regions, subUnits);
  const rows = useMemo(() => {
    const counts = subUnitStatusCounts(details.flatMap((detail) => detail.gaps ?? []));
    const order = new Map(subUnits.map((region, i) => [region.id, i]));
    const all = subUnits.map((region): AnnexRow => ({ region, counts: counts.get(region.id) ?? countStatuses([]) }));
    const worse = (a: AnnexRow, b: AnnexRow) => {
      for (const status of STATUS_ORDER) if (a.counts[status] !== b.counts[status]) return b.counts[status] - a.counts[status];
      return order.get(a.region.id)! - order.get(b.region.id)!;
    };
    return all.sort(worse);
  }, [details, subUnits]);
  const shown = filter.shown(rows, (row) => row.region.id);
  const pages = Math.max(1, Math.ceil(shown.length / SUB_UNIT_PAGE));
  const page = Math.min(selection.listPage ?? 1, pages);
  // A page past the end (a link from a larger selection) shows the last page, and the address says so.
  const { correct } = selection;
  const pastEnd = selection.listPage !== undefined && selection.listPage > pages;
  useEffect(() => {
    if (pastEnd) correct({ listPage: pages > 1 ? pages : undefined }, []);
  }, [pastEnd, pages, correct]);
  const from = (page - 1) * SUB_UNIT_PAGE;
  const visible = printing ? shown : shown.slice(from, from + SUB_UNIT_PAGE);
  const first = printing ? 0 : from;
  const number = (n: number) => formatNumber(n, locale, 0);
  const parents = filter.parents.length > 0;
  const href = (region: string) =>
    `${pathFor('report')}${searchFromSelection({ ...selection, region, within: undefined, q: undefined, listPage: undefined }, window.location.search)}`;
  const open = (event: MouseEvent<HTMLAnchorElement>, region: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    selection.select({ region, within: undefined, q: undefined, listPage: undefined });
    window.scrollTo?.(0, 0);
  };
  const scope = [
    ...(filter.query.within ? [t('report.subUnitsWithin', { region: regionName(filter.query.within) })] : []),
    ...(filter.query.q?.trim() ? [t('report.subUnitsNamed', { q: filter.query.q.trim() })] : []),
    t('report.subUnitsTotal', { n: number(shown.length) }),
  ];
  const pager = shown.length > SUB_UNIT_PAGE && (
    <nav className="pager no-print" aria-label={t('report.pager')}>
      <button type="button" className="button button--secondary" disabled={page <= 1} onClick={() => selection.select({ listPage: page - 1 })}>
        {t('report.previousPage')}
      </button>
      <span className="pager__range">{t('report.pageRange', { from: number(from + 1), to: number(Math.min(from + SUB_UNIT_PAGE, shown.length)), total: number(shown.length) })}</span>
      <button type="button" className="button button--secondary" disabled={page >= pages} onClick={() => selection.select({ listPage: page + 1 })}>
        {t('report.nextPage')}
      </button>
      <span className="muted">{t('report.printsAll', { n: number(shown.length) })}</span>
    </nav>
  );
  return (
    <section className="detail__section report__sub-units" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('report.subUnitsHeading')}</h2>
      <p className="muted">{t('report.subUnitsIntro', { year })}</p>
      <SubUnitFilter lang={lang} parents={filter.parents} query={filter.query} shown={shown.length} total={rows.length} onChange={filter.onChange} />
      <p>{scope.join(locale === 'zh-CN' ? '；' : '; ')}</p>
      {pager}
      <div className="table-scroll">
        {/* One page of the rows on screen: the counts say where it lies in the whole selection. */}
        <table className="table" aria-rowcount={shown.length + 1}>
          <caption>{t('report.subUnitsCaption', { year })}</caption>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col">{t('report.colSubUnit')}</th>
              {parents && <th scope="col">{t('report.colParent')}</th>}
              {SUMMARY_STATUSES.map((status) => (
                <th key={status} scope="col" className="num">
                  {t(`status.${status}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {visible.map((row, i) => (
              <tr key={row.region.id} aria-rowindex={first + i + 2}>
                <th scope="row">
                  <a href={href(row.region.id)} onClick={(e) => open(e, row.region.id)}>
                    {row.region.name[lang]}
                  </a>
                </th>
                {parents && <td>{row.region.parent ? regionName(row.region.parent) : '—'}</td>}
                {SUMMARY_STATUSES.map((status) => (
                  <td key={status} className="num">
                    {row.counts[status]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && <p role="note">{t('subUnits.none')}</p>}
      {pager}
    </section>
  );
}

/** Whether any figure the report rests on is synthetic: the region's or a sub-unit's, up to the as-of year. */
function hasSyntheticFigures(set: TargetSet, observations: readonly Observation[], regionId: string, year: number): boolean {
  const regions = new Map(set.regions.map((r) => [r.id, r]));
  return observations.some((o) => o.source === 'demo' && o.year <= year && regionWithin(regions, o.region, regionId));
}

/** Placeholders for the page counters in `report.pageNumber`, replaced by CSS counters. */
const PAGE = '\ue000page\ue000';
const PAGES = '\ue000pages\ue000';

/**
 * The printed page's margin boxes (CSS paged media): the report and region at the top left, the demo
 * notice at the top right of every page when figures are synthetic, the page number at the bottom right.
 * Texts come from the messages, so they are written here rather than in the stylesheet.
 */
function pageMarginCss({ header, demo, pageNumber }: { header: string; demo?: string | undefined; pageNumber: string }): string {
  const numbers = pageNumber
    .split(/(\ue000pages?\ue000)/)
    .filter(Boolean)
    .map((part) => (part === PAGE ? 'counter(page)' : part === PAGES ? 'counter(pages)' : cssString(part)))
    .join(' ');
  return [
    '@media print { @page {',
    `@top-left { content: ${cssString(header)}; }`,
    demo ? `@top-right { content: ${cssString(demo)}; }` : '',
    `@bottom-right { content: ${numbers}; }`,
    '} }',
  ].join('\n');
}

/** Text as a CSS string literal: quotes, backslashes and control characters escaped, so a title cannot end the rule. */
function cssString(text: string): string {
  const escaped = [...text].map((c) => {
    const code = c.codePointAt(0)!;
    return code < 0x20 || code === 0x7f || '\\"<>'.includes(c) ? `\\${code.toString(16)} ` : c;
  });
  return `"${escaped.join('')}"`;
}
