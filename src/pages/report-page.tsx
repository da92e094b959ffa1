import { useEffect, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '@/components/data-table';
import { FilterBar } from '@/components/filter-bar';
import { StatusBadge } from '@/components/status-badge';
import { SummaryStrip } from '@/components/summary-strip';
import { DetailHeadline, FiguresTable, TrendSection, VerdictText, WhySection } from '@/components/target-sections';
import type { Evaluation } from '@/domain/evaluation/evaluate-target';
import { countStatuses, evaluateTargetSet } from '@/domain/evaluation/evaluate-target-set';
import { formatGoal, formatMeasure } from '@/domain/display/format';
import { targetDetail } from '@/domain/display/target-detail';
import { useSelection } from '@/stores/selection-store';
import { TargetSetGate, type TargetSetData } from './target-set-gate';
import { useView } from './use-view';

/** Width the report's charts are drawn at: fits an A4 page in portrait with the browser's default margins. */
const PRINT_CHART_WIDTH = 680;

/**
 * The printable report: a cover with the summary of every target for the
 * selected region and year, then one page per target with its chart, verdict
 * and table. Print CSS keeps each target on its own page; Chromium's
 * "Save as PDF" gives the PDF.
 */
export function ReportPage() {
  return <TargetSetGate>{(data) => <Report {...data} />}</TargetSetGate>;
}

function Report({ set, setId, observations, summaries }: TargetSetData) {
  const { t } = useTranslation();
  const selection = useSelection();
  const headingId = useId();
  const { locale, lang, years, year, selectable, regionId, regionName } = useView(set, observations);
  const evaluations = useMemo(() => evaluateTargetSet(set, observations, regionId, year), [set, observations, regionId, year]);
  const applicable = evaluations.filter((e) => e.status !== 'not_applicable');
  const details = useMemo(
    () => applicable.flatMap((e) => targetDetail(set, observations, e.target.id, regionId, year, regionName) ?? []),
    [applicable, set, observations, regionId, year, regionName],
  );
  const metrics = new Map(set.metrics.map((m) => [m.id, m]));

  useEffect(() => {
    document.title = `${set.title[lang]} · ${regionName(regionId)} · ${year}`;
  });

  const columns: Column<Evaluation>[] = [
    { key: 'target', header: t('report.colTarget'), value: (e) => metrics.get(e.target.metric)!.name[lang] },
    {
      key: 'value',
      header: t('report.colValue'),
      value: (e) => e.latest?.value,
      render: (e) => (e.latest ? formatMeasure(e.latest.value, metrics.get(e.target.metric)!.unit, locale) : '—'),
      numeric: true,
    },
    { key: 'goal', header: t('report.colGoal'), value: (e) => formatGoal(e.goal, metrics.get(e.target.metric)!.unit, locale) },
    { key: 'status', header: t('report.colStatus'), value: (e) => t(`status.${e.status}`), render: (e) => <StatusBadge status={e.status} /> },
    { key: 'deadline', header: t('report.colDeadline'), value: (e) => e.target.deadline },
  ];

  return (
    <div className="report">
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
          {t('report.cover', { title: set.title[lang] })}
        </h2>
        <p className="report__subtitle">{t('report.coverRegion', { region: regionName(regionId), year })}</p>
        <p className="muted">
          {t('report.generated', { date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Asia/Shanghai' }).format(new Date()) })} ·{' '}
          {t('report.demoNote', { region: regionName(set.jurisdiction) })}
        </p>
        <SummaryStrip counts={countStatuses(evaluations)} caption={t('summary.caption', { region: regionName(regionId), year, total: applicable.length })} />
        <DataTable caption={t('report.summaryCaption')} columns={columns} rows={applicable} rowKey={(e) => e.target.id} />
      </section>
      {details.map((detail) => (
        <section key={detail.target.id} className="report__target" aria-labelledby={`${headingId}-${detail.target.id}`}>
          <h2 id={`${headingId}-${detail.target.id}`}>{detail.metric.name[lang]}</h2>
          <DetailHeadline detail={detail} locale={locale} />
          <TrendSection detail={detail} locale={locale} regionName={regionName} width={PRINT_CHART_WIDTH} />
          <VerdictText detail={detail} locale={locale} />
          <WhySection detail={detail} locale={locale} regionName={regionName} />
          <FiguresTable detail={detail} locale={locale} regionName={regionName} />
        </section>
      ))}
    </div>
  );
}
