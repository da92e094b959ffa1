import { memo } from 'react';
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
  undetermined: '?',
  off_track: '↘',
  no_data: '–',
  not_applicable: '·',
};

/**
 * `id` lets a container name the badge as its description (a card is described by its status). Memoised: a
 * province's scorecard draws hundreds on screen and draws them again on a year change, where most keep their
 * status (a change of language still redraws it: its words come from `useTranslation`).
 */
export const StatusBadge = memo(function StatusBadge({ status, id }: { status: Status; id?: string }) {
  const { t } = useTranslation();
  return <StatusBadgeView status={status} text={t(`status.${status}`)} {...(id !== undefined ? { id } : {})} />;
});

/**
 * The badge with its word given (`text`: the status in words, `status.<status>`), for a caller that has it already:
 * a scorecard cell's view carries it, so the hundreds of badges a province's year change mounts each skip
 * `useTranslation` (a hook, a subscription to language changes, per badge).
 */
export const StatusBadgeView = memo(function StatusBadgeView({ status, text, id }: { status: Status; text: string; id?: string }) {
  return (
    <span id={id} className={`badge badge--${status}`}>
      <span className="badge__icon" aria-hidden="true">
        {STATUS_ICONS[status]}
      </span>
      {text}
    </span>
  );
});
