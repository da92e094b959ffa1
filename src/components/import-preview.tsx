import { useTranslation } from 'react-i18next';
import { formatFigure, formatNumber } from '@/domain/display/format';
import { languageOf, type Locale } from '@/domain/shared/locale';
import type { BatchEncoding, Candidate, ImportPreview as Preview, Layout, ValueMap } from '@/domain/import/types';
import { observationValue } from '@/domain/shared/observation';
import { regionInScope } from '@/domain/import/scope';
import type { TargetSet } from '@/domain/targets/target-set';
import { FigureTable } from './figure-table';
import { ImportMessageList } from './import-message-list';
import { UnknownNames, type NameToMatch } from './unknown-names';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

type Props = {
  fileName: string;
  preview: Preview;
  /** How many additions/replacements there are in all (the preview's lists may be shortened). */
  totals: { additions: number; replacements: number };
  elapsedMs: number;
  /** How the file was read: its text encoding, or `xlsx` for a workbook (as the batch records it). */
  encoding: BatchEncoding;
  layout: Layout;
  unknownNames: { regions: readonly NameToMatch[]; metrics: readonly NameToMatch[] };
  set: TargetSet;
  /** The region the analyst is limited to: names can be matched only to regions in it. */
  scope?: string | undefined;
  locale: Locale;
  /** True while the batch is being saved. */
  busy: boolean;
  commitError?: string;
  /** Something the analyst must know before confirming (the preview was checked again). */
  notice?: string;
  onConfirm: () => void;
  onDiscard: () => void;
  /** Back to the column settings (meanings, a percent column's fractions), keeping the decisions. */
  onRevise?: () => void;
  onRemap: (values: ValueMap) => void;
};

type Figure = Pick<Candidate, 'metric' | 'region' | 'year' | 'value' | 'numerator' | 'denominator' | 'qualifier' | 'citation'>;

/** Names and formatted values for figures of `set`. */
function figureText(set: TargetSet, locale: Locale) {
  const lang = languageOf(locale);
  const metrics = new Map(set.metrics.map((m) => [m.id, m]));
  const regions = new Map(set.regions.map((r) => [r.id, r.name[lang]]));
  const n = (value: number) => formatNumber(value, locale, 0);
  return {
    regionName: (id: string) => regions.get(id) ?? id,
    metricName: (id: string) => metrics.get(id)?.name[lang] ?? id,
    names: (c: Figure) => ({ region: regions.get(c.region) ?? c.region, metric: metrics.get(c.metric)?.name[lang] ?? c.metric, year: c.year }),
    value: (c: Figure) => {
      const metric = metrics.get(c.metric);
      const value = observationValue({ ...c, source: 'import' }, metric?.unit === 'percent');
      const parts = c.numerator !== undefined && c.denominator !== undefined ? ` (${n(c.numerator)} / ${n(c.denominator)})` : '';
      return value === undefined || !metric ? '—' : `${formatFigure(value, metric.unit, locale, c.qualifier ? { qualifier: c.qualifier } : {})}${parts}`;
    },
    /** The citation as text ("—" for none); a replacement that changes it shows old → new. */
    citation: (c: Figure, old?: Figure) => (old && old.citation !== c.citation ? `${old.citation ?? '—'} → ${c.citation ?? '—'}` : c.citation),
  };
}

/** The regions a name in the file can be matched to: not comparison areas, and for a scoped analyst only those in scope. */
function matchableRegions(set: TargetSet, scope: string | undefined) {
  const within = scope === undefined ? () => true : regionInScope(set, scope);
  return set.regions.filter((r) => r.kind !== 'comparison' && within(r.id));
}

/** What a checked file would change — counts, replacements old → new, additions, every message — and the confirm button. */
export function ImportPreview(props: Props) {
  const { t } = useTranslation();
  const { preview, totals, set, locale, busy } = props;
  const { counts } = preview;
  const lang = languageOf(locale);
  const n = (value: number) => formatNumber(value, locale, 0);
  const figure = figureText(set, locale);
  const importable = counts.added + counts.replaced;
  const elapsed = {
    seconds: formatNumber(props.elapsedMs / 1000, locale, 2),
    encoding: t(`import.encoding.${props.encoding}`),
    layout: t(`import.layout.${props.layout}`),
  };
  return (
    <div className="preview">
      <h3>{t('import.previewHeading', { name: props.fileName })}</h3>
      <ul className="preview__counts">
        <li>
          <strong>{n(counts.rows)}</strong> {t('import.countRows', { count: counts.rows })}
        </li>
        <li className="count--add">
          <strong>{n(counts.added)}</strong> {t('import.countAdded', { count: counts.added })}
        </li>
        <li className="count--replace">
          <strong>{n(counts.replaced)}</strong> {t('import.countReplaced', { count: counts.replaced })}
        </li>
        <li>
          <strong>{n(counts.unchanged)}</strong> {t('import.countUnchanged', { count: counts.unchanged })}
        </li>
        <li className="count--reject">
          <strong>{n(counts.rejectedRows)}</strong> {t('import.countRejected', { count: counts.rejectedRows })}
        </li>
      </ul>
      <p className="muted">{t('import.elapsed', elapsed)}</p>

      {preview.replacements.length > 0 && (
        <details open>
          <summary>{t('import.replacementsHeading', { count: totals.replacements })}</summary>
          <FigureTable
            headers={[t('import.colOld'), t('import.colNew')]}
            rows={preview.replacements.map((r, i) => {
              const citation = figure.citation(r.new, r.old);
              return { ...figure.names(r.new), key: String(i), cells: [figure.value(r.old), <strong key="new">{figure.value(r.new)}</strong>], ...(citation !== undefined ? { citation } : {}) };
            })}
          />
        </details>
      )}
      {preview.additions.length > 0 && (
        <details>
          <summary>{t('import.additionsHeading', { count: totals.additions })}</summary>
          <FigureTable
            headers={[t('import.colNew')]}
            rows={preview.additions.map((c, i) => ({ ...figure.names(c), key: String(i), cells: [figure.value(c)], ...(c.citation !== undefined ? { citation: c.citation } : {}) }))}
          />
        </details>
      )}
      <UnknownNames
        names={props.unknownNames}
        choices={{ regions: matchableRegions(set, props.scope), metrics: set.metrics }}
        lang={lang}
        busy={busy}
        onRemap={props.onRemap}
      />
      <h4>{t('import.messagesHeading')}</h4>
      <ImportMessageList messages={preview.messages} truncated={preview.truncated} regionName={figure.regionName} metricName={figure.metricName} locale={locale} />
      {props.notice && (
        <p className="panel" role="status">
          {props.notice}
        </p>
      )}
      {props.commitError && (
        <p className="error-state" role="alert">
          {props.commitError}
        </p>
      )}
      <p className="muted">{t('import.notSavedYet')}</p>
      <p className="actions">
        <button type="button" className="button" disabled={busy || importable === 0} onClick={props.onConfirm}>
          {busy ? t('import.committing') : t('import.confirm', { count: importable })}
        </button>
        {props.onRevise && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={props.onRevise}>
            {t('import.revise')}
          </button>
        )}
        <button type="button" className="button button--secondary" disabled={busy} onClick={props.onDiscard}>
          {t('import.discard')}
        </button>
      </p>
    </div>
  );
}
