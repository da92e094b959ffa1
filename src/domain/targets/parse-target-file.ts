import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit, type Document, type Node } from 'yaml';
import type * as z from 'zod';
import { checkTargetSet, type CheckInput } from './check-target-set';
import { decodeTargetFile } from './decode-target-file';
import { targetFileSchema, targetSchema, type Target, type TargetSet } from './target-set';
import type { PathSegment, TargetFileProblem, TargetFileProblemCode } from './target-file-problem';
import { compareProblems, formatPath, hasErrors, severityOf } from './target-file-problem';

/**
 * A checked target file. `ok` when it has no errors: then `problems` holds its warnings (often none),
 * which the app shows beside the dashboard; otherwise `problems` holds every error and warning.
 */
export type ParseTargetFileResult =
  | { ok: true; targetSet: TargetSet; file: string; problems: TargetFileProblem[] }
  | { ok: false; problems: TargetFileProblem[]; file: string };

type Located = { line?: number; column?: number; source?: string };
type Locator = (path: readonly PathSegment[], atKey?: string) => Located;

/**
 * Parses and checks a target file (YAML, or JSON, which YAML reads too) into a `TargetSet`. Never
 * throws: every problem comes back located by file, line, column and path (`targets[3].goal`), with
 * a severity and a code the UI turns into words, sorted by line.
 *
 * All checks run in one pass: YAML syntax, the schema, then consistency across the file (duplicate
 * ids, unknown references, impossible dates, share goals above 100, whole counts …) and the warnings
 * (a percent goal below 1, a draft without targets). The YAML reader recovers from a syntax error, so
 * the checks go on over what it read; they skip only what a syntax error made unreadable (the node
 * the error is in, the nodes around it, and fields missing from the mapping it broke).
 * Consistency is checked over every item the schema accepts, so a target with a bad goal does not
 * hide an unknown metric in the next one.
 */
export function parseTargetFile(text: string, file: string): ParseTargetFileResult {
  const key = `${file}\u0000${text}`;
  const cached = recent.get(key);
  if (cached) return cached;
  const result = parseUncached(text, file);
  recent.set(key, result);
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  return result;
}

/**
 * A target file as bytes (an upload, a file on disk): decoded first (`decodeTargetFile`: UTF-8, else
 * GB18030 with a warning, else refused), then parsed. The decoding's problem comes first.
 */
export function parseTargetFileBytes(bytes: Uint8Array, file: string): ParseTargetFileResult {
  const decoded = decodeTargetFile(bytes, file);
  if (!decoded.ok) return { ok: false, file, problems: decoded.problems };
  const parsed = parseTargetFile(decoded.text, file);
  if (decoded.problems.length === 0) return parsed;
  return { ...parsed, problems: [...decoded.problems, ...parsed.problems].sort(compareProblems) };
}

/** Whether a file name is a target file's: `.yaml`, `.yml` or `.json`, but not the JSON Schema beside them. */
export function isTargetFileName(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name) && !/\.schema\.json$/i.test(name);
}

/** What checking a target file gives: the set when it has no errors, and every problem (errors and warnings), sorted by line. */
export type CheckedTargetFile = { set?: TargetSet; problems: TargetFileProblem[] };

/**
 * Checks a target file, given as text (an editor's buffer, a served file) or as bytes (a file on disk, an
 * upload: decoded first, see `parseTargetFileBytes`). The one entry point for the command line
 * (`npm run check-targets`) and an editor's live diagnostics; the app's loaders use `parseTargetFile`,
 * whose result is the same. Each problem has its severity, 1-based line and column where it has a place,
 * its path (`targets[3].goal`, empty for the file as a whole), and a code with parameters that
 * `problemMessage` (components/target-file-problem-words.ts) puts in words.
 */
export function checkTargetFile(input: string | Uint8Array, file: string): CheckedTargetFile {
  const result = typeof input === 'string' ? parseTargetFile(input, file) : parseTargetFileBytes(input, file);
  return result.ok ? { set: result.targetSet, problems: result.problems } : { problems: result.problems };
}

/**
 * The last few results, by file name and text. Parsing YAML is the costliest
 * step of a page load, and in demo mode the in-browser backend and the client
 * read the same file; results are treated as immutable.
 */
