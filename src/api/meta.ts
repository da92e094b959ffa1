import { queryOptions } from '@tanstack/react-query';
import { getJson } from './http';

export const metaQueries = {
  all: () => ['meta'] as const,
  detail: () =>
    queryOptions({
      queryKey: [...metaQueries.all()] as const,
      queryFn: ({ signal }) => getJson('/meta', {}, signal, (c) => c.metaResponseSchema),
    }),
};
