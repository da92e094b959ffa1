import { mutationOptions, queryOptions } from '@tanstack/react-query';
import type { CreateSnapshotRequest } from '@/domain/contract/document-contract';
import type { TargetSet } from '@/domain/targets/target-set';
import { getJson, sendJson } from './http';

/**
 * Published snapshots of a target set (docs/api.md, "Snapshots"): the list,
 * one snapshot with what it froze (its file parsed here, at the edge, as the
 * set's own is), the comparison with now or another snapshot, and the two
 * writes (publish, withdraw).
 */
const base = (setId: string) => `/target-sets/${encodeURIComponent(setId)}/snapshots`;

export const snapshotQueries = {
  all: () => ['snapshots'] as const,
  list: (setId: string) =>
    queryOptions({
      queryKey: [...snapshotQueries.all(), setId, 'list'] as const,
      queryFn: ({ signal }) => getJson(base(setId), {}, signal, (c) => c.snapshotListResponseSchema),
    }),
  /** A snapshot and its frozen target file parsed into a set; never stale (a snapshot does not change, only its marks, which the list carries). */
  frozen: (setId: string, id: string) =>
    queryOptions({
      queryKey: [...snapshotQueries.all(), setId, 'frozen', id] as const,
      queryFn: async ({ signal }) => {
        const [{ snapshot }, { parseTargetFile }] = await Promise.all([
          getJson(`${base(setId)}/${encodeURIComponent(id)}`, {}, signal, (c) => c.snapshotResponseSchema),
          import('@/domain/targets/parse-target-file'),
        ]);
        const parsed = parseTargetFile(snapshot.file.content, snapshot.file.file);
        return { snapshot, set: parsed.ok ? parsed.targetSet : undefined } satisfies { set: TargetSet | undefined; snapshot: unknown };
      },
    }),
  compare: (setId: string, id: string, other: string) =>
    queryOptions({
      queryKey: [...snapshotQueries.all(), setId, 'compare', id, other] as const,
      queryFn: ({ signal }) => getJson(`${base(setId)}/${encodeURIComponent(id)}/compare`, { with: other }, signal, (c) => c.snapshotComparisonResponseSchema),
    }),
};

export const snapshotMutations = {
  publish: (setId: string) =>
    mutationOptions({
      mutationKey: [...snapshotQueries.all(), setId, 'publish'] as const,
      mutationFn: (request: CreateSnapshotRequest) => sendJson('POST', base(setId), request, (c) => c.snapshotResponseSchema),
      onSuccess: (_data, _input, _result, { client }) => client.invalidateQueries({ queryKey: snapshotQueries.all() }),
    }),
  withdraw: (setId: string) =>
    mutationOptions({
      mutationKey: [...snapshotQueries.all(), setId, 'withdraw'] as const,
      mutationFn: ({ id, reason }: { id: string; reason: string }) => sendJson('POST', `${base(setId)}/${encodeURIComponent(id)}/withdraw`, { reason }, (c) => c.snapshotSummaryResponseSchema),
      onSuccess: (_data, _input, _result, { client }) => client.invalidateQueries({ queryKey: snapshotQueries.all() }),
    }),
};
