import { isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Alias, type Document, type Node } from 'yaml';
import type * as z from 'zod';
import { checkTargetSet } from './check-target-set';
import { targetFileSchema, type TargetSet } from './target-set';
import type { PathSegment, TargetFileProblem } from './target-file-problem';
import { formatPath } from './target-file-problem';

export type ParseTargetFileResult =
  | { ok: true; targetSet: TargetSet; file: string }
  | { ok: false; problems: TargetFileProblem[]; file: string };

type Locator = (path: readonly PathSegment[], atKey?: string) => { line?: number; column?: number; source?: string };

/**
 * Parses and validates a target file (YAML, or JSON, which YAML reads too) into a
 * `TargetSet`. Never throws: every problem comes back located by file, line,
 * column and path (`targets[3].goal`), with a code the UI turns into words.
 *
 * Three layers of checks run in order and stop at the first that fails:
 * YAML syntax, the schema, then consistency across the file (duplicate ids,
 * unknown references, impossible dates, share goals above 100 …).
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
 * The last few results, by file name and text. Parsing YAML is the costliest
 * step of a page load, and in demo mode the in-browser backend and the client
 * read the same file; results are treated as immutable.
 */
const recent = new Map<string, ParseTargetFileResult>();
const RECENT_LIMIT = 8;

function parseUncached(text: string, file: string): ParseTargetFileResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = makeLocator(doc, text, lineCounter);

  if (doc.errors.length > 0) {
    return {
      ok: false,
      file,
      problems: doc.errors.map((error): TargetFileProblem => {
        const pos = lineCounter.linePos(error.pos[0]);
        const duplicate = error.code === 'DUPLICATE_KEY';
        return {
          file,
          line: pos.line,
          column: pos.col,
          path: '',
          code: duplicate ? 'duplicate_key' : 'yaml_syntax',
          params: duplicate ? {} : ({ detail: firstLine(error.message) } as Record<string, string>),
        };
      }),
    };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // toJS throws on an alias with no anchor before it (`*nope`) and on alias bombs.
    const where = aliasPosition(doc, lineCounter);
    const detail = firstLine(error instanceof Error ? error.message : String(error));
    return { ok: false, file, problems: [{ file, ...where, path: '', code: 'yaml_syntax', params: { detail } }] };
  }
  if (data === null || data === undefined) {
    return { ok: false, file, problems: [{ file, line: 1, column: 1, path: '', code: 'empty_file', params: {} }] };
  }

  // A key such as `__proto__` (under region_goals, say) is not a plain property once parsed: the schema would
  // drop it without a word. Said here, located, before the schema sees the data.
  const reserved = reservedKeys(data);
  if (reserved.length > 0) {
    return {
      ok: false,
      file,
      problems: reserved.map((path): TargetFileProblem => {
        const where = locate(path.slice(0, -1), String(path.at(-1)));
        return { file, line: where.line, column: where.column, path: formatPath(path), code: 'reserved_key', params: { key: String(path.at(-1)) } };
      }),
    };
  }

  const parsed = targetFileSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      file,
      problems: parsed.error.issues.flatMap((issue) => describeSchemaIssue(issue, data, file, locate)),
    };
  }

  const problems = checkTargetSet(parsed.data).map((problem) => {
    const where = locate(problem.path);
    return { ...problem, file, path: formatPath(problem.path), line: where.line, column: where.column };
  });
  if (problems.length > 0) return { ok: false, file, problems };
  return { ok: true, file, targetSet: parsed.data };
}

/** Where the first unresolvable alias is (else the first alias): toJS does not say. */
function aliasPosition(doc: Document, lineCounter: LineCounter): { line: number; column: number } {
  const aliases: Alias[] = [];
  visit(doc, { Alias: (_key, node) => void aliases.push(node) });
  const alias = aliases.find((node) => node.resolve(doc) === undefined) ?? aliases[0];
  const pos = alias?.range ? lineCounter.linePos(alias.range[0]) : { line: 1, col: 1 };
  return { line: pos.line, column: pos.col };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function makeLocator(doc: Document, text: string, lineCounter: LineCounter): Locator {
  return (path, atKey) => {
    let node: unknown = doc.getIn(path, true);
    if (atKey !== undefined && isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === atKey);
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

function describeSchemaIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
  file: string,
  locate: Locator,
): TargetFileProblem[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
  // With `key`, the problem is about that key of the mapping at `where`: located at the key itself.
  const at = (code: TargetFileProblem['code'], params: TargetFileProblem['params'], where = path, key?: string) => {
    const loc = locate(where, key);
    return { file, line: loc.line, column: loc.column, path: formatPath(key === undefined ? where : [...where, key]), code, params };
  };
  const value = valueAt(data, path);
  const source = locate(path).source ?? String(value);

  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return [at('required', { field: String(path.at(-1) ?? '') })];
      if (issue.expected === 'number' && typeof value === 'string') {
        return [at('number_as_text', { value })];
      }
      if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean' || value === null)) {
        return [at('scalar_not_text', { source, read: String(value) })];
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
        return [
          at('not_allowed_value', { value: String(got), allowed: ((issue as { options?: unknown[] }).options ?? []).join(', ') }, where),
        ];
      }
      return [at('invalid', { detail: issue.message })];
    case 'invalid_format': {
      const last = String(path.at(-1) ?? '');
      const kind = last === 'deadline' || last === 'date' ? 'date' : 'id';
      return [at('bad_format', { value: String(value), kind })];
    }
    case 'too_small':
      if (issue.origin === 'array') return [at('empty_list', { min: Number(issue.minimum) })];
      if (issue.origin === 'string') return [at('required', { field: String(path.at(-1) ?? '') })];
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
