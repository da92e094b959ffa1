import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { expect, test } from 'vitest';
import { parseTargetFile, type ParseTargetFileResult } from '@/domain/targets/parse-target-file';
import type { TargetFileProblem } from '@/domain/targets/target-file-problem';

// ---- every shipped target file is valid ----------------------------------------

const TARGETS_DIR = 'targets';
const targetFiles = readdirSync(TARGETS_DIR).filter((name) => !name.endsWith('.schema.json'));

test('the targets folder holds at least one target file', () => {
  expect(targetFiles).toContain('ruzhou-2020.yaml');
});

test.each(targetFiles)('the shipped target file %s parses without problems', (name) => {
  const result = parseTargetFile(readFileSync(join(TARGETS_DIR, name), 'utf8'), name);
  expect(result.ok ? [] : result.problems).toEqual([]);
  expect(result.ok).toBe(true);
});

// ---- a small valid file, broken one thing at a time --------------------------------

/** A small valid target file; every case below breaks exactly one thing in it. */
function baseFile(): string {
  return `id: test-set
title: { zh: 测试目标, en: Test targets }
jurisdiction: city
source:
  title: Plan
  publisher: Education office
  date: 2020-02-27
categories:
  - id: preschool
    name: { zh: 学前教育, en: Preschool }
regions:
  - id: city
    name: { zh: 某市, en: The city }
    kind: jurisdiction
  - id: town-a
    name: { zh: 甲镇, en: Town A }
    kind: town
    parent: city
metrics:
  - id: inclusive_coverage
    name: { zh: 普惠性幼儿园覆盖率, en: Inclusive kindergarten coverage }
    unit: percent
    kind: share
    numerator: { zh: 普惠园在园幼儿数, en: Children in inclusive kindergartens }
    denominator: { zh: 在园幼儿总数, en: All children in kindergarten }
  - id: master_teachers
    name: { zh: 名师人数, en: Master teachers }
    unit: persons
    kind: count
targets:
  - id: coverage-2020
    metric: inclusive_coverage
    comparator: at_least
    goal: 85
    deadline: 2020-12-31
    baseline: { value: 70, year: 2018 }
    category: preschool
    source_text: 普惠性幼儿园覆盖率达到85%以上
  - id: teachers-2024
    metric: master_teachers
    comparator: at_least
    goal: 50
    deadline: 2024-12-31
    applies_to: jurisdiction
    category: preschool
    source_text: 培养名师50名
`;
}

/** The base file with `from` (which must occur exactly once) replaced by `to`. */
function broken(from: string, to: string): string {
  const text = baseFile();
  expect(text.split(from), `"${from}" must occur exactly once in the base file`).toHaveLength(2);
  return text.replace(from, to);
}

