import { queryOptions } from '@tanstack/react-query';
import { getJson } from './http';

/** Query options for target sets. The file is validated here, at the edge, into a domain `TargetSet` or located problems. */
export const targetSetQueries = {
  all: () => ['target-sets'] as const,
  list: () =>
    queryOptions({
      queryKey: [...targetSetQueries.all(), 'list'] as const,
      queryFn: ({ signal }) => getJson('/target-sets', {}, signal, (c) => c.targetSetListResponseSchema),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...targetSetQueries.all(), 'detail', id] as const,
      queryFn: async ({ signal }) => {
        // The parser (YAML + the zod schema, about 50 KB gzipped) loads on demand, alongside the request,
        // not with the first page's JavaScript.
        const [file, { parseTargetFile }] = await Promise.all([
          getJson(`/target-sets/${encodeURIComponent(id)}`, {}, signal, (c) => c.targetSetFileResponseSchema),
          import('@/domain/targets/parse-target-file'),
        ]);
        return parseTargetFile(file.content, file.file);
      },
      staleTime: Infinity,
    }),
};
