import { useTranslation } from 'react-i18next';
import type { ColumnMapping } from '@/domain/import/types';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

/**
 * The analyst's decision for a value column whose percent values may be fractions (0.853): ×100 for the
 * column, as written, or undecided (such values are then refused with `fraction_in_percent`).
 */
export function FractionChoice({ column, onChange }: { column: ColumnMapping; onChange: (column: ColumnMapping) => void }) {
  const { t } = useTranslation();
  if (column.role !== 'value' && column.role !== 'metric_value' && column.role !== 'year_value') return null;
  return (
    <select
      aria-label={t('import.fractionsOf', { column: column.header || column.index + 1 })}
      value={column.fractions ?? ''}
      onChange={(e) => {
        const { fractions: _old, ...rest } = column;
        const value = e.target.value;
        onChange(value === 'times_100' || value === 'as_written' ? { ...rest, fractions: value, source: 'analyst' } : { ...rest, source: 'analyst' });
      }}
    >
      <option value="">{t('import.fractions.ask')}</option>
      <option value="times_100">{t('import.fractions.times_100')}</option>
      <option value="as_written">{t('import.fractions.as_written')}</option>
    </select>
  );
}
