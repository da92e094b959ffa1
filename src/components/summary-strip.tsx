import { useTranslation } from 'react-i18next';
import type { StatusCounts } from '@/domain/evaluation/evaluate-target-set';
import type { Status } from '@/domain/evaluation/evaluate-target';
import { StatusBadge } from './status-badge';

/** Best first, then the ones that cannot be judged: progress unclear, no data. */
export const SUMMARY_STATUSES: readonly Status[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'missed', 'undetermined', 'no_data'];

/** The bar legend: each swatch beside the words that say what it means. */
const LEGEND = [
  ['solid', 'summary.legendSolid'],
  ['hatched', 'summary.legendHatched'],
  ['dotted', 'summary.legendDotted'],
  ['band', 'summary.legendBand'],
  ['marker', 'summary.legendMarker'],
] as const;

/** How many targets have each status, for the selected region and year, and how to read the cards' bars. */
export function SummaryStrip({ counts, caption }: { counts: StatusCounts; caption: string }) {
  const { t } = useTranslation();
  return (
    <section className="summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="summary__heading">
        {t('summary.heading')}
      </h2>
      <p className="summary__caption">{caption}</p>
      <ul className="summary__list">
        {SUMMARY_STATUSES.map((status) => (
          <li key={status} className={`summary__item summary__item--${status}`}>
            <span className="summary__count">{counts[status]}</span>
            <StatusBadge status={status} />
          </li>
        ))}
      </ul>
      {counts.not_applicable > 0 && <p className="summary__note">{t('summary.notApplicable', { count: counts.not_applicable })}</p>}
      <p className="summary__legend">
        <span className="summary__legend-heading">{t('summary.legendHeading')}</span>
        {LEGEND.map(([swatch, key]) => (
          <span key={swatch} className="legend__item">
            <span className={`legend__swatch legend__swatch--${swatch}`} aria-hidden="true" />
            {t(key)}
          </span>
        ))}
      </p>
    </section>
  );
}
