import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { actualQueries } from '@/api/actuals';
import { ApiError } from '@/api/http';
import { targetSetQueries } from '@/api/target-sets';
import { CardSkeletons } from '@/components/card-skeleton';
import { ErrorState } from '@/components/error-state';
import { TargetFileProblems } from '@/components/target-file-problems';
import type { TargetSetSummary } from '@/domain/contract/api-contract';
import type { Observation } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';
import { useSelection } from '@/stores/selection-store';

/** Words for a failed request: what happened and, for the server's errors, its own message. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.kind) {
      case 'unavailable':
        return t('errors.startFailed', { message: error.message });
      case 'network':
        return t('errors.network');
      case 'timeout':
        return t('errors.timeout', { seconds: Math.ceil((error.timeoutMs ?? 0) / 1000) });
      case 'unauthenticated':
        return t('errors.unauthenticated');
      case 'server':
        return t('errors.server', { status: error.status ?? '', message: error.message });
      case 'client':
        return t('errors.client', { status: error.status ?? '', message: error.message });
      case 'invalid_response':
        return t('errors.invalid_response');
    }
  }
  return t('errors.unknown', { message: error instanceof Error ? error.message : String(error) });
}

export type TargetSetData = {
  set: TargetSet;
  setId: string;
  observations: Observation[];
  summaries: TargetSetSummary[];
};

/**
 * Loads the selected target set and its figures, and renders `children` with
 * them — or a skeleton, an error with a retry, or the file's located problems.
 */
export function TargetSetGate({ children }: { children: (data: TargetSetData) => ReactNode }) {
  const { t } = useTranslation();
  const selection = useSelection();
  const list = useQuery(targetSetQueries.list());
  const summaries = list.data?.targetSets ?? [];
  const setId = selection.targetSet ?? summaries.find((s) => s.valid)?.id ?? summaries[0]?.id;
  const detail = useQuery({ ...targetSetQueries.detail(setId ?? ''), enabled: setId !== undefined });
  const set = detail.data?.ok ? detail.data.targetSet : undefined;
  // Fetched alongside the set, not after it: the set id is enough to scope the figures.
  const actuals = useQuery({ ...actualQueries.list({ targetSet: setId ?? '' }), enabled: setId !== undefined });

  if (list.isError) return <ErrorState message={errorMessage(t, list.error)} onRetry={() => void list.refetch()} />;
  if (list.isSuccess && summaries.length === 0) return <ErrorState message={t('errors.noTargetSets')} />;
  if (detail.isError) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <ErrorState
        message={missing ? t('errors.targetSetMissing', { id: setId }) : errorMessage(t, detail.error)}
        onRetry={missing ? () => selection.select({ targetSet: undefined }) : () => void detail.refetch()}
      />
    );
  }
  if (detail.data && !detail.data.ok) return <TargetFileProblems problems={detail.data.problems} />;
  if (actuals.isError) return <ErrorState message={errorMessage(t, actuals.error)} onRetry={() => void actuals.refetch()} />;
  if (!set || !actuals.data) return <CardSkeletons count={6} />;
  return <>{children({ set, setId: setId!, observations: actuals.data.observations, summaries })}</>;
}
