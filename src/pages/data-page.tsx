import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { batchMutations, batchQueries } from '@/api/batches';
import { ApiError, apiMode } from '@/api/http';
import { AuditTable } from '@/components/audit-table';
import { DownloadButton } from '@/components/download-button';
import { ErrorState } from '@/components/error-state';
import { FigureTable } from '@/components/figure-table';
import { figureWords, UndoEffectView } from '@/components/undo-effect';
import type { BatchSummary, UndoEffect } from '@/domain/contract/api-contract';
import type { ExportWords } from '@/domain/display/export-labels';
import { formatFigure, formatNumber } from '@/domain/display/format';
import { observationsCsv } from '@/domain/import/csv-export';
import { figuresInScope } from '@/domain/import/scope';
import { joinList, languageOf, type Locale } from '@/domain/shared/locale';
import type { FigureQualifier, Observation } from '@/domain/shared/observation';
import type { TargetSet, Unit } from '@/domain/targets/target-set';
import { useSelection } from '@/stores/selection-store';
import { errorMessage, TargetSetGate, type TargetSetData } from './target-set-gate';
import { useCaller, type Caller } from './use-caller';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

/** 数据管理: export of the current data, the import batches (newest first) with their details and undo, and the audit log. */
export function DataPage() {
  return <TargetSetGate>{(data) => <DataManagement {...data} />}</TargetSetGate>;
}

type Undone = { fileName: string; effect: UndoEffect };

function DataManagement({ set, observations }: TargetSetData) {
  const { t } = useTranslation();
  const locale = useSelection((s) => s.lang);
  const caller = useCaller();
  const headingId = useId();
  const batches = useQuery(batchQueries.list());
  const [undone, setUndone] = useState<Undone | undefined>(undefined);
  const stamp = new Date().toISOString().slice(0, 10);
  // Commit order is the sequence, not a clock: newest first, as the API sends them.
  const ordered = batches.data ? [...batches.data.batches].sort((a, b) => b.sequence - a.sequence) : [];
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('data.heading')}</h2>
      <div className="panel">
        <h3>{t('data.exportHeading')}</h3>
        <p className="muted">
          {t('data.exportHint', {
            count: observations.length,
            parts: joinList(
              (['import', 'reference', 'demo'] as const).flatMap((source) => {
                const n = observations.filter((o) => o.source === source).length;
                return n > 0 ? [t(`data.exportPart.${source}`, { count: n })] : [];
              }),
              locale,
            ),
          })}
        </p>
        <DownloadButton fileName={`${set.id}-data-${stamp}.csv`} build={() => figureExport(t, set, observations, locale, stamp)}>
          {t('data.export')}
        </DownloadButton>
      </div>
      <h3>{t('data.batchesHeading')}</h3>
      {undone && (
        <div className="success" role="status" aria-label={t('data.undoneLabel')}>
          <p>{t('data.undone', { name: undone.fileName })}</p>
          <UndoEffectView effect={undone.effect} set={set} locale={locale} tense="done" />
        </div>
      )}
      {batches.isError && <ErrorState message={errorMessage(t, batches.error)} onRetry={() => void batches.refetch()} />}
      {batches.isPending && <p role="status">{t('loading')}</p>}
      {batches.data && ordered.length === 0 && <p>{t('data.noBatches')}</p>}
      {ordered.length > 0 && (
        <ul className="batches">
          {ordered.map((batch) => (
            <BatchItem key={batch.id} batch={batch} locale={locale} set={set} caller={caller} onUndone={(effect) => setUndone({ fileName: batch.fileName, effect })} />
          ))}
        </ul>
      )}
      <AuditSection locale={locale} />
    </section>
  );
}

/**
 * The data export: every stored figure, in the form the import reads back (`observationsCsv`), under a
 * title row saying what the file is, when it was made and how many of its figures are synthetic.
 */
function figureExport(t: TFunction, set: TargetSet, observations: readonly Observation[], locale: Locale, stamp: string): string {
  const demo = observations.filter((o) => o.source === 'demo').length;
  const params = { title: set.title[languageOf(locale)], count: formatNumber(observations.length, locale, 0), demo: formatNumber(demo, locale, 0), date: stamp };
  const title = demo > 0 ? t('export.dataTitleDemo', params) : t('export.dataTitle', params);
  const show = (value: number, unit: Unit, qualifier: FigureQualifier | undefined) => formatFigure(value, unit, locale, qualifier ? { qualifier } : {});
  return observationsCsv(observations, set, locale, t('export', { returnObjects: true }) as ExportWords, show, { title });
}

/**
 * Whether the caller may undo a batch, by the backend's rule: analysts and
 * admins may; one limited to a region only when every figure of the batch
 * lies in it (`figuresInScope`, the rule the backend's `scopeRefusal` applies),
 * which needs the batch's figures and its target set's regions. `outside`:
 * an analyst who could undo, but not this batch (it has figures outside their
 * region), with the region's name to say why.
 */
type MayUndo = { may: true } | { may: false; outside?: string };

function useMayUndo(batch: BatchSummary, set: TargetSet, caller: Caller, locale: Locale): MayUndo {
  const scoped = caller.canWrite && caller.region !== undefined;
  const detail = useQuery({ ...batchQueries.detail(batch.id), enabled: scoped });
  const otherSet = batch.targetSet !== set.id;
  const regions = useQuery({ ...batchQueries.regions(batch.targetSet), enabled: scoped && otherSet });
  // Until the API has said who the caller is, their region is unknown: nothing is offered.
  if (!caller.canWrite || caller.pending || caller.error !== undefined) return { may: false };
  if (!scoped) return { may: true };
  const setRegions = otherSet ? regions.data : set;
  if (!detail.data || !setRegions) return { may: false };
  if (figuresInScope(setRegions, detail.data.batch.figures, caller.region)) return { may: true };
  const region = setRegions.regions.find((r) => r.id === caller.region);
  return { may: false, outside: region ? region.name[languageOf(locale)] : caller.region! };
}

