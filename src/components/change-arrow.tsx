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

/** A change since last year in words, worked out once (a scorecard cell keeps it with its view). */
export type ChangeWords = {
  direction: Shown['direction'];
  effect: Shown['effect'];
  /** The difference as gaps are written (`formatMargin`): "1.2 个百分点". */
  amount: string;
  /** The sentence: "比上年提高 1.2 个百分点（向好）". */
  text: string;
  /** From which figure to which, and the threshold: the arrow's tooltip. */
  title: string;
};

/**
 * The change since last year (`changeSinceLastYear`) in words; undefined when no arrow is shown: the change is
 * within the metric's threshold, the previous year has no figure (a gap, not 0), or a figure is a bound.
 */
export function changeWords(t: T, { evaluation, metric, locale }: ChangeInput): ChangeWords | undefined {
  const change = changeSinceLastYear(evaluation, metric);
  if (change.kind !== 'change') return undefined;
  return {
    direction: change.direction,
    effect: change.effect,
    amount: formatMargin(change.difference, metric.unit, locale),
    text: sentence(t, change, metric, locale),
    title: t('card.changeTitle', {
      fromYear: change.from.year,
      from: formatFigureOf(change.from, metric.unit, locale, evaluation.goal),
      toYear: change.to.year,
      to: formatFigureOf(change.to, metric.unit, locale, evaluation.goal),
      threshold: formatMargin(change.threshold, metric.unit, locale),
    }),
  };
}

/**
 * The arrow and difference of a figure on the year before, from its words (`changeWords`): ▲/▼ for the
 * direction, coloured by whether it is better or worse against the goal (a cap coming down is green), the
 * amount in the unit as gaps are written (percentage points for percents). `compact` (scorecard cells) shows
 * only the arrow and amount; the sentence is the accessible text.
 */
export function ChangeArrowView({ words, compact = false }: { words: ChangeWords; compact?: boolean }) {
  return (
    <span className={`change change--${words.effect}${compact ? ' change--compact' : ''}`} title={words.title} data-direction={words.direction}>
      <span className="change__arrow" aria-hidden="true">
        {words.direction === 'up' ? '▲' : '▼'}
      </span>
      {compact ? (
        <>
          <span aria-hidden="true">{words.amount}</span>
          <span className="visually-hidden">{words.text}</span>
        </>
      ) : (
        <span>{words.text}</span>
      )}
    </span>
  );
}

/** `ChangeArrowView` worked out here: nothing when no arrow is shown (see `changeWords`). */
export function ChangeArrow({ compact = false, ...input }: ChangeInput & { compact?: boolean }) {
  const { t } = useTranslation();
  const words = changeWords(t, input);
  return words ? <ChangeArrowView words={words} compact={compact} /> : null;
}
