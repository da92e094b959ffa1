import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actualQueries } from '@/api/actuals';
import { batchQueries, createBatchFromJson } from '@/api/batches';
import { ApiError } from '@/api/http';
import { metaQueries } from '@/api/meta';
import { ColumnMappingEditor } from '@/components/column-mapping-editor';
import { FigureTable } from '@/components/figure-table';
import { DownloadButton } from '@/components/download-button';
import { FileDrop } from '@/components/file-drop';
import { ImportMessageList, importMessageText } from '@/components/import-message-list';
import { ProgressBar } from '@/components/progress-bar';
import { SampleTable } from '@/components/sample-table';
import { formatMeasure, formatNumber, type Locale } from '@/domain/display/format';
import { templateCsv } from '@/domain/import/templates';
import { visibleText } from '@/domain/import/cells';
import {
  ENCODINGS,
  type Candidate,
  type Encoding,
  type ImportMessage,
  type ImportOverrides,
  type Layout,
  type StoredFigure,
  type ValueMap,
} from '@/domain/import/types';
import { observationValue, type Observation } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';
import { useRole } from '@/stores/role-store';
import { useSelection } from '@/stores/selection-store';
import { createImportSession, type ImportSession } from '@/workers/import-client';
import type { Done, Inspected, Progress, Rejected } from '@/workers/import-protocol';
import { errorMessage, TargetSetGate, type TargetSetData } from './target-set-gate';

/** The analyst's import page: choose a file, check what was recognised, see the preview, then commit. */
export function ImportPage() {
  const { t } = useTranslation();
  const role = useRole((s) => s.role);
  const setRole = useRole((s) => s.setRole);
  if (role !== 'analyst') {
    return (
      <section className="panel" aria-labelledby="import-heading">
        <h2 id="import-heading">{t('import.heading')}</h2>
        <p role="note">{t('import.viewerOnly')}</p>
        <button type="button" className="button" onClick={() => setRole('analyst')}>
          {t('roles.becomeAnalyst')}
        </button>
      </section>
    );
  }
  return <TargetSetGate>{(data) => <ImportFlow {...data} />}</TargetSetGate>;
}

type State =
  | { step: 'idle'; notice?: string }
  | { step: 'inspecting'; file: File }
  | { step: 'rejected'; file: File; rejected: Rejected }
  | { step: 'inspected'; file: File; inspected: Inspected; overrides: ImportOverrides; failure?: ImportMessage; notice?: string }
  | { step: 'running'; file: File; inspected: Inspected; overrides: ImportOverrides; progress: Progress }
  | { step: 'previewed'; file: File; inspected: Inspected; overrides: ImportOverrides; done: Done; commitError?: string }
  | { step: 'committing'; file: File; done: Done }
  | { step: 'committed'; fileName: string; done: Done };

const storedFigures = (observations: readonly Observation[]): StoredFigure[] =>
  observations.filter((o) => o.source !== 'reference');

