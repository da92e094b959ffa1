import { useEffect, useId, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '@/components/error-state';
import { FilterBar } from '@/components/filter-bar';
import { StatusHistory } from '@/components/status-history';
import { AfterDeadlineNote, DeadlineMissingNote } from '@/components/status-explanation';
import { DetailHeadline, FiguresTable, SourceSection, TownshipsTable, TrendSection, VerdictText, WhySection } from '@/components/target-sections';
import { targetDetailIn } from '@/domain/display/target-detail';
import { historyUntil, statusHistory } from '@/domain/evaluation/status-history';
import { localized } from '@/domain/shared/locale';
import { pathFor, useSelection } from '@/stores/selection-store';
import { TargetNotesSection } from './target-notes-section';
import { TargetSetGate, type TargetSetData } from './target-set-gate';
import { useFigureIndex } from './use-figure-index';
import { useSubUnitQuery } from './use-sub-unit-query';
import { useView } from './use-view';

/** One target for one region and year: trend, projection, why, townships, source and data. Its URL is shareable. */
export function TargetPage() {
  return <TargetSetGate>{(data) => <TargetDetailView {...data} />}</TargetSetGate>;
}

function TargetDetailView({ set, setId, observations, years: asOfYears, summaries }: TargetSetData) {
  const { t } = useTranslation();
  const selection = useSelection();
  const headingId = useId();
  const { locale, lang, years, year, selectable, regionId, regionName } = useView(set, asOfYears);
  const index = useFigureIndex(set, observations);
  const detail = useMemo(
    () => targetDetailIn(index, selection.target ?? '', regionId, year, regionName),
    [index, selection.target, regionId, year, regionName],
  );
  // The status each as-of year would have had: to the last as-of year, or to a later deadline up to this year.
  const lastAsOf = years.at(-1) ?? year;
  const shownTarget = detail?.target;
  const history = useMemo(
    () => (shownTarget ? statusHistory(index, shownTarget, regionId, historyUntil(shownTarget, lastAsOf, new Date().getFullYear())) : []),
    [index, shownTarget, regionId, lastAsOf],
  );
  // The township table's filter (`?within=`, `?q=`), over the same sub-units as its rows and the scorecard's.
  const subUnits = useMemo(() => index.scorecardRegions.slice(1), [index]);
  const filter = useSubUnitQuery(index.regions, set.regions, subUnits);

  useEffect(() => {
    if (detail) document.title = `${detail.metric.name[lang]} · ${regionName(regionId)} · ${year}`;
  });

  const back = (
    <a
      href={`${pathFor('dashboard')}${window.location.search}`}
      onClick={(e) => {
        e.preventDefault();
        selection.go('dashboard');
      }}
    >
      {t('detail.back')}
    </a>
  );
  if (!detail) {
    return (
      <>
        <p>{back}</p>
        <ErrorState message={t('detail.notFound', { id: selection.target ?? '' })} />
      </>
    );
  }
  const sections: { id: string; title: string; body: ReactNode }[] = [
    { id: 'trend', title: t('detail.trendHeading'), body: <TrendSection detail={detail} locale={locale} regionName={regionName} /> },
    { id: 'verdict', title: t('detail.verdictHeading'), body: <VerdictText detail={detail} locale={locale} /> },
    { id: 'why', title: t('detail.whyHeading'), body: <WhySection detail={detail} locale={locale} regionName={regionName} /> },
    ...(detail.evaluation.status !== 'not_applicable'
      ? [
          {
            id: 'history',
            title: t('detail.historyHeading'),
            body: <StatusHistory history={history} metric={detail.metric} locale={locale} asOf={year} years={years} onSelectYear={(y: number) => selection.select({ year: y })} />,
          },
        ]
      : []),
    ...(regionId === set.jurisdiction
      ? [
          {
            id: 'townships',
            title: t('detail.townshipsHeading'),
            body: (
              <TownshipsTable
                detail={detail}
                locale={locale}
                regionName={regionName}
                filter={filter}
                // The chosen township's page: the filter belongs to the city's table, not to it.
                onOpen={(region: string) => selection.select({ region, within: undefined, q: undefined })}
              />
            ),
          },
        ]
      : []),
    { id: 'source', title: t('detail.sourceHeading'), body: <SourceSection detail={detail} set={set} locale={locale} /> },
    { id: 'data', title: t('detail.dataHeading'), body: <FiguresTable detail={detail} locale={locale} regionName={regionName} /> },
    { id: 'notes', title: t('notes.heading'), body: <TargetNotesSection targetSet={setId} target={detail.target.id} locale={locale} /> },
  ];

  return (
    <article className="detail" aria-labelledby={headingId}>
      <p className="no-print">{back}</p>
      <h2 id={headingId}>{detail.metric.name[lang]}</h2>
      <p className="muted">{t('detail.regionOf', { region: regionName(regionId), year })}</p>
      {detail.target.office && <p className="detail__office">{t('office.of', { office: localized(detail.target.office, locale) })}</p>}
      <DetailHeadline detail={detail} locale={locale} />
      <DeadlineMissingNote evaluation={detail.evaluation} />
      <AfterDeadlineNote evaluation={detail.evaluation} metric={detail.metric} locale={locale} />
      {!detail.target.binding && <p className="card__flag">{t('card.inPrinciple')}</p>}
      <FilterBar
        locale={locale}
        targetSets={summaries.length > 1 ? summaries.filter((s) => s.id === setId) : summaries}
        targetSet={setId}
        regions={selectable}
        region={regionId}
        years={years}
        year={year}
        onChange={(patch) => selection.select(patch)}
      />
      {regionId !== set.jurisdiction && detail.target.applies_to === 'all' && (
        <p>
          <button type="button" className="link-button" onClick={() => selection.select({ region: set.jurisdiction })}>
            {t('detail.showCity')}
          </button>
        </p>
      )}
      {sections.map((section) => (
        <section key={section.id} className="detail__section" aria-labelledby={`${headingId}-${section.id}`}>
          <h3 id={`${headingId}-${section.id}`}>{section.title}</h3>
          {section.body}
        </section>
      ))}
    </article>
  );
}
