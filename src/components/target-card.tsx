import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evaluation } from '@/domain/evaluation/evaluate-target';
import { figureMargin, formatFigureOf, formatGoal, formatMargin } from '@/domain/display/format';
import { gaugeScale } from '@/domain/display/gauge-scale';
import { localized, type Locale } from '@/domain/shared/locale';
import type { Observation } from '@/domain/shared/observation';
import type { Figure } from '@/domain/evaluation/figures';
import { goalMarks, meetsGoal, type Goal } from '@/domain/targets/comparator';
import { deadlineYear } from '@/domain/targets/target-helpers';
import type { Metric } from '@/domain/targets/target-set';
import { BulletGauge } from './bullet-gauge';
import { ChangeArrow } from './change-arrow';
import { SourceText } from './source-text';
import { Sparkline } from './sparkline';
import { StatusBadge } from './status-badge';
import { StatusExplanation } from './status-explanation';
import { nameList } from './name-list';

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

type T = TFunction;

/** The margin line: what the figure says against the goal, in words the status agrees with. */
function marginLine(t: T, goal: Goal, goalText: string, figure: Figure, metric: Metric, locale: Locale): string {
  const margin = figureMargin(goal, figure.value, figure.qualifier);
  const amount = (n: number) => formatMargin(n, metric.unit, locale);
  switch (margin.kind) {
    case 'exact':
      return t('card.marginExact');
    case 'better':
      return t('card.marginMet', { amount: amount(margin.amount) });
    case 'within':
      return t('card.marginWithin', { goal: goalText });
    case 'short':
      return t('card.marginShort', { amount: amount(margin.amount) });
    case 'boundMet':
      return margin.amount === 0 ? t('card.marginBoundAtGoal') : t('card.marginBoundMet', { amount: amount(margin.amount) });
    case 'boundShort':
      return t('card.marginBoundShort', { amount: amount(margin.amount) });
    case 'boundUndecided':
      return margin.shortAtMost === undefined ? t('card.marginBoundUndecided') : t('card.marginBoundShortAtMost', { amount: amount(margin.shortAtMost) });
  }
}

/** Whether the figure meets the goal, as the gauge draws it: a bound that proves neither is undecided. */
function figureMeets(goal: Goal, figure: Figure): boolean | 'undecided' {
  const margin = figureMargin(goal, figure.value, figure.qualifier);
  if (margin.kind === 'boundUndecided') return 'undecided';
  return figure.qualifier ? margin.kind === 'boundMet' : meetsGoal(goal, figure.value);
}

