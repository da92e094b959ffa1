import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDifference, formatFigure, formatFigureOf, formatGoal, formatMeasure, formatNumber } from '@/domain/display/format';
import type { TargetDetail } from '@/domain/display/target-detail';
import { languageOf, localized, type Locale } from '@/domain/shared/locale';
import type { Region, TargetSet } from '@/domain/targets/target-set';
import type { TownshipGap } from '@/domain/evaluation/township-gaps';
import { ChangeArrow } from './change-arrow';
import { chartCaption, saveChartPng } from './chart-png';
import { DataTable, type Column } from './data-table';
import { StatusBadge } from './status-badge';
import { SourceText } from './source-text';
import { SubUnitFilter, type SubUnitQuery } from './sub-unit-filter';
import { ForecastText, StatusExplanation } from './status-explanation';
import { TrendChart } from './trend-chart';

type Common = { detail: TargetDetail; locale: Locale; regionName: (id: string) => string };

/** The trend chart with its PNG export; `width` fixes the size for print. */
export function TrendSection({ detail, locale, regionName, width }: Common & { width?: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const { metric, chart, figures, target } = detail;
  const name = localized(metric.name, locale);
  const format = (v: number) => formatMeasure(v, metric.unit, locale);
  const byYear = new Map(figures.map((f) => [f.year, f]));
  const formatActual = (v: number, year: number) => {
    const qualifier = byYear.get(year)?.qualifier;
    return qualifier ? formatFigure(v, metric.unit, locale, { qualifier }) : undefined;
  };
  const citation = (year: number) => {
    const text = byYear.get(year)?.citation;
    return text ? t('detail.tooltipCitation', { source: text }) : undefined;
  };
  if (figures.length === 0 && chart.comparisons.length === 0) return <p>{t('detail.chartNoData')}</p>;
  return (
    <div className="trend" ref={ref}>
      <TrendChart
        data={chart}
        format={format}
        formatActual={formatActual}
        citation={citation}
        labels={{
          actual: t('detail.legend.actual'),
          goal: t('detail.legend.goal'),
          deadline: t('detail.legend.deadline'),
          baseline: t('detail.legend.baseline'),
          required: t('detail.legend.required'),
          trend: t('detail.legend.trend'),
          band: t('detail.legend.band'),
        }}
        summary={t('detail.chartSummary', {
          metric: name,
          region: regionName(detail.regionId),
          first: figures[0]?.year ?? '—',
          last: figures.at(-1)?.year ?? '—',
          goal: formatGoal(detail.evaluation.goal, metric.unit, locale),
          deadline: target.deadline.slice(0, 4),
        })}
        {...(width ? { width } : {})}
      />
      {chart.drawnPoints < chart.totalPoints && (
        <p className="muted">{t('detail.downsampled', { total: formatNumber(chart.totalPoints, locale, 0), drawn: formatNumber(chart.drawnPoints, locale, 0) })}</p>
      )}
      <p className="no-print">
        <button type="button" className="button button--secondary" onClick={() => ref.current && void saveChartPng(ref.current, `${target.id}-${detail.regionId}`, chartCaption(t, detail, locale, regionName))}>
          {t('detail.savePng')}
        </button>
      </p>
    </div>
  );
}

/** The forecast to the deadline: one method with the status, the trend line as a labelled reference (`ForecastText`). */
export function VerdictText({ detail, locale }: Omit<Common, 'regionName'>) {
  return <ForecastText detail={detail} locale={locale} />;
}

/** Why this status: the same explanation as on the card, always open. */
export function WhySection({ detail, locale, regionName }: Common) {
  return <StatusExplanation evaluation={detail.evaluation} metric={detail.metric} locale={locale} regionName={regionName} />;
}

/** The figures under the chart, with the benchmark series (the target file's `benchmark`) beside them; sortable, exportable. */
export function FiguresTable({ detail, locale, regionName }: Common) {
  const { t } = useTranslation();
  const { metric, figures } = detail;
  const national = detail.benchmark;
  const years = [...new Set([...figures.map((f) => f.year), ...(national?.points.map((p) => p.year) ?? [])])].sort((a, b) => a - b);
  const rows = years.map((year) => ({ year, figure: figures.find((f) => f.year === year), national: national?.points.find((p) => p.year === year)?.value }));
  type Row = (typeof rows)[number];
  const measure = (v: number | undefined) => (v === undefined ? '—' : formatMeasure(v, metric.unit, locale));
  const columns: Column<Row>[] = [
    { key: 'year', header: t('detail.colYear'), value: (r) => r.year, numeric: true },
    {
      key: 'actual',
      header: t('detail.colActual'),
      value: (r) => r.figure?.value,
      render: (r) => (r.figure ? formatFigureOf(r.figure, metric.unit, locale, detail.evaluation.goal) : '—'),
      numeric: true,
    },
    ...(metric.numerator
      ? [
          { key: 'num', header: t('detail.colNumerator'), value: (r: Row) => r.figure?.numerator, numeric: true },
          { key: 'den', header: t('detail.colDenominator'), value: (r: Row) => r.figure?.denominator, numeric: true },
        ]
      : []),
    {
      key: 'basis',
      header: t('detail.colBasis'),
      value: (r) => (r.figure ? (r.figure.basis === 'own' ? t('detail.basisOwn') : t('detail.basisRollup')) : undefined),
    },
    ...(national ? [{ key: 'benchmark', header: regionName(national.regionId), value: (r: Row) => r.national, render: (r: Row) => measure(r.national), numeric: true }] : []),
    ...(figures.some((f) => f.citation) ? [{ key: 'citation', header: t('detail.colCitation'), value: (r: Row) => r.figure?.citation }] : []),
  ];
  return (
    <DataTable
      caption={t('detail.dataCaption', { metric: localized(metric.name, locale), region: regionName(detail.regionId) })}
      columns={columns}
      rows={rows}
      rowKey={(r) => String(r.year)}
      exportName={`${detail.target.id}-${detail.regionId}-${detail.asOf}`}
      exportScope={{ region: regionName(detail.regionId), asOf: detail.asOf, figure: (r) => r.figure }}
    />
  );
}

/** A township row's height before it is measured (a name, a badge, one line of what it takes). */
const TOWNSHIP_ROW_HEIGHT = 40;

/** The township table's filter by parent and name (SubUnitFilter), as the page keeps it (in the address). */
export type TownshipsFilter = {
  parents: readonly Region[];
  query: SubUnitQuery;
  /** The rows that pass it, in their order (`matchesSubUnit` by each row's region). */
  shown: <T>(items: readonly T[], regionOf: (item: T) => string) => readonly T[];
  onChange: (patch: SubUnitQuery) => void;
};

/**
 * Each township against the goal, worst first, with its contribution to the city's gap and what it takes:
 * every sub-unit under the jurisdiction at any depth, filtered by parent and name when `filter` is given;
 * sortable by any column, windowed past `windowFrom` rows (`DataTable` `windowed`), every row in print.
 */
export function TownshipsTable({
  detail,
  locale,
  regionName,
  onOpen,
  filter,
  windowFrom,
}: Common & { onOpen?: (regionId: string) => void; filter?: TownshipsFilter; windowFrom?: number }) {
  const { t } = useTranslation();
  const { metric, gaps } = detail;
  if (!gaps) return <p>{t('detail.cityOnly')}</p>;
  const rows = filter ? filter.shown(gaps.rows, (row) => row.regionId) : gaps.rows;
  const what = localized(metric.numerator ?? metric.name, locale);
  const takes = (row: TownshipGap) => {
    if (row.whatItTakes === undefined) return undefined;
    if (row.whatItTakes === 0) return t('detail.takesNone');
    const n = formatNumber(Math.abs(row.whatItTakes), locale, 0);
    if (!metric.numerator) return t('detail.takesCount', { n });
    const text = row.whatItTakes > 0 ? t('detail.takesAdd', { n, what }) : t('detail.takesRemove', { n, what });
    return row.splits ? `${text}${locale === 'zh-CN' ? '，' : '; '}${t('detail.takesSplit', { n: formatNumber(row.splits, locale, 0) })}` : text;
  };
  const order = new Map(gaps.rows.map((row, i) => [row.regionId, i]));
  const columns: Column<TownshipGap>[] = [
    {
      key: 'region',
      header: t('detail.colRegion'),
      value: (r) => regionName(r.regionId),
      text: (r) => regionName(r.regionId),
      render: (r) =>
        onOpen ? (
          <button type="button" className="link-button" onClick={() => onOpen(r.regionId)}>
            {regionName(r.regionId)}
          </button>
        ) : (
          regionName(r.regionId)
        ),
    },
    {
      key: 'value',
      header: t('detail.colValue'),
      value: (r) => r.figure?.value,
      render: (r) => (r.figure ? formatFigureOf(r.figure, metric.unit, locale, r.evaluation.goal) : '—'),
      numeric: true,
    },
    { key: 'goal', header: t('detail.colGoal'), value: (r) => formatGoal(r.evaluation.goal, metric.unit, locale) },
    { key: 'status', header: t('detail.colStatus'), value: (r) => order.get(r.regionId), text: (r) => t(`status.${r.evaluation.status}`), render: (r) => <StatusBadge status={r.evaluation.status} /> },
    {
      key: 'contribution',
      header: t('detail.colContribution'),
      value: (r) => r.contribution,
      render: (r) => (r.contribution === undefined ? '—' : r.contribution === 0 ? '0' : `+${formatDifference(r.contribution, metric.unit, locale)}`),
      numeric: true,
    },
    { key: 'takes', header: t('detail.colTakes'), value: takes },
  ];
  return (
    <>
      <p className="muted">{t('detail.townshipsIntro')}</p>
      {filter && (
        <SubUnitFilter lang={languageOf(locale)} parents={filter.parents} query={filter.query} shown={rows.length} total={gaps.rows.length} onChange={filter.onChange} />
      )}
      <DataTable
        caption={t('detail.townshipsHeading')}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.regionId}
        exportName={`${detail.target.id}-townships-${detail.asOf}`}
        exportScope={{ region: regionName(detail.regionId), asOf: detail.asOf, figure: (r) => r.figure }}
        windowed={{ estimateRowHeight: TOWNSHIP_ROW_HEIGHT, ...(windowFrom !== undefined ? { windowFrom } : {}) }}
      />
      {rows.length === 0 && gaps.rows.length > 0 && <p role="note">{t('subUnits.none')}</p>}
    </>
  );
}

