import i18next, { type TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMargin, formatMeasure, formatNumber, formatSignedMargin, isUnit } from '@/domain/display/format';
import type { ImportMessage, Severity } from '@/domain/import/types';
import type { Locale } from '@/domain/shared/locale';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

/** A region's name by id, in the page's language (the id itself when the set lacks it). */
export type RegionName = (id: string) => string;
/** A metric's name by id, in the page's language (the id itself when the set lacks it). */
export type MetricName = (id: string) => string;

/** Number params that are places in the file or years: written as Excel and the calendar write them, never grouped. */
const PLAIN_NUMBERS: ReadonlySet<string> = new Set(['row', 'firstRow', 'year', 'previousYear', 'column']);

/** The UI's locale when a caller gives none: the language i18n shows. */
const uiLocale = (): Locale => (i18next.language === 'en' ? 'en' : 'zh-CN');

/** Params that are figures of the message's metric (`measure`: its unit), written as the UI writes a figure ("76.0%"). */
const FIGURES: ReadonlySet<string> = new Set(['old', 'new']);
/** Params that are changes of such a figure, signed ("+12.3 个百分点"), and the thresholds they are held to (unsigned). */
const CHANGES: ReadonlySet<string> = new Set(['change', 'typical']);
const LIMITS: ReadonlySet<string> = new Set(['limit']);

/**
 * A message's params with its numbers as the UI formats them (`formatNumber`: the locale's grouping and
 * decimal mark, every decimal the message gives), except rows, columns and years (`PLAIN_NUMBERS`). A
 * message about a metric's figures names the unit they are in (`measure`): its figures are then written
 * as every page writes them (the unit's decimals and sign, `formatMeasure`), and their changes and limits
 * as gaps are (`formatMargin`: "1.2 个百分点", never "0.0" for a change that is not zero).
 */
function formattedParams(message: ImportMessage, locale: Locale): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  const unit = isUnit(message.params.measure) ? message.params.measure : undefined;
  for (const [key, value] of Object.entries(message.params)) {
    if (typeof value !== 'number' || PLAIN_NUMBERS.has(key)) params[key] = value;
    else if (unit && FIGURES.has(key)) params[key] = formatMeasure(value, unit, locale);
    else if (unit && CHANGES.has(key)) params[key] = formatSignedMargin(value, unit, locale);
    else if (unit && LIMITS.has(key)) params[key] = formatMargin(value, unit, locale);
    else params[key] = formatNumber(value, locale, 6);
  }
  return params;
}

/**
 * Words for an import message (its code and params); shared by the preview and
 * failure notices. Regions, metrics, school levels and column roles a message
 * gives by id are named as the UI names them (`regionName`, `metricName`; else
 * the ids are shown), and its numbers are formatted for `locale` (by default
 * the language i18n shows).
 */
export function importMessageText(
  t: TFunction,
  message: ImportMessage,
  regionName: RegionName = (id) => id,
  metricName: MetricName = (id) => id,
  locale: Locale = uiLocale(),
): string {
  const { part } = message.params;
  if (message.code === 'value_missing' && (part === 'numerator' || part === 'denominator')) {
    // An error: no stated value beside the lone part, so nothing of the row is imported (`part_missing_row`).
    return t('importMessages.part_missing', { part: t(`import.role.${part}`), ...(message.severity === 'error' ? { context: 'row' } : {}) });
  }
  if (message.code === 'region_out_of_scope') {
    const { file, label, scope } = message.params;
    const { count } = formattedParams(message, locale);
    const names = { file, scope: regionName(String(scope)) };
    // A row of another region is named as written; a roll-up the file implies (no row) by its region's name.
    return message.row !== undefined
      ? t('importMessages.region_out_of_scope', { ...names, row: message.row, label })
      : t('importMessages.region_out_of_scope_rollup', { ...names, region: regionName(String(label)), count });
  }
  const { region, metric, levels, role, unit, year, encoding, how } = message.params;
  // Ids a message carries are named as the UI names them: regions, metrics, school levels, column meanings, units and encodings.
  const named = {
    ...(typeof role === 'string' ? { role: t(`import.role.${role}`, { year, defaultValue: role }) } : {}),
    ...(typeof unit === 'string' ? { unit: t(`import.unitName.${unit}`, { defaultValue: unit }) } : {}),
    ...(typeof region === 'string' ? { region: regionName(region) } : {}),
    ...(typeof metric === 'string' ? { metric: metricName(metric) } : {}),
    ...(typeof how === 'string' ? { how: how.split(',').map((part) => t(`import.nameDiffers.${part}`, { defaultValue: part })).join(t('import.schoolLevelSeparator')) } : {}),
    ...(typeof encoding === 'string' ? { encoding: t(`import.encoding.${encoding}`, { defaultValue: encoding }) } : {}),
    ...(typeof levels === 'string' ? { levels: levels.split(',').map((level) => t(`import.schoolLevel.${level}`, { defaultValue: level })).join(t('import.schoolLevelSeparator')) } : {}),
  };
  const text = t(`importMessages.${message.code}`, { ...formattedParams(message, locale), ...named, defaultValue: message.code });
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
  locale,
}: {
  messages: readonly ImportMessage[];
  truncated: boolean;
  regionName?: RegionName;
  metricName?: MetricName;
  /** How the UI formats numbers. */
  locale: Locale;
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
            {t(`import.severity.${severity}`)} ({formatNumber(severity === 'all' ? messages.length : messages.filter((m) => m.severity === severity).length, locale, 0)})
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
                <td>{importMessageText(t, message, regionName, metricName, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(truncated || visible.length > 500) && <p className="muted">{t('import.messagesTruncated')}</p>}
    </div>
  );
}
