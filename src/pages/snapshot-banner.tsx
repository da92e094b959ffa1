import { useTranslation } from 'react-i18next';
import type { SnapshotSummary } from '@/domain/contract/document-contract';
import { useSelection } from '@/stores/selection-store';

/** The date part of a backend timestamp (ISO 8601), as the banner shows it: 2021-03-31. */
export const dayOf = (at: string) => at.slice(0, 10);

/**
 * The banner over a view of a published snapshot: "已发布 · 2021-03-31", its
 * name, year and publisher, withdrawn or superseded when it is, and the ways
 * to the comparison and back to the current figures. Printed with the page.
 */
export function SnapshotBanner({ snapshot }: { snapshot: SnapshotSummary }) {
  const { t } = useTranslation();
  const go = useSelection((s) => s.go);
  const closed = snapshot.withdrawn !== undefined || snapshot.supersededBy !== undefined;
  return (
    <section className={`snapshot-banner${closed ? ' snapshot-banner--closed' : ''}`} aria-label={t('snapshots.banner', { date: dayOf(snapshot.publishedAt) })} data-testid="snapshot-banner">
      <div className="snapshot-banner__text">
        <p className="snapshot-banner__title">
          <strong>{t('snapshots.banner', { date: dayOf(snapshot.publishedAt) })}</strong>
          {snapshot.withdrawn && <span className="snapshot-banner__mark">{t('snapshots.bannerWithdrawn', { date: dayOf(snapshot.withdrawn.at), reason: snapshot.withdrawn.reason })}</span>}
          {!snapshot.withdrawn && snapshot.supersededBy !== undefined && <span className="snapshot-banner__mark">{t('snapshots.bannerSuperseded')}</span>}
        </p>
        <p className="snapshot-banner__detail">{t('snapshots.bannerDetail', { name: snapshot.name, asOf: snapshot.asOf, by: snapshot.publishedBy })}</p>
      </div>
      <div className="snapshot-banner__actions no-print">
        <button type="button" className="button button--secondary" onClick={() => go('snapshots', { compare: snapshot.id })}>
          {t('snapshots.bannerCompare')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => go('dashboard', { snapshot: undefined, year: undefined })}>
          {t('snapshots.bannerLeave')}
        </button>
      </div>
    </section>
  );
}
