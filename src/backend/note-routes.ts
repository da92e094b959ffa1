import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeIssues } from '@/domain/contract/api-contract';
import { createNoteRequestSchema, type Note, type NoteListResponse, type NoteResponse } from '@/domain/contract/document-contract';
import type { ApiEnv } from './app';
import { jsonBody, jsonOnly } from './batch-routes';
import { shown } from './batch-rules';
import { documentsOf, type Held } from './documents';
import { appendDocument, type Backend } from './figure-store';
import { refusalResponse, type Refusal } from './refusal';
import { writeRefusal } from './roles';

/** A note body is at most 2,000 characters of text; a request larger than this is not a note. */
const MAX_NOTE_REQUEST_BYTES = 64 * 1024;

/** A stored note document as the API shows it (`noteSchema`): the envelope's date and author, the body's target and text. */
export function noteOf(document: Held<'note'>): Note {
  return { id: document.id, targetSet: document.targetSet, target: document.body.target, text: document.body.text, author: document.author, createdAt: document.createdAt };
}

/**
 * The notes on a target set's targets (of one target when given), newest
 * first: by store revision, the order they were stored in, not by the clock.
 * Snapshots freeze the same list (`SnapshotBody.notes`).
 */
export function notesOf(backend: Pick<Backend, 'documents'>, targetSet: string, target?: string): Note[] {
  return documentsOf(backend.documents, 'note', targetSet)
    .filter((d) => target === undefined || d.body.target === target)
    .reverse()
    .map(noteOf);
}

const invalidNote = (message: string): Refusal => ({ status: 400, code: 'invalid_note', message });

/** `GET /target-sets/{id}/notes` for every caller; `POST` for analysts and admins (a viewer gets 403). */
export function noteRoutes(backend: Backend) {
  const routes = new Hono<ApiEnv>();
  const setOf = (id: string) => backend.files.find((f) => f.id === id);
  const noSet = (id: string): Refusal => ({ status: 404, code: 'not_found', message: `No target set with id ${shown(id)}.` });

  routes.get('/target-sets/:id/notes', (c) => {
    const id = c.req.param('id');
    if (!setOf(id)) return refusalResponse(c, noSet(id));
    const target = c.req.query('target');
    return c.json<NoteListResponse>({ notes: notesOf(backend, id, target) });
  });

  routes.post(
    '/target-sets/:id/notes',
    async (c, next) => {
      const refusal = writeRefusal(c.get('caller'));
      if (refusal) return refusalResponse(c, { ...refusal, message: 'Only analysts and admins can add notes. Officials (viewer role) can read them.' });
      await next();
    },
    jsonOnly,
    bodyLimit({
      maxSize: MAX_NOTE_REQUEST_BYTES,
      onError: (c) => refusalResponse(c, { status: 413, code: 'payload_too_large', message: `body: larger than the limit of ${MAX_NOTE_REQUEST_BYTES} bytes.` }),
    }),
    async (c) => {
      const id = c.req.param('id');
      if (!setOf(id)) return refusalResponse(c, noSet(id));
      const body = await jsonBody(c.req.raw);
      if (!body.ok) return refusalResponse(c, body.refusal);
      const parsed = createNoteRequestSchema.safeParse(body.body);
      if (!parsed.success) return refusalResponse(c, invalidNote(describeIssues(parsed.error)));
      const { target, text } = parsed.data;
      const result = await appendDocument(
        backend,
        (now) => {
          // Decided on the state as of the write: the file the backend holds then.
          const set = now.files.find((f) => f.id === id)?.set;
          if (!set) return { ok: false, refusal: { status: 422, code: 'invalid_target_file', message: `The target file of ${shown(id)} is invalid; notes need its targets.` } };
          if (!set.targets.some((t) => t.id === target)) {
            return { ok: false, refusal: invalidNote(`target: no target ${shown(target)} in the target set ${shown(id)}.`) };
          }
          return { ok: true, draft: { kind: 'note', targetSet: id, body: { target, text } } };
        },
        { caller: c.get('caller') },
      );
      if (!result.ok) return refusalResponse(c, result.refusal);
      return c.json<NoteResponse>({ note: noteOf(result.document as Held<'note'>) }, 201);
    },
  );

  return routes;
}
