import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { figuresOfPage, pageFiguresOptions, SNAPSHOT_PAGES } from '@/api/actuals';
import { ApiError } from '@/api/http';
import { snapshotQueries } from '@/api/snapshots';
import { targetSetQueries } from '@/api/target-sets';
import { SnapshotBanner } from './snapshot-banner';
import { CardSkeletons } from '@/components/card-skeleton';
import { ErrorState } from '@/components/error-state';
import { TargetFileProblems, TargetFileWarnings } from '@/components/target-file-problems';
import type { TargetSetSummary } from '@/domain/contract/api-contract';
import { planTerms } from '@/domain/display/plan-terms';
import { languageOf } from '@/domain/shared/locale';
import type { Observation } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';
import { setPlanTerms } from '@/i18n/setup-i18n';
import { asOfYearsOf } from './use-view';
import { useSelection } from '@/stores/selection-store';

/** The refusals and faults the API names by `code` (docs/api.md) that have words of their own in `errors.code`. */
const KNOWN_CODES = [
  'forbidden',
  'region_out_of_scope',
  'not_found',
  'payload_too_large',
  'too_many_attempts',
  'invalid_request',
  'bad_request',
  'invalid_json',
  'unsupported_media_type',
  'cross_origin',
  'stale_preview',
  'invalid_target_file',
  'injected_fault',
  'internal_error',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];
const isKnownCode = (code: string | undefined): code is KnownCode => KNOWN_CODES.includes(code as KnownCode);

/**
 * Words for a failed request, in the page's language: by the error's kind and,
 * for the server's refusals and faults, its `code` and HTTP status. The
 * server's own message (English, for developers) is never part of them; it is
 * `errorDetail`'s, shown at most as a secondary detail.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.kind) {
      case 'unavailable':
        return t('errors.startFailed');
      case 'network':
        return t('errors.network');
      case 'timeout':
        return t('errors.timeout', { count: Math.ceil((error.timeoutMs ?? 0) / 1000), seconds: Math.ceil((error.timeoutMs ?? 0) / 1000) });
      case 'unauthenticated':
        return t('errors.unauthenticated');
      case 'server':
      case 'client': {
        const status = error.status ?? '';
        if (isKnownCode(error.code)) return t(`errors.code.${error.code}`, { status });
        if (error.status === 403) return t('errors.code.forbidden', { status });
        if (error.status === 404) return t('errors.code.not_found', { status });
        return t(error.kind === 'server' ? 'errors.server' : 'errors.client', { status });
      }
      case 'invalid_response':
        return t('errors.invalid_response');
    }
  }
  return t('errors.unknown');
}

/** The technical detail behind `errorMessage`, as the server or the browser wrote it (English), when it adds anything. */
export function errorDetail(error: unknown): string | undefined {
  if (error instanceof ApiError) {
    if (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'unauthenticated') return undefined;
    return error.code === undefined ? error.message : `${error.code}: ${error.message}`;
  }
  if (error instanceof Error) return error.message || undefined;
  return error === undefined || error === null ? undefined : String(error);
}

/** An `ErrorState` for a failed request: the words, the technical detail beside them, a retry. */
export function RequestError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const detail = errorDetail(error);
  return <ErrorState message={errorMessage(t, error)} {...(detail === undefined ? {} : { detail })} {...(onRetry ? { onRetry } : {})} />;
}

/**
 * The set shown when the address names none: the valid set whose file says `default: true` (the first
 * such by file name), else the first valid set, else the first listed — so adding a file to `targets/`
 * does not change the default.
 */
export function defaultSetId(summaries: readonly TargetSetSummary[]): string | undefined {
  return (summaries.find((s) => s.valid && s.default) ?? summaries.find((s) => s.valid) ?? summaries[0])?.id;
}
/** What a page that reads no figures (`figuresOfPage`) is given as `observations`. */
const NO_FIGURES: Observation[] = [];


export type TargetSetData = {
  set: TargetSet;
  setId: string;
  /** The figures the page shows (`figuresOfPage`): a target's page has only its target's. */
  observations: Observation[];
  /** The as-of years the page offers: those of all the set's figures, whichever of them the page was sent (`asOfYearsOf`). */
  years: number[];
  summaries: TargetSetSummary[];
};

/**
 * Loads the selected target set and the figures its page shows (`figuresOfPage`), and renders `children` with
 * them — or a skeleton, an error with a retry, or the file's located problems.
 * A file used all the same has its warnings shown above the page, and a draft
 * (no targets yet) a notice that says why the page is empty; `fileNotices={false}`
 * leaves them out (the projector, which an audience sees). A page that reads none of the set's figures (the
 * import page, which checks a file against its own read of the stored figures when it needs them,
 * `use-import-session.ts`) is given none — a province's are hundreds of thousands — and they are not refetched
 * there after a commit; a target's page is given its target's only.
 */
