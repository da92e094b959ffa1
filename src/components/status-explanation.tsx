import { useTranslation } from 'react-i18next';
import { AT_RISK_RATIO, ON_TRACK_RATIO, type Evaluation } from '@/domain/evaluation/evaluate-target';
import { formatDifference, formatGoal, formatMeasure, formatNumber } from '@/domain/display/format';
import { joinList, localized, type Locale } from '@/domain/shared/locale';
import { deadlineYear, type Metric } from '@/domain/targets/target-set';

type StatusExplanationProps = {
  evaluation: Evaluation;
  metric: Metric;
  locale: Locale;
  regionName: (id: string) => string;
};

/** "Why this status": the inputs, the formula in words, the required and observed pace and the thresholds. */
export function StatusExplanation({ evaluation, metric, locale, regionName }: StatusExplanationProps) {
  const { t } = useTranslation();
  const measure = (value: number) => formatMeasure(value, metric.unit, locale);
  const goal = formatGoal(evaluation.goal, metric.unit, locale);
  const names = (ids: readonly string[]) => joinList(ids.map(regionName), locale);
  const lines: string[] = [];
  const { latest, pace, reason } = evaluation;

  if (evaluation.figures.length > 0) {
    lines.push(
      t('explain.figures', {
        list: evaluation.figures.map((f) => `${f.year}: ${measure(f.value)}`).join(locale === 'zh-CN' ? '；' : '; '),
      }),
    );
  }
  if (latest?.basis === 'own') {
    lines.push(
      latest.rollup
        ? t('explain.basisOwnWithRollup', { year: latest.year, own: measure(latest.value), rollup: measure(latest.rollup.value) })
        : t('explain.basisOwn', { year: latest.year }),
    );
  }
  if (latest?.basis === 'rollup') {
    lines.push(
      latest.numerator !== undefined && latest.denominator !== undefined && metric.numerator && metric.denominator
        ? t('explain.basisRollup', {
            year: latest.year,
            numerator: localized(metric.numerator, locale),
            denominator: localized(metric.denominator, locale),
            num: formatNumber(latest.numerator, locale, 0),
            den: formatNumber(latest.denominator, locale, 0),
            value: measure(latest.value),
          })
        : t('explain.basisRollupCount', { year: latest.year, value: measure(latest.value) }),
    );
    if (latest.coverage && latest.coverage.missing.length > 0) {
      lines.push(t('explain.coverage', { count: latest.coverage.counted, missing: names(latest.coverage.missing) }));
    }
  }

  const deadline = deadlineYear(evaluation.target);
  if (evaluation.asOf >= deadline && latest && latest.year < deadline) {
    lines.push(t('explain.deadlinePassedNoFigure', { year: deadline }));
  }

  switch (reason) {
    case 'no_figure':
      lines.push(t('explain.noFigures', { year: evaluation.asOf }));
      break;
    case 'city_unavailable': {
      const unavailable = evaluation.unavailable!;
      lines.push(
        t(`explain.cityUnavailable_${unavailable.reason}`, { count: unavailable.regions.length, regions: names(unavailable.regions) }),
      );
      break;
    }
    case 'jurisdiction_only':
      lines.push(t('card.notApplicableText'));
      break;
    case 'deadline_figure':
      lines.push(
        t('explain.deadline_figure', {
          year: latest!.year,
          value: measure(latest!.value),
          goal,
          verdict: evaluation.status === 'achieved' ? t('explain.verdictMet') : t('explain.verdictNotMet'),
        }),
      );
      break;
    case 'already_met':
      lines.push(t('explain.already_met', { value: measure(latest!.value), year: latest!.year, goal, deadline: evaluation.target.deadline }));
      break;
    case 'single_point':
      lines.push(t('explain.single_point', { value: measure(latest!.value), year: latest!.year }));
      break;
    case 'pace': {
      const p = pace!;
      const perYear = (n: number) =>
        p.method === 'linear'
          ? t('explain.perYearUnits', { amount: `${n >= 0 ? '+' : '−'}${formatDifference(n, metric.unit, locale)}` })
          : t('explain.perYearRate', { rate: `${n >= 0 ? '+' : '−'}${formatNumber(Math.abs(n) * 100, locale, 1)}%` });
      lines.push(t('explain.method', { method: t(`explain.paceMethod_${p.method}`) }));
      lines.push(
        t('explain.paceBase', {
          year: p.base.year,
          value: measure(p.base.value),
          fromBaseline: p.base.fromBaseline ? t('explain.fromBaseline') : '',
          latestYear: p.latest.year,
          latest: measure(p.latest.value),
        }),
      );
      lines.push(t('explain.paceObserved', { observed: perYear(p.observed), required: perYear(p.required), deadline: p.deadlineYear, aim: measure(p.aim) }));
      lines.push(
        t('explain.paceRatio', {
          ratio: Number.isFinite(p.ratio) ? formatNumber(p.ratio, locale, 2) : '∞',
          onTrack: formatNumber(ON_TRACK_RATIO, locale, 2),
          atRisk: formatNumber(AT_RISK_RATIO, locale, 2),
        }),
      );
      lines.push(t('explain.paceProjection', { deadline: p.deadlineYear, projected: measure(p.projected) }));
      break;
    }
  }

  return (
    <ul className="explanation">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}
