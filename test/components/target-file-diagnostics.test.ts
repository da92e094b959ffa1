import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { editorProblems, problemMarks } from '@/components/target-file-diagnostics';
import { schemaCompletions, type JsonSchema } from '@/components/schema-completion';
import { checkSavedTargetFile } from '@/domain/targets/check-saved-target-file';
import { targetFileJsonSchema } from '@/domain/targets/target-set';

const RUZHOU = readFileSync('targets/ruzhou-2020.yaml', 'utf8');

test('an unknown metric is marked on its own line, from its column to the end of the line', () => {
  const text = RUZHOU.replace('metric: preschool_gross_enrollment_rate\n    comparator', 'metric: nope\n    comparator');
  const problems = editorProblems(checkSavedTargetFile('ruzhou-2020', 'yaml', text));
  const line = text.split('\n').findIndex((l) => l.includes('metric: nope')) + 1;
  expect(problems.map((p) => [p.code, p.line, p.severity])).toContainEqual(['unknown_reference', line, 'error']);
  const [mark] = problemMarks(text, problems.filter((p) => p.code === 'unknown_reference'), (p) => p.code);
  const lineText = text.split('\n')[line - 1]!;
  expect(text.slice(mark!.from, mark!.to)).toBe(lineText.slice(lineText.indexOf('nope')));
  expect(mark!.severity).toBe('error');
});

test('a valid file has no problems, and a file saved under another id is marked at its id line', () => {
  expect(editorProblems(checkSavedTargetFile('ruzhou-2020', 'yaml', RUZHOU))).toEqual([]);
  const [problem] = editorProblems(checkSavedTargetFile('other', 'yaml', RUZHOU));
  expect(problem).toMatchObject({ code: 'set_id_mismatch', line: RUZHOU.split('\n').findIndex((l) => l.startsWith('id:')) + 1 });
});

test('problems come sorted by line, warnings kept as warnings, a line past the text clamped to it', () => {
  const sorted = editorProblems({
    ok: false,
    file: 'f.yaml',
    problems: [
      { file: 'f.yaml', line: 9, column: 1, path: 'b', code: 'invalid', params: {}, severity: 'warning' },
      { file: 'f.yaml', line: 2, column: 3, path: 'a', code: 'invalid', params: {}, severity: 'error' },
    ],
  });
  expect(sorted.map((p) => [p.line, p.severity])).toEqual([[2, 'error'], [9, 'warning']]);
  const marks = problemMarks('a: 1\nbb: 2', sorted, () => '');
  expect(marks[0]).toMatchObject({ from: 7, to: 10 });
  expect(marks[1]!.to).toBe(10);
});

test('completion offers the keys a target may still have, and the comparator values', () => {
  const schema = targetFileJsonSchema() as unknown as JsonSchema;
  const text = 'targets:\n  - id: t1\n    metric: m\n    ';
  const keys = schemaCompletions(schema, text, text.length)!.options.map((o) => o.label);
  expect(keys).toContain('goal');
  expect(keys).not.toContain('metric');
  const value = 'targets:\n  - id: t1\n    comparator: ';
  expect(schemaCompletions(schema, value, value.length)!.options.map((o) => o.label)).toContain('at_least');
  const top = 'id: x\n';
  expect(schemaCompletions(schema, top, top.length)!.options.map((o) => o.label)).toContain('jurisdiction');
});
