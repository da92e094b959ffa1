import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { batchMutations, batchQueries } from '@/api/batches';
import { ApiError } from '@/api/http';
import { DownloadButton } from '@/components/download-button';
import { ErrorState } from '@/components/error-state';
import { FigureTable } from '@/components/figure-table';
import { observationsCsv } from '@/domain/import/csv-export';
import type { BatchSummary } from '@/domain/contract/api-contract';
import { formatMeasure, formatNumber } from '@/domain/display/format';
import { languageOf, type Locale } from '@/domain/shared/locale';
import { hasParts, ratioValue, type FigureValues } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';
import { useRole } from '@/stores/role-store';
import { useSelection } from '@/stores/selection-store';
import { errorMessage, TargetSetGate, type TargetSetData } from './target-set-gate';

/** 数据管理: the import batches (newest first) with their details, removal, and export of the current data. */
export function DataPage() {
  return <TargetSetGate>{(data) => <DataManagement {...data} />}</TargetSetGate>;
}

function DataManagement({ set, observations }: TargetSetData) {
  const { t } = useTranslation();
  const locale = useSelection((s) => s.lang);
  const headingId = useId();
  const batches = useQuery(batchQueries.list());
  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('data.heading')}</h2>
      <div className="panel">
        <h3>{t('data.exportHeading')}</h3>
        <p className="muted">{t('data.exportHint', { count: formatNumber(observations.length, locale, 0) })}</p>
        <DownloadButton fileName={`${set.id}-data-${stamp}.csv`} build={() => observationsCsv(observations, set, languageOf(locale))}>
          {t('data.export')}
        </DownloadButton>
      </div>
      <h3>{t('data.batchesHeading')}</h3>
      {batches.isError && <ErrorState message={errorMessage(t, batches.error)} onRetry={() => void batches.refetch()} />}
      {batches.isPending && <p role="status">{t('loading')}</p>}
      {batches.data && batches.data.batches.length === 0 && <p>{t('data.noBatches')}</p>}
      {batches.data && batches.data.batches.length > 0 && (
        <ul className="batches">
          {batches.data.batches.map((batch) => (
            <BatchItem key={batch.id} batch={batch} locale={locale} set={set} />
          ))}
        </ul>
      )}
    </section>
  );
}

function BatchItem({ batch, locale, set }: { batch: BatchSummary; locale: Locale; set: TargetSet }) {
  const { t } = useTranslation();
  const role = useRole((s) => s.role);
  const [confirming, setConfirming] = useState(false);
  const [open, setOpen] = useState(false);
  const n = (value: number) => formatNumber(value, locale, 0);
  const remove = useMutation(batchMutations.undo());
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(batch.createdAt));
  return (
    <li className="batch" aria-label={batch.fileName}>
      <div className="batch__head">
        <div>
          <strong className="batch__name">{batch.fileName}</strong>
          <span className="muted"> · {when}</span>
        </div>
        <div className="batch__meta muted">
          {t('data.batchMeta', {
            encoding: t(`import.encoding.${batch.encoding}`),
            layout: t(`import.layout.${batch.layout}`),
            added: n(batch.counts.added),
            replaced: n(batch.counts.replaced),
            rejected: n(batch.counts.rejectedRows),
          })}
        </div>
      </div>
      <p className="actions">
        <button type="button" className="button button--secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('data.hideDetails') : t('data.showDetails')}
        </button>
        {role === 'analyst' &&
          (confirming ? (
            <>
              <button type="button" className="button button--danger" disabled={remove.isPending} onClick={() => remove.mutate(batch.id)}>
                {t('data.confirmRemove')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                {t('data.keep')}
              </button>
            </>
          ) : (
            <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
              {t('data.remove')}
            </button>
          ))}
      </p>
      {confirming && <p className="muted">{t('data.removeHint', { count: n(batch.counts.replaced) })}</p>}
      {remove.isError && (
        <p role="alert" className="error-state">
          {remove.error instanceof ApiError && remove.error.status === 403 ? t('import.forbidden') : errorMessage(t, remove.error)}
        </p>
      )}
      {open && <BatchDetails id={batch.id} locale={locale} set={set} />}
    </li>
  );
}

function BatchDetails({ id, locale, set }: { id: string; locale: Locale; set: TargetSet }) {
  const { t } = useTranslation();
  const lang = languageOf(locale);
  const regionName = (id: string) => set.regions.find((r) => r.id === id)?.name[lang] ?? id;
  const metric = (id: string) => set.metrics.find((m) => m.id === id);
  const detail = useQuery(batchQueries.detail(id));
  if (detail.isError) return <ErrorState message={errorMessage(t, detail.error)} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <p role="status">{t('loading')}</p>;
  const { batch } = detail.data;
  // A stated value as written; parts with their ratio in the metric's unit (a percent, or a plain number).
  const value = (v: FigureValues) => {
    if (v.value !== undefined) return formatNumber(v.value, locale, 2);
    if (!hasParts(v)) return '—';
    const unit = metric(v.metric)?.unit ?? 'count';
    const ratio = formatMeasure(ratioValue(v.numerator, v.denominator, unit === 'percent'), unit, locale);
    return `${formatNumber(v.numerator, locale, 0)} / ${formatNumber(v.denominator, locale, 0)} = ${ratio}`;
  };
  return (
    <div className="batch__details">
      <p>{t('data.figureCount', { count: batch.figureCount })}</p>
      <FigureTable
        caption={t('data.figuresCaption')}
        headers={[t('import.colNew'), t('data.colReplaced')]}
        rows={batch.figures.slice(0, 200).map((f, i) => {
          const old = batch.replaced.find((r) => r.metric === f.metric && r.region === f.region && r.year === f.year);
          return { key: String(i), region: regionName(f.region), metric: metric(f.metric)?.name[lang] ?? f.metric, year: f.year, cells: [value(f), old ? value(old) : t('data.newFigure')] };
        })}
      />
      {batch.figures.length > 200 && <p className="muted">{t('data.firstOnly', { count: 200 })}</p>}
    </div>
  );
}
