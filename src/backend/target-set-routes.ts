import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  describeIssues,
  saveTargetFileRequestSchema,
  type TargetSetFileResponse,
  type TargetSetSavedResponse,
  type TargetVersionListResponse,
} from '@/domain/contract/api-contract';
import { PRECONDITION_HEADER, roleMayEditTargetFiles } from '@/domain/contract/contract-values';
import { MAX_TARGET_FILE_LENGTH } from '@/domain/contract/document-contract';
import { checkSavedTargetFile, savedFileName, TARGET_SET_ID } from '@/domain/targets/check-saved-target-file';
import type { ApiEnv } from './app';
import { ifMatchNumber, jsonBody, jsonOnly } from './batch-routes';
import { shown } from './batch-rules';
import { appendDocument, type Backend } from './figure-store';
import { errorBody, refusalResponse, type Refusal } from './refusal';
import { savedVersions, summarize } from './target-files';

/** What a save says it was made from: `If-Match: "N"` (edited from version N; 0 is the bundled file), `If-None-Match: *` (a new set). */
type SaveExpectation = { basedOn: number } | { newSet: true } | undefined;

/** The save's precondition headers, read strictly; neither is required (a client that sends none saves over whatever is current). */
function savePrecondition(request: Request): { ok: true; expect: SaveExpectation } | { ok: false; refusal: Refusal } {
  const match = request.headers.get(PRECONDITION_HEADER) ?? undefined;
  const noneMatch = request.headers.get('If-None-Match') ?? undefined;
  if (match !== undefined && noneMatch !== undefined) return { ok: false, refusal: { status: 400, code: 'bad_request', message: `${PRECONDITION_HEADER} and If-None-Match: one or the other.` } };
  if (noneMatch !== undefined) {
    if (noneMatch.trim() !== '*') return { ok: false, refusal: { status: 400, code: 'bad_request', message: `If-None-Match: "*" (a new set), not ${shown(noneMatch)}.` } };
    return { ok: true, expect: { newSet: true } };
  }
  if (match === undefined) return { ok: true, expect: undefined };
  const number = ifMatchNumber(match, 9);
  if (number === undefined) return { ok: false, refusal: { status: 400, code: 'bad_request', message: `${PRECONDITION_HEADER}: the version the text was edited from, such as "3" ("0": the file shipped with the app), not ${shown(match)}.` } };
  return { ok: true, expect: { basedOn: number } };
}

/**
 * 409 `stale_version` when the set's current version is not the one the save was made from: another version was
 * saved meanwhile (another tab, another admin), which this save would silently have replaced as the one served.
 */
function staleSave(backend: Backend, id: string, expect: SaveExpectation): Refusal | undefined {
  if (expect === undefined) return undefined;
  const latest = savedVersions(backend.documents)
    .filter((v) => v.targetSet === id)
    .at(-1);
  if ('newSet' in expect) {
    return backend.files.some((f) => f.id === id) ? { status: 409, code: 'stale_version', message: `A target set with id ${shown(id)} exists already; nothing was saved. Open it to change it.` } : undefined;
  }
  const current = latest?.number ?? 0;
  if (current === expect.basedOn) return undefined;
  const by = latest ? ` by ${shown(latest.version.savedBy)} on ${latest.version.savedAt.slice(0, 10)}` : '';
  return {
    status: 409,
    code: 'stale_version',
    message: `Version ${current} of ${shown(id)} was saved${by}, after version ${expect.basedOn} this text was edited from; nothing was saved. Read version ${current}, then save again.`,
  };
}

/**
 * Target files saved in the app (docs/api.md, "Target files"): `PUT
 * /target-sets/{id}` checks the text with the domain's own check
 * (`checkSavedTargetFile`) and stores it as the set's next version, an
 * append-only `target-version` document; the versions stay readable.
 */