const recent = new Map<string, ParseTargetFileResult>();
const RECENT_LIMIT = 8;

/** Where a syntax error is: the node it is in (`whole`: the node and all below it) or a collection between its members. */
type Spot = { path: PathSegment[]; whole: boolean };

function parseUncached(input: string, file: string): ParseTargetFileResult {
  // A byte-order mark read as text (U+FEFF) is not part of the file: columns are counted without it.
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = makeLocator(doc, text, lineCounter);
  const problems: TargetFileProblem[] = [];
  const add = (code: TargetFileProblemCode, where: Located, path: string, params: TargetFileProblem['params'] = {}) =>
    problems.push({ file, line: where.line, column: where.column, path, severity: severityOf(code), code, params });
  const at = (offset: number): Located => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  // Text decoded from bytes that were not UTF-8 (read as UTF-8 all the same) holds U+FFFD where they were.
  const replaced = text.indexOf('\uFFFD');
  if (replaced >= 0) add('replacement_character', at(replaced), '');

  // ---- YAML syntax: every error, with the node it makes unreadable --------------------------------
  const spots: Spot[] = [];
  for (const error of doc.errors) {
    const spot = spotAt(doc, error.pos[0]);
    spots.push(spot);
    if (error.code === 'DUPLICATE_KEY') {
      const key = String(spot.path.at(-1) ?? '');
      const first = locate(spot.path.slice(0, -1), key);
      add('duplicate_key', at(error.pos[0]), formatPath(spot.path), { key, first: first.line ?? '' });
    } else {
      add('yaml_syntax', at(error.pos[0]), formatPath(spot.path), { detail: firstLine(error.message) });
    }
  }
  // An alias with no anchor before it (`*nope`) reads as nothing, and is reported where it is.
  visit(doc, {
    Alias: (_key, node) => {
      if (node.resolve(doc) !== undefined) return undefined;
      const offset = node.range?.[0] ?? 0;
      const spot = spotAt(doc, offset);
      spots.push(spot);
      add('yaml_syntax', at(offset), formatPath(spot.path), { detail: `Unresolved alias (the anchor must be set before the alias): ${node.source}` });
      return new Scalar(null);
    },
  });

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias bomb: nothing can be read safely.
    const where = aliasPosition(doc, lineCounter);
    add('yaml_syntax', where, '', { detail: firstLine(error instanceof Error ? error.message : String(error)) });
    return finish(file, problems);
  }
  if (data === null || data === undefined) {
    if (spots.length === 0) add('empty_file', { line: 1, column: 1 }, '');
    return finish(file, problems);
  }
  const readable = (path: readonly PathSegment[], code: TargetFileProblemCode) => !spots.some((spot) => unreadable(spot, path, code));
  const addLocated = (path: readonly PathSegment[], code: TargetFileProblemCode, params: TargetFileProblem['params'], key?: string) => {
    const full = key === undefined ? path : [...path, key];
    if (readable(full, code)) add(code, locate(path, key), formatPath(full), params);
  };

  // A key such as `__proto__` (under region_goals, say) is not a plain property once parsed: the schema would
  // drop it without a word. Said here, located.
  for (const path of reservedKeys(data)) addLocated(path.slice(0, -1), 'reserved_key', { key: String(path.at(-1)) }, String(path.at(-1)));

  // ---- the schema ---------------------------------------------------------------------------------
  const parsed = targetFileSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      for (const p of describeSchemaIssue(issue, data, locate)) addLocated(p.where, p.code, p.params, p.key);
    }
  }

  // ---- consistency, over what the schema accepted --------------------------------------------------
  const salvaged = parsed.success ? { input: parsed.data, refused: [] } : salvage(data);
  if (salvaged) {
    for (const problem of checkTargetSet(salvaged.input)) {
      if (salvaged.refused.some((field) => startsWith(problem.path, field))) continue;
      addLocated(problem.path, problem.code, problem.params);
    }
  }

  if (parsed.success && !hasErrors(problems)) return { ok: true, file, targetSet: parsed.data, problems: problems.sort(compareProblems) };
  return finish(file, problems);
}

function finish(file: string, problems: TargetFileProblem[]): ParseTargetFileResult {
  return { ok: false, file, problems: problems.sort(compareProblems) };
}

