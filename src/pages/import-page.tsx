import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitProgress } from '@/api/batches';
import { ApiError } from '@/api/http';
import { ErrorState } from '@/components/error-state';
import { FileDrop } from '@/components/file-drop';
import { ImportInspection } from '@/components/import-inspection';
import { importMessageText, type MetricName, type RegionName } from '@/components/import-message-list';
import { ImportPreview } from '@/components/import-preview';
import { ImportTemplates } from '@/components/import-templates';
import { formatNumber } from '@/domain/display/format';
import { withShapeProblems } from '@/domain/import/table';
import { templateCsv } from '@/domain/import/templates';
import { batchEncoding } from '@/domain/import/types';
import { languageOf, type Locale } from '@/domain/shared/locale';
import type { TargetSet } from '@/domain/targets/target-set';
import { useRole } from '@/stores/role-store';
import { apiMode } from '@/api/http';
import { useSelection } from '@/stores/selection-store';
import type { Done, Rejected } from '@/workers/import-protocol';
import type { ReviewState, SessionState, Trouble } from './import-session';
import { errorMessage, TargetSetGate, type TargetSetData } from './target-set-gate';
import { useCaller } from './use-caller';
import { useImportSession, type ImportSessionControls } from './use-import-session';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

/** The analyst's import page: choose a file, check what was recognised, see the preview, then commit. */
export function ImportPage() {
  const { t } = useTranslation();
  const caller = useCaller();
  // The demo's role switch; on a server the signed-in user's role decides, so no button.
  const setRole = useRole((s) => s.setRole);
  const demo = apiMode() === 'demo';
  if (caller.error !== undefined) return <ErrorState message={errorMessage(t, caller.error)} onRetry={caller.retry} />;
  if (caller.pending) return <p role="status">{t('loading')}</p>;
  if (!caller.canWrite) {
    return (
      <section className="panel" aria-labelledby="import-heading">
        <h2 id="import-heading">{t('import.heading')}</h2>
        <p role="note">{t(demo ? 'import.viewerOnly' : 'import.viewerOnlyServer')}</p>
        {demo && (
          <button type="button" className="button" onClick={() => setRole('analyst')}>
            {t('roles.becomeAnalyst')}
          </button>
        )}
      </section>
    );
  }
  return <TargetSetGate>{(data) => <ImportFlow {...data} scope={caller.region} />}</TargetSetGate>;
}

/** Words for what went wrong: a message from the import, the API's refusal, or any other error. */
function troubleText(t: TFunction, trouble: Trouble, names?: MessageNames): string {
  if ('message' in trouble) return importMessageText(t, trouble.message, names?.regionName, names?.metricName, names?.locale);
  const { error } = trouble;
  if (error instanceof ApiError && error.status === 403) {
    return error.code === 'region_out_of_scope' ? errorMessage(t, error) : t(apiMode() === 'demo' ? 'import.forbidden' : 'import.forbiddenServer');
  }
  if (error instanceof ApiError && error.kind === 'network') return t('import.commitUnanswered');
  if (error instanceof ApiError) return errorMessage(t, error);
  return error instanceof Error ? error.message : String(error);
}

/** How messages name regions and metrics (the UI language) and format numbers (the UI locale). */
type MessageNames = { regionName: RegionName; metricName: MetricName; locale: Locale };

const messageNames = (set: TargetSet, locale: Locale): MessageNames => {
  const lang = languageOf(locale);
  return {
    regionName: (id) => set.regions.find((r) => r.id === id)?.name[lang] ?? id,
    metricName: (id) => set.metrics.find((m) => m.id === id)?.name[lang] ?? id,
    locale,
  };
};