function ImportFlow({ set, setId, observations }: TargetSetData) {
  const { t } = useTranslation();
  const locale = useSelection((s) => s.lang);
  const go = useSelection((s) => s.go);
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const queryClient = useQueryClient();
  const session = useRef<ImportSession | undefined>(undefined);
  const [state, setState] = useState<State>({ step: 'idle' });
  const headingId = useId();

  useEffect(() => () => session.current?.cancel(), []);
  const worker = () => (session.current ??= createImportSession());

  async function inspect(file: File, overrides: ImportOverrides) {
    setState({ step: 'inspecting', file });
    try {
      const result = await worker().inspect(file, set, overrides);
      if (result.type === 'rejected') setState({ step: 'rejected', file, rejected: result });
      else if (result.type === 'failed') setState({ step: 'idle', notice: importMessageText(t, result.message) });
      else setState({ step: 'inspected', file, inspected: result, overrides });
    } catch (error) {
      setState({ step: 'idle', notice: error instanceof Error ? error.message : String(error) });
    }
  }

  async function run(file: File, inspected: Inspected, overrides: ImportOverrides) {
    setState({ step: 'running', file, inspected, overrides, progress: { type: 'progress', bytesRead: 0, totalBytes: file.size, rows: 0 } });
    try {
      const result = await worker().run({ file, set, targetSetId: setId, overrides, stored: storedFigures(observations) }, (progress) =>
        setState((current) => (current.step === 'running' ? { ...current, progress } : current)),
      );
      if (result.type === 'done') setState({ step: 'previewed', file, inspected, overrides, done: result });
      else if (result.type === 'rejected') setState({ step: 'rejected', file, rejected: result });
      else setState({ step: 'inspected', file, inspected, overrides, failure: result.message });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      setState({ step: 'inspected', file, inspected, overrides, notice: error instanceof Error ? error.message : String(error) });
    }
  }

  function cancelRun() {
    session.current?.cancel();
    session.current = undefined;
    setState((current) =>
      current.step === 'running'
        ? { step: 'inspected', file: current.file, inspected: current.inspected, overrides: current.overrides, notice: t('import.cancelled') }
        : current,
    );
  }

  async function commit(file: File, inspected: Inspected, overrides: ImportOverrides, done: Done) {
    setState({ step: 'committing', file, done });
    try {
      const body = await worker().batchBody();
      if (body.type === 'failed') throw new Error(importMessageText(t, body.message));
      await createBatchFromJson(body.json);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: actualQueries.all() }),
        queryClient.invalidateQueries({ queryKey: batchQueries.all() }),
        queryClient.invalidateQueries({ queryKey: metaQueries.all() }),
      ]);
      setState({ step: 'committed', fileName: file.name, done });
    } catch (error) {
      const message =
        error instanceof ApiError && error.status === 403 ? t('import.forbidden') : error instanceof ApiError ? errorMessage(t, error) : String(error);
      setState({ step: 'previewed', file, inspected, overrides, done, commitError: message });
    }
  }

  const reset = () => {
    session.current?.cancel();
    session.current = undefined;
    setState({ step: 'idle', notice: t('import.discarded') });
  };

  return (
    <section className="import" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('import.heading')}</h2>
      <p className="muted">{t('import.intro')}</p>

      {state.step === 'committed' && (
        <div className="success" role="status">
          <p>
            {t('import.committed', {
              name: state.fileName,
              added: formatNumber(state.done.preview.counts.added, locale, 0),
              replaced: formatNumber(state.done.preview.counts.replaced, locale, 0),
            })}
          </p>
          <p className="actions">
            <button type="button" className="button" onClick={() => go('dashboard')}>
              {t('import.toDashboard')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => go('data')}>
              {t('import.toData')}
            </button>
          </p>
        </div>
      )}
      {(state.step === 'idle' || state.step === 'rejected' || state.step === 'committed') && (
        <>
          <FileDrop onFile={(file) => void inspect(file, {})} />
          <Templates set={set} />
        </>
      )}
      {state.step === 'idle' && state.notice && <p role="status">{state.notice}</p>}
      {state.step === 'inspecting' && <p role="status">{t('import.reading', { name: state.file.name })}</p>}
      {state.step === 'rejected' && (
        <div className="error-state" role="alert">
          <h3>{t('import.rejectedTitle', { name: state.rejected.fileName })}</h3>
          <p>{t(`rejected.${state.rejected.code}`, state.rejected.params)}</p>
          <p className="muted">{t('import.nothingChanged')}</p>
        </div>
      )}

      {(state.step === 'inspected' || state.step === 'running') && (
        <Inspection
          state={state}
          set={set}
          lang={lang}
          locale={locale}
          onEncoding={(encoding) => void inspect(state.file, { ...state.overrides, encoding })}
          onShape={(shape) => {
            if (state.step !== 'inspected') return;
            // A new header row means new column names: read them again from the file.
            if (shape.headerRow !== state.inspected.shape?.headerRow) {
              void inspect(state.file, { ...state.overrides, shape: { headerRow: shape.headerRow } });
              return;
            }
            const overrides = { ...state.overrides, shape };
            setState({ ...state, overrides, inspected: { ...state.inspected, shape: { ...state.inspected.shape!, ...shape } } });
          }}
          onRun={() => state.step === 'inspected' && void run(state.file, state.inspected, state.overrides)}
          onCancel={cancelRun}
          onDiscard={reset}
        />
      )}

      {(state.step === 'previewed' || state.step === 'committing') && (
        <PreviewView
          done={state.done}
          set={set}
          locale={locale}
          fileName={state.file.name}
          busy={state.step === 'committing'}
          {...(state.step === 'previewed' && state.commitError ? { commitError: state.commitError } : {})}
          onConfirm={() => state.step === 'previewed' && void commit(state.file, state.inspected, state.overrides, state.done)}
          onDiscard={reset}
          onRemap={(values) => {
            if (state.step !== 'previewed') return;
            const merged: ValueMap = {
              regions: { ...state.overrides.values?.regions, ...values.regions },
              metrics: { ...state.overrides.values?.metrics, ...values.metrics },
            };
            void run(state.file, state.inspected, { ...state.overrides, values: merged });
          }}
        />
      )}

    </section>
  );
}

