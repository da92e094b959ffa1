import { useTranslation } from 'react-i18next';
import { formatNumber } from '@/domain/display/format';
import { progressPercent, type ReadProgress } from '@/domain/import/progress';
import type { Locale } from '@/domain/shared/locale';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

/** Import progress as rows read and the share done (`progressPercent`; rows only when it is unknown), with a cancel button. */
export function ProgressBar({ progress, locale, onCancel }: { progress: ReadProgress; locale: Locale; onCancel: () => void }) {
  const { t } = useTranslation();
  const percent = progressPercent(progress);
  const rows = formatNumber(progress.rows, locale, 0);
  const text = percent === undefined ? t('import.progressRows', { rows }) : t('import.progressText', { rows, percent });
  return (
    <div className="progress">
      <div
        className="progress__bar"
        role="progressbar"
        aria-label={t('import.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(percent !== undefined ? { 'aria-valuenow': percent } : {})}
        aria-valuetext={text}
      >
        <div className="progress__fill" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <p className="progress__text" aria-live="polite">
        {text}
      </p>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('import.cancel')}
      </button>
    </div>
  );
}
