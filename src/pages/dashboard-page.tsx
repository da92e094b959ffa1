import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { actualQueries } from '@/api/actuals';
import { ApiError } from '@/api/http';
import { metaQueries } from '@/api/meta';
import { targetSetQueries } from '@/api/target-sets';
import { CardSkeletons } from '@/components/card-skeleton';
import { ErrorState } from '@/components/error-state';
import { FilterBar } from '@/components/filter-bar';
import { SummaryStrip } from '@/components/summary-strip';
import { TargetCard } from '@/components/target-card';
import { TargetFileProblems } from '@/components/target-file-problems';
import type { TargetSetSummary } from '@/domain/api-contract';
import { compareWorstFirst, type Evaluation } from '@/domain/evaluate-target';
import { countStatuses, evaluateTargetSet, yearsWithData } from '@/domain/evaluate-target-set';
import type { Observation } from '@/domain/observation';
import type { TargetSet } from '@/domain/target-set';
import { useSelection } from '@/stores/selection-store';

/** Words for a failed request: what happened and, for the server's errors, its own message. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.kind) {
      case 'unavailable':
        return t('errors.startFailed', { message: error.message });
      case 'network':
        return t('errors.network');
      case 'server':
        return t('errors.server', { status: error.status ?? '', message: error.message });
      case 'client':
        return t('errors.client', { status: error.status ?? '', message: error.message });
      case 'invalid_response':
        return t('errors.invalid_response');
    }
  }
  return t('errors.unknown', { message: error instanceof Error ? error.message : String(error) });
}

/** The officials' dashboard: the target set, the region and year in the URL, a card per target. */
export function DashboardPage() {
  const { t } = useTranslation();
  const selection = useSelection();
  const list = useQuery(targetSetQueries.list());
  const summaries = list.data?.targetSets ?? [];
  const setId = selection.targetSet ?? summaries.find((s) => s.valid)?.id ?? summaries[0]?.id;
  const detail = useQuery({ ...targetSetQueries.detail(setId ?? ''), enabled: setId !== undefined });
  const set = detail.data?.ok ? detail.data.targetSet : undefined;
  // Fetched alongside the set, not after it: the set id is enough to scope the figures.
  const actuals = useQuery({ ...actualQueries.list({ targetSet: setId ?? '' }), enabled: setId !== undefined });

  if (list.isError) return <ErrorState message={errorMessage(t, list.error)} onRetry={() => void list.refetch()} />;
  if (list.isSuccess && summaries.length === 0) return <ErrorState message={t('errors.noTargetSets')} />;
  if (detail.isError) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <ErrorState
        message={missing ? t('errors.targetSetMissing', { id: setId }) : errorMessage(t, detail.error)}
        onRetry={missing ? () => selection.select({ targetSet: undefined }) : () => void detail.refetch()}
      />
    );
  }
  if (detail.data && !detail.data.ok) return <TargetFileProblems problems={detail.data.problems} />;
  if (actuals.isError) return <ErrorState message={errorMessage(t, actuals.error)} onRetry={() => void actuals.refetch()} />;
  if (!set || !actuals.data) return <CardSkeletons count={6} />;

  return <Dashboard set={set} setId={setId!} observations={actuals.data.observations} summaries={summaries} />;
}

type DashboardProps = {
  set: TargetSet;
  setId: string;
  observations: Observation[];
  summaries: TargetSetSummary[];
};

function Dashboard({ set, setId, observations, summaries }: DashboardProps) {
  const { t } = useTranslation();
  const selection = useSelection();
  const locale = selection.lang;
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const meta = useQuery(metaQueries.detail());

  const selectable = set.regions.filter((r) => r.kind !== 'comparison');
  const regionId = selectable.some((r) => r.id === selection.region) ? selection.region! : set.jurisdiction;
  const years = useMemo(() => yearsWithData(observations), [observations]);
  const year = selection.year !== undefined && years.includes(selection.year) ? selection.year : (years.at(-1) ?? new Date().getFullYear());

  const evaluations = useMemo(() => evaluateTargetSet(set, observations, regionId, year), [set, observations, regionId, year]);
  const counts = countStatuses(evaluations);
  const regionNames = useMemo(() => new Map(set.regions.map((r) => [r.id, r.name[lang]])), [set, lang]);
  const regionName = (id: string) => regionNames.get(id) ?? id;
  const metrics = new Map(set.metrics.map((m) => [m.id, m]));
  const comparisons = useMemo(() => latestReference(observations, year), [observations, year]);

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
        onChange={(patch) =>
          selection.select(patch.targetSet !== undefined ? { targetSet: patch.targetSet, region: undefined, year: undefined } : patch)
        }
      />
      <SummaryStrip
        counts={counts}
        caption={t('summary.caption', { region: regionName(regionId), year, total: applicable.length })}
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
        {meta.data && (
          <p>
            {t('app.lastUpdated', {
              date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(meta.data.lastUpdated)),
            })}
          </p>
        )}
      </footer>
    </div>
  );
}

/** The latest national reference figure per metric up to a year. */
function latestReference(observations: readonly Observation[], year: number): Map<string, Observation> {
  const latest = new Map<string, Observation>();
  for (const o of observations) {
    if (o.source !== 'reference' || o.year > year) continue;
    const current = latest.get(o.metric);
    if (!current || current.year < o.year) latest.set(o.metric, o);
  }
  return latest;
}
