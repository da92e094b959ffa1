import { useTranslation } from 'react-i18next';
import type { Status } from '@/domain/evaluation/evaluate-target';

/**
 * Icons carry the status for people who cannot tell the colours apart (and in print
 * without colour); the text says it in words. Each status has its own shape.
 */
export const STATUS_ICONS: Record<Status, string> = {
  achieved: '✓',
  missed: '✕',
  on_track: '↗',
  at_risk: '!',
  off_track: '↘',
  undetermined: '?',
  no_data: '–',
  not_applicable: '·',
};

/** `id` lets a container name the badge as its description (a card is described by its status). */
export function StatusBadge({ status, id }: { status: Status; id?: string }) {
  const { t } = useTranslation();
  return (
    <span id={id} className={`badge badge--${status}`}>
      <span className="badge__icon" aria-hidden="true">
        {STATUS_ICONS[status]}
      </span>
      {t(`status.${status}`)}
    </span>
  );
}
