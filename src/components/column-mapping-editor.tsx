import type { TFunction } from 'i18next';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { headerYear } from '@/domain/import/table';
import { formatNumber } from '@/domain/display/format';
import type { ColumnMapping, ColumnRole, Layout, TableShape } from '@/domain/import/types';
import type { Language, Locale } from '@/domain/shared/locale';
import type { Metric } from '@/domain/targets/target-set';
import { FractionChoice } from './fraction-choice';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

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

/**
 * At most this many columns without a meaning are drawn at a time (each has a select of every role and
 * metric); "show more" adds as many again. Columns given a meaning are always listed.
 */
export const COLUMN_PAGE = 50;

/** A column as the editor names it: its header as written, else "Column n". */
const columnLabel = (t: TFunction, column: ColumnMapping) => column.header || t('import.unnamedColumn', { n: column.index + 1 });

/**
 * The columns a search finds, in file order: with no query, every column with a header or a meaning
 * (a column with neither is found by searching for its number); else those whose label contains the
 * query (case-insensitive), or whose number it is.
 */
function columnsFound(t: TFunction, columns: readonly ColumnMapping[], query: string): ColumnMapping[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return columns.filter((column) => column.header !== '' || column.role !== 'ignore');
  return columns.filter((column) => String(column.index + 1) === needle || columnLabel(t, column).toLowerCase().includes(needle));
}

/**
 * The rows drawn: every found column with a meaning, and the first `limit` found columns without one, in
 * file order; `more` is how many found columns are not drawn.
 */
function columnsDrawn(found: readonly ColumnMapping[], limit: number): { drawn: ColumnMapping[]; more: number } {
  let unmapped = 0;
  const drawn = found.filter((column) => column.role !== 'ignore' || (unmapped += 1) <= limit);
  return { drawn, more: found.length - drawn.length };
}

type Props = {
  shape: TableShape;
  metrics: readonly Metric[];
  lang: Language;
  /** How the UI formats numbers (the counts of columns shown). */
  locale: Locale;
  onChange: (shape: Pick<TableShape, 'headerRow' | 'layout' | 'columns'> & { defaultYear?: number }) => void;
};

/**
 * What was recognised — layout, header row, each column's meaning — and a way to correct any of it. A
 * header row of thousands of columns stays quick to draw: past `COLUMN_PAGE` columns the editor lists the
 * columns with a header or a meaning, `COLUMN_PAGE` at a time, and finds any column by header or number.
 */
export function ColumnMappingEditor({ shape, metrics, lang, locale, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(COLUMN_PAGE);
  const bounded = shape.columns.length > COLUMN_PAGE;
  const found = useMemo(() => (bounded ? columnsFound(t, shape.columns, query) : shape.columns), [t, bounded, shape.columns, query]);
  const { drawn, more } = bounded ? columnsDrawn(found, limit) : { drawn: shape.columns, more: 0 };
  const count = (n: number) => formatNumber(n, locale, 0);
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
      {bounded && (
        <div className="mapping__find">
          <div className="field field--inline">
            <label htmlFor={`${id}-find`}>{t('import.findColumnLabel')}</label>
            <input
              id={`${id}-find`}
              type="search"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setLimit(COLUMN_PAGE);
              }}
            />
          </div>
          <p className="muted" role="status">
            {t('import.columnsShown', { shown: count(drawn.length), found: count(found.length), total: count(shape.columns.length) })}
            {query.trim() === '' && found.length < shape.columns.length && ` ${t('import.columnsUnnamedHidden', { count: shape.columns.length - found.length, n: count(shape.columns.length - found.length) })}`}
          </p>
        </div>
      )}
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('import.colColumn')}</th>
              <th scope="col">{t('import.colMeaning')}</th>
            </tr>
          </thead>
          <tbody>
            {drawn.map((column) => (
              <tr key={column.index}>
                <th scope="row">{columnLabel(t, column)}</th>
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
      {more > 0 && (
        <p className="actions">
          <button type="button" className="button button--secondary" onClick={() => setLimit(limit + COLUMN_PAGE)}>
            {t('import.moreColumns', { count: Math.min(more, COLUMN_PAGE), n: count(Math.min(more, COLUMN_PAGE)) })}
          </button>
        </p>
      )}
    </fieldset>
  );
}
