import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeIssues } from '@/domain/contract/api-contract';
import {
  createSnapshotRequestSchema,
  withdrawSnapshotRequestSchema,
  type Note,
  type SnapshotComparisonResponse,
  type ComparedSide,
  type SnapshotDetail,
  type SnapshotListResponse,
  type SnapshotResponse,
  type SnapshotSummary,
  type SnapshotSummaryResponse,
} from '@/domain/contract/document-contract';
import { selectableYears } from '@/domain/evaluation/evaluate-target-set';
import { compareViews, figuresOfSet, frozenStatuses, type ComparedView } from '@/domain/evaluation/snapshot-compare';
import { parseTargetFile } from '@/domain/targets/parse-target-file';
import type { ApiEnv } from './app';
import { jsonBody, jsonOnly } from './batch-routes';
import { shown } from './batch-rules';
import { documentsOf, type Held } from './documents';
import { appendDocument, currentObservations, type Backend } from './figure-store';
import { refusalResponse, type Refusal } from './refusal';
import { scopeRefusal, writeRefusal } from './roles';
import type { StoredTargetFile } from './target-files';

/**
 * Published snapshots of a target set (issue 12.1), stored as documents
 * (`documents.ts`): a snapshot is one `snapshot` document that freezes the
 * set's file, figures, statuses and the `note` documents on its targets then
 * (notes are written by their own routes); a withdrawal is a
 * `snapshot-withdrawal` naming it. None is ever changed: a snapshot is
 * superseded by a later one or withdrawn with a reason, and stays readable
 * either way. A comparison (snapshot → now, snapshot → snapshot) is computed
 * on request from what the snapshots froze (`compareViews`).
 */

/** Small JSON bodies: a name, a reason, a note. */
const SMALL_BODY = 64 * 1024;

const refuse = (status: Refusal['status'], code: string, message: string): { ok: false; refusal: Refusal } => ({ ok: false, refusal: { status, code, message } });

// eslint-disable-next-line no-control-regex -- U+0000 and lone surrogates are what a database cannot store as text
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Reads and checks a small JSON body against a schema; text fields must be storable text. */
async function readBody<T>(request: Request, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof describeIssues>[0] } }, code: string) {
  const body = await jsonBody(request);
  if (!body.ok) return body;
  const parsed = schema.safeParse(body.body);
  if (!parsed.success) return refuse(400, code, describeIssues(parsed.error));
  for (const [key, value] of Object.entries(parsed.data as Record<string, unknown>)) {
    if (typeof value === 'string' && UNSTORABLE.test(value)) return refuse(400, code, `${key}: a NUL character or a lone UTF-16 surrogate, which a database cannot store as text.`);
  }
  return { ok: true as const, value: parsed.data };
}

const noteOf = (d: Held<'note'>): Note => ({ id: d.id, targetSet: d.targetSet, target: d.body.target, text: d.body.text, author: d.author, createdAt: d.createdAt });

/** A set's notes, newest first. */
const notesOf = (backend: Backend, setId: string): Note[] => documentsOf(backend.documents, 'note', setId).map(noteOf).reverse();

/** A snapshot document as the API lists it: its withdrawal and the snapshot that superseded it, from the later documents. */
function summaryOf(backend: Backend, snapshot: Held<'snapshot'>): SnapshotSummary {
  const withdrawal = documentsOf(backend.documents, 'snapshot-withdrawal', snapshot.targetSet).find((w) => w.body.snapshot === snapshot.id);
  const successor = documentsOf(backend.documents, 'snapshot', snapshot.targetSet).find((s) => s.body.supersedes === snapshot.id);
  const { body } = snapshot;
  return {
    id: snapshot.id,
    targetSet: snapshot.targetSet,
    name: body.name,
    asOf: body.asOf,
    publishedAt: snapshot.createdAt,
    publishedBy: snapshot.author,
    revision: snapshot.revision,
    fileSha256: body.file.sha256,
    figureCount: body.observations.length,
    ...(body.supersedes === undefined ? {} : { supersedes: body.supersedes }),
    ...(successor ? { supersededBy: successor.id } : {}),
    ...(withdrawal ? { withdrawn: { at: withdrawal.createdAt, by: withdrawal.author, reason: withdrawal.body.reason } } : {}),
  };
}

function detailOf(backend: Backend, snapshot: Held<'snapshot'>): SnapshotDetail {
  const { file, observations, statuses, notes } = snapshot.body;
  return { ...summaryOf(backend, snapshot), file, observations, statuses, notes };
}

const snapshotIn = (backend: Backend, setId: string, id: string) => documentsOf(backend.documents, 'snapshot', setId).find((s) => s.id === id);