/** The 1-based line on which `needle` (which must occur exactly once) starts. */
function lineOf(text: string, needle: string): number {
  expect(text.split(needle), `"${needle}" must occur exactly once`).toHaveLength(2);
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

function problemsOf(result: ParseTargetFileResult): TargetFileProblem[] {
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.problems;
}

test('the base file used below is itself valid', () => {
  const result = parseTargetFile(baseFile(), 'base.yaml');
  expect(result.ok ? [] : result.problems).toEqual([]);
  if (!result.ok) return;
  expect(result.targetSet.targets.map((t) => t.id)).toEqual(['coverage-2020', 'teachers-2024']);
  // Defaults are filled in: binding true, applies_to all, aliases [].
  expect(result.targetSet.targets[0]).toMatchObject({ binding: true, applies_to: 'all' });
  expect(result.targetSet.regions[0]?.aliases).toEqual([]);
});

type Case = {
  name: string;
  from: string;
  to: string;
  /** Text that starts on the line (and at the column) where the problem must be reported. */
  at: string;
  column: number;
  code: TargetFileProblem['code'];
  path: string;
  params: TargetFileProblem['params'];
};

const cases: Case[] = [
  {
    name: 'a YAML syntax error (a nested mapping on one line)',
    from: '    goal: 85',
    to: '    goal: 85: 90',
    at: 'goal: 85: 90',
    column: 11,
    code: 'yaml_syntax',
    path: '',
    params: { detail: 'Nested mappings are not allowed in compact mappings' },
  },
  {
    name: 'a YAML syntax error (a reserved character)',
    from: '    metric: master_teachers',
    to: '    metric: @master_teachers',
    at: 'metric: @master_teachers',
    column: 13,
    code: 'yaml_syntax',
    path: '',
    params: { detail: 'Plain value cannot start with reserved character @' },
  },
  {
    name: 'an alias to an anchor that does not exist',
    from: '    goal: 50',
    to: '    goal: *fifty',
    at: 'goal: *fifty',
    column: 11,
    code: 'yaml_syntax',
    path: '',
    params: { detail: 'Unresolved alias (the anchor must be set before the alias): fifty' },
  },
  {
    name: 'a duplicate key',
    from: '    goal: 85\n',
    to: '    goal: 85\n    goal: 90\n',
    at: 'goal: 90',
    column: 5,
    code: 'duplicate_key',
    path: '',
    params: {},
  },
  {
    name: 'a goal written as text ("85%")',
    from: '    goal: 85',
    to: '    goal: "85%"',
    at: 'goal: "85%"',
    column: 11,
    code: 'number_as_text',
    path: 'targets[0].goal',
    params: { value: '85%' },
  },
  {
    name: 'an unquoted numeric id (YAML reads 001 as the number 1)',
    from: '  - id: coverage-2020',
    to: '  - id: 001',
    at: 'id: 001',
    column: 9,
    code: 'scalar_not_text',
    path: 'targets[0].id',
    params: { source: '001', read: '1' },
  },
  {
    name: 'an unknown field (a typo for deadline)',
    from: '    deadline: 2024-12-31',
    to: '    dedline: 2024-12-31',
    at: 'dedline',
    column: 5,
    code: 'unknown_field',
    path: 'targets[1].dedline',
    params: { field: 'dedline' },
  },
  {
    name: 'a comparator that is not allowed',
    from: '    comparator: at_least\n    goal: 85',
    to: '    comparator: more_than\n    goal: 85',
    at: 'comparator: more_than',
    column: 17,
    code: 'not_allowed_value',
    path: 'targets[0].comparator',
    params: { value: 'more_than', allowed: 'at_least, at_most, approximately, between' },
  },
  {
    name: 'a region kind that is not allowed',
    from: '    kind: town',
    to: '    kind: village',
    at: 'kind: village',
    column: 11,
    code: 'not_allowed_value',
    path: 'regions[1].kind',
    params: { value: 'village', allowed: 'jurisdiction, nation, province, prefecture, county, district, subdistrict, town, township, comparison' },
  },
  {
    name: 'a deadline not written YYYY-MM-DD',
    from: '    deadline: 2020-12-31',
    to: '    deadline: 31/12/2020',
    at: 'deadline: 31/12/2020',
    column: 15,
    code: 'bad_format',
    path: 'targets[0].deadline',
    params: { value: '31/12/2020', kind: 'date' },
  },
  {
    name: 'an impossible date (30 February)',
    from: '    deadline: 2020-12-31',
    to: '    deadline: 2025-02-30',
    at: 'deadline: 2025-02-30',
    column: 15,
    code: 'impossible_date',
    path: 'targets[0].deadline',
    params: { value: '2025-02-30' },
  },
  {
    name: 'an impossible source date (29 February in a common year)',
    from: '  date: 2020-02-27',
    to: '  date: 2021-02-29',
    at: 'date: 2021-02-29',
    column: 9,
    code: 'impossible_date',
    path: 'source.date',
    params: { value: '2021-02-29' },
  },
  {
    name: 'a duplicate target id',
    from: '  - id: teachers-2024',
    to: '  - id: coverage-2020',
    at: 'id: coverage-2020\n    metric: master_teachers',
    column: 9,
    code: 'duplicate_id',
    path: 'targets[1].id',
    params: { id: 'coverage-2020', first: 'targets[0]' },
  },
  {
    name: 'a target on an unknown metric (with a did-you-mean)',
    from: '    metric: inclusive_coverage',
    to: '    metric: inclusive_coverag',
    at: 'metric: inclusive_coverag\n',
    column: 13,
    code: 'unknown_reference',
    path: 'targets[0].metric',
    params: { id: 'inclusive_coverag', list: 'metrics', suggestion: 'inclusive_coverage' },
  },
  {
    name: 'a region whose parent is unknown (with a did-you-mean)',
    from: '    parent: city',
    to: '    parent: cty',
    at: 'parent: cty',
    column: 13,
    code: 'unknown_reference',
    path: 'regions[1].parent',
    params: { id: 'cty', list: 'regions', suggestion: 'city' },
  },
  {
    name: 'a share goal above 100',
    from: '    goal: 85',
    to: '    goal: 120',
    at: 'goal: 120',
    column: 11,
    code: 'share_goal_out_of_range',
    path: 'targets[0].goal',
    params: { value: 120 },
  },
  {
    name: 'a deadline before the baseline year',
    from: '    deadline: 2020-12-31',
    to: '    deadline: 2017-12-31',
    at: 'deadline: 2017-12-31',
    column: 15,
    code: 'deadline_before_baseline',
    path: 'targets[0].deadline',
    params: { deadline: '2017-12-31', year: 2018 },
  },
  {
    name: 'a "between" target with min above max',
    from: '    comparator: at_least\n    goal: 85',
    to: '    comparator: between\n    min: 90\n    max: 80',
    at: 'min: 90',
    column: 10,
    code: 'min_above_max',
    path: 'targets[0].min',
    params: { min: 90, max: 80 },
  },
  {
    name: 'a negative tolerance',
    from: '    comparator: at_least\n    goal: 85',
    to: '    comparator: approximately\n    goal: 85\n    tolerance: -1',
    at: 'tolerance: -1',
    column: 16,
    code: 'too_small',
    path: 'targets[0].tolerance',
    params: { value: '-1', min: 0 },
  },
  {
    name: 'a region goal keyed __proto__ (which parsing would drop without a word)',
    from: '    goal: 85\n',
    to: '    goal: 85\n    region_goals: { __proto__: 90 }\n',
    at: 'region_goals: { __proto__',
    column: 21,
    code: 'reserved_key',
    path: 'targets[0].region_goals.__proto__',
    params: { key: '__proto__' },
  },
  {
    name: 'a ratio metric with a numerator but no denominator (reported where the metric starts)',
    from: '    denominator: { zh: 在园幼儿总数, en: All children in kindergarten }\n',
    to: '',
    at: 'id: inclusive_coverage',
    column: 5,
    code: 'ratio_parts_incomplete',
    path: 'metrics[0].denominator',
    params: { id: 'inclusive_coverage' },
  },
];

test.each(cases)('$name is reported as $code at $path', ({ from, to, at, column, code, path, params }) => {
  const text = broken(from, to);
  const problems = problemsOf(parseTargetFile(text, 'broken.yaml'));
  expect(problems).toContainEqual({ file: 'broken.yaml', line: lineOf(text, at), column, path, code, params });
});

test('a typo in a field name is reported once as unknown, and the real field as missing', () => {
  const text = broken('    deadline: 2024-12-31', '    dedline: 2024-12-31');
  const problems = problemsOf(parseTargetFile(text, 'broken.yaml'));
  expect(problems.map((p) => [p.code, p.path])).toEqual([
    ['required', 'targets[1].deadline'],
    ['unknown_field', 'targets[1].dedline'],
  ]);
});

test('an unknown field whose value is a nested block is reported on the line of its key', () => {
  const text = broken('    baseline: { value: 70, year: 2018 }', '    baselin:\n      value: 70\n      year: 2018');
  const problems = problemsOf(parseTargetFile(text, 'broken.yaml'));
  expect(problems).toEqual([
    { file: 'broken.yaml', line: lineOf(text, 'baselin:'), column: 5, path: 'targets[0].baselin', code: 'unknown_field', params: { field: 'baselin' } },
  ]);
});

test('a missing required field is reported where its parent mapping starts', () => {
  const text = broken('    source_text: 普惠性幼儿园覆盖率达到85%以上\n', '');
  const problems = problemsOf(parseTargetFile(text, 'broken.yaml'));
  expect(problems).toEqual([
    {
      file: 'broken.yaml',
      line: lineOf(text, 'id: coverage-2020'),
      column: 5,
      path: 'targets[0].source_text',
      code: 'required',
      params: { field: 'source_text' },
    },
  ]);
});

test('a target without a comparator is reported as missing that field', () => {
  const text = broken('    comparator: at_least\n    goal: 85', '    goal: 85');
  const problems = problemsOf(parseTargetFile(text, 'broken.yaml'));
  expect(problems).toEqual([
    {
      file: 'broken.yaml',
      line: lineOf(text, 'id: coverage-2020'),
      column: 5,
      path: 'targets[0].comparator',
      code: 'required',
      params: { field: 'comparator' },
    },
  ]);
});

test('an empty list of targets is reported as an empty list', () => {
  const text = broken(baseFile().slice(baseFile().indexOf('targets:')), 'targets: []\n');
  const problems = problemsOf(parseTargetFile(text, 'broken.yaml'));
  expect(problems).toEqual([
    { file: 'broken.yaml', line: lineOf(text, '[]'), column: 10, path: 'targets', code: 'empty_list', params: { min: 1 } },
  ]);
});

test.each([
  { name: 'an empty file', text: '' },
  { name: 'a file of only comments', text: '# nothing here yet\n' },
  { name: 'a file with only a document marker', text: '---\n' },
])('$name is reported as empty at line 1', ({ text }) => {
  expect(problemsOf(parseTargetFile(text, 'empty.yaml'))).toEqual([
    { file: 'empty.yaml', line: 1, column: 1, path: '', code: 'empty_file', params: {} },
  ]);
});

test('a file that is a list rather than a mapping is reported as the wrong type', () => {
  expect(problemsOf(parseTargetFile('- id: a\n', 'list.yaml'))).toEqual([
    { file: 'list.yaml', line: 1, column: 1, path: '', code: 'wrong_type', params: { expected: 'object', got: 'list' } },
  ]);
});

test('an alias bomb is rejected instead of being expanded', () => {
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
  ].join('\n');
  const [problem, ...rest] = problemsOf(parseTargetFile(bomb, 'bomb.yaml'));
  expect(rest).toEqual([]);
  expect(problem).toMatchObject({
    code: 'yaml_syntax',
    line: 2,
    column: 8,
    params: { detail: 'Excessive alias count indicates a resource exhaustion attack' },
  });
});

