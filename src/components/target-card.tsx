import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evaluation } from '@/domain/evaluation/evaluate-target';
import { formatDifference, formatGoal, formatMeasure } from '@/domain/display/format';
import { gaugeScale } from '@/domain/display/gauge-scale';
import { joinList, localized, type Locale } from '@/domain/shared/locale';
import type { Observation } from '@/domain/shared/observation';
import { goalMarks } from '@/domain/targets/comparator';
import type { Metric } from '@/domain/targets/target-set';
import { BulletGauge } from './bullet-gauge';
import { Sparkline } from './sparkline';
import { StatusBadge } from './status-badge';
import { StatusExplanation } from './status-explanation';

type TargetCardProps = {
  evaluation: Evaluation;
  metric: Metric;
  locale: Locale;
  /** The latest figure of the set's benchmark region up to the as-of year, with its source. */
  comparison?: Observation;
  regionName: (id: string) => string;
  /** Where the target's detail page is; the title links there. */
  detailHref?: string;
  onOpenDetail?: () => void;
};

const GOOD = new Set(['achieved', 'on_track']);
const BAD = new Set(['missed', 'off_track', 'at_risk']);

/** One target: name, status, actual against goal as a bullet gauge, gap, sparkline, dates and the reason on demand. */
export function TargetCard({ evaluation, metric, locale, comparison, regionName, detailHref, onOpenDetail }: TargetCardProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const statusId = useId();
  const { target, latest, margin, status } = evaluation;
  const goalText = formatGoal(evaluation.goal, metric.unit, locale);
  const valueText = latest ? formatMeasure(latest.value, metric.unit, locale) : undefined;
  const name = localized(metric.name, locale);
  const goals = goalMarks(evaluation.goal);

  let marginText: string | undefined;
  if (margin !== undefined) {
    const amount = formatDifference(margin, metric.unit, locale);
    marginText = Math.abs(margin) < 1e-9 ? t('card.marginExact') : margin > 0 ? t('card.marginMet', { amount }) : t('card.marginShort', { amount });
  }

  return (
    <article className={`card card--${status}`} aria-labelledby={headingId} aria-describedby={statusId} data-target-id={target.id}>
      <header className="card__header">
        <h3 id={headingId} className="card__title">
          {detailHref ? (
            <a
              href={detailHref}
              onClick={(event) => {
                if (!onOpenDetail || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                event.preventDefault();
                onOpenDetail();
              }}
            >
              {name}
            </a>
          ) : (
            name
          )}
        </h3>
        <StatusBadge status={status} id={statusId} />
      </header>
      {!target.binding && (
        <p className="card__flag" title={t('card.inPrincipleTitle')}>
          {t('card.inPrinciple')}
        </p>
      )}

      {status === 'not_applicable' ? (
        <p className="card__muted">{t('card.notApplicableText')}</p>
      ) : (
        <>
          <div className="card__figures">
            <div>
              <div className="card__label">{latest ? t('card.value', { year: latest.year }) : t('card.noValue')}</div>
              <div className="card__value">
                {valueText ?? '—'}
                {latest?.source === 'demo' && <span className="card__demo">{t('card.demoFigure')}</span>}
              </div>
            </div>
            <div className="card__goal">{t('card.goal', { goal: goalText })}</div>
          </div>
          <BulletGauge
            scale={gaugeScale(metric, evaluation.goal, latest?.value)}
            {...(latest ? { value: latest.value } : {})}
            label={t('card.gaugeLabel', { name })}
            valueText={valueText ? t('card.gaugeText', { value: valueText, goal: goalText }) : t('card.gaugeNoData', { goal: goalText })}
            tone={GOOD.has(status) ? 'good' : BAD.has(status) ? 'bad' : 'neutral'}
          />
          <div className="card__row">
            <p className="card__margin">{marginText ?? ''}</p>
            <Sparkline
              points={evaluation.figures}
              goals={goals}
              label={t('card.sparklineLabel', {
                name,
                points: evaluation.figures.map((f) => `${f.year} ${formatMeasure(f.value, metric.unit, locale)}`).join(', '),
              })}
            />
          </div>
          {latest?.basis === 'rollup' && latest.coverage && (
            <p className="card__note">
              {latest.coverage.missing.length > 0
                ? t('card.rolledUpPartial', { count: latest.coverage.counted, missing: joinList(latest.coverage.missing.map(regionName), locale) })
                : t('card.rolledUp', { count: latest.coverage.counted })}
            </p>
          )}
          {comparison && comparison.value !== undefined && (
            <p className="card__comparison" title={t('card.comparisonSource', { region: regionName(comparison.region), source: comparison.sourceNote ?? '' })}>
              {t('card.comparison', { region: regionName(comparison.region), year: comparison.year, value: formatMeasure(comparison.value, metric.unit, locale) })}
            </p>
          )}
        </>
      )}

      <p className="card__dates">
        {latest && <span>{t('card.figureYear', { year: latest.year })}</span>}
        <span>{t('card.deadline', { date: target.deadline })}</span>
      </p>
      {status !== 'not_applicable' && (
        <details className="card__why">
          <summary>{t('card.whyStatus')}</summary>
          <StatusExplanation evaluation={evaluation} metric={metric} locale={locale} regionName={regionName} />
          {comparison?.sourceNote && (
            <p className="card__note">{t('card.comparisonSource', { region: regionName(comparison.region), source: comparison.sourceNote })}</p>
          )}
          {target.deadline_note && <p className="card__note">{localized(target.deadline_note, locale)}</p>}
          {target.note && <p className="card__note">{localized(target.note, locale)}</p>}
          <blockquote className="card__quote" lang="zh-CN">
            {target.source_text}
          </blockquote>
        </details>
      )}
    </article>
  );
}
