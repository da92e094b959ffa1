import { useTranslation } from 'react-i18next';

/** One thing an address asked for that does not exist (the selection store's `LinkProblem`, which components do not import). */
type LinkProblem = { kind: 'page' | 'set' | 'region' | 'year' | 'target' | 'sort' | 'status'; value: string };

/**
 * What a link asked for that does not exist (an unknown page, region, year,
 * target or column) and that the address was corrected — instead of silently
 * showing the default view. The link's own text is shown as text.
 */
export function LinkNotice({ problems, onDismiss }: { problems: readonly LinkProblem[]; onDismiss: () => void }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div className="error-state link-notice" role="alert">
      <h2 className="error-state__title">{t('errors.link.heading')}</h2>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.kind}:${problem.value}`}>{t(`errors.link.${problem.kind}`, { value: problem.value })}</li>
        ))}
      </ul>
      <p className="muted">{t('errors.link.corrected')}</p>
      <button type="button" className="button button--ghost" onClick={onDismiss}>
        {t('errors.link.dismiss')}
      </button>
    </div>
  );
}
