import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invalidateFigureQueries } from '@/api/batches';
import { ApiError } from '@/api/http';
import { useSession } from '@/api/session';
import { saveTargetFile, targetSetQueries } from '@/api/target-sets';
import { editorProblems, problemMarks, type EditorProblem } from '@/components/target-file-diagnostics';
import { TargetFileEditor, type TargetFileEditorHandle } from '@/components/target-file-editor';
import { problemMessage } from '@/components/target-file-problem-words';
import { ErrorState } from '@/components/error-state';
import { checkSavedTargetFile, TARGET_SET_ID } from '@/domain/targets/check-saved-target-file';
import type { TargetFileProblem } from '@/domain/targets/target-file-problem';
import { useSelection } from '@/stores/selection-store';
import { errorMessage } from './target-set-gate';

const NEW = '\u0000new';

/**
 * 目标文件 / Target files: pick a set (or a new id), edit its text in the
 * editor or upload a file, see every problem the domain's check finds as you
 * type — the same check the backend runs before it saves — and save it as the
 * set's next version. Loaded only when opened (it carries CodeMirror).
 */
export function TargetFilesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const selected = useSelection((s) => s.targetSet);
  const locale = useSelection((s) => s.lang);
  const list = useQuery(targetSetQueries.list());
  const summaries = list.data?.targetSets ?? [];
  const [choice, setChoice] = useState<string | undefined>(undefined);
  const setId = choice ?? selected ?? summaries[0]?.id;
  const isNew = setId === NEW;
  const [newId, setNewId] = useState('');
  const id = isNew ? newId.trim() : (setId ?? '');
  const text = useQuery({ ...targetSetQueries.text(setId ?? ''), enabled: setId !== undefined && !isNew });
  const versions = useQuery({ ...targetSetQueries.versions(setId ?? ''), enabled: setId !== undefined && !isNew });
  // The text being edited, per set: undefined until edited (the served text stands). `base`: the version it was edited
  // from (0: the file shipped with the app), which the save names, so a version saved meanwhile is not silently replaced.
  const [drafts, setDrafts] = useState<Record<string, { content: string; format: 'yaml' | 'json'; base?: number | undefined }>>({});
  const [notice, setNotice] = useState<string | undefined>();
  const draftKey = isNew ? NEW : id;
  const served = isNew ? { content: '', format: 'yaml' as const } : text.data ? { content: text.data.content, format: text.data.format } : undefined;
  const draft = drafts[draftKey] ?? served;
  const content = draft?.content ?? '';
  const format = draft?.format ?? 'yaml';
  const editorHandle = useRef<TargetFileEditorHandle | undefined>(undefined);
  const ids = useId();

  const checked = useDeferredValue(content);
  const problems = useMemo<EditorProblem[]>(
    () => (draft === undefined || (isNew && !TARGET_SET_ID.test(id)) ? [] : editorProblems(checkSavedTargetFile(id || 'new', format, checked))),
    [draft, isNew, id, format, checked],
  );
  const message = (p: EditorProblem) => problemMessage(t, p);
  const marks = useMemo(() => problemMarks(checked, problems, (p) => problemMessage(t, p)), [checked, problems, t]);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;

  const servedVersion = text.data ? (text.data.version?.number ?? 0) : undefined;
  /** The version the text on screen was edited from: its draft's, else the one served. */
  const base = drafts[draftKey]?.base ?? servedVersion ?? 0;
  const save = useMutation({
    // `over`: the version to save over, once the reader has been told it was saved meanwhile (409 `stale_version`).
    mutationFn: (over: number | undefined) => saveTargetFile(id, { format, content }, isNew ? 'new' : (over ?? base)),
    onSuccess: async (saved) => {
      setNotice(t('files.saved', { number: saved.version.number }));
      // The served text is refetched first, so dropping the draft leaves the saved text in the editor (not the old one).
      // The figures too: which a set's answers hold follows its file (its metrics, regions, a target's metric).
      await Promise.all([client.invalidateQueries({ queryKey: targetSetQueries.all() }), invalidateFigureQueries(client)]);
      setDrafts(({ [draftKey]: _done, ...rest }) => rest);
      if (isNew) setChoice(saved.targetSet.id);
    },
    onError: (error) => {
      setNotice(undefined);
      // Another version was saved meanwhile: the list, the versions and the served text are read again, so the message
      // names it and the versions below show it. The draft stays as it is.
      if (error instanceof ApiError && error.code === 'stale_version') void client.invalidateQueries({ queryKey: targetSetQueries.all() });
    },
  });
  const stale = save.error instanceof ApiError && save.error.code === 'stale_version';
  const refused = save.error instanceof ApiError && save.error.problems ? (save.error.problems as TargetFileProblem[]) : undefined;

  if (!session.canEditTargets) return <p className="notice">{session.mode === 'demo' ? t('files.notAllowedDemo') : t('files.notAllowed')}</p>;
  if (list.isError) return <ErrorState message={errorMessage(t, list.error)} onRetry={() => void list.refetch()} />;

  const edit = (next: string, nextFormat = format) => {
    setNotice(undefined);
    save.reset();
    setDrafts((all) => ({ ...all, [draftKey]: { content: next, format: nextFormat, base: all[draftKey]?.base ?? servedVersion } }));
  };
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    let decoded: string;
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      setNotice(t('files.uploadNotUtf8', { file: file.name }));
      return;
    }
    edit(decoded.replace(/^\uFEFF/, ''), /\.json$/i.test(file.name) ? 'json' : 'yaml');
    setNotice(t('files.uploaded', { file: file.name }));
  };
  const unchanged = !isNew && text.data !== undefined && content === text.data.content && format === text.data.format;
  const badNewId = isNew && newId !== '' && !TARGET_SET_ID.test(newId.trim());
  const canSave = draft !== undefined && errors === 0 && checked === content && !unchanged && id !== '' && !badNewId && !save.isPending;
  const when = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(iso));
  const current = summaries.find((s) => s.id === id)?.version?.number;
  // The version saved last, as the versions list (read again after a 409) has it.
  const latest = versions.data?.versions.at(-1);

  return (
    <div className="target-files">
      <h2>{t('files.heading')}</h2>
      <p>{t('files.intro')}</p>
      <div className="target-files__controls">
        <label htmlFor={`${ids}-set`}>{t('files.set')}</label>
        <select id={`${ids}-set`} value={setId ?? ''} onChange={(e) => { setChoice(e.target.value); setNotice(undefined); save.reset(); }}>
          {summaries.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title ? `${s.title[locale === 'en' ? 'en' : 'zh']} (${s.id})` : s.file}
            </option>
          ))}
          <option value={NEW}>{t('files.newSet')}</option>
        </select>
        {isNew && (
          <>
            <label htmlFor={`${ids}-id`}>{t('files.newId')}</label>
            <input id={`${ids}-id`} value={newId} onChange={(e) => setNewId(e.target.value)} aria-describedby={`${ids}-id-hint`} aria-invalid={badNewId} />
            <span id={`${ids}-id-hint`} className="target-files__hint">{badNewId ? t('files.badId') : t('files.newIdHint')}</span>
          </>
        )}
        <label htmlFor={`${ids}-format`}>{t('files.format')}</label>
        <select id={`${ids}-format`} value={format} onChange={(e) => edit(content, e.target.value as 'yaml' | 'json')}>
          <option value="yaml">YAML</option>
          <option value="json">JSON</option>
        </select>
        <label className="button target-files__upload">
          {t('files.upload')}
          <input type="file" accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml" className="visually-hidden" onChange={(e) => void upload(e)} />
        </label>
      </div>
      {draft === undefined ? (
        text.isError ? (
          <ErrorState message={errorMessage(t, text.error)} onRetry={() => void text.refetch()} />
        ) : (
          <p role="status">{t('files.loading')}</p>
        )
      ) : (
        <div className="target-files__work">
          <TargetFileEditor key={draftKey} value={content} onChange={(next) => edit(next)} marks={marks} label={t('files.editorLabel')} handle={(h) => (editorHandle.current = h)} />
          <section className="target-files__problems" aria-labelledby={`${ids}-problems`} aria-live="polite">
            <h3 id={`${ids}-problems`}>
              {checked !== content
                ? t('files.checking')
                : problems.length === 0
                  ? t('files.noProblems')
                  : t('files.problemsSummary', {
                      heading: t('files.problemsHeading', { count: problems.length }),
                      parts: [errors ? t('files.errorCount', { count: errors }) : '', warnings ? t('files.warningCount', { count: warnings }) : '']
                        .filter(Boolean)
                        .join(t('files.partSeparator')),
                    })}
            </h3>
            <ProblemList problems={problems} message={message} onLine={(line) => editorHandle.current?.focusLine(line)} />
          </section>
        </div>
      )}
      <div className="target-files__save">
        <button type="button" className="button button--primary" disabled={!canSave} onClick={() => save.mutate(undefined)}>
          {save.isPending ? t('files.saving') : t('files.save')}
        </button>
        {drafts[draftKey] !== undefined && !isNew && (
          <button type="button" className="button" onClick={() => setDrafts(({ [draftKey]: _gone, ...rest }) => rest)}>
            {t('files.discard')}
          </button>
        )}
        <p role="status" className="target-files__status">
          {errors > 0 ? t('files.saveBlocked') : unchanged && drafts[draftKey] !== undefined ? t('files.unchanged') : (notice ?? '')}
        </p>
      </div>
      {save.isError && stale && (
        <div role="alert" className="target-files__refused">
          {isNew ? (
            <p>{t('files.newSetTaken', { id })}</p>
          ) : (
            <>
              <p>
                {latest && !versions.isFetching
                  ? t('files.stale', { number: latest.number, by: latest.savedBy, at: when(latest.savedAt), base })
                  : t('files.staleUnknown')}
              </p>
              {latest && (
                <button type="button" className="button" disabled={save.isPending || versions.isFetching} onClick={() => save.mutate(latest.number)}>
                  {t('files.saveOver', { next: latest.number + 1 })}
                </button>
              )}
            </>
          )}
        </div>
      )}
      {save.isError && !stale && (
        <div role="alert" className="target-files__refused">
          <p>{refused ? t('files.refusedProblems') : t('files.refused', { message: errorMessage(t, save.error) })}</p>
          {refused && <ProblemList problems={editorProblems({ ok: false, file: id, problems: refused })} message={message} onLine={(line) => editorHandle.current?.focusLine(line)} />}
        </div>
      )}
      {!isNew && (
        <section className="target-files__versions" aria-labelledby={`${ids}-versions`}>
          <h3 id={`${ids}-versions`}>{t('files.versionsHeading')}</h3>
          <ol reversed>
            {[...(versions.data?.versions ?? [])].reverse().map((v) => (
              <li key={v.number}>
                {t('files.versionItem', { number: v.number, at: when(v.savedAt), by: v.savedBy })}
                {v.number === current && t('files.current')}{' '}
                <VersionOpen id={id} number={v.number} onOpen={(c, f) => edit(c, f)} />
              </li>
            ))}
            {versions.data?.bundled && (
              <li>
                {t('files.bundled')}
                {current === undefined && t('files.current')} <VersionOpen id={id} number={0} onOpen={(c, f) => edit(c, f)} />
              </li>
            )}
          </ol>
          {versions.data && versions.data.versions.length === 0 && <p>{t('files.noVersions')}</p>}
        </section>
      )}
    </div>
  );
}

