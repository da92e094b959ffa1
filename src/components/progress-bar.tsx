import { useTranslation } from 'react-i18next';
import { formatNumber } from '@/domain/display/format';
import type { Locale } from '@/domain/shared/locale';

/** Import progress as rows read and percent of bytes, with a cancel button. */
export function ProgressBar({
  bytesRead,
  totalBytes,
  rows,
  locale,
  onCancel,
}: {
  bytesRead: number;
  totalBytes: number;
  rows: number;
  locale: Locale;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const percent = totalBytes > 0 ? Math.min(100, Math.round((bytesRead / totalBytes) * 100)) : 0;
  const text = t('import.progressText', { rows: formatNumber(rows, locale, 0), percent });
  return (
    <div className="progress">
      <div className="progress__bar" role="progressbar" aria-label={t('import.progressLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={text}>
        <div className="progress__fill" style={{ width: `${percent}%` }} />
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
