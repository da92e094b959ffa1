import { useId, useMemo, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar } from '@/components/filter-bar';
import { StatusBadge } from '@/components/status-badge';
import { compareWorstFirst, STATUS_ORDER, type Evaluation } from '@/domain/evaluation/evaluate-target';
import { evaluateTargetSet } from '@/domain/evaluation/evaluate-target-set';
import { formatMeasure } from '@/domain/display/format';
import { isSubUnit } from '@/domain/targets/target-set';
import { pathFor, searchFromSelection, useSelection } from '@/stores/selection-store';
import { TargetSetGate, type TargetSetData } from './target-set-gate';
import { useView } from './use-view';

/** 计分卡: townships × targets, each cell a value and a status; sortable by any target, worst first. */
export function ScorecardPage() {
  return <TargetSetGate>{(data) => <Scorecard {...data} />}</TargetSetGate>;
}

const BAD = new Set(['missed', 'off_track', 'at_risk']);

function Scorecard({ set, setId, observations, summaries }: TargetSetData) {
  const { t } = useTranslation();
  const selection = useSelection();
  const headingId = useId();
  const { locale, lang, years, year } = useView(set, observations);
  const targets = set.targets.filter((target) => target.applies_to === 'all');
  const metrics = new Map(set.metrics.map((m) => [m.id, m]));
  const regions = useMemo(
    () => [set.regions.find((r) => r.id === set.jurisdiction)!, ...set.regions.filter((r) => isSubUnit(r) && r.parent === set.jurisdiction)],
    [set],
  );
  const grid = useMemo(
    () =>
      new Map(
        regions.map((region) => {
          const evaluations = evaluateTargetSet(set, observations, region.id, year);
          return [region.id, new Map(evaluations.map((e) => [e.target.id, e]))] as const;
        }),
      ),
    [regions, set, observations, year],
  );
  const [sortBy, setSortBy] = useState<string | undefined>(undefined);

  const badCount = (regionId: string) => [...grid.get(regionId)!.values()].filter((e) => BAD.has(e.status)).length;
  const [city, ...townships] = regions;
  const sortedTownships = [...townships].sort((a, b) => {
    if (sortBy) return compareWorstFirst(grid.get(a.id)!.get(sortBy)!, grid.get(b.id)!.get(sortBy)!);
    return badCount(b.id) - badCount(a.id) || a.id.localeCompare(b.id);
  });

  const open = (event: MouseEvent<HTMLAnchorElement>, target: string, region: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    selection.go('target', { target, region });
  };
  const href = (target: string, region: string) =>
    `${pathFor('target', target)}${searchFromSelection({ ...selection, region }, window.location.search)}`;

  const cell = (evaluation: Evaluation, regionId: string) => {
    const metric = metrics.get(evaluation.target.metric)!;
    return (
      <td key={evaluation.target.id} className={`score score--${evaluation.status}`}>
        <a href={href(evaluation.target.id, regionId)} onClick={(e) => open(e, evaluation.target.id, regionId)}>
          <span className="score__value">{evaluation.latest ? formatMeasure(evaluation.latest.value, metric.unit, locale) : '—'}</span>
          <StatusBadge status={evaluation.status} />
        </a>
      </td>
    );
  };

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
      <p className="muted">{t('scorecard.intro', { year, count: townships.length })}</p>
      <div className="table-scroll scorecard">
        <table className="table table--scorecard">
          <caption className="visually-hidden">{t('scorecard.caption', { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scorecard.region')}</th>
              {targets.map((target) => (
                <th
                  key={target.id}
                  scope="col"
                  aria-sort={sortBy === target.id ? 'ascending' : undefined}
                >
                  <button type="button" className="sort-button" onClick={() => setSortBy(sortBy === target.id ? undefined : target.id)}>
                    {metrics.get(target.metric)!.name[lang]}
                    <span className="visually-hidden">{t('scorecard.sortHint')}</span>
                    <span aria-hidden="true">{sortBy === target.id ? ' ▼' : ' ↕'}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[city!, ...sortedTownships].map((region) => (
              <tr key={region.id} className={region.id === set.jurisdiction ? 'score-row--city' : undefined}>
                <th scope="row">{region.name[lang]}</th>
                {targets.map((target) => cell(grid.get(region.id)!.get(target.id)!, region.id))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('scorecard.legend', { order: STATUS_ORDER.filter((s) => s !== 'not_applicable').map((s) => t(`status.${s}`)).join(' < ') })}</p>
    </section>
  );
}
