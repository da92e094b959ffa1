import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { batchMutations, invalidateFigureQueries, isStalePreview, newIdempotencyKey, type CommitProgress } from '@/api/batches';
import { getJson } from '@/api/http';
import type { Encoding, StoredFigure, ValueMap } from '@/domain/import/types';
import { isReferenceFigure } from '@/domain/shared/observation';
import type { TargetSet } from '@/domain/targets/target-set';
import { createImportSession, type ImportSession } from '@/workers/import-client';
import type { InspectChoices } from '@/workers/import-protocol';
import {
  initialSession,
  isReviewing,
  reduceImportSession,
  rereadChoices,
  runDecisions,
  type SessionAction,
  type SessionState,
  type ShapeEdit,
} from './import-session';

/** The target set being imported into, and the region the analyst is limited to (none: the whole set). */
export type ImportSessionInput = { set: TargetSet; setId: string; scope?: string | undefined };

/**
 * The stored figures a preview is checked against, and the store revision
 * they are at least as new as: the revision is read first and the figures
 * after it (one request after the other), so a write in between can only make
 * the commit's `If-Match` fail and the preview be checked again, never let a
 * preview of older figures through.
 */
async function storedNow(setId: string): Promise<{ revision: number; stored: StoredFigure[] }> {
  const { revision } = await getJson('/meta', {}, undefined, (c) => c.metaResponseSchema);
  const { observations } = await getJson('/actuals', { set: setId }, undefined, (c) => c.actualsResponseSchema);
  return { revision, stored: observations.filter((o) => !isReferenceFigure(o)) };
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * The analyst's import session: the state machine of `import-session.ts`, the
 * import worker's lifetime (started on first use; cancel and discard terminate
 * it, as does leaving the page) and the decisions the analyst makes. The
 * worker checks the file with exactly the decisions the state holds. Nothing
 * is stored until `confirm`, which posts the batch the worker serialised with
 * the preview's retry key and store revision; a commit refused as stale
 * (another write landed since the check) checks the file again at once, with
 * the same decisions, against the figures stored now. `connect` starts the
 * worker (tests pass a fake).
 */
export function useImportSession({ set, setId, scope }: ImportSessionInput, connect: () => ImportSession = createImportSession) {
  const [state, setState] = useState<SessionState>(initialSession);
  // The latest state for the async steps below, which act only when the reducer took their action.
  const latest = useRef(state);
  const worker = useRef<ImportSession | undefined>(undefined);
  const client = useQueryClient();
  // Where a running commit is (sending and storing, then the figures read again), for the page to show.
  const [commitProgress, setCommitProgress] = useState<CommitProgress | undefined>(undefined);
  const commitBatch = useMutation(batchMutations.commit(setCommitProgress));

  const send = useCallback((action: SessionAction): { next: SessionState; taken: boolean } => {
    const next = reduceImportSession(latest.current, action);
    const taken = next !== latest.current;
    latest.current = next;
    setState(next);
    return { next, taken };
  }, []);
  const session = () => (worker.current ??= connect());
  const stop = () => {
    worker.current?.cancel();
    worker.current = undefined;
  };
  useEffect(() => () => worker.current?.cancel(), []);

  async function inspect(file: File, choices: InspectChoices) {
    try {
      const result = await session().inspect(file, set, choices);
      if (result.type === 'rejected') send({ type: 'rejected', rejected: result });
      else if (result.type === 'failed') send({ type: 'inspectFailed', trouble: { message: result.message } });
      else send({ type: 'inspected', inspected: result });
    } catch (error) {
      if (!isAbort(error)) send({ type: 'inspectFailed', trouble: { error } });
    }
  }

  function reread(change: Parameters<typeof rereadChoices>[1]) {
    const current = latest.current;
    if (!isReviewing(current)) return;
    const choices = rereadChoices(current.decisions, change);
    if (send({ type: 'reread', choices }).taken) void inspect(current.file, choices);
  }

  async function run(action: SessionAction) {
    const { next, taken } = send(action);
    if (!taken || next.status !== 'checking') return;
    const decisions = runDecisions(next.decisions);
    try {
      const { revision, stored } = await storedNow(setId);
      const input = { file: next.file, set, targetSetId: setId, decisions, stored, ...(scope === undefined ? {} : { scope }) };
      const result = await session().run(input, (progress) => send({ type: 'progress', progress }));
      if (result.type === 'done') send({ type: 'checked', done: result, revision });
      else send({ type: 'checkFailed', trouble: { message: result.message } });
    } catch (error) {
      if (!isAbort(error)) send({ type: 'checkFailed', trouble: { error } });
    }
  }

  async function confirm() {
    const { next, taken } = send({ type: 'commit', key: newIdempotencyKey() });
    if (!taken || next.status !== 'committing') return;
    try {
      const body = await session().batchBody();
      if (body.type === 'failed') {
        send({ type: 'commitFailed', trouble: { message: body.message } });
        return;
      }
      // 201 (stored now) and 200 (stored by an earlier attempt with this key) are both success.
      await commitBatch.mutateAsync({ body: body.bytes, idempotencyKey: next.commitKey, revision: next.basis });
      stop();
      setCommitProgress(undefined);
      send({ type: 'committed' });
    } catch (error) {
      setCommitProgress(undefined);
      if (isStalePreview(error)) {
        // Someone else wrote: the rest of the app refreshes too, and the preview is checked again.
        void invalidateFigureQueries(client);
        void run({ type: 'stale' });
      }
      else send({ type: 'commitFailed', trouble: { error } });
    }
  }

  return {
    state,
    /** While committing: how far the commit got, once it has started sending. */
    commitProgress: state.status === 'committing' ? commitProgress : undefined,
    /** Reads the head of a newly chosen file. */
    choose(file: File) {
      if (send({ type: 'choose', file }).taken) void inspect(file, {});
    },
    /** Reads the head again in another encoding, keeping the shape as far as the analyst set it. */
    changeEncoding: (encoding: Encoding) => reread({ encoding }),
    /** Reads another sheet of a workbook, its table detected afresh. */
    changeSheet: (sheet: string) => reread({ sheet }),
    /** Applies a correction of the table; a new header row reads the head again for its column names. */
    changeShape(edit: ShapeEdit) {
      const current = latest.current;
      if (isReviewing(current) && current.decisions.shape && edit.headerRow !== current.decisions.shape.headerRow) reread({ headerRow: edit.headerRow });
      else send({ type: 'correct', edit });
    },
    /** Checks the whole file with the decisions made. */
    check: () => void run({ type: 'check' }),
    /** Checks again with names matched by hand. */
    remap: (values: ValueMap) => void run({ type: 'remap', values }),
    /** Stops a check: the worker is terminated, nothing was stored. */
    cancel() {
      if (send({ type: 'cancel' }).taken) stop();
    },
    /** Saves the checked file as one batch; confirming again after a failure reuses the retry key. */
    confirm: () => void confirm(),
    /** From the checked preview back to the column settings, with every decision kept; nothing was stored. */
    revise: () => void send({ type: 'revise' }),
    /** Drops the file: the worker is terminated, nothing was stored. */
    discard() {
      if (send({ type: 'discard' }).taken) stop();
    },
  };
}

export type ImportSessionControls = ReturnType<typeof useImportSession>;
