/**
 * Completion from the target file's JSON Schema (`targets/target-file.schema.json`),
 * for YAML written block style: the keys the mapping at the cursor may have
 * (those not written yet), and the allowed values after `key: ` when the
 * schema lists them. The mapping is found by indentation, as YAML reads it.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  description?: string;
  required?: string[];
};

export type SchemaCompletion = { label: string; detail?: string; info?: string; apply: string; type: 'property' | 'enum' };

/** The options at `pos` in `text`, and where the word they replace starts; undefined where the schema has nothing to offer. */
export function schemaCompletions(schema: JsonSchema, text: string, pos: number): { from: number; options: SchemaCompletion[] } | undefined {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const before = text.slice(lineStart, pos);
  const valueMatch = /^(\s*(?:-\s+)?)([A-Za-z_$][\w$-]*)\s*:\s*([\w.-]*)$/.exec(before);
  if (valueMatch) {
    const path = [...parentPath(text, lineStart, valueMatch[1]!.length, valueMatch[1]!.includes('-')), valueMatch[2]!];
    const values = enumValues(resolve(schema, path));
    if (values.length === 0) return undefined;
    return { from: pos - valueMatch[3]!.length, options: values.map((v) => ({ label: v, apply: v, type: 'enum' })) };
  }
  const keyMatch = /^(\s*(?:-\s+)?)([\w$-]*)$/.exec(before);
  if (!keyMatch) return undefined;
  const indent = keyMatch[1]!.length;
  const path = parentPath(text, lineStart, indent, keyMatch[1]!.includes('-'));
  const target = resolve(schema, path);
  const properties = propertiesOf(target);
  if (properties.length === 0) return undefined;
  const written = siblingKeys(text, lineStart, indent);
  return {
    from: pos - keyMatch[2]!.length,
    options: properties
      .filter(([key]) => !written.has(key) && key !== '$schema')
      .map(([key, property]) => ({
        label: key,
        apply: `${key}: `,
        type: 'property',
        ...(property.description ? { info: property.description } : {}),
        ...(typeOf(property) ? { detail: typeOf(property)! } : {}),
      })),
  };
}

type Step = string | number;

/** The keys (and list items, as 0) leading to the mapping a line at `indent` belongs to. */
function parentPath(text: string, lineStart: number, indent: number, listItem: boolean): Step[] {
  const lines = text.slice(0, lineStart).split('\n');
  const path: Step[] = listItem ? [0] : [];
  let limit = listItem ? indent - 2 : indent;
  for (let i = lines.length - 1; i >= 0 && limit > 0; i -= 1) {
    const line = lines[i]!;
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const m = /^(\s*)(-\s+)?(?:([A-Za-z_$][\w$-]*)\s*:)?/.exec(line)!;
    const own = m[1]!.length;
    const keyStart = own + (m[2]?.length ?? 0);
    if (own >= limit) continue;
    if (m[2]) {
      // A list item: its first key is a parent too when the line continues under it (`- name:` then `zh:`).
      if (m[3] && keyStart < limit) path.unshift(m[3]);
      if (keyStart <= limit) path.unshift(0);
      limit = own;
    } else if (m[3]) {
      path.unshift(m[3]);
      limit = own;
    }
  }
  return path;
}

/** The keys already written in the mapping of the line at `lineStart` (same indentation, same block). */
function siblingKeys(text: string, lineStart: number, indent: number): Set<string> {
  const keys = new Set<string>();
  const lines = text.split('\n');
  const index = text.slice(0, lineStart).split('\n').length - 1;
  const scan = (from: number, step: number) => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const line = lines[i]!;
      if (!line.trim() || line.trimStart().startsWith('#')) continue;
      const m = /^(\s*)(-\s+)?([A-Za-z_$][\w$-]*)\s*:/.exec(line);
      const own = (m?.[1]?.length ?? line.length - line.trimStart().length) + (m?.[2]?.length ?? 0);
      if (own < indent || (m?.[2] && own === indent && step > 0)) break;
      if (own === indent && m?.[3]) keys.add(m[3]);
      if (m?.[2] && own === indent) break; // the item's first key: the mapping starts here
    }
  };
  scan(index - 1, -1);
  scan(index + 1, 1);
  return keys;
}

function resolve(schema: JsonSchema, path: readonly Step[]): JsonSchema[] {
  let current: JsonSchema[] = [schema];
  for (const step of path) {
    current = current.flatMap(alternatives).flatMap((s) => {
      if (typeof step === 'number') return s.items ? [s.items] : [];
      const property = s.properties?.[step];
      return property ? [property] : [];
    });
  }
  return current.flatMap(alternatives);
}

const alternatives = (s: JsonSchema): JsonSchema[] => [s, ...(s.oneOf ?? []).flatMap(alternatives), ...(s.anyOf ?? []).flatMap(alternatives)];

function propertiesOf(schemas: readonly JsonSchema[]): [string, JsonSchema][] {
  const seen = new Map<string, JsonSchema>();
  for (const s of schemas) for (const [key, property] of Object.entries(s.properties ?? {})) if (!seen.has(key)) seen.set(key, property);
  return [...seen];
}

function enumValues(schemas: readonly JsonSchema[]): string[] {
  const values = new Set<string>();
  for (const s of schemas) {
    for (const v of s.enum ?? []) values.add(String(v));
    if (s.const !== undefined) values.add(String(s.const));
  }
  return [...values];
}

function typeOf(s: JsonSchema): string | undefined {
  if (s.enum) return s.enum.map(String).join(' | ');
  return Array.isArray(s.type) ? s.type.join(' | ') : s.type;
}
