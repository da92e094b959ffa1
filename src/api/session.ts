import { mutationOptions, queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import type { Role, SessionUser, SignInRequest } from '@/domain/contract/api-contract';
import { roleMayEditTargetFiles, roleMayWrite } from '@/domain/contract/contract-values';
import { ApiError, apiMode, apiRole, getJson, onUnauthenticated, sendJson, subscribeApiRole } from './http';

/**
 * Who the page is, as the API says (`GET /session`): the signed-in user, or
 * `null` when nobody is signed in (401). In the demo the answer follows the
 * role switch (`X-Demo-Role`), so the key holds the role; a server's answer
 * follows its session cookie.
 */
export const sessionQueries = {
  all: () => ['session'] as const,
  current: (demoRole?: Role) =>
    queryOptions({
      queryKey: [...sessionQueries.all(), demoRole ?? 'server'] as const,
      queryFn: async ({ signal }): Promise<SessionUser | null> => {
        try {
          return (await getJson('/session', {}, signal, (c) => c.sessionResponseSchema)).user;
        } catch (error) {
          if (error instanceof ApiError && error.kind === 'unauthenticated') return null;
          throw error;
        }
      },
      // Who is signed in changes only by signing in or out, or by a 401 (`useSessionGuard`).
      staleTime: Infinity,
      retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.kind === 'client'),
    }),
};

export type SessionStatus = 'pending' | 'signed-in' | 'signed-out' | 'error';

/**
 * What pages need to know about who is asking:
 * - `user`: the signed-in person (`{ name, role, region? }`), undefined while
 *   loading, when signed out or when `/session` failed;
 * - `mode`: `demo` (in-browser mock, role switch) or `server` (sign-in);
 * - `canWrite`: whether import and undo are offered (analysts and admins; the
 *   backend refuses the others whatever the page offers);
 * - `status` and `error`: for a loading or failed `/session`.
 */
export type Session = {
  user: SessionUser | undefined;
  mode: 'demo' | 'server';
  canWrite: boolean;
  /** Whether target files may be saved (`roleMayEditTargetFiles`: admins; analysts too in the demo). */
  canEditTargets: boolean;
  status: SessionStatus;
  error: unknown;
  /** Asks `GET /session` again (after it failed). */
  retry: () => void;
};

function useSessionQuery() {
  const mode = apiMode();
  const role = useSyncExternalStore(subscribeApiRole, apiRole, apiRole);
  return useQuery(sessionQueries.current(mode === 'demo' ? role : undefined));
}

/** The session as pages use it; see `Session`. */
export function useSession(): Session {
  const mode = apiMode();
  const query = useSessionQuery();
  const user = query.data ?? undefined;
  const status: SessionStatus = query.isPending ? 'pending' : query.isError && query.data === undefined ? 'error' : user ? 'signed-in' : 'signed-out';
  const { refetch } = query;
  return { user, mode, canWrite: user !== undefined && roleMayWrite(user.role), canEditTargets: user !== undefined && roleMayEditTargetFiles(user.role, mode), status, error: query.error, retry: () => void refetch() };
}

/** Marks every session answer as "nobody signed in": the app shows the sign-in page. */
function signedOut(client: QueryClient): void {
  client.setQueriesData<SessionUser | null>({ queryKey: sessionQueries.all() }, null);
}

/**
 * How this page's last session ended: `signed-out` when the person signed out
 * (from the moment they asked), `expired` when a 401 ended it underneath them
 * (it ran out, was revoked, or the password was changed); undefined before any
 * ended and again after signing in. Kept per query client, i.e. per app.
 */
export type SessionEnd = 'signed-out' | 'expired';

type EndBox = { end: SessionEnd | undefined; listeners: Set<() => void> };
const ends = new WeakMap<QueryClient, EndBox>();

function endBox(client: QueryClient): EndBox {
  let box = ends.get(client);
  if (!box) ends.set(client, (box = { end: undefined, listeners: new Set() }));
  return box;
}

function setEnd(client: QueryClient, end: SessionEnd | undefined): void {
  const box = endBox(client);
  if (box.end === end) return;
  box.end = end;
  for (const listener of box.listeners) listener();
}

/** How the last session ended (see `SessionEnd`): the sign-in page says "you signed out" or "your session ended". */
export function useSessionEnd(): SessionEnd | undefined {
  const box = endBox(useQueryClient());
  return useSyncExternalStore(
    (listener) => {
      box.listeners.add(listener);
      return () => box.listeners.delete(listener);
    },
    () => box.end,
    () => box.end,
  );
}

/** Whether any session answer holds a signed-in user. */
const someoneSignedIn = (client: QueryClient) => client.getQueriesData<SessionUser | null>({ queryKey: sessionQueries.all() }).some(([, user]) => !!user);

/**
 * Listens for 401 answers to any request (the session ended or was revoked)
 * and turns them into "signed out", so the app shows the sign-in page instead
 * of an error with a retry. The app mounts it once.
 */
export function useSessionGuard(): void {
  const client = useQueryClient();
  useEffect(
    () =>
      onUnauthenticated(() => {
        // A 401 ends a session only if there was one, and is no news after signing out (requests under way then get one too).
        if (someoneSignedIn(client) && endBox(client).end !== 'signed-out') setEnd(client, 'expired');
        signedOut(client);
      }),
    [client],
  );
}

/** The sign-in and sign-out writes (a real server only). */
export const sessionMutations = {
  /**
   * `POST /session`; then reads `GET /session` again (the app shows the page
   * the person was on) and refetches whatever failed while signed out.
   * Fails with `ApiError`: 401 `invalid_credentials`, 429 `too_many_attempts`
   * (`retryAfter` seconds), `network` or `timeout`.
   */
  signIn: () =>
    mutationOptions({
      mutationKey: [...sessionQueries.all(), 'sign-in'] as const,
      mutationFn: (credentials: SignInRequest) => sendJson<unknown>('POST', '/session', credentials),
      onSuccess: async (_data, _credentials, _result, { client }) => {
        setEnd(client, undefined);
        await client.refetchQueries({ queryKey: sessionQueries.all() });
        void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== sessionQueries.all()[0] });
      },
    }),
  /** `DELETE /session`; whatever the answer, this page forgets the user and every answer it was given. */
  signOut: () =>
    mutationOptions({
      mutationKey: [...sessionQueries.all(), 'sign-out'] as const,
      mutationFn: () => sendJson<unknown>('DELETE', '/session'),
      onMutate: (_vars, { client }) => setEnd(client, 'signed-out'),
      onSettled: (_data, _error, _vars, _result, { client }) => {
        signedOut(client);
        client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueries.all()[0] });
      },
    }),
};

export function useSignIn() {
  return useMutation(sessionMutations.signIn());
}

export function useSignOut() {
  return useMutation(sessionMutations.signOut());
}