/** Codes that say a field or an item is missing: a syntax error in the mapping or list may have swallowed it. */
const MISSING: ReadonlySet<TargetFileProblemCode> = new Set<TargetFileProblemCode>(['required', 'empty_list', 'ratio_parts_incomplete', 'no_targets']);

const startsWith = (path: readonly PathSegment[], prefix: readonly PathSegment[]) =>
  prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);

/**
 * Whether a syntax error at `spot` makes a problem at `path` unsayable: the problem is inside the broken
 * node, or about a node that encloses it (its type, say), or a field missing from a mapping that holds it.
 */
function unreadable(spot: Spot, path: readonly PathSegment[], code: TargetFileProblemCode): boolean {
  if (spot.whole && startsWith(path, spot.path)) return true;
  if (startsWith(spot.path, path)) return true;
  // A broken node can swallow the lines after it (`goal: 85: 90` takes the target's next fields into a
  // mapping of its own): a field is not called missing from a mapping that holds a syntax error.
  return MISSING.has(code) && startsWith(spot.path, path.slice(0, -1));
}

/**
 * The node a syntax error at `offset` is in: descends through the collections to the member whose
 * text holds the offset; between members, the member that starts next on the same line (an indentation
 * slip), else the one that ends right there (an unclosed quote runs to the error); else the collection itself.
 */
function spotAt(doc: Document, offset: number): Spot {
  const path: PathSegment[] = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (!isCollection(node)) return { path, whole: true };
    const members: { segment: PathSegment; start: number; end: number; value: unknown; inKey: boolean }[] = [];
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        const start = key?.range?.[0] ?? value?.range?.[0];
        const end = value?.range?.[2] ?? key?.range?.[2];
        if (start === undefined || end === undefined) continue;
        // A mapping's keys are text in the parsed data (and in the problems' paths), `85` as much as `goal`.
        const segment = String(isScalar(key) ? key.value : key);
        members.push({ segment, start, end, value, inKey: key?.range ? offset < key.range[2] : false });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const range = (item as Node | null)?.range;
        if (range) members.push({ segment: index, start: range[0], end: range[2], value: item, inKey: false });
      });
    }
    const inside = members.find((m) => m.start <= offset && offset < m.end);
    if (inside) {
      path.push(inside.segment);
      if (inside.inKey || isAlias(inside.value)) return { path, whole: true };
      node = inside.value;
      continue;
    }
    const next = members.find((m) => m.start >= offset);
    const ending = members.find((m) => m.end === offset);
    const near = next && sameLine(doc, offset, next.start) ? next : ending;
    if (near) return { path: [...path, near.segment], whole: true };
    return { path, whole: false };
  }
}

/** Whether two offsets are on one line of the document's text (no line break between them). */
function sameLine(doc: Document, a: number, b: number): boolean {
  const source = sourceText.get(doc);
  if (source === undefined) return false;
  return !source.slice(Math.min(a, b), Math.max(a, b)).includes('\n');
}
const sourceText = new WeakMap<Document, string>();

/** Where the first alias is: toJS does not say which one it gave up on. */
function aliasPosition(doc: Document, lineCounter: LineCounter): Located {
  let first: number | undefined;
  visit(doc, { Alias: (_key, node) => void (first ??= node.range?.[0]) });
  const pos = lineCounter.linePos(first ?? 0);
  return { line: pos.line, column: pos.col };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function makeLocator(doc: Document, text: string, lineCounter: LineCounter): Locator {
  sourceText.set(doc, text);
  return (path, atKey) => {
    let node: unknown = doc.getIn(path, true);
    if (atKey !== undefined && isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === atKey);
      node = pair?.key;
    }
    // A missing field is reported where its parent starts.
    for (let depth = path.length - 1; node === undefined && depth >= 0; depth -= 1) {
      node = doc.getIn(path.slice(0, depth), true);
    }
    const range = (node as Node | undefined)?.range;
    if (!range) return {};
    const pos = lineCounter.linePos(range[0]);
    return { line: pos.line, column: pos.col, source: text.slice(range[0], range[1]) };
  };
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = Object.hasOwn(current, segment) ? (current as Record<string | number, unknown>)[segment] : undefined;
  }
  return current;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