async function sha256(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** An open snapshot (not withdrawn, not superseded) can be superseded or withdrawn; a closed one only read. */
function closedRefusal(summary: SnapshotSummary): Refusal | undefined {
  if (summary.withdrawn) return { status: 409, code: 'snapshot_withdrawn', message: `Snapshot ${shown(summary.name)} was withdrawn on ${summary.withdrawn.at.slice(0, 10)}; it stays as it was.` };
  if (summary.supersededBy) return { status: 409, code: 'snapshot_superseded', message: `Snapshot ${shown(summary.name)} was superseded by ${summary.supersededBy}; it stays as it was.` };
  return undefined;
}

export function snapshotRoutes(backend: Backend) {
  const routes = new Hono<ApiEnv>();
  const small = bodyLimit({
    maxSize: SMALL_BODY,
    onError: (c) => refusalResponse(c, { status: 413, code: 'payload_too_large', message: `body: larger than the limit of ${SMALL_BODY} bytes.` }),
  });
  const fileOf = (c: Context) => backend.files.find((f) => f.id === c.req.param('id'));
  const unknownSet = (c: Context) => refusalResponse(c, { status: 404, code: 'not_found', message: `No target set with id ${shown(c.req.param('id'))}.` });
  /** A write's caller and set, or the refusal: viewers cannot write; the set must exist and be valid. */
  const writable = (c: Context<ApiEnv>): { ok: true; file: StoredTargetFile & { set: NonNullable<StoredTargetFile['set']> } } | { ok: false; response: Response } => {
    const refusal = writeRefusal(c.get('caller'));
    if (refusal) return { ok: false, response: refusalResponse(c, refusal) };
    const file = fileOf(c);
    if (!file) return { ok: false, response: unknownSet(c) };
    if (!file.set) return { ok: false, response: refusalResponse(c, { status: 422, code: 'invalid_target_file', message: `The target file ${file.file} is invalid.` }) };
    return { ok: true, file: file as StoredTargetFile & { set: NonNullable<StoredTargetFile['set']> } };
  };

  // Snapshots stay readable after their set's file is gone (they carry their own copy of it).
  routes.get('/target-sets/:id/snapshots', (c) => {
    const snapshots = documentsOf(backend.documents, 'snapshot', c.req.param('id'));
    if (!fileOf(c) && snapshots.length === 0) return unknownSet(c);
    return c.json<SnapshotListResponse>({ snapshots: snapshots.map((s) => summaryOf(backend, s)).reverse() });
  });

  routes.get('/target-sets/:id/snapshots/:snapshot', (c) => {
    const snapshot = snapshotIn(backend, c.req.param('id'), c.req.param('snapshot'));
    if (!snapshot) return refusalResponse(c, { status: 404, code: 'not_found', message: `No snapshot ${shown(c.req.param('snapshot'))} of target set ${shown(c.req.param('id'))}.` });
    return c.json<SnapshotResponse>({ snapshot: detailOf(backend, snapshot) });
  });

  routes.post('/target-sets/:id/snapshots', jsonOnly, small, async (c) => {
    const target = writable(c);
    if (!target.ok) return target.response;
    const { file } = target;
    const caller = c.get('caller');
    // A snapshot is the whole set's: an analyst limited to a township cannot publish the city's.
    const outside = scopeRefusal(caller, file.set, [{ region: file.set.jurisdiction }], 'snapshot');
    if (outside) return refusalResponse(c, { ...outside, message: `A snapshot covers all of ${file.set.jurisdiction}; ${caller.name} may only change ${caller.region}. An analyst for the whole jurisdiction publishes it.` });
    const body = await readBody(c.req.raw, createSnapshotRequestSchema, 'invalid_snapshot');
    if (!body.ok) return refusalResponse(c, body.refusal);
    const request = body.value;
    const hash = await sha256(file.content);
    const result = await appendDocument(
      backend,
      (state) => {
        const observations = figuresOfSet(file.set, currentObservations(state));
        const years = selectableYears(file.set, observations);
        if (!years.includes(request.asOf)) return refuse(400, 'invalid_snapshot', `asOf: ${request.asOf} is not a year of this set (${years.join(', ')}).`);
        if (request.supersedes !== undefined) {
          const earlier = snapshotIn(state, file.id, request.supersedes);
          if (!earlier) return refuse(400, 'invalid_snapshot', `supersedes: there is no snapshot ${shown(request.supersedes)} of ${file.id}.`);
          const closed = closedRefusal(summaryOf(state, earlier));
          if (closed) return { ok: false, refusal: closed };
        }
        return {
          ok: true,
          draft: {
            kind: 'snapshot',
            targetSet: file.id,
            body: {
              name: request.name.trim(),
              asOf: request.asOf,
              ...(request.supersedes === undefined ? {} : { supersedes: request.supersedes }),
              file: { file: file.file, format: file.format, content: file.content, sha256: hash },
              observations,
              statuses: frozenStatuses(file.set, observations, request.asOf),
              notes: notesOf(state, file.id),
            },
          },
        };
      },
      { caller },
    );
    if (!result.ok) return refusalResponse(c, result.refusal);
    return c.json<SnapshotResponse>({ snapshot: detailOf(backend, result.document as Held<'snapshot'>) }, 201);
  });

  routes.post('/target-sets/:id/snapshots/:snapshot/withdraw', jsonOnly, small, async (c) => {
    const caller = c.get('caller');
    const refusal = writeRefusal(caller);
    if (refusal) return refusalResponse(c, refusal);
    const set = fileOf(c)?.set;
    const outside = set && scopeRefusal(caller, set, [{ region: set.jurisdiction }], 'snapshot');
    if (outside) return refusalResponse(c, { ...outside, message: `A snapshot covers all of ${set.jurisdiction}; ${caller.name} may only change ${caller.region}.` });
    const body = await readBody(c.req.raw, withdrawSnapshotRequestSchema, 'invalid_withdrawal');
    if (!body.ok) return refusalResponse(c, body.refusal);
    const setId = c.req.param('id');
    const id = c.req.param('snapshot');
    let withdrawn: Held<'snapshot'> | undefined;
    const result = await appendDocument(
      backend,
      (state) => {
        withdrawn = snapshotIn(state, setId, id);
        if (!withdrawn) return refuse(404, 'not_found', `No snapshot ${shown(id)} of target set ${shown(setId)}.`);
        const summary = summaryOf(state, withdrawn);
        if (summary.withdrawn) return { ok: false, refusal: closedRefusal(summary)! };
        return { ok: true, draft: { kind: 'snapshot-withdrawal', targetSet: setId, body: { snapshot: id, reason: body.value.reason.trim() } } };
      },
      { caller },
    );
    if (!result.ok) return refusalResponse(c, result.refusal);
    return c.json<SnapshotSummaryResponse>({ snapshot: summaryOf(backend, withdrawn!) });
  });


  /** A snapshot as one side of a comparison: its frozen file parsed, its frozen figures and statuses. */
  const frozenView = (snapshot: Held<'snapshot'>): ComparedView | undefined => {
    const parsed = parseTargetFile(snapshot.body.file.content, snapshot.body.file.file);
    return parsed.ok ? { set: parsed.targetSet, observations: snapshot.body.observations, statuses: snapshot.body.statuses } : undefined;
  };
  const sideOf = (snapshot: Held<'snapshot'>): ComparedSide => ({ kind: 'snapshot', id: snapshot.id, name: snapshot.body.name, asOf: snapshot.body.asOf, publishedAt: snapshot.createdAt });

  // `?with=current` (the default): the snapshot against the set's figures now, as of the snapshot's year; `?with=<id>`: against a later (or earlier) snapshot.
  routes.get('/target-sets/:id/snapshots/:snapshot/compare', (c) => {
    const setId = c.req.param('id');
    const snapshot = snapshotIn(backend, setId, c.req.param('snapshot'));
    if (!snapshot) return refusalResponse(c, { status: 404, code: 'not_found', message: `No snapshot ${shown(c.req.param('snapshot'))} of target set ${shown(setId)}.` });
    const before = frozenView(snapshot);
    if (!before) return refusalResponse(c, { status: 422, code: 'invalid_target_file', message: `The target file frozen in snapshot ${shown(snapshot.body.name)} no longer parses.` });
    const other = c.req.query('with') ?? 'current';
    if (other === 'current') {
      const file = fileOf(c);
      if (!file) return unknownSet(c);
      if (!file.set) return refusalResponse(c, { status: 422, code: 'invalid_target_file', message: `The target file ${file.file} is invalid: there is no current view to compare with.` });
      const observations = figuresOfSet(file.set, currentObservations(backend));
      const after: ComparedView = { set: file.set, observations, statuses: frozenStatuses(file.set, observations, snapshot.body.asOf) };
      return c.json<SnapshotComparisonResponse>({
        from: sideOf(snapshot),
        to: { kind: 'current', asOf: snapshot.body.asOf, revision: backend.revision },
        ...compareViews(before, after),
      });
    }
    const later = snapshotIn(backend, setId, other);
    if (!later) return refusalResponse(c, { status: 404, code: 'not_found', message: `with: no snapshot ${shown(other)} of target set ${shown(setId)} (give a snapshot id or "current").` });
    const after = frozenView(later);
    if (!after) return refusalResponse(c, { status: 422, code: 'invalid_target_file', message: `The target file frozen in snapshot ${shown(later.body.name)} no longer parses.` });
    return c.json<SnapshotComparisonResponse>({ from: sideOf(snapshot), to: sideOf(later), ...compareViews(before, after) });
  });

  return routes;
}