/** One target: name, status, actual against goal as a bullet gauge, gap, sparkline, dates and the reason on demand. */
export function TargetCard({ evaluation, metric, locale, comparison, regionName, detailHref, onOpenDetail }: TargetCardProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const statusId = useId();
  const { target, latest, margin, status } = evaluation;
  const goalText = formatGoal(evaluation.goal, metric.unit, locale);
  const figure = (f: Pick<Figure, 'value' | 'qualifier'>) => formatFigureOf(f, metric.unit, locale, evaluation.goal);
  const valueText = latest ? figure(latest) : undefined;
  const name = localized(metric.name, locale);
  const goals = goalMarks(evaluation.goal);
  const deadline = deadlineYear(target);
  const marginText = latest && margin !== undefined ? marginLine(t, evaluation.goal, goalText, latest, metric, locale) : undefined;
  const after = evaluation.afterDeadline;
  const afterText = after
    ? t(after.met === 'undecided' ? 'card.afterUndecided' : after.met ? (status === 'achieved' ? 'card.afterStillMet' : 'card.afterMet') : status === 'achieved' ? 'card.afterFellShort' : 'card.afterShort', {
        year: after.figure.year,
        value: figure(after.figure),
      })
    : undefined;
  const required = evaluation.reason === 'no_pace' ? evaluation.required : undefined;
  const requiredText = required
    ? t(required.perYear >= 0 ? 'card.requiredRise' : 'card.requiredFall', {
        amount: formatMargin(required.perYear, metric.unit, locale),
        count: required.years,
        deadline,
      })
    : undefined;

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
              <div className="card__value" {...(latest?.citation ? { title: t('card.citation', { citation: latest.citation }) } : {})}>
                {valueText ?? '—'}
                {latest?.source === 'demo' && <span className="card__demo">{t('card.demoFigure')}</span>}
              </div>
              <ChangeArrow evaluation={evaluation} metric={metric} locale={locale} />
            </div>
            <div className="card__goal">{t('card.goal', { goal: goalText })}</div>
          </div>
          <BulletGauge
            scale={gaugeScale(metric, evaluation.goal, latest?.value)}
            {...(latest ? { value: latest.value } : {})}
            label={t('card.gaugeLabel', { name })}
            valueText={valueText ? t('card.gaugeText', { value: valueText, goal: goalText }) : t('card.gaugeNoData', { goal: goalText })}
            status={status}
            meets={latest ? figureMeets(evaluation.goal, latest) : false}
            {...(latest?.qualifier ? { qualifier: latest.qualifier } : {})}
          />
          <div className="card__row">
            <p className="card__margin">{marginText ?? ''}</p>
            <Sparkline
              points={evaluation.figures}
              goals={goals}
              status={status}
              label={t('card.sparklineLabel', {
                name,
                points: evaluation.figures.map((f) => `${f.year} ${figure(f)}`).join(locale === 'zh-CN' ? '，' : ', '),
              })}
            />
          </div>
          {evaluation.deadlineMissing && latest && <p className="card__note card__note--basis">{t('card.deadlineMissing', { year: latest.year, deadline })}</p>}
          {requiredText && <p className="card__note card__note--basis">{requiredText}</p>}
          {afterText && after && (
            <p className={`card__after card__after--${after.met === 'undecided' ? 'undecided' : after.met ? 'met' : 'short'}`} {...(after.figure.citation ? { title: t('card.citation', { citation: after.figure.citation }) } : {})}>
              {afterText}
            </p>
          )}
          {latest?.basis === 'rollup' && latest.coverage && (
            <p className="card__note">
              {latest.coverage.missing.length > 0
                ? t('card.rolledUpPartial', { count: latest.coverage.counted, missing: nameList(t, latest.coverage.missing, regionName, locale) })
                : t('card.rolledUp', { count: latest.coverage.counted })}
            </p>
          )}
          {comparison && comparison.value !== undefined && (
            <p className="card__comparison" title={t('card.comparisonSource', { region: regionName(comparison.region), source: comparison.sourceNote ?? '' })}>
              {t('card.comparison', { region: regionName(comparison.region), year: comparison.year, value: formatFigureOf({ value: comparison.value, qualifier: comparison.qualifier }, metric.unit, locale, evaluation.goal) })}
            </p>
          )}
        </>
      )}

      <p className="card__dates">
        {latest && <span>{t('card.figureYear', { year: latest.year })}</span>}
        <span>{t('card.deadline', { date: target.deadline })}</span>
        {target.office && <span className="card__office">{t('office.of', { office: localized(target.office, locale) })}</span>}
      </p>
      {status !== 'not_applicable' && (
        <details className="card__why">
          <summary>{t('card.whyStatus')}</summary>
          <StatusExplanation evaluation={evaluation} metric={metric} locale={locale} regionName={regionName} />
          {latest?.citation && <p className="card__note">{t('card.citation', { citation: latest.citation })}</p>}
          {comparison?.sourceNote && (
            <p className="card__note">{t('card.comparisonSource', { region: regionName(comparison.region), source: comparison.sourceNote })}</p>
          )}
          {target.deadline_note && <p className="card__note">{localized(target.deadline_note, locale)}</p>}
          {target.note && <p className="card__note">{localized(target.note, locale)}</p>}
          <SourceText target={target} className="card__quote" />
          {target.source && <p className="card__note">{t('detail.sourceDoc', { publisher: target.source.publisher, title: target.source.title, date: target.source.date })}</p>}
        </details>
      )}
    </article>
  );
}
