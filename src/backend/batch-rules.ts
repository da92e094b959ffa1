import {
  createBatchRequestSchema,
  describeIssues,
  storedBatchSchema,
  type BatchFigure,
  type CreateBatchRequest,
  type StoredBatch,
} from '@/domain/contract/api-contract';
import { compiled } from '@/domain/contract/fast-check';
import { comparisonSourceProblem, figureErrors, isPlausibleYear } from '@/domain/import/figure-rules';
import type { TargetSet } from '@/domain/targets/target-set';
import type { Refusal } from './refusal';
import { indexOf, type StoredTargetFile } from './target-files';

/**
 * The backend's checks of an import batch. The client has checked the file in
 * its preview, but the server decides what is stored: a posted batch is checked
 * again here with the import's own value rules (`domain/import/figure-rules`),
 * and so is every batch loaded from storage.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const refuse = (code: string, message: string): { ok: false; refusal: Refusal } => ({ ok: false, refusal: { status: 400, code, message } });

/** Text from a request, shortened for a message: a 5 MB name must not come back as a 5 MB message. */
export function shown(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/**
 * A posted batch, parsed: its shape (the contract's schema), then its target
 * set (known and valid), then every figure (`figureProblems`). The first
 * problem is reported, located, with a count of the others.
 */
export function checkBatchRequest(body: unknown, files: readonly StoredTargetFile[]): Checked<CreateBatchRequest> {
  const parsed = compiled(createBatchRequestSchema).safeParse(body);
  if (!parsed.success) return refuse('invalid_batch', describeIssues(parsed.error));
  const request = parsed.data;
  const unstorable = unstorableText(request.fileName);
  if (unstorable) return refuse('invalid_batch', `fileName: ${unstorable}, which no file name has and a database cannot store as text.`);
  const file = files.find((f) => f.id === request.targetSet);
  if (!file) return refuse('unknown_target_set', `targetSet: there is no target set ${shown(request.targetSet)}.`);
  if (!file.set) return refuse('invalid_target_file', `targetSet: the target file ${file.file} is invalid; fix it before importing into it.`);
  const problem = figureProblems(file.set, request.figures);
  return problem ? refuse('invalid_figure', problem) : { ok: true, value: request };
}

/**
 * Why a string cannot be stored as text as it is, or undefined: PostgreSQL
 * text (and jsonb) refuses U+0000, and UTF-8 has no form for a lone surrogate
 * (a driver would store U+FFFD instead, so the name read back would differ).
 */
function unstorableText(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- finding U+0000 is the point
  const at = text.search(/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  if (at < 0) return undefined;
  return text.charCodeAt(at) === 0 ? `a NUL character (U+0000) at ${at}` : `a lone UTF-16 surrogate at ${at}`;
}

/** A stored record that is not applied, and why. */
export type SetAside = { id: string | undefined; reason: string };

/**
 * A record loaded from storage, checked as strictly as a posted batch (shape,
 * target set, figures) plus what only a stored batch has (a readable
 * `createdAt`, `figureCount`). A bad record is set aside, not applied.
 */
export function checkStoredBatch(record: unknown, files: readonly StoredTargetFile[]): { ok: true; batch: StoredBatch } | { ok: false; setAside: SetAside } {
  const id = typeof record === 'object' && record !== null && 'id' in record && typeof record.id === 'string' ? record.id : undefined;
  const aside = (reason: string) => ({ ok: false as const, setAside: { id, reason } });
  const parsed = compiled(storedBatchSchema).safeParse(record);
  if (!parsed.success) return aside(describeIssues(parsed.error));
  const batch = parsed.data;
  if (batch.id === '') return aside('id: empty');
  if (Number.isNaN(Date.parse(batch.createdAt))) return aside(`createdAt: not a date (${shown(batch.createdAt)})`);
  if (batch.figureCount !== batch.figures.length) return aside(`figureCount: ${batch.figureCount}, but the batch has ${batch.figures.length} figures`);
  const file = files.find((f) => f.id === batch.targetSet);
  if (!file?.set) return aside(`targetSet: ${shown(batch.targetSet)} is ${file ? 'an invalid target file' : 'not a target set the backend holds'}`);
  const problem = figureProblems(file.set, batch.figures);
  return problem ? aside(problem) : { ok: true, batch };
}

/** `(5000)` for a lone value, `(numerator=120, denominator=100)` otherwise. */
function paramText(params: Record<string, string | number>): string {
  const entries = Object.entries(params);
  if (entries.length === 0) return '';
  if (entries.length === 1 && entries[0]![0] === 'value') return ` (${entries[0]![1]})`;
  return ` (${entries.map(([k, v]) => `${k}=${v}`).join(', ')})`;
}

/**
 * Every figure against its target set: the metric is one of the set's, the
 * region one of its regions (a comparison area's figure with its source,
 * `comparisonSourceProblem`), the numbers follow `figureErrors` (a bound only on a
 * value without parts, a citation of at most `MAX_CITATION_LENGTH`), a citation
 * is storable text, and no metric,
 * region and year comes twice. Returns the first problem as
 * `figures[3].value: share_out_of_range (5000)`, with how many more there are,
 * or undefined when every figure is fine.
 */
export function figureProblems(set: TargetSet, figures: readonly BatchFigure[], where = 'figures'): string | undefined {
  const { metrics, regions } = indexOf(set);
  const seen = new Map<string, number>();
  let first: string | undefined;
  let count = 0;
  const report = (text: string) => {
    count += 1;
    first ??= text;
  };
  figures.forEach((figure, i) => {
    const at = `${where}[${i}]`;
    const metric = metrics.get(figure.metric);
    const region = regions.get(figure.region);
    if (!metric) report(`${at}.metric: metric_unknown (${shown(figure.metric)} is not a metric of ${set.id})`);
    if (!region) report(`${at}.region: region_unknown (${shown(figure.region)} is not a region of ${set.id})`);
    else if (comparisonSourceProblem(region, figure.citation)) report(`${at}.citation: comparison_source_missing (${shown(figure.region)} is a comparison area: its figures are imported with their source)`);
    if (metric) for (const e of figureErrors(metric, figure)) report(`${at}.${e.field}: ${e.code}${paramText(e.params)}`);
    const citationText = figure.citation === undefined ? undefined : unstorableText(figure.citation);
    if (citationText) report(`${at}.citation: ${citationText}, which a database cannot store as text`);
    else if (!isPlausibleYear(figure.year)) report(`${at}.year: year_invalid (${figure.year})`);
    const key = `${figure.metric}\u0000${figure.region}\u0000${figure.year}`;
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, i);
    else report(`${at}: duplicate_key (the same metric, region and year as ${where}[${earlier}])`);
  });
  if (first === undefined) return undefined;
  return count > 1 ? `${first} (and ${count - 1} more problem${count === 2 ? '' : 's'})` : first;
}
