import { parseTargetFile, type ParseTargetFileResult } from './parse-target-file';

/** A target set id as it appears in a URL and a file name: letters, digits, "_", "-" or "." (the file's `id` rule), at most 100. */
export const TARGET_SET_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** The file name a set's saved text is served under: `<id>.yaml` or `<id>.json`. */
export function savedFileName(id: string, format: 'yaml' | 'json'): string {
  return `${id}.${format}`;
}

/**
 * Checks a target file's text as it is to be saved as the set `id`: every
 * problem `parseTargetFile` finds, and — once it is valid — that the file
 * declares that very id (`set_id_mismatch`, located at its `id:` line), since
 * the set is served, linked and imported into by it. The editor runs this on
 * every change and the backend before every save: one rule, both sides.
 */
export function checkSavedTargetFile(id: string, format: 'yaml' | 'json', content: string): ParseTargetFileResult {
  const file = savedFileName(id, format);
  const result = parseTargetFile(content, file);
  if (!result.ok || result.targetSet.id === id) return result;
  const line = idLine(content);
  return {
    ok: false,
    file,
    problems: [{ file, ...(line ? { line: line.line, column: line.column } : {}), path: 'id', severity: 'error', code: 'set_id_mismatch', params: { found: result.targetSet.id, expected: id } }],
  };
}

/** Where the top-level `id:` (YAML) or `"id":` (JSON) key is, 1-based. */
function idLine(content: string): { line: number; column: number } | undefined {
  const lines = content.split(/\r?\n/);
  const index = lines.findIndex((l) => /^(?:id|"id"|'id')\s*:/.test(l) || /^\s*\{?\s*"id"\s*:/.test(l));
  if (index < 0) return undefined;
  const at = lines[index]!.search(/["']?id/);
  return { line: index + 1, column: at + 1 };
}