const sourceParams = (source: TargetSet['source']) => ({ publisher: source.publisher, title: source.title, date: source.date });

/** The plan's own sentence, where it comes from, and what the metric means. */
export function SourceSection({ detail, set, locale }: { detail: TargetDetail; set: TargetSet; locale: Locale }) {
  const { t } = useTranslation();
  const { target, metric } = detail;
  return (
    <>
      <SourceText target={target} className="source-quote" />
      {/* A target citing another document than the file's (`source` on the target) shows its own. */}
      <p className="muted">{t('detail.sourceDoc', sourceParams(target.source ?? set.source))}</p>
      {metric.definition && <p>{localized(metric.definition, locale)}</p>}
      {metric.numerator && <p>{t('detail.numeratorDef', { text: localized(metric.numerator, locale) })}</p>}
      {metric.denominator && <p>{t('detail.denominatorDef', { text: localized(metric.denominator, locale) })}</p>}
      {target.deadline_note && <p>{localized(target.deadline_note, locale)}</p>}
      {target.note && <p>{localized(target.note, locale)}</p>}
    </>
  );
}

/** Status, value and goal in one line, for the page header. */
export function DetailHeadline({ detail, locale }: Omit<Common, 'regionName'>) {
  const { t } = useTranslation();
  const { evaluation, metric } = detail;
  return (
    <p className="headline">
      <StatusBadge status={evaluation.status} />
      <span className="headline__value">{evaluation.latest ? formatFigureOf(evaluation.latest, metric.unit, locale, evaluation.goal) : '—'}</span>
      <ChangeArrow evaluation={evaluation} metric={metric} locale={locale} />
      <span className="muted">{t('card.goal', { goal: formatGoal(evaluation.goal, metric.unit, locale) })}</span>
      <span className="muted">{t('card.deadline', { date: detail.target.deadline })}</span>
    </p>
  );
}