type SchemaProblem = { code: TargetFileProblemCode; params: TargetFileProblem['params']; where: PathSegment[]; key?: string };

/** A date field (a deadline, the source's date) holding a bare year such as 2020, written as a number or as text. */
const DATE_FIELDS = new Set(['deadline', 'date']);
const isBareYear = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 1000 && value <= 9999) || (typeof value === 'string' && /^\d{4}$/.test(value.trim()));

function describeSchemaIssue(issue: z.core.$ZodIssue, data: unknown, locate: Locator): SchemaProblem[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  // With `key`, the problem is about that key of the mapping at `where`: located at the key itself.
  const at = (code: TargetFileProblemCode, params: TargetFileProblem['params'], where = path, key?: string): SchemaProblem =>
    key === undefined ? { code, params, where } : { code, params, where, key };
  const value = valueAt(data, path);
  const last = String(path.at(-1) ?? '');
  if (DATE_FIELDS.has(last) && isBareYear(value) && (issue.code === 'invalid_type' || issue.code === 'invalid_format')) {
    // `deadline: 2020` — quoting it would not help ("2020" is not a date either): the whole date is.
    const year = String(value).trim();
    return [at('date_year_only', { value: year, suggestion: `${year}-12-31` })];
  }

  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return [at('required', { field: last })];
      if (issue.expected === 'number' && typeof value === 'string') {
        return [at('number_as_text', { value })];
      }
      if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean' || value === null)) {
        return [at('scalar_not_text', { source: locate(path).source ?? String(value), read: String(value) })];
      }
      return [at('wrong_type', { expected: issue.expected, got: typeName(value) })];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => at('unknown_field', { field: key }, path, key));
    case 'invalid_value':
      return [at('not_allowed_value', { value: String(value), allowed: issue.values.map(String).join(', ') })];
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        // zod 4 already ends the issue's path with the discriminator.
        const where = path.at(-1) === issue.discriminator ? path : [...path, issue.discriminator];
        const got = valueAt(data, where);
        if (got === undefined) return [at('required', { field: issue.discriminator }, where)];
        return [at('not_allowed_value', { value: String(got), allowed: ((issue as { options?: unknown[] }).options ?? []).join(', ') }, where)];
      }
      return [at('invalid', { detail: issue.message })];
    case 'invalid_format': {
      const kind = DATE_FIELDS.has(last) ? 'date' : 'id';
      return [at('bad_format', { value: String(value), kind })];
    }
    case 'too_small':
      if (issue.origin === 'array') return [at('empty_list', { min: Number(issue.minimum) })];
      if (issue.origin === 'string') return [at('required', { field: last })];
      return [at('too_small', { value: String(value), min: Number(issue.minimum) })];
    case 'too_big':
      return [at('too_big', { value: String(value), max: Number(issue.maximum) })];
    case 'invalid_key':
    case 'invalid_element':
    case 'not_multiple_of':
    case 'custom':
      return [at('invalid', { detail: issue.message })];
  }
}

/**
 * The file's data as the consistency checks take it when the schema refused part of it: each item of
 * each list that its own schema accepts (others are holes, their problems already said), the ids as
 * written (references to a refused item are not unknown), the top-level fields that are valid.
 * A target the schema refused for some of its fields is still checked on the others (`repairTarget`):
 * `refused` holds the paths of the fields stood in for, whose consistency problems are not said.
 */