function Templates({ set }: { set: TargetSet }) {
  const { t } = useTranslation();
  const layouts: Layout[] = ['long', 'wide', 'roster'];
  return (
    <div className="templates">
      <h3>{t('import.templatesHeading')}</h3>
      <ul className="templates__list">
        {layouts.flatMap((layout) =>
          (['zh', 'en'] as const).map((lang) => (
            <li key={`${layout}-${lang}`}>
              <DownloadButton fileName={`template-${layout}-${lang}.csv`} build={() => templateCsv(layout, lang, set)}>
                {t('import.templateButton', { layout: t(`import.layoutShort.${layout}`), lang: t(`import.headerLang.${lang}`) })}
              </DownloadButton>
            </li>
          )),
        )}
      </ul>
    </div>
  );
}

type InspectionProps = {
  state: Extract<State, { step: 'inspected' | 'running' }>;
  set: TargetSet;
  lang: 'zh' | 'en';
  locale: Locale;
  onEncoding: (encoding: Encoding) => void;
  onShape: (shape: NonNullable<ImportOverrides['shape']>) => void;
  onRun: () => void;
  onCancel: () => void;
  onDiscard: () => void;
};

function Inspection({ state, set, lang, locale, onEncoding, onShape, onRun, onCancel, onDiscard }: InspectionProps) {
  const { t } = useTranslation();
  const id = useId();
  const { inspected } = state;
  const running = state.step === 'running';
  const blocking = inspected.messages.filter((m) => m.severity === 'error');
  return (
    <div className="inspection">
      <div className="panel">
        <h3>{t('import.fileHeading', { name: inspected.fileName })}</h3>
        <div className="field field--inline">
          <label htmlFor={`${id}-encoding`}>{t('import.encodingLabel')}</label>
          <select id={`${id}-encoding`} value={inspected.encoding} disabled={running} onChange={(e) => onEncoding(e.target.value as Encoding)}>
            {ENCODINGS.map((encoding) => (
              <option key={encoding} value={encoding}>
                {t(`import.encoding.${encoding}`)}
              </option>
            ))}
          </select>
          <span className="muted">
            {t(inspected.fromBom ? 'import.detectedByBom' : 'import.detectedByContent', { encoding: t(`import.encoding.${inspected.detectedEncoding}`) })}
          </span>
        </div>
        <p className="muted">{t('import.encodingHint')}</p>
        <SampleTable records={inspected.sample} {...(inspected.shape ? { shape: inspected.shape } : {})} />
      </div>

      {blocking.length > 0 && (
        <div className="error-state" role="alert">
          {blocking.map((message, i) => (
            <p key={i}>{importMessageText(t, message)}</p>
          ))}
        </div>
      )}
      {inspected.shape && (
        <ColumnMappingEditor shape={inspected.shape} metrics={set.metrics} lang={lang} onChange={onShape} />
      )}
      {state.step === 'inspected' && state.failure && (
        <div className="error-state" role="alert">
          <p>
            {state.failure.row !== undefined && `${t('import.colRow')} ${state.failure.row}: `}
            {importMessageText(t, state.failure)}
          </p>
          <p className="muted">{t('import.nothingChanged')}</p>
        </div>
      )}
      {state.step === 'inspected' && state.notice && <p role="status">{state.notice}</p>}
      {running ? (
        <ProgressBar {...state.progress} locale={locale} onCancel={onCancel} />
      ) : (
        <p className="actions">
          <button type="button" className="button" disabled={!inspected.shape} onClick={onRun}>
            {t('import.check')}
          </button>
          <button type="button" className="button button--secondary" onClick={onDiscard}>
            {t('import.discard')}
          </button>
        </p>
      )}
    </div>
  );
}

