import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Evaluation } from '@/domain/evaluation/evaluate-target';
import { changeSinceLastYear, type YearChange } from '@/domain/evaluation/year-change';
import { formatFigureOf, formatMargin } from '@/domain/display/format';
import type { Locale } from '@/domain/shared/locale';
import type { Metric } from '@/domain/targets/target-set';

type T = TFunction;
type Shown = Extract<YearChange, { kind: 'change' }>;
export type ChangeInput = { evaluation: Pick<Evaluation, 'latest' | 'figures' | 'goal'>; metric: Metric; locale: Locale };

/** The change in words: "比上年提高 1.2 个百分点（向好）" / "up 1.2 pp on last year (better)"; counts 增加/减少. */
function sentence(t: T, change: Shown, metric: Metric, locale: Locale): string {
  const amount = formatMargin(change.difference, metric.unit, locale);
  const counted = metric.unit !== 'percent';
  const key = change.direction === 'up' ? (counted ? 'card.changeMore' : 'card.changeUp') : counted ? 'card.changeFewer' : 'card.changeDown';
  const words = t(key, { amount });
  return change.effect === 'neutral' ? words : t(change.effect === 'better' ? 'card.changeBetter' : 'card.changeWorse', { change: words });
}

/**
 * The change since last year as lines for a label that replaces a cell's own text (the scorecard's links):
 * one sentence when an arrow is shown, none otherwise.
 */
export function changeLines(t: T, { evaluation, metric, locale }: ChangeInput): string[] {
  const change = changeSinceLastYear(evaluation, metric);
  return change.kind === 'change' ? [sentence(t, change, metric, locale)] : [];
}

/**
 * The arrow and difference of a figure on the year before (`changeSinceLastYear`): ▲/▼ for the direction,
 * coloured by whether it is better or worse against the goal (a cap coming down is green), the amount in
 * the unit as gaps are written (`formatMargin`, percentage points for percents). Nothing when the change is
 * within the metric's threshold, when the previous year has no figure (a gap, not 0) or for bounds.
 * `compact` (scorecard cells) shows only the arrow and amount; the sentence is the accessible text.
 */
export function ChangeArrow({ evaluation, metric, locale, compact = false }: ChangeInput & { compact?: boolean }) {
  const { t } = useTranslation();
  const change = changeSinceLastYear(evaluation, metric);
  if (change.kind !== 'change') return null;
  const text = sentence(t, change, metric, locale);
  const title = t('card.changeTitle', {
    fromYear: change.from.year,
    from: formatFigureOf(change.from, metric.unit, locale, evaluation.goal),
    toYear: change.to.year,
    to: formatFigureOf(change.to, metric.unit, locale, evaluation.goal),
    threshold: formatMargin(change.threshold, metric.unit, locale),
  });
  return (
    <span className={`change change--${change.effect}${compact ? ' change--compact' : ''}`} title={title} data-direction={change.direction}>
      <span className="change__arrow" aria-hidden="true">
        {change.direction === 'up' ? '▲' : '▼'}
      </span>
      {compact ? (
        <>
          <span aria-hidden="true">{formatMargin(change.difference, metric.unit, locale)}</span>
          <span className="visually-hidden">{text}</span>
        </>
      ) : (
        <span>{text}</span>
      )}
    </span>
  );
}
