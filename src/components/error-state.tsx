import { useTranslation } from 'react-i18next';

/**
 * A failure said in words, with a retry; never a blank screen. `detail` is the
 * technical text behind it (the server's or the browser's own, often English):
 * secondary, folded away, never the message itself.
 */
export function ErrorState({ message, detail, onRetry }: { message: string; detail?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="error-state" role="alert">
      <h2 className="error-state__title">{t('errors.title')}</h2>
      <p>{message}</p>
      {detail !== undefined && detail !== '' && (
        <details className="error-state__detail">
          <summary>{t('errors.detail')}</summary>
          <p className="muted" lang="en">
            {detail}
          </p>
        </details>
      )}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}
