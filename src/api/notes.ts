import { mutationOptions, queryOptions } from '@tanstack/react-query';
import type { CreateNoteRequest } from '@/domain/contract/document-contract';
import { getJson, sendJson } from './http';

/** Query options for the notes on a target set's targets (`GET /target-sets/{id}/notes`), newest first. */
export const noteQueries = {
  all: () => ['notes'] as const,
  forSet: (targetSet: string) => [...noteQueries.all(), targetSet] as const,
  /** The notes on one target of a set (`target` given), or on every target of it. */
  list: (targetSet: string, target?: string) =>
    queryOptions({
      queryKey: [...noteQueries.forSet(targetSet), target ?? '*'] as const,
      queryFn: ({ signal }) =>
        getJson(`/target-sets/${encodeURIComponent(targetSet)}/notes`, { target }, signal, (c) => c.noteListResponseSchema),
      // Another analyst's note is seen when the page is opened again or refocused, not polled for.
      staleTime: 30_000,
    }),
};

/** Mutation options for adding a note; the set's note lists are fetched again after it is stored. */
export const noteMutations = {
  add: (targetSet: string) =>
    mutationOptions({
      mutationKey: [...noteQueries.forSet(targetSet), 'add'] as const,
      mutationFn: (request: CreateNoteRequest) =>
        sendJson('POST', `/target-sets/${encodeURIComponent(targetSet)}/notes`, request, (c) => c.noteResponseSchema),
      onSuccess: (_data, _request, _result, { client }) => client.invalidateQueries({ queryKey: noteQueries.forSet(targetSet) }),
    }),
};