function salvage(data: unknown): { input: CheckInput; refused: PathSegment[][] } | undefined {
  if (!isRecord(data)) return undefined;
  const shape = targetFileSchema.shape;
  const refused: PathSegment[][] = [];
  const list = <T,>(key: 'categories' | 'regions' | 'metrics' | 'targets', schema: z.ZodType<T>): (T | undefined)[] => {
    const items = data[key];
    if (!Array.isArray(items)) return [];
    return items.map((item) => {
      const result = schema.safeParse(item);
      return result.success ? result.data : undefined;
    });
  };
  const ids = (key: 'categories' | 'regions' | 'metrics' | 'targets'): (string | undefined)[] => {
    const items = data[key];
    return Array.isArray(items) ? items.map((item) => (isRecord(item) && typeof item.id === 'string' ? item.id : undefined)) : [];
  };
  const field = <T,>(schema: z.ZodType<T>, value: unknown): T | undefined => {
    const result = schema.safeParse(value);
    return result.success ? result.data : undefined;
  };
  const date = isRecord(data.source) ? field(shape.source.shape.date, data.source.date) : undefined;
  const allIds = new Set((['categories', 'regions', 'metrics', 'targets'] as const).flatMap((k) => ids(k).filter((id) => id !== undefined)));
  const targets = Array.isArray(data.targets)
    ? data.targets.map((item, index) => {
        const parsed = shape.targets.element.safeParse(item);
        if (parsed.success) return parsed.data;
        const repaired = repairTarget(item, parsed.error.issues, allIds);
        if (!repaired) return undefined;
        for (const key of repaired.stoodIn) refused.push(['targets', index, key]);
        return repaired.target;
      })
    : undefined;
  return {
    refused,
    input: {
      jurisdiction: field(shape.jurisdiction, data.jurisdiction),
      benchmark: field(shape.benchmark, data.benchmark),
      ...(date === undefined ? {} : { source: { date } }),
      categories: list('categories', shape.categories.element),
      regions: list('regions', shape.regions.element),
      metrics: list('metrics', shape.metrics.element),
      targets,
      ids: { categories: ids('categories'), regions: ids('regions'), metrics: ids('metrics'), targets: ids('targets') },
    },
  };
}

/**
 * A target the schema refused, made checkable: its refused and missing fields are stood in for by
 * values that raise no consistency problem of their own (an id no list declares, a goal of 0, a date),
 * unknown fields are dropped, and the others are kept as written — so `goal: 50.5` is still said to be
 * no whole count when the same target's deadline is `2024`. Not when its comparator is refused (which
 * fields it has depends on it) or its fields cannot be told apart (it is not a mapping).
 */
function repairTarget(item: unknown, issues: readonly z.core.$ZodIssue[], ids: ReadonlySet<string>): { target: Target; stoodIn: string[] } | undefined {
  if (!isRecord(item)) return undefined;
  const variant = targetSchema.options.find((option) => option.shape.comparator.value === item.comparator);
  if (!variant) return undefined;
  const bad = new Set<string>();
  const unknown = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) issue.keys.forEach((key) => unknown.add(key));
    else if (typeof issue.path[0] === 'string') bad.add(issue.path[0]);
    else return undefined;
  }
  const freeId = (base: string) => {
    let id = base;
    while (ids.has(id)) id += '_';
    return id;
  };
  const standIns: Record<string, unknown> = {
    id: freeId('refused'),
    metric: freeId('refused'),
    category: freeId('refused'),
    deadline: '2000-12-31',
    source_text: '-',
    goal: 0,
    tolerance: 1,
    min: -Number.MAX_VALUE,
    max: Number.MAX_VALUE,
  };
  const repaired: Record<string, unknown> = {};
  const stoodIn: string[] = [];
  for (const [key, schema] of Object.entries(variant.shape)) {
    const optional = (schema as z.ZodType).safeParse(undefined).success;
    if (key in item && !bad.has(key) && !unknown.has(key)) repaired[key] = item[key];
    else if (!optional && key in standIns) {
      repaired[key] = standIns[key];
      stoodIn.push(key);
    } else if (!optional) return undefined;
    else if (key in item) stoodIn.push(key);
  }
  const result = variant.safeParse(repaired);
  return result.success ? { target: result.data, stoodIn } : undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The one key a parsed object cannot hold as a plain property: assigning `__proto__` sets the prototype, so the
 * schema would drop it. (`constructor`, `toString` … are ordinary own keys and work as ids: region goals are
 * read as own properties.)
 */
const RESERVED_KEYS = new Set(['__proto__']);

/** The paths of every own key in `data` that is a reserved name, depth first. */
function reservedKeys(data: unknown, path: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  if (Array.isArray(data)) data.forEach((item, i) => reservedKeys(item, [...path, i], out));
  else if (data !== null && typeof data === 'object') {
    for (const key of Object.keys(data)) {
      if (RESERVED_KEYS.has(key)) out.push([...path, key]);
      else reservedKeys((data as Record<string, unknown>)[key], [...path, key], out);
    }
  }
  return out;
}
