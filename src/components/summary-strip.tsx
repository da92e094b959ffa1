import { useTranslation } from 'react-i18next';
import type { StatusCounts } from '@/domain/evaluation/evaluate-target-set';
import type { Status } from '@/domain/evaluation/evaluate-target';
import { StatusBadge } from './status-badge';

const SHOWN: readonly Status[] = ['achieved', 'on_track', 'undetermined', 'at_risk', 'off_track', 'missed', 'no_data'];

/** How many targets have each status, for the selected region and year. */
export function SummaryStrip({ counts, caption }: { counts: StatusCounts; caption: string }) {
  const { t } = useTranslation();
  return (
    <section className="summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="summary__heading">
        {t('summary.heading')}
      </h2>
      <p className="summary__caption">{caption}</p>
      <ul className="summary__list">
        {SHOWN.map((status) => (
          <li key={status} className={`summary__item summary__item--${status}`}>
            <span className="summary__count">{counts[status]}</span>
            <StatusBadge status={status} />
          </li>
        ))}
      </ul>
      {counts.not_applicable > 0 && <p className="summary__note">{t('summary.notApplicable', { count: counts.not_applicable })}</p>}
    </section>
  );
}