export function TargetSetGate({ children, fileNotices = true }: { children: (data: TargetSetData) => ReactNode; fileNotices?: boolean }) {
  const { t } = useTranslation();
  const selection = useSelection();
  const list = useQuery(targetSetQueries.list());
  const summaries = list.data?.targetSets ?? [];
  const fallbackId = defaultSetId(summaries);
  // The address's set is asked for at once (before the list answers); once the list says it does not exist, the default's.
  const unknownSet = list.isSuccess && selection.targetSet !== undefined && !summaries.some((s) => s.id === selection.targetSet);
  const setId = unknownSet ? fallbackId : (selection.targetSet ?? fallbackId);
  const detail = useQuery({ ...targetSetQueries.detail(setId ?? ''), enabled: setId !== undefined });
  const set = detail.data?.ok ? detail.data.targetSet : undefined;
  // A published snapshot in the address (`?snapshot=…`): the views show its frozen file and figures, under its banner.
  const snapshotId = setId !== undefined && SNAPSHOT_PAGES.has(selection.page) ? selection.snapshot : undefined;
  // Fetched alongside the set, not after it: the set id (and a target page's target) is enough to scope the figures.
  // None while a snapshot is shown, whose figures are its own (`figuresOfPage`).
  const client = useQueryClient();
  const figures = setId === undefined ? undefined : figuresOfPage({ page: selection.page, target: selection.target, snapshot: snapshotId }, setId);
  const actuals = useQuery({ ...pageFiguresOptions(client, figures ?? { targetSet: '' }), enabled: figures !== undefined });
  const frozen = useQuery({ ...snapshotQueries.frozen(setId ?? '', snapshotId ?? ''), enabled: snapshotId !== undefined });
  const snapshotList = useQuery({ ...snapshotQueries.list(setId ?? ''), enabled: snapshotId !== undefined });
  // A target page's address names a target the set shown does not have (today's, or the snapshot's as it was frozen): the dashboard, with a message.
  const shownSet = snapshotId !== undefined ? frozen.data?.set : set;
  const unknownTarget = shownSet && selection.page === 'target' && !shownSet.targets.some((target) => target.id === selection.target) ? (selection.target ?? '') : undefined;

  const { correct } = selection;
  const badSet = unknownSet && summaries.length > 0 ? selection.targetSet : undefined;
  useEffect(() => {
    if (badSet !== undefined) correct({ targetSet: undefined, region: undefined, year: undefined, by: undefined }, [{ kind: 'set', value: badSet }]);
  }, [badSet, correct]);
  useEffect(() => {
    if (unknownTarget !== undefined) correct({ page: 'dashboard' }, [{ kind: 'target', value: unknownTarget }]);
  }, [unknownTarget, correct]);

  if (list.isError) return <RequestError error={list.error} onRetry={() => void list.refetch()} />;
  if (list.isSuccess && summaries.length === 0) return <ErrorState message={t('errors.noTargetSets')} />;
  if (detail.isError) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    if (missing) return <ErrorState message={t('errors.targetSetMissing', { id: setId })} onRetry={() => selection.select({ targetSet: undefined })} />;
    return <RequestError error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  if (detail.data && !detail.data.ok) return <TargetFileProblems problems={detail.data.problems} />;
  // Once the set is known: a target it does not have is refused by the figures' request too, and the page goes to the dashboard (above).
  // A target's figures refused as unknown while the set read here still has it: the set changed since, so a retry reads both.
  const retryFigures = () => {
    void actuals.refetch();
    if (figures?.target !== undefined && actuals.error instanceof ApiError && actuals.error.status === 404) void detail.refetch();
  };
  if (actuals.isError && set && unknownTarget === undefined) return <RequestError error={actuals.error} onRetry={retryFigures} />;
  if (snapshotId !== undefined) {
    if (frozen.isError) return <RequestError error={frozen.error} onRetry={() => void frozen.refetch()} />;
    if (!frozen.data || unknownTarget !== undefined) return <CardSkeletons count={6} />;
    if (!frozen.data.set) return <ErrorState message={t('snapshots.frozenFileInvalid')} />;
    // The list carries the marks a snapshot gets later (withdrawn, superseded); the detail is as it was published.
    const marks = snapshotList.data?.snapshots.find((s) => s.id === snapshotId);
    return (
      <>
        <SnapshotBanner snapshot={{ ...frozen.data.snapshot, ...marks }} />
        {children({ set: frozen.data.set, setId: setId!, observations: frozen.data.snapshot.observations, years: asOfYearsOf(frozen.data.set, frozen.data.snapshot.observations), summaries })}
      </>
    );
  }
  if (!set || (figures && !actuals.data) || unknownTarget !== undefined) return <CardSkeletons count={6} />;
  const observations = actuals.data?.observations ?? NO_FIGURES;
  // Every text below names this plan's jurisdiction and sub-units (全市/全省, 乡镇/地市); idempotent per set.
  setPlanTerms(planTerms(set));
  const warnings = detail.data?.ok ? detail.data.problems : [];
  const draft = set.targets.length === 0;
  return (
    <>
      {fileNotices && <TargetFileWarnings problems={draft ? warnings.filter((p) => p.code !== 'no_targets') : warnings} />}
      {fileNotices && draft && (
        <section className="draft-notice" role="status" aria-labelledby="draft-heading">
          <h2 id="draft-heading">{t('problems.draftHeading')}</h2>
          <p>{t('problems.draftBody', { title: set.title[languageOf(selection.lang)] })}</p>
        </section>
      )}
      {children({ set, setId: setId!, observations, years: asOfYearsOf(set, observations, actuals.data?.years), summaries })}
    </>
  );
}