function ProblemList({ problems, message, onLine }: { problems: readonly EditorProblem[]; message: (p: EditorProblem) => string; onLine: (line: number) => void }) {
  const { t } = useTranslation();
  return (
    <ol className="target-files__list">
      {problems.map((p, i) => (
        <li key={i} className={`target-files__problem target-files__problem--${p.severity}`}>
          <span className="target-files__severity">{t(`files.severity.${p.severity}`)}</span>{' '}
          {p.line !== undefined ? (
            <button type="button" className="link-button" onClick={() => onLine(p.line!)} aria-label={t('files.goToLine', { line: p.line })}>
              {t('files.lineColumn', { line: p.line, column: p.column ?? 1 })}
            </button>
          ) : (
            <span>{t('files.noLine')}</span>
          )}
          {p.path && (
            <>
              {' · '}
              <code>{p.path}</code>
            </>
          )}
          <span className="target-files__what">{message(p)}</span>
        </li>
      ))}
    </ol>
  );
}

function VersionOpen({ id, number, onOpen }: { id: string; number: number; onOpen: (content: string, format: 'yaml' | 'json') => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => void client.fetchQuery(targetSetQueries.version(id, number)).then((v) => onOpen(v.content, v.format))}
    >
      {t('files.openVersion')}
    </button>
  );
}
