import { queryOptions } from '@tanstack/react-query';
import { targetSetFileResponseSchema, targetSetListResponseSchema } from '@/domain/contract/api-contract';
import { parseTargetFile } from '@/domain/targets/parse-target-file';
import { getJson } from './http';

/** Query options for target sets. The file is validated here, at the edge, into a domain `TargetSet` or located problems. */
export const targetSetQueries = {
  all: () => ['target-sets'] as const,
  list: () =>
    queryOptions({
      queryKey: [...targetSetQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getJson('/target-sets', {}, signal, targetSetListResponseSchema),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...targetSetQueries.all(), 'detail', id] as const,
      queryFn: async ({ signal }) => {
        const file = await getJson(`/target-sets/${encodeURIComponent(id)}`, {}, signal, targetSetFileResponseSchema);
        return parseTargetFile(file.content, file.file);
      },
      staleTime: Infinity,
    }),
};