type BatchItemProps = { batch: BatchSummary; locale: Locale; set: TargetSet; caller: Caller; onUndone: (effect: UndoEffect) => void };

function BatchItem({ batch, locale, set, caller, onUndone }: BatchItemProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [open, setOpen] = useState(false);
  const undoable = useMayUndo(batch, set, caller, locale);
  const mayUndo = undoable.may;
  const n = (value: number) => formatNumber(value, locale, 0);
  const remove = useMutation(batchMutations.undo());
  // Told through the promise, not a per-call callback: once the list refreshes this item is gone.
  const undo = () =>
    remove.mutateAsync(batch.id).then(
      (answer) => onUndone(answer.effect),
      () => undefined, // shown below through remove.error
    );
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(batch.createdAt));
  return (
    <li className="batch" aria-label={batch.fileName}>
      <div className="batch__head">
        <div>
          <strong className="batch__name">{batch.fileName}</strong>
          <span className="muted"> · {when} · {t('data.committedBy', { name: batch.committedBy, sequence: batch.sequence })}</span>
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
        {mayUndo && !confirming && (
          <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
            {t('data.remove')}
          </button>
        )}
      </p>
      {!undoable.may && undoable.outside !== undefined && (
        <p className="muted" role="note">
          {t('data.undoOutsideScope', { region: undoable.outside })}
        </p>
      )}
      {mayUndo && confirming && (
        <UndoConfirmation
          id={batch.id}
          set={set}
          locale={locale}
          busy={remove.isPending}
          onConfirm={() => void undo()}
          onKeep={() => {
            setConfirming(false);
            remove.reset();
          }}
        />
      )}
      {remove.isError && (
        <p role="alert" className="error-state">
          {remove.error instanceof ApiError && remove.error.status === 403
            ? remove.error.code === 'region_out_of_scope'
              ? errorMessage(t, remove.error)
              : t(apiMode() === 'demo' ? 'import.forbidden' : 'import.forbiddenServer')
            : errorMessage(t, remove.error)}
        </p>
      )}
      {open && <BatchDetails id={batch.id} locale={locale} set={set} />}
    </li>
  );
}

type UndoConfirmationProps = { id: string; set: TargetSet; locale: Locale; busy: boolean; onConfirm: () => void; onKeep: () => void };

/** Before an undo: exactly what it will do now (`GET /batches/{id}`, fetched fresh), then confirm or keep. */
function UndoConfirmation({ id, set, locale, busy, onConfirm, onKeep }: UndoConfirmationProps) {
  const { t } = useTranslation();
  const detail = useQuery(batchQueries.detail(id));
  return (
    <div className="panel" role="group" aria-label={t('data.undoPreviewLabel')}>
      {detail.isError && <ErrorState message={errorMessage(t, detail.error)} onRetry={() => void detail.refetch()} />}
      {detail.isPending && <p role="status">{t('loading')}</p>}
      {detail.data && <UndoEffectView effect={detail.data.undo} set={set} locale={locale} tense="preview" />}
      <p className="actions">
        <button type="button" className="button button--danger" disabled={busy || !detail.data || detail.isFetching} onClick={onConfirm}>
          {t('data.confirmRemove')}
        </button>
        <button type="button" className="button button--secondary" onClick={onKeep}>
          {t('data.keep')}
        </button>
      </p>
    </div>
  );
}

function BatchDetails({ id, locale, set }: { id: string; locale: Locale; set: TargetSet }) {
  const { t } = useTranslation();
  const words = figureWords(set, locale);
  const detail = useQuery(batchQueries.detail(id));
  if (detail.isError) return <ErrorState message={errorMessage(t, detail.error)} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <p role="status">{t('loading')}</p>;
  const { batch } = detail.data;
  return (
    <div className="batch__details">
      <p>{t('data.figureCount', { count: batch.figureCount })}</p>
      <FigureTable
        caption={t('data.figuresCaption')}
        headers={[t('import.colNew'), t('data.colReplaced')]}
        rows={batch.figures.slice(0, 200).map((f, i) => {
          const old = batch.replaced.find((r) => r.metric === f.metric && r.region === f.region && r.year === f.year);
          return { key: String(i), region: words.region(f.region), metric: words.metric(f.metric), year: f.year, cells: [words.value(f), old ? words.value(old) : t('data.newFigure')] };
        })}
      />
      {batch.figures.length > 200 && <p className="muted">{t('data.firstOnly', { count: 200 })}</p>}
    </div>
  );
}

/** The audit log: every commit and undo (and, on a server, sign-ins and user changes), newest first. */
function AuditSection({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const headingId = useId();
  const audit = useQuery(batchQueries.audit());
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t('data.auditHeading')}</h3>
      {/* The backend decides who reads the log (analysts and admins): a refusal is said in words, not as a failure to retry. */}
      {audit.isError && audit.error instanceof ApiError && audit.error.status === 403 ? (
        <p role="note">{t('data.auditRefused')}</p>
      ) : (
        audit.isError && <ErrorState message={errorMessage(t, audit.error)} onRetry={() => void audit.refetch()} />
      )}
      {audit.isPending && <p role="status">{t('loading')}</p>}
      {audit.data && audit.data.entries.length === 0 && <p>{t('data.noAudit')}</p>}
      {audit.data && audit.data.entries.length > 0 && <AuditTable entries={audit.data.entries} locale={locale} />}
    </section>
  );
}