test('every problem names the file it was found in', () => {
  const result = parseTargetFile(broken('    goal: 85', '    goal: "85%"'), 'targets/my-plan.yaml');
  expect(result.file).toBe('targets/my-plan.yaml');
  expect(problemsOf(result).every((p) => p.file === 'targets/my-plan.yaml')).toBe(true);
});

// ---- JSON -----------------------------------------------------------------------

const baseJson = () => JSON.stringify(parseYaml(baseFile()), null, 2);

test('JSON input is accepted and reads the same as the YAML', () => {
  const fromJson = parseTargetFile(baseJson(), 'base.json');
  const fromYaml = parseTargetFile(baseFile(), 'base.yaml');
  expect(fromJson.ok).toBe(true);
  expect(fromJson.ok && fromYaml.ok && fromJson.targetSet).toEqual(fromYaml.ok && fromYaml.targetSet);
});

test('a problem in JSON input is located at its line and column', () => {
  const json = baseJson();
  const text = json.replace('"goal": 85,', '"goal": "85%",');
  expect(text).not.toBe(json);
  const line = lineOf(text, '"goal": "85%"');
  const column = text.split('\n')[line - 1]!.indexOf('"85%"') + 1;
  expect(problemsOf(parseTargetFile(text, 'broken.json'))).toEqual([
    { file: 'broken.json', line, column, path: 'targets[0].goal', code: 'number_as_text', params: { value: '85%' } },
  ]);
});
