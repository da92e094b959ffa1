import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { StatusCause, StatusYear } from '@/domain/evaluation/status-history';
import { formatFigureOf } from '@/domain/display/format';
import type { Locale } from '@/domain/shared/locale';
import type { Metric } from '@/domain/targets/target-set';
import { StatusBadge } from './status-badge';

type T = TFunction;

type StatusHistoryProps = {
  history: readonly StatusYear[];
  metric: Metric;
  locale: Locale;
  /** The page's as-of year, marked as the current one. */
  asOf: number;
  /** The as-of years the page offers: those years open the page as of that year. */
  years: readonly number[];
  onSelectYear: (year: number) => void;
};

/** What made a year's status differ from the year before, in words. */
function causeText(t: T, cause: StatusCause, entry: StatusYear, metric: Metric, locale: Locale): string {
  if (cause.kind === 'new_figure') {
    return t('detail.historyNewFigure', { year: cause.figure.year, value: formatFigureOf(cause.figure, metric.unit, locale, entry.evaluation.goal) });
  }
  const basis = entry.evaluation.latest;
  return cause.missing && basis
    ? t('detail.historyDeadlineMissing', { deadline: cause.deadlineYear, year: basis.year })
    : t('detail.historyDeadline', { deadline: cause.deadlineYear });
}

/**
 * The status a target would have had as of each year (`statusHistory`), as a strip of years: each with its
 * status, the figure it rests on, and — where the status changed, or for the first year — why: a new
 * figure came in, the deadline year arrived. The page's as-of year is marked; a year the page offers opens it.
 */
export function StatusHistory({ history, metric, locale, asOf, years, onSelectYear }: StatusHistoryProps) {
  const { t } = useTranslation();
  if (history.length === 0) return <p>{t('detail.historyNone')}</p>;
  return (
    <>
      <p className="muted">{t('detail.historyIntro')}</p>
      <ol className="history">
        {history.map((entry, i) => {
          const { latest } = entry.evaluation;
          const causes = entry.causes.map((cause) => causeText(t, cause, entry, metric, locale)).join(t('detail.historySeparator'));
          const reason =
            i === 0
              ? latest
                ? t('detail.historyFirst', { year: latest.year, value: formatFigureOf(latest, metric.unit, locale, entry.evaluation.goal) })
                : undefined
              : entry.changedFrom
                ? t('detail.historyChanged', { from: t(`status.${entry.changedFrom}`), to: t(`status.${entry.status}`), causes })
                : undefined;
          const current = entry.year === asOf;
          const label = t('detail.historyYear', { year: entry.year });
          return (
            <li key={entry.year} className={`history__year history__year--${entry.status}`} {...(current ? { 'aria-current': 'true' as const } : {})}>
              <span className="history__label">
                {years.includes(entry.year) && !current ? (
                  <button type="button" className="link-button" onClick={() => onSelectYear(entry.year)}>
                    {label}
                  </button>
                ) : (
                  label
                )}
                {current && <span className="history__current">{t('detail.historyCurrent')}</span>}
              </span>
              <StatusBadge status={entry.status} />
              <span className="history__figure">
                {latest ? t('detail.historyBasis', { year: latest.year, value: formatFigureOf(latest, metric.unit, locale, entry.evaluation.goal) }) : t('detail.historyNoFigure')}
              </span>
              {reason && <span className={entry.changedFrom ? 'history__reason history__reason--changed' : 'history__reason'}>{reason}</span>}
            </li>
          );
        })}
      </ol>
    </>
  );
}