type PreviewProps = {
  done: Done;
  set: TargetSet;
  locale: Locale;
  fileName: string;
  busy: boolean;
  commitError?: string;
  onConfirm: () => void;
  onDiscard: () => void;
  onRemap: (values: ValueMap) => void;
};

function PreviewView({ done, set, locale, fileName, busy, commitError, onConfirm, onDiscard, onRemap }: PreviewProps) {
  const { t } = useTranslation();
  const { preview, totals } = done;
  const { counts } = preview;
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const metrics = new Map(set.metrics.map((m) => [m.id, m]));
  const regions = new Map(set.regions.map((r) => [r.id, r.name[lang]]));
  const n = (value: number) => formatNumber(value, locale, 0);
  const names = (c: Pick<Candidate, 'metric' | 'region' | 'year'>) => ({
    region: regions.get(c.region) ?? c.region,
    metric: metrics.get(c.metric)?.name[lang] ?? c.metric,
    year: c.year,
  });
  const figure = (c: Pick<Candidate, 'metric' | 'region' | 'year' | 'value' | 'numerator' | 'denominator'>) => {
    const metric = metrics.get(c.metric);
    const value = observationValue({ ...c, source: 'import' }, metric?.unit === 'percent');
    const parts = c.numerator !== undefined && c.denominator !== undefined ? ` (${n(c.numerator)} / ${n(c.denominator)})` : '';
    return value === undefined || !metric ? '—' : `${formatMeasure(value, metric.unit, locale)}${parts}`;
  };
  const importable = counts.added + counts.replaced;
  return (
    <div className="preview">
      <h3>{t('import.previewHeading', { name: fileName })}</h3>
      <ul className="preview__counts">
        <li>
          <strong>{n(counts.rows)}</strong> {t('import.countRows')}
        </li>
        <li className="count--add">
          <strong>{n(counts.added)}</strong> {t('import.countAdded')}
        </li>
        <li className="count--replace">
          <strong>{n(counts.replaced)}</strong> {t('import.countReplaced')}
        </li>
        <li>
          <strong>{n(counts.unchanged)}</strong> {t('import.countUnchanged')}
        </li>
        <li className="count--reject">
          <strong>{n(counts.rejectedRows)}</strong> {t('import.countRejected')}
        </li>
      </ul>
      <p className="muted">{t('import.elapsed', { seconds: formatNumber(done.elapsedMs / 1000, locale, 2), encoding: t(`import.encoding.${done.encoding}`), layout: t(`import.layout.${done.shape.layout}`) })}</p>

      {preview.replacements.length > 0 && (
        <details open>
          <summary>{t('import.replacementsHeading', { count: totals.replacements })}</summary>
          <FigureTable
            headers={[t('import.colOld'), t('import.colNew')]}
            rows={preview.replacements.map((r, i) => ({ ...names(r.new), key: String(i), cells: [figure(r.old), <strong key="new">{figure(r.new)}</strong>] }))}
          />
        </details>
      )}
      {preview.additions.length > 0 && (
        <details>
          <summary>{t('import.additionsHeading', { count: totals.additions })}</summary>
          <FigureTable headers={[t('import.colNew')]} rows={preview.additions.map((c, i) => ({ ...names(c), key: String(i), cells: [figure(c)] }))} />
        </details>
      )}
      <UnknownNames messages={preview.messages} set={set} lang={lang} busy={busy} onRemap={onRemap} />
      <h4>{t('import.messagesHeading')}</h4>
      <ImportMessageList messages={preview.messages} truncated={preview.truncated} />
      {commitError && (
        <p className="error-state" role="alert">
          {commitError}
        </p>
      )}
      <p className="muted">{t('import.notSavedYet')}</p>
      <p className="actions">
        <button type="button" className="button" disabled={busy || importable === 0} onClick={onConfirm}>
          {busy ? t('import.committing') : t('import.confirm', { count: importable })}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onDiscard}>
          {t('import.discard')}
        </button>
      </p>
    </div>
  );
}

