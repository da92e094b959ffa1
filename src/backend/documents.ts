import { describeIssues } from '@/domain/contract/api-contract';
import { documentBodySchemas, storedDocumentSchema, type DocumentKind, type StoredDocument } from '@/domain/contract/document-contract';
import { compiled } from '@/domain/contract/fast-check';
import { shown, type SetAside } from './batch-rules';
import type { Refusal } from './refusal';

/**
 * The core's rules for stored documents (`StoredDocument`): how a loaded one
 * is checked, and the one way one is added (`appendDocument` in
 * `figure-store.ts`). A feature stores its records as a kind of document
 * (`documentBodySchemas`) and reads them back from `backend.documents`; it
 * needs no storage of its own on any host.
 */

/** A document the backend holds, checked, with its body as its kind's schema parsed it. */
export type Held<K extends DocumentKind = DocumentKind> = StoredDocument & { kind: K; body: BodyOf<K> };
type BodyOf<K extends DocumentKind> = ReturnType<(typeof documentBodySchemas)[K]['parse']>;

const isKind = (kind: string): kind is DocumentKind => Object.hasOwn(documentBodySchemas, kind);

/**
 * A document loaded from storage: the envelope, a readable `createdAt`, a
 * kind this backend knows and a body its kind's schema accepts. A bad one is
 * set aside (not applied), with the reason.
 */
export function checkStoredDocument(record: unknown): { ok: true; document: Held } | { ok: false; setAside: SetAside } {
  const id = typeof record === 'object' && record !== null && 'id' in record && typeof record.id === 'string' ? record.id : undefined;
  const aside = (reason: string) => ({ ok: false as const, setAside: { id, reason: `document: ${reason}` } });
  const parsed = storedDocumentSchema.safeParse(record);
  if (!parsed.success) return aside(describeIssues(parsed.error));
  const document = parsed.data;
  if (Number.isNaN(Date.parse(document.createdAt))) return aside(`createdAt: not a date (${shown(document.createdAt)})`);
  if (!isKind(document.kind)) return aside(`kind: ${shown(document.kind)} is not a kind this backend knows`);
  const body = compiled(documentBodySchemas[document.kind]).safeParse(document.body);
  if (!body.success) return aside(`body.${describeIssues(body.error)}`);
  return { ok: true, document: { ...document, body: body.data } as Held };
}

/**
 * Checks every loaded document and orders them by revision; a bad one, or a
 * second one with an id or a revision already taken (by a document or a
 * batch: `taken`), is set aside. Of two with one revision the smaller id stands.
 */
export function checkStoredDocuments(records: readonly unknown[], taken: ReadonlySet<number>): { documents: Held[]; setAside: SetAside[] } {
  const checked = records.map(checkStoredDocument);
  const setAside = checked.flatMap((c) => (c.ok ? [] : [c.setAside]));
  const candidates = checked
    .flatMap((c) => (c.ok ? [c.document] : []))
    .sort((a, b) => a.revision - b.revision || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = new Set<string>();
  const revisions = new Set(taken);
  const documents: Held[] = [];
  for (const document of candidates) {
    if (ids.has(document.id)) setAside.push({ id: document.id, reason: 'document: id: stored twice' });
    else if (revisions.has(document.revision)) setAside.push({ id: document.id, reason: `document: revision: ${document.revision} is another record's` });
    else {
      ids.add(document.id);
      revisions.add(document.revision);
      documents.push(document);
    }
  }
  return { documents, setAside };
}

/** The held documents of one kind (and one target set), in revision order. */
export function documentsOf<K extends DocumentKind>(documents: readonly Held[], kind: K, targetSet?: string): Held<K>[] {
  return documents.filter((d): d is Held<K> => d.kind === kind && (targetSet === undefined || d.targetSet === targetSet));
}

/**
 * What a feature asks `appendDocument` to store, decided on the state as of
 * the write: the kind, the target set and the body — or a refusal (a
 * snapshot withdrawn meanwhile, a target that does not exist).
 */
export type DocumentDraft<K extends DocumentKind = DocumentKind> = { kind: K; targetSet: string; body: BodyOf<K> };
export type Drafted<K extends DocumentKind = DocumentKind> = { ok: true; draft: DocumentDraft<K> } | { ok: false; refusal: Refusal };