export function targetSetRoutes(backend: Backend, host: 'demo' | 'server') {
  const routes = new Hono<ApiEnv>();
  const limit = bodyLimit({
    maxSize: MAX_TARGET_FILE_LENGTH * 4 + 1024,
    onError: (c) => refusalResponse(c, { status: 413, code: 'payload_too_large', message: `body: a target file of at most ${MAX_TARGET_FILE_LENGTH} characters.` }),
  });

  routes.put('/target-sets/:id', jsonOnly, limit, async (c) => {
    const id = c.req.param('id');
    const caller = c.get('caller');
    if (!roleMayEditTargetFiles(caller.role, host)) {
      return refusalResponse(c, {
        status: 403,
        code: 'forbidden',
        message: host === 'server' ? 'Only admins can change target files.' : 'Only analysts can change target files in the demo.',
      });
    }
    if (!TARGET_SET_ID.test(id)) {
      return refusalResponse(c, { status: 400, code: 'bad_request', message: `id: letters, digits, "_", "-" or "." (at most 100), not ${shown(id)}.` });
    }
    const body = await jsonBody(c.req.raw);
    if (!body.ok) return refusalResponse(c, body.refusal);
    const request = saveTargetFileRequestSchema.safeParse(body.body);
    if (!request.success) return refusalResponse(c, { status: 400, code: 'bad_request', message: `body.${describeIssues(request.error)}` });
    const { format, content } = request.data;
    if (content.length > MAX_TARGET_FILE_LENGTH) {
      return refusalResponse(c, { status: 413, code: 'payload_too_large', message: `content: a target file of at most ${MAX_TARGET_FILE_LENGTH} characters.` });
    }
    const checked = checkSavedTargetFile(id, format, content);
    if (!checked.ok) {
      const first = checked.problems[0];
      const body = errorBody({
        status: 422,
        code: 'invalid_target_file',
        message: `The target file has ${checked.problems.length} problem(s); nothing was saved. First: ${first?.line !== undefined ? `line ${first.line}, ` : ''}${first?.path || '(file)'}: ${first?.code}.`,
      });
      return c.json({ error: { ...body.error, problems: checked.problems } }, 422);
    }
    const precondition = savePrecondition(c.req.raw);
    if (!precondition.ok) return refusalResponse(c, precondition.refusal);
    const existed = backend.files.some((f) => f.id === id);
    const saved = await appendDocument(
      backend,
      // Decided on the store as of the write: a version saved meanwhile, by another tab, user or server process, counts.
      (now) => {
        const stale = staleSave(now, id, precondition.expect);
        if (stale) return { ok: false, refusal: stale };
        return { ok: true, draft: { kind: 'target-version', targetSet: id, body: { file: savedFileName(id, format), format, content } } };
      },
      { caller },
    );
    if (!saved.ok) return refusalResponse(c, saved.refusal);
    const version = savedVersions(backend.documents).find((v) => v.documentId === saved.document.id)?.version;
    const file = backend.files.find((f) => f.id === id);
    if (!version || !file) return refusalResponse(c, { status: 503, code: 'storage_busy', message: 'The version was saved; read the target set again to see it.' });
    return c.json<TargetSetSavedResponse>({ targetSet: summarize(file), version }, existed ? 200 : 201);
  });

  routes.get('/target-sets/:id/versions', (c) => {
    const id = c.req.param('id');
    const versions = savedVersions(backend.documents).filter((v) => v.targetSet === id);
    const bundled = backend.bundled.some((f) => f.id === id);
    if (versions.length === 0 && !bundled) return refusalResponse(c, { status: 404, code: 'not_found', message: `No target set with id ${shown(id)}.` });
    return c.json<TargetVersionListResponse>({ versions: versions.map((v) => ({ ...v.version, file: v.body.file, format: v.body.format })), bundled });
  });

  routes.get('/target-sets/:id/versions/:number', (c) => {
    const id = c.req.param('id');
    const number = /^\d{1,9}$/.test(c.req.param('number')) ? Number(c.req.param('number')) : -1;
    if (number === 0) {
      const file = backend.bundled.find((f) => f.id === id);
      if (file) return c.json<TargetSetFileResponse>({ id, file: file.file, format: file.format, content: file.content });
    }
    const version = savedVersions(backend.documents).find((v) => v.targetSet === id && v.number === number);
    if (!version) return refusalResponse(c, { status: 404, code: 'not_found', message: `No version ${shown(c.req.param('number'))} of target set ${shown(id)}.` });
    return c.json<TargetSetFileResponse>({ id, file: version.body.file, format: version.body.format, content: version.body.content, version: version.version });
  });

  return routes;
}
