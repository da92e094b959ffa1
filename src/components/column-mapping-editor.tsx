import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { headerYear } from '@/domain/import/table';
import type { ColumnMapping, ColumnRole, Layout, TableShape } from '@/domain/import/types';
import type { Language } from '@/domain/shared/locale';
import type { Metric } from '@/domain/targets/target-set';
import { FractionChoice } from './fraction-choice';

const ROLES: readonly Exclude<ColumnRole, 'metric_value' | 'year_value'>[] = [
  'ignore',
  'region',
  'year',
  'metric',
  'value',
  'numerator',
  'denominator',
  'citation',
  'school',
  'class',
  'students',
];
const LAYOUTS: readonly Layout[] = ['long', 'wide', 'roster', 'year_columns'];

type Props = {
  shape: TableShape;
  metrics: readonly Metric[];
  lang: Language;
  onChange: (shape: Pick<TableShape, 'headerRow' | 'layout' | 'columns'> & { defaultYear?: number }) => void;
};

/** What was recognised — layout, header row, each column's meaning — and a way to correct any of it. */
export function ColumnMappingEditor({ shape, metrics, lang, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const change = (patch: Partial<Pick<TableShape, 'headerRow' | 'layout' | 'columns' | 'defaultYear'>>) =>
    onChange({
      headerRow: shape.headerRow,
      layout: shape.layout,
      columns: shape.columns,
      ...(shape.defaultYear !== undefined ? { defaultYear: shape.defaultYear } : {}),
      ...patch,
    });
  const setColumn = (index: number, value: string) => {
    const columns = shape.columns.map((column): ColumnMapping => {
      if (column.index !== index) return column;
      if (value.startsWith('metric_value:')) return { ...column, role: 'metric_value', metric: value.slice(13), source: 'analyst' };
      if (value.startsWith('year_value:')) return { ...column, role: 'year_value', year: Number(value.slice(11)), source: 'analyst' };
      const { metric: _metric, year: _year, ...rest } = column;
      return { ...rest, role: value as ColumnRole, source: 'analyst' };
    });
    change({ columns });
  };

  return (
    <fieldset className="mapping">
      <legend>{t('import.mappingLegend')}</legend>
      <div className="mapping__options">
        <div className="field">
          <label htmlFor={`${id}-layout`}>{t('import.layoutLabel')}</label>
          <select id={`${id}-layout`} value={shape.layout} onChange={(e) => change({ layout: e.target.value as Layout })}>
            {LAYOUTS.map((layout) => (
              <option key={layout} value={layout}>
                {t(`import.layout.${layout}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-header`}>{t('import.headerRowLabel')}</label>
          <input
            id={`${id}-header`}
            type="number"
            min={1}
            value={shape.headerRow}
            onChange={(e) => Number(e.target.value) >= 1 && change({ headerRow: Number(e.target.value) })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-year`}>{t('import.defaultYearLabel')}</label>
          <input
            id={`${id}-year`}
            type="number"
            min={1949}
            max={2100}
            placeholder={t('import.defaultYearPlaceholder')}
            value={shape.defaultYear ?? ''}
            onChange={(e) => {
              const year = Number(e.target.value);
              if (e.target.value === '') {
                const { defaultYear: _d, ...rest } = shape;
                onChange({ headerRow: rest.headerRow, layout: rest.layout, columns: rest.columns });
              } else if (Number.isInteger(year)) change({ defaultYear: year });
            }}
          />
        </div>
      </div>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('import.colColumn')}</th>
              <th scope="col">{t('import.colMeaning')}</th>
            </tr>
          </thead>
          <tbody>
            {shape.columns.map((column) => (
              <tr key={column.index}>
                <th scope="row">{column.header || t('import.unnamedColumn', { n: column.index + 1 })}</th>
                <td>
                  <select
                    aria-label={t('import.meaningOf', { column: column.header || column.index + 1 })}
                    value={column.role === 'metric_value' ? `metric_value:${column.metric ?? ''}` : column.role === 'year_value' ? `year_value:${column.year ?? ''}` : column.role}
                    onChange={(e) => setColumn(column.index, e.target.value)}
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`import.role.${role}`)}
                      </option>
                    ))}
                    {(column.year ?? headerYear(column.header)) !== undefined && (
                      <option value={`year_value:${column.year ?? headerYear(column.header)}`}>{t('import.role.year_value', { year: column.year ?? headerYear(column.header) })}</option>
                    )}
                    <optgroup label={t('import.role.metric_value')}>
                      {metrics.map((metric) => (
                        <option key={metric.id} value={`metric_value:${metric.id}`}>
                          {metric.name[lang]}
                        </option>
                      ))}
                    </optgroup>
                  </select>{' '}
                  <FractionChoice column={column} onChange={(next) => change({ columns: shape.columns.map((c) => (c.index === next.index ? next : c)) })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