function ImportFlow({ scope, ...data }: TargetSetData & { scope: string | undefined }) {
  const { t } = useTranslation();
  const locale = useSelection((s) => s.lang);
  const session = useImportSession({ set: data.set, setId: data.setId, scope });
  const names = messageNames(data.set, locale);
  const { regionName } = names;
  const { state } = session;
  const headingId = useId();
  const { set } = data;
  const choosing = state.status === 'choosing' || state.status === 'rejected' || state.status === 'committed';
  return (
    <section className="import" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('import.heading')}</h2>
      <p className="muted">{t('import.intro')}</p>
      {scope !== undefined && <p role="note">{t('import.scopeNote', { region: regionName(scope) })}</p>}

      {state.status === 'committed' && <Committed fileName={state.fileName} done={state.done} locale={locale} />}
      {choosing && (
        <>
          <FileDrop onFile={session.choose} />
          <ImportTemplates build={(layout, lang) => templateCsv(layout, lang, set)} />
        </>
      )}
      {state.status === 'choosing' && state.notice && (
        <p role="status">{state.notice === 'discarded' ? t('import.discarded') : troubleText(t, state.notice, names)}</p>
      )}
      {state.status === 'inspecting' && <p role="status">{t('import.reading', { name: state.file.name })}</p>}
      {state.status === 'rejected' && <RejectedFile rejected={state.rejected} />}
      {(state.status === 'checking' || state.status === 'inspected' || state.status === 'failed' || state.status === 'cancelled') && (
        <Inspection state={state} data={data} names={names} session={session} />
      )}
      {(state.status === 'checked' || state.status === 'committing') && (
        <ImportPreview
          fileName={state.file.name}
          preview={state.done.preview}
          totals={state.done.totals}
          elapsedMs={state.done.elapsedMs}
          encoding={batchEncoding(state.decisions)}
          layout={state.decisions.shape.layout}
          unknownNames={state.done.unknownNames}
          set={set}
          scope={scope}
          locale={locale}
          busy={state.status === 'committing'}
          {...(state.status === 'checked' && state.commitError ? { commitError: troubleText(t, state.commitError, names) } : {})}
          {...(state.status === 'checked' && state.notice === 'rechecked' ? { notice: t('import.rechecked') } : {})}
          onConfirm={session.confirm}
          onDiscard={session.discard}
          onRevise={session.revise}
          onRemap={session.remap}
        />
      )}
      {state.status === 'committing' && session.commitProgress && <CommitProgressNote progress={session.commitProgress} locale={locale} />}
    </section>
  );
}

/** How far a commit has got: the batch sent and stored, then the figures read again and taken over. */
function CommitProgressNote({ progress, locale }: { progress: CommitProgress; locale: Locale }) {
  const { t } = useTranslation();
  const size = formatNumber(progress.bytes / 1e6, locale, 1);
  const text =
    progress.phase === 'storing'
      ? t('import.commitStoring', { size })
      : progress.figures !== undefined && progress.total !== undefined
        ? t('import.commitTaking', { done: progress.figures, total: progress.total })
        : t('import.commitReading', { size });
  return (
    <p role="status" className="commit-progress">
      {text}
      {progress.phase === 'refreshing' && progress.total !== undefined && (
        <progress max={progress.total} value={progress.figures ?? 0} aria-hidden="true" />
      )}
    </p>
  );
}

type InspectionProps = {
  state: ReviewState | Extract<SessionState, { status: 'checking' }>;
  data: TargetSetData;
  names: MessageNames;
  session: ImportSessionControls;
};

/** The inspection view for the states that show it: reviewing, checking, and after a failed or cancelled check. */
function Inspection({ state, data, names, session }: InspectionProps) {
  const { t } = useTranslation();
  const { locale } = names;
  const { head, decisions } = state;
  const trouble = state.status === 'failed' ? state.trouble : undefined;
  const notice =
    state.status === 'cancelled'
      ? t('import.cancelled')
      : state.status === 'checking' && state.recheck === 'stale'
        ? t('import.rechecking')
        : trouble && 'error' in trouble
          ? troubleText(t, trouble, names)
          : undefined;
  return (
    <ImportInspection
      fileName={head.fileName}
      encoding={decisions.encoding}
      detected={{ encoding: head.detectedEncoding, fromBom: head.fromBom }}
      sample={head.sample}
      messages={decisions.shape ? withShapeProblems(head.messages, decisions.shape) : head.messages}
      {...(decisions.shape ? { shape: decisions.shape } : {})}
      metrics={data.set.metrics}
      lang={languageOf(locale)}
      locale={locale}
      regionName={names.regionName}
      {...(state.status === 'checking' ? { progress: state.progress } : {})}
      {...(trouble && 'message' in trouble ? { failure: trouble.message } : {})}
      {...(notice ? { notice } : {})}
      onEncoding={session.changeEncoding}
      {...(head.workbook ? { workbook: head.workbook } : {})}
      onSheet={session.changeSheet}
      onShape={session.changeShape}
      onCheck={session.check}
      onCancel={session.cancel}
      onDiscard={session.discard}
    />
  );
}

function Committed({ fileName, done, locale }: { fileName: string; done: Done; locale: Locale }) {
  const { t } = useTranslation();
  const go = useSelection((s) => s.go);
  const { counts } = done.preview;
  return (
    <div className="success" role="status">
      <p>{t('import.committed', { name: fileName, added: formatNumber(counts.added, locale, 0), replaced: formatNumber(counts.replaced, locale, 0) })}</p>
      <p className="actions">
        <button type="button" className="button" onClick={() => go('dashboard')}>
          {t('import.toDashboard')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => go('data')}>
          {t('import.toData')}
        </button>
      </p>
    </div>
  );
}

function RejectedFile({ rejected }: { rejected: Rejected }) {
  const { t } = useTranslation();
  return (
    <div className="error-state" role="alert">
      <h3>{t('import.rejectedTitle', { name: rejected.fileName })}</h3>
      <p>{t(`rejected.${rejected.code}`, rejected.params)}</p>
      <p className="muted">{t('import.nothingChanged')}</p>
    </div>
  );
}
