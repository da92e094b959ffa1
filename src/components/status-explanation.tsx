import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { AT_RISK_RATIO, ON_TRACK_RATIO, type Evaluation } from '@/domain/evaluation/evaluate-target';
import type { Figure } from '@/domain/evaluation/figures';
import { formatFigure, formatFigureOf, formatGoal, formatMargin, formatNumber, formatSignedMargin } from '@/domain/display/format';
import type { TargetDetail } from '@/domain/display/target-detail';
import { boundMargin, marginToGoal, proveAgainstGoal } from '@/domain/targets/comparator';
import { localized, type Locale } from '@/domain/shared/locale';
import { deadlineYear } from '@/domain/targets/target-helpers';
import type { Metric } from '@/domain/targets/target-set';
import { nameList } from './name-list';

type StatusExplanationProps = {
  evaluation: Evaluation;
  metric: Metric;
  locale: Locale;
  regionName: (id: string) => string;
};

/** "Why this status": the inputs, the formula in words, the required and observed pace and the thresholds. */
export function StatusExplanation({ evaluation, metric, locale, regionName }: StatusExplanationProps) {
  const { t } = useTranslation();
  const goalOf = evaluation.goal;
  const shown = (f: Pick<Figure, 'value' | 'qualifier'>) => formatFigureOf(f, metric.unit, locale, goalOf);
  const measure = (value: number) => formatFigure(value, metric.unit, locale);
  const amount = (value: number) => formatMargin(value, metric.unit, locale);
  const goal = formatGoal(evaluation.goal, metric.unit, locale);
  const names = (ids: readonly string[]) => nameList(t, ids, regionName, locale);
  const verdict = (met: boolean) => (met ? t('explain.verdictMet') : t('explain.verdictNotMet'));
  const lines: string[] = [];
  const { latest, pace, reason } = evaluation;
  const deadline = deadlineYear(evaluation.target);

  if (evaluation.figures.length > 0) {
    lines.push(
      t('explain.figures', {
        list: evaluation.figures.map((f) => `${f.year}: ${shown(f)}`).join(locale === 'zh-CN' ? '；' : '; '),
      }),
    );
  }
  if (latest?.basis === 'own') {
    lines.push(
      latest.rollup
        ? t('explain.basisOwnWithRollup', { year: latest.year, own: shown(latest), rollup: measure(latest.rollup.value) })
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
            value: shown(latest),
          })
        : t('explain.basisRollupCount', { year: latest.year, value: shown(latest) }),
    );
    if (latest.coverage && latest.coverage.missing.length > 0) {
      lines.push(t('explain.coverage', { count: latest.coverage.counted, missing: names(latest.coverage.missing) }));
    }
  }
  if (latest?.citation) lines.push(t('explain.citation', { year: latest.year, citation: latest.citation }));
  if (evaluation.deadlineMissing && latest) lines.push(t('explain.deadlineMissing', { deadline, year: latest.year }));

  // What a bound says: the true value's side, what it proves, and what is known of the margin.
  if (latest?.qualifier) {
    const bound = measure(latest.value);
    lines.push(t(latest.qualifier === 'at_least' ? 'explain.boundAtLeast' : 'explain.boundAtMost', { value: shown(latest), bound }));
    lines.push(t(`explain.boundProof_${proveAgainstGoal(evaluation.goal, latest.value, latest.qualifier)}`, { goal }));
    const known = boundMargin(evaluation.goal, latest.value, latest.qualifier);
    if (known && known.known !== 'exact' && known.margin !== 0) {
      const short = known.margin < 0;
      // A margin known to be ≥ m: short by at most |m| (m < 0) or at least m to spare; ≤ m the other way round.
      const key =
        known.known === 'at_least'
          ? short
            ? 'explain.boundShortAtMost'
            : 'explain.boundSpareAtLeast'
          : short
            ? 'explain.boundShortAtLeast'
            : 'explain.boundSpareAtMost';
      lines.push(t(key, { amount: amount(known.margin) }));
    }
  }

  switch (reason) {
    case 'no_figure':
      lines.push(
        evaluation.afterDeadline ? t('explain.noFigureByDeadline', { deadline }) : t('explain.noFigures', { year: evaluation.asOf }),
      );
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
      lines.push(t('explain.deadline_figure', { year: latest!.year, value: shown(latest!), goal, verdict: verdict(evaluation.status === 'achieved') }));
      break;
    case 'before_deadline_figure':
      lines.push(t('explain.before_deadline_figure', { year: latest!.year, value: shown(latest!), goal, verdict: verdict(evaluation.status === 'achieved') }));
      break;
    case 'already_met':
      lines.push(t('explain.already_met', { value: shown(latest!), year: latest!.year, goal, deadline: evaluation.target.deadline }));
      break;
    case 'no_pace': {
      lines.push(t('explain.no_pace', { value: shown(latest!), year: latest!.year }));
      const required = evaluation.required;
      if (required && evaluation.margin !== undefined) {
        lines.push(
          t('explain.noPaceRequired', {
            gap: amount(evaluation.margin),
            deadline,
            aim: measure(latest!.value + required.perYear * required.years),
            direction: required.perYear >= 0 ? t('explain.directionUp') : t('explain.directionDown'),
            perYear: amount(required.perYear),
            years: required.years,
            latestYear: latest!.year,
          }),
        );
      }
      break;
    }
    case 'bound_undecided': {
      // Before the deadline with a base to pace from, what the bound leaves open is the pace (the proof line says the rest).
      const baseline = evaluation.target.baseline;
      const hasBase = latest && ((baseline && baseline.year < latest.year) || evaluation.figures.some((f) => f.year < latest.year && !f.qualifier));
      if (evaluation.asOf < deadline && hasBase) lines.push(t('explain.boundPaceUndecided'));
      break;
    }
    case 'pace': {
      const p = pace!;
      const perYear = (n: number) =>
        p.method === 'linear'
          ? t('explain.perYearUnits', { amount: formatSignedMargin(n, metric.unit, locale) })
          : t('explain.perYearRate', { rate: `${n >= 0 ? '+' : '−'}${formatNumber(Math.abs(n) * 100, locale, 1)}%` });
      lines.push(t('explain.method', { method: t(`explain.paceMethod_${p.method}`) }));
      lines.push(
        t('explain.paceBase', {
          year: p.base.year,
          value: measure(p.base.value),
          fromBaseline: p.base.fromBaseline ? t('explain.fromBaseline') : '',
          latestYear: p.latest.year,
          latest: shown(latest!),
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
      lines.push(t('explain.paceProjection', { deadline: p.deadlineYear, projected: formatFigure(p.projected, metric.unit, locale, { goal: goalOf }) }));
      break;
    }
  }

  const after = evaluation.afterDeadline;
  if (after) lines.push(afterDeadlineText(t, after, shown(after.figure)));

  return (
    <ul className="explanation">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

/** "2021年已达到目标（82.59%）" / "still short in 2023 (78.0%)" / a bound that cannot tell. */
function afterDeadlineText(t: TFunction, after: NonNullable<Evaluation['afterDeadline']>, value: string): string {
  const params = { year: after.figure.year, value };
  // One key per branch: a union of keys makes i18next's types too deep to check.
  if (after.met === 'undecided') return t('explain.afterDeadlineUndecided', params);
  return after.met ? t('explain.afterDeadlineMet', params) : t('explain.afterDeadlineShort', params);
}

/** The late achievement or shortfall after the deadline, for the target page's header (words of `explain.afterDeadline*`). */
export function AfterDeadlineNote({ evaluation, metric, locale }: Omit<StatusExplanationProps, 'regionName'>) {
  const { t } = useTranslation();
  const after = evaluation.afterDeadline;
  if (!after) return null;
  const value = formatFigureOf(after.figure, metric.unit, locale, evaluation.goal);
  const tone = after.met === true ? 'met' : after.met === false ? 'short' : 'undecided';
  return <p className={`detail__after detail__after--${tone}`}>{afterDeadlineText(t, after, value)}</p>;
}

/** "The deadline year has no figure; the status rests on 2019's", for the target page's header. */
export function DeadlineMissingNote({ evaluation }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  if (!evaluation.deadlineMissing || !evaluation.latest) return null;
  return <p className="detail__deadline-missing">{t('explain.deadlineMissing', { deadline: deadlineYear(evaluation.target), year: evaluation.latest.year })}</p>;
}

/**
 * The forecast to the deadline, one per page: first the status's own (the observed pace, the same
 * numbers as "why this status"), then — labelled as a reference — the recent-trend line, and when the
 * two fall on different sides of the goal, why they differ. From the deadline year on nothing is
 * projected: the sentence quotes the figure the verdict rests on (the deadline year's own, or the
 * latest earlier one when the deadline year has none).
 */
export function ForecastText({ detail, locale }: { detail: TargetDetail; locale: Locale }) {
  const { t } = useTranslation();
  const { evaluation, projection, projectionGap: gap, metric } = detail;
  const goal = evaluation.goal;
  const shown = (f: Pick<Figure, 'value' | 'qualifier'>) => formatFigureOf(f, metric.unit, locale, goal);
  const forecast = (value: number) => formatFigure(value, metric.unit, locale, { goal });
  const gapText = (margin: number) => {
    const amount = formatMargin(margin, metric.unit, locale);
    return margin < 0 ? t('detail.gapShort', { amount }) : t('detail.gapMet', { amount });
  };
  const deadline = deadlineYear(evaluation.target);
  const latest = evaluation.latest;
  const status = t(`status.${evaluation.status}`);

  if (evaluation.asOf >= deadline) {
    const sentence = !latest
      ? t('detail.deadlineNoFigure', { year: deadline })
      : evaluation.deadlineMissing
        ? t('detail.deadlineMissing', { year: deadline, basisYear: latest.year, value: shown(latest), verdict: status })
        : t('detail.deadlinePassed', { year: deadline, value: shown(latest), verdict: status });
    return <p className="verdict">{sentence}</p>;
  }

  let primary: string;
  switch (evaluation.reason) {
    case 'pace': {
      const p = evaluation.pace!;
      primary = t('detail.paceForecast', {
        baseYear: p.base.year,
        latestYear: p.latest.year,
        year: p.deadlineYear,
        value: forecast(p.projected),
        gap: gapText(marginToGoal(goal, p.projected)),
      });
      break;
    }
    case 'already_met':
      primary = t('detail.alreadyMetForecast', { year: latest!.year, value: shown(latest!), deadline });
      break;
    case 'no_pace':
      primary = t('detail.noPaceForecast');
      break;
    case 'bound_undecided':
      primary = t('detail.boundForecast', { value: shown(latest!) });
      break;
    default:
      primary = t('detail.noDataForecast');
  }
  return (
    <>
      <p className="verdict">{primary}</p>
      {projection.kind === 'projection' ? (
        <>
          <p className="verdict verdict--reference">
            {t('detail.verdict', {
              n: projection.points.length,
              year: projection.year,
              value: forecast(projection.value),
              low: forecast(projection.low),
              high: forecast(projection.high),
              gap: gapText(gap?.margin ?? 0),
            })}{' '}
            {gap && t(`detail.${gap.likelihood}`)}
          </p>
          {detail.trendAgrees === false && <p className="verdict__differs">{t('detail.trendDiffers')}</p>}
          <p className="muted">{t('detail.method', { n: projection.points.length })}</p>
        </>
      ) : (
        evaluation.status !== 'not_applicable' && evaluation.status !== 'no_data' && <p className="muted">{t('detail.tooFew', { n: projection.points.length })}</p>
      )}
    </>
  );
}
