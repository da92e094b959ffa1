import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportMessage, Severity } from '@/domain/import/types';

/** A region's name by id, in the page's language (the id itself when the set lacks it). */
export type RegionName = (id: string) => string;
/** A metric's name by id, in the page's language (the id itself when the set lacks it). */
export type MetricName = (id: string) => string;

/**
 * Words for an import message (its code and params); shared by the preview and
 * failure notices. `regionName` names the regions a message gives by id (the
 * analyst's scope), else the ids are shown.
 */
export function importMessageText(t: TFunction, message: ImportMessage, regionName: RegionName = (id) => id, metricName: MetricName = (id) => id): string {
  const { part } = message.params;
  if (message.code === 'value_missing' && (part === 'numerator' || part === 'denominator')) {
    // An error: no stated value beside the lone part, so nothing of the row is imported (`part_missing_row`).
    return t('importMessages.part_missing', { part: t(`import.role.${part}`), ...(message.severity === 'error' ? { context: 'row' } : {}) });
  }
  if (message.code === 'region_out_of_scope') {
    const { file, label, scope, count } = message.params;
    const names = { file, scope: regionName(String(scope)) };
    // A row of another region is named as written; a roll-up the file implies (no row) by its region's name.
    return message.row !== undefined
      ? t('importMessages.region_out_of_scope', { ...names, row: message.row, label })
      : t('importMessages.region_out_of_scope_rollup', { ...names, region: regionName(String(label)), count });
  }
  const { region, metric, levels } = message.params;
  // Ids a message carries are named as the UI names them: regions, metrics and school levels.
  const named = {
    ...(typeof region === 'string' ? { region: regionName(region) } : {}),
    ...(typeof metric === 'string' ? { metric: metricName(metric) } : {}),
    ...(typeof levels === 'string' ? { levels: levels.split(',').map((level) => t(`import.schoolLevel.${level}`, { defaultValue: level })).join(t('import.schoolLevelSeparator')) } : {}),
  };
  const text = t(`importMessages.${message.code}`, { ...message.params, ...named, defaultValue: message.code });
  const suggestion = message.params.suggestion;
  return suggestion ? t('common.withHint', { text, hint: t('common.didYouMean', { suggestion }) }) : text;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'note'];

/** Messages with their spreadsheet row, column and value, filterable by severity. Everything from the file is shown as text. */
export function ImportMessageList({
  messages,
  truncated,
  regionName,
  metricName,
}: {
  messages: readonly ImportMessage[];
  truncated: boolean;
  regionName?: RegionName;
  metricName?: MetricName;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Severity | 'all'>('all');
  const visible = shown === 'all' ? messages : messages.filter((m) => m.severity === shown);
  if (messages.length === 0) return <p>{t('import.noMessages')}</p>;
  return (
    <div className="messages">
      <div className="messages__filter" role="group" aria-label={t('import.filterMessages')}>
        {(['all', ...SEVERITIES] as const).map((severity) => (
          <button key={severity} type="button" className="chip" aria-pressed={shown === severity} onClick={() => setShown(severity)}>
            {t(`import.severity.${severity}`)} ({severity === 'all' ? messages.length : messages.filter((m) => m.severity === severity).length})
          </button>
        ))}
      </div>
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">{t('import.messagesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.colSeverity')}</th>
              <th scope="col">{t('import.colRow')}</th>
              <th scope="col">{t('import.colColumn')}</th>
              <th scope="col">{t('import.colValue')}</th>
              <th scope="col">{t('import.colMessage')}</th>
            </tr>
          </thead>
          <tbody>
            {visible.slice(0, 500).map((message, i) => (
              <tr key={i} className={`severity--${message.severity}`}>
                <td>{t(`import.severity.${message.severity}`)}</td>
                <td>
                  {message.row ?? ''}
                  {message.relatedRows && message.relatedRows.length > 0 && (
                    <span className="muted"> ({t('import.alsoRows', { rows: message.relatedRows.join(', ') })})</span>
                  )}
                </td>
                <td>{message.column ?? ''}</td>
                <td>
                  <code>{message.value ?? ''}</code>
                </td>
                <td>{importMessageText(t, message, regionName, metricName)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(truncated || visible.length > 500) && <p className="muted">{t('import.messagesTruncated')}</p>}
    </div>
  );
}
