import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { metaQueries } from '@/api/meta';
import { FilterBar } from '@/components/filter-bar';
import { PresentLink } from '@/components/present-link';
import { SummaryStrip } from '@/components/summary-strip';
import { TargetCard } from '@/components/target-card';
import { compareWorstFirst, type Evaluation } from '@/domain/evaluation/evaluate-target';
import { countStatuses } from '@/domain/evaluation/evaluate-target-set';
import { evaluateRegion } from '@/domain/evaluation/figure-index';
import { isReferenceFigure, type Observation } from '@/domain/shared/observation';
import { pathFor, useSelection } from '@/stores/selection-store';
import { TargetSetGate, type TargetSetData } from './target-set-gate';
import { useFigureIndex } from './use-figure-index';
import { useCaller } from './use-caller';
import { useView } from './use-view';

/** The officials' dashboard: the target set, the region and year in the URL, a card per target. */
export function DashboardPage() {
  return <TargetSetGate>{(data) => <Dashboard {...data} />}</TargetSetGate>;
}

function Dashboard({ set, setId, observations, years: asOfYears, summaries }: TargetSetData) {
  const { t } = useTranslation();
  const selection = useSelection();
  const { locale, lang, years, year, selectable, regionId, regionName } = useView(set, asOfYears);
  const meta = useQuery(metaQueries.detail());

  const index = useFigureIndex(set, observations);
  const evaluations = useMemo(() => evaluateRegion(index, regionId, year), [index, regionId, year]);
  const counts = countStatuses(evaluations);
  const metrics = new Map(set.metrics.map((m) => [m.id, m]));
  const comparisons = useMemo(() => latestBenchmark(observations, set.benchmark, year), [observations, set.benchmark, year]);

  useEffect(() => {
    document.title = `${set.title[lang]} · ${regionName(regionId)} · ${year}`;
    // The first complete render, for `npm run bench`.
    if (performance.getEntriesByName('dashboard-ready').length === 0) performance.mark('dashboard-ready');
  });

  const applicable = evaluations.filter((e) => e.status !== 'not_applicable');
  const notApplicable = evaluations.filter((e) => e.status === 'not_applicable');
  const ordered = selection.sort === 'worst' ? [...applicable].sort(compareWorstFirst) : applicable;

  const card = (evaluation: Evaluation) => {
    const metric = metrics.get(evaluation.target.metric)!;
    const comparison = comparisons.get(metric.id);
    return (
      <TargetCard
        key={evaluation.target.id}
        evaluation={evaluation}
        metric={metric}
        locale={locale}
        regionName={regionName}
        detailHref={`${pathFor('target', evaluation.target.id)}${window.location.search}`}
        onOpenDetail={() => selection.go('target', { target: evaluation.target.id })}
        {...(comparison ? { comparison } : {})}
      />
    );
  };

  return (
    <div className="dashboard" data-ready="true">
      <FilterBar
        locale={locale}
        targetSets={summaries}
        targetSet={setId}
        regions={selectable}
        region={regionId}
        years={years}
        year={year}
        sort={selection.sort}
        onChange={(patch) => selection.select(patch)}
      />
      <PresentLink href={`${pathFor('present')}${window.location.search}`} onOpen={() => selection.go('present')} />
      {!observations.some((o) => !isReferenceFigure(o)) && <NoFiguresYet />}
      <SummaryStrip
        locale={locale}
        counts={counts}
        caption={t('summary.caption', { region: regionName(regionId), year, total: applicable.length, count: applicable.length })}
      />
      {set.categories.map((category) => {
        const members = ordered.filter((e) => e.target.category === category.id);
        if (members.length === 0) return null;
        return (
          <section key={category.id} className="category" aria-labelledby={`category-${category.id}`}>
            <h2 id={`category-${category.id}`} className="category__heading">
              {category.name[lang]}
            </h2>
            <div className="cards">{members.map(card)}</div>
          </section>
        );
      })}
      {notApplicable.length > 0 && (
        <details className="category category--muted">
          <summary>
            <h2 className="category__heading">{t('sections.notApplicableHeading')}</h2>
          </summary>
          <div className="cards">{notApplicable.map(card)}</div>
        </details>
      )}
      <footer className="page-footer">
        <p>
          {t('app.footerSource', { publisher: set.source.publisher, title: set.source.title, date: set.source.date })}
        </p>
        {otherSources(set).map((source) => (
          <p key={`${source.publisher}|${source.title}`}>{t('app.footerOtherSource', { publisher: source.publisher, title: source.title, date: source.date })}</p>
        ))}
        <FileVersionNote version={summaries.find((s) => s.id === setId)?.version} locale={locale} />
        {meta.data && (
          <p>
            {meta.data.lastUpdated === undefined
              ? t('app.noImports')
              : t('app.lastUpdated', {
                  date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(meta.data.lastUpdated)),
                })}
          </p>
        )}
      </footer>
    </div>
  );
}

/**
 * A set with no figures of its own yet (a plan that asks for no demo figures starts so): an analyst is
 * told how to bring them in, a viewer that none are in yet. Never shown as zeros.
 */
function NoFiguresYet() {
  const { t } = useTranslation();
  const caller = useCaller();
  return (
    <p className="demo-banner" role="note">
      {caller.canWrite ? (
        <>
          {t('sections.noFiguresAnalyst')} <a href={`${pathFor('import')}${window.location.search}`}>{t('nav.import')}</a>
        </>
      ) : (
        t('sections.noFiguresViewer')
      )}
    </p>
  );
}

/** The documents some targets cite instead of the file's (`source` on a target), each once, in file order. */
function otherSources(set: TargetSetData['set']): NonNullable<TargetSetData['set']['targets'][number]['source']>[] {
  const seen = new Map<string, NonNullable<TargetSetData['set']['targets'][number]['source']>>();
  for (const { source } of set.targets) if (source && !seen.has(`${source.publisher}|${source.title}`)) seen.set(`${source.publisher}|${source.title}`, source);
  return [...seen.values()];
}

/** Which version of the target file the dashboard shows: a saved one (number, when, by whom) or the file shipped with the app. */
function FileVersionNote({ version, locale }: { version: TargetSetData['summaries'][number]['version']; locale: string }) {
  const { t } = useTranslation();
  if (!version) return <p>{t('files.showingBundled')}</p>;
  const at = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(version.savedAt));
  return <p data-testid="file-version">{t('files.showing', { number: version.number, at, by: version.savedBy })}</p>;
}

/** The latest published figure of the set's benchmark region (`benchmark` in the target file) per metric up to a year. */
function latestBenchmark(observations: readonly Observation[], benchmark: string | undefined, year: number): Map<string, Observation> {
  const latest = new Map<string, Observation>();
  if (benchmark === undefined) return latest;
  for (const o of observations) {
    if (!isReferenceFigure(o) || o.region !== benchmark || o.year > year) continue;
    const current = latest.get(o.metric);
    if (!current || current.year < o.year) latest.set(o.metric, o);
  }
  return latest;
}
