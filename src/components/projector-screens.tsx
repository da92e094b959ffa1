import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evaluation } from '@/domain/evaluation/evaluate-target';
import type { StatusCounts } from '@/domain/evaluation/evaluate-target-set';
import { ATTENTION_LIMIT, ATTENTION_STATUSES } from '@/domain/display/projector-screens';
import { formatFigureOf, formatGoal } from '@/domain/display/format';
import { joinList, localized, type Locale } from '@/domain/shared/locale';
import type { Metric } from '@/domain/targets/target-set';
import { StatusBadge } from './status-badge';
import { SUMMARY_STATUSES } from './summary-strip';

type Rows = {
  evaluations: readonly Evaluation[];
  metrics: ReadonlyMap<string, Metric>;
  locale: Locale;
  /** Mark each synthetic figure ("模拟"): when a screen mixes synthetic and other figures, so the screen's label alone would not say which. */
  markDemo: boolean;
};

/**
 * Targets as projector rows: name, the figure the status rests on (with its year), the goal (with the
 * deadline) and the status in words and icon, formatted as every page formats them. `compact` leaves
 * out the year and deadline lines (the summary's attention list).
 */
export function ProjectorTable({ evaluations, metrics, locale, markDemo, caption, compact = false }: Rows & { caption: string; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <table className={compact ? 'projector-table projector-table--compact' : 'projector-table'}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('present.colTarget')}</th>
          <th scope="col" className="projector-table__number">
            {t('present.colValue')}
          </th>
          <th scope="col" className="projector-table__number">
            {t('present.colGoal')}
          </th>
          <th scope="col">{t('present.colStatus')}</th>
        </tr>
      </thead>
      <tbody>
        {evaluations.map((evaluation) => {
          const metric = metrics.get(evaluation.target.metric)!;
          const { latest } = evaluation;
          return (
            <tr key={evaluation.target.id} className={`projector-row projector-row--${evaluation.status}`} data-target-id={evaluation.target.id}>
              <th scope="row" className="projector-row__name">
                {localized(metric.name, locale)}
              </th>
              <td className="projector-table__number">
                <span className="projector-row__value">{latest ? formatFigureOf(latest, metric.unit, locale, evaluation.goal) : '—'}</span>
                {markDemo && latest?.source === 'demo' && <span className="projector-row__demo">{t('card.demoFigure')}</span>}
                {!compact && latest && <span className="projector-row__sub">{t('present.valueYear', { year: latest.year })}</span>}
              </td>
              <td className="projector-table__number">
                <span className="projector-row__goal">{formatGoal(evaluation.goal, metric.unit, locale)}</span>
                {!compact && <span className="projector-row__sub">{t('card.deadline', { date: evaluation.target.deadline })}</span>}
              </td>
              <td>
                <StatusBadge status={evaluation.status} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The first screen: how many targets have each status (the dashboard's statuses, in its order), a
 * note of the targets that do not apply, and the first `limit` of the targets that need attention
 * first across the plan (`needingAttention`), the rest counted.
 */
export function ProjectorSummary({
  counts,
  attention,
  limit = ATTENTION_LIMIT,
  ...rows
}: Omit<Rows, 'evaluations'> & { counts: StatusCounts; attention: readonly Evaluation[]; limit?: number }) {
  const { t } = useTranslation();
  const attentionId = useId();
  const shown = attention.slice(0, limit);
  return (
    <>
      <ul className="projector-tiles">
        {SUMMARY_STATUSES.map((status) => (
          <li key={status} className={`projector-tile projector-tile--${status}`}>
            <span className="projector-tile__count">{counts[status]}</span>
            <StatusBadge status={status} />
          </li>
        ))}
      </ul>
      {counts.not_applicable > 0 && <p className="projector-note">{t('summary.notApplicable', { count: counts.not_applicable })}</p>}
      <section className="projector-attention" aria-labelledby={attentionId}>
        <h2 id={attentionId} className="projector-attention__heading">
          {t('present.attentionHeading')}
        </h2>
        {shown.length === 0 ? (
          <p className="projector-note">{t('present.attentionNone', { statuses: joinList(ATTENTION_STATUSES.map((s) => t(`status.${s}`)), rows.locale) })}</p>
        ) : (
          <>
            <ProjectorTable {...rows} evaluations={shown} caption={t('present.attentionHeading')} compact />
            {attention.length > shown.length && <p className="projector-note">{t('present.attentionMore', { count: attention.length - shown.length })}</p>}
          </>
        )}
      </section>
    </>
  );
}