/** Names the file uses that the target file does not know, each matchable to a region or metric by hand. */
function UnknownNames({
  messages,
  set,
  lang,
  busy,
  onRemap,
}: {
  messages: readonly ImportMessage[];
  set: TargetSet;
  lang: 'zh' | 'en';
  busy: boolean;
  onRemap: (values: ValueMap) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const unknown = (code: 'region_unknown' | 'metric_unknown') => [
    ...new Map(
      messages
        .filter((m) => m.code === code && typeof m.params.label === 'string' && m.params.label !== '')
        .map((m) => [String(m.params.label), String(m.params.suggestion ?? '')]),
    ),
  ];
  const regions = unknown('region_unknown');
  const metrics = unknown('metric_unknown');
  const [chosen, setChosen] = useState<Record<string, string>>({});
  if (regions.length === 0 && metrics.length === 0) return null;
  const byName = (name: string, list: readonly { id: string; name: { zh: string; en: string } }[]) =>
    list.find((item) => item.name.zh === name || item.name.en === name || item.id === name)?.id ?? '';
  const choices = (kind: 'region' | 'metric', entries: [string, string][]) =>
    entries.map(([label, suggestion], i) => {
      const key = `${kind}:${label}`;
      const list = kind === 'region' ? set.regions.filter((r) => r.kind !== 'comparison') : set.metrics;
      const value = chosen[key] ?? byName(suggestion, list);
      return (
        <div className="field field--inline" key={key}>
          <label htmlFor={`${id}-${kind}-${i}`}>
            <code>{visibleText(label)}</code> →
          </label>
          <select id={`${id}-${kind}-${i}`} value={value} onChange={(e) => setChosen({ ...chosen, [key]: e.target.value })}>
            <option value="">{t('import.leaveUnmatched')}</option>
            {list.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name[lang]}
              </option>
            ))}
          </select>
        </div>
      );
    });
  const apply = () => {
    const pick = (kind: 'region' | 'metric', entries: [string, string][], list: readonly { id: string; name: { zh: string; en: string } }[]) =>
      Object.fromEntries(
        entries.flatMap(([label, suggestion]) => {
          const value = chosen[`${kind}:${label}`] ?? byName(suggestion, list);
          return value ? [[label, value]] : [];
        }),
      );
    onRemap({ regions: pick('region', regions, set.regions), metrics: pick('metric', metrics, set.metrics) });
  };
  return (
    <fieldset className="mapping">
      <legend>{t('import.unknownNamesLegend')}</legend>
      <p className="muted">{t('import.unknownNamesHint')}</p>
      {choices('region', regions)}
      {choices('metric', metrics)}
      <button type="button" className="button button--secondary" disabled={busy} onClick={apply}>
        {t('import.recheckWithNames')}
      </button>
    </fieldset>
  );
}
