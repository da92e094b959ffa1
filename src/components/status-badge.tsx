import { useTranslation } from 'react-i18next';
import type { Status } from '@/domain/evaluation/evaluate-target';

/** Icons carry the status for people who cannot tell the colours apart; the text says it in words. */
const ICONS: Record<Status, string> = {
  achieved: '✓',
  missed: '✕',
  on_track: '↗',
  at_risk: '!',
  off_track: '↘',
  no_data: '–',
  not_applicable: '·',
};

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${status}`}>
      <span className="badge__icon" aria-hidden="true">
        {ICONS[status]}
      </span>
      {t(`status.${status}`)}
    </span>
  );
}
