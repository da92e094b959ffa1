import { useTranslation } from 'react-i18next';

/** Placeholder cards while the first data loads, so the layout does not jump. */
export function CardSkeletons({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <div className="cards" aria-busy="true" aria-label={t('loading')}>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="card card--skeleton" aria-hidden="true">
          <div className="skeleton skeleton--title" />
          <div className="skeleton skeleton--value" />
          <div className="skeleton skeleton--bar" />
          <div className="skeleton skeleton--line" />
        </div>
      ))}
    </div>
  );
}
