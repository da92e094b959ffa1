import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusCounts } from '@/domain/evaluation/evaluate-target-set';
import type { Status } from '@/domain/evaluation/evaluate-target';
import { formatNumber } from '@/domain/display/format';
import type { Locale } from '@/domain/shared/locale';
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

/**
 * Tiles that filter: each tile with a count (or the chosen one) is a toggle button; choosing the
 * chosen one again takes the filter off. The page keeps the choice (in the address).
 */
export type SummaryFilter = {
  selected?: Status | undefined;
  onSelect: (status: Status | undefined) => void;
  /** Read after a tile's count and status ("（只看此状态）"), so the button says what it does. */
  hint: string;
};

type Props = {
  counts: StatusCounts;
  /** The counts are written in it ("12,429"): a province's scorecard counts tens of thousands of cells. */
  locale: Locale;
  caption: string;
  /** The strip's heading; the dashboard's "目标完成概况" by default. */
  heading?: string;
  /** How to read the cards' bars; shown by default (the dashboard has bars, the scorecard none). */
  barLegend?: boolean;
  filter?: SummaryFilter;
};

/** How many targets (or cells) have each status, for the selected region and year, and how to read the cards' bars. */
export function SummaryStrip({ counts, locale, caption, heading, barLegend = true, filter }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="summary" aria-labelledby={headingId}>
      <h2 id={headingId} className="summary__heading">
        {heading ?? t('summary.heading')}
      </h2>
      <p className="summary__caption">{caption}</p>
      <ul className="summary__list">
        {SUMMARY_STATUSES.map((status) => {
          const content = (
            <>
              <span className="summary__count">{formatNumber(counts[status], locale, 0)}</span>{' '}
              <StatusBadge status={status} />
            </>
          );
          const pressed = filter?.selected === status;
          const choosable = filter && (counts[status] > 0 || pressed);
          return (
            <li key={status} className={`summary__item summary__item--${status}${choosable ? ' summary__item--choosable' : ''}${pressed ? ' summary__item--pressed' : ''}`}>
              {choosable ? (
                <button type="button" className="summary__button" aria-pressed={pressed} onClick={() => filter.onSelect(pressed ? undefined : status)}>
                  {content}
                  <span className="visually-hidden">{filter.hint}</span>
                </button>
              ) : (
                content
              )}
            </li>
          );
        })}
      </ul>
      {counts.not_applicable > 0 && <p className="summary__note">{t('summary.notApplicable', { count: counts.not_applicable })}</p>}
      {barLegend && (
        <p className="summary__legend">
          <span className="summary__legend-heading">{t('summary.legendHeading')}</span>
          {LEGEND.map(([swatch, key]) => (
            <span key={swatch} className="legend__item">
              <span className={`legend__swatch legend__swatch--${swatch}`} aria-hidden="true" />
              {t(key)}
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
