import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { expect, test } from 'vitest';
import { checkTargetFile, parseTargetFile, parseTargetFileBytes, type ParseTargetFileResult } from '@/domain/targets/parse-target-file';
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
    // The reader takes `85` as a key of a mapping of its own (and the target's next fields into it).
    path: 'targets[0].goal.85',
    params: { detail: 'Nested mappings are not allowed in compact mappings' },
  },
  {
    name: 'a YAML syntax error (a reserved character)',
    from: '    metric: master_teachers',
    to: '    metric: @master_teachers',
    at: 'metric: @master_teachers',
    column: 13,
    code: 'yaml_syntax',
    path: 'targets[1].metric',
    params: { detail: 'Plain value cannot start with reserved character @' },
  },
  {
    name: 'an alias to an anchor that does not exist',
    from: '    goal: 50',
    to: '    goal: *fifty',
    at: 'goal: *fifty',
    column: 11,
    code: 'yaml_syntax',
    path: 'targets[1].goal',
    params: { detail: 'Unresolved alias (the anchor must be set before the alias): fifty' },
  },
  {
    name: 'a duplicate key',
    from: '    goal: 85\n',
    to: '    goal: 85\n    goal: 90\n',
    at: 'goal: 90',
    column: 5,
    code: 'duplicate_key',
    path: 'targets[0].goal',
    params: { key: 'goal', first: 34 },
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
  expect(problems).toContainEqual({ file: 'broken.yaml', line: lineOf(text, at), column, path, severity: 'error', code, params });
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
    { file: 'broken.yaml', line: lineOf(text, 'baselin:'), column: 5, path: 'targets[0].baselin', severity: 'error', code: 'unknown_field', params: { field: 'baselin' } },
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
      severity: 'error',
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
      severity: 'error',
      code: 'required',
      params: { field: 'comparator' },
    },
  ]);
});

test('a draft with an empty list of targets is accepted, with a warning where the list is', () => {
  const text = broken(baseFile().slice(baseFile().indexOf('targets:')), 'targets: []\n');
  const result = parseTargetFile(text, 'draft.yaml');
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.targetSet.targets).toEqual([]);
  expect(result.problems).toEqual([
    { file: 'draft.yaml', line: lineOf(text, '[]'), column: 10, path: 'targets', severity: 'warning', code: 'no_targets', params: {} },
  ]);
});

test('a file with no targets field at all is still refused: the field is required', () => {
  const text = broken(baseFile().slice(baseFile().indexOf('targets:')), '');
  expect(problemsOf(parseTargetFile(text, 'broken.yaml')).map((p) => [p.severity, p.code, p.path])).toEqual([['error', 'required', 'targets']]);
});

test.each([
  { name: 'an empty file', text: '' },
  { name: 'a file of only comments', text: '# nothing here yet\n' },
  { name: 'a file with only a document marker', text: '---\n' },
])('$name is reported as empty at line 1', ({ text }) => {
  expect(problemsOf(parseTargetFile(text, 'empty.yaml'))).toEqual([
    { file: 'empty.yaml', line: 1, column: 1, path: '', severity: 'error', code: 'empty_file', params: {} },
  ]);
});

test('a file that is a list rather than a mapping is reported as the wrong type', () => {
  expect(problemsOf(parseTargetFile('- id: a\n', 'list.yaml'))).toEqual([
    { file: 'list.yaml', line: 1, column: 1, path: '', severity: 'error', code: 'wrong_type', params: { expected: 'object', got: 'list' } },
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
    { file: 'broken.json', line, column, path: 'targets[0].goal', severity: 'error', code: 'number_as_text', params: { value: '85%' } },
  ]);
});

// ---- every problem in one pass, sorted by line; warnings beside errors -----------------------------

/** The base file with each `[from, to]` replaced (each `from` must occur exactly once). */
function brokenMany(...changes: [string, string][]): string {
  let text = baseFile();
  for (const [from, to] of changes) {
    expect(text.split(from), `"${from}" must occur exactly once`).toHaveLength(2);
    text = text.replace(from, to);
  }
  return text;
}

const brief = (problems: readonly TargetFileProblem[]) => problems.map((p) => [p.line, p.severity, p.code, p.path]);

test('syntax, schema and consistency problems and warnings come together in one pass, sorted by line', () => {
  const text = brokenMany(
    ['    goal: 50\n', '    goal: 50.5\n'], // consistency (a count goal is whole), last line
    ['    goal: 85\n', '    goal: 0.9\n'], // a warning (0.9 for 90 %)
    ['    kind: town', '    kind: village'], // the schema
    ['    name: { zh: 学前教育, en: Preschool }', '    name: { zh: 学前教育, en: @Preschool }'], // YAML syntax
    ['  date: 2020-02-27', '  date: 2021-02-29'], // consistency (no 29 February in 2021), first line
  );
  const problems = problemsOf(parseTargetFile(text, 'many.yaml'));
  expect(brief(problems)).toEqual([
    [lineOf(text, 'date: 2021-02-29'), 'error', 'impossible_date', 'source.date'],
    [lineOf(text, '@Preschool'), 'error', 'yaml_syntax', 'categories[0].name.en'],
    [lineOf(text, 'kind: village'), 'error', 'not_allowed_value', 'regions[1].kind'],
    [lineOf(text, 'goal: 0.9'), 'warning', 'percent_goal_as_fraction', 'targets[0].goal'],
    [lineOf(text, 'goal: 50.5'), 'error', 'count_not_whole', 'targets[1].goal'],
  ]);
});

test('a syntax error in one target does not hide a consistency problem in the next', () => {
  const text = brokenMany(['    goal: 85\n', '    goal: 85: 90\n'], ['    metric: master_teachers', '    metric: master_teacher']);
  const problems = problemsOf(parseTargetFile(text, 'broken.yaml'));
  expect(brief(problems)).toEqual([
    [lineOf(text, 'goal: 85: 90'), 'error', 'yaml_syntax', 'targets[0].goal.85'],
    [lineOf(text, 'metric: master_teacher\n'), 'error', 'unknown_reference', 'targets[1].metric'],
  ]);
  // The fields the broken line swallowed (deadline, category, source_text) are not called missing.
  expect(problems.some((p) => p.code === 'required')).toBe(false);
});

test('a schema problem in one target does not hide a consistency problem in another', () => {
  const text = brokenMany(['    goal: 85\n', '    goal: "85%"\n'], ['    metric: master_teachers', '    metric: master_teacher']);
  expect(brief(problemsOf(parseTargetFile(text, 'broken.yaml')))).toEqual([
    [lineOf(text, 'goal: "85%"'), 'error', 'number_as_text', 'targets[0].goal'],
    [lineOf(text, 'metric: master_teacher\n'), 'error', 'unknown_reference', 'targets[1].metric'],
  ]);
});

test('a reference to an item the schema refused is not also called unknown', () => {
  // The metric is refused (an unknown unit), but its id is still known to the targets that use it.
  const text = brokenMany(['    unit: persons', '    unit: people']);
  expect(brief(problemsOf(parseTargetFile(text, 'broken.yaml')))).toEqual([[lineOf(text, 'unit: people'), 'error', 'not_allowed_value', 'metrics[1].unit']]);
});

test.each([
  { name: 'a percent goal of 0.9', from: '    goal: 85\n', to: '    goal: 0.9\n', value: 0.9, percent: 90 },
  { name: 'a percent goal of 0.955', from: '    goal: 85\n', to: '    goal: 0.955\n', value: 0.955, percent: 95.5 },
])('$name is accepted with a "did you mean $percent?" warning', ({ from, to, value, percent }) => {
  const text = broken(from, to);
  const result = parseTargetFile(text, 'w.yaml');
  expect(result.ok).toBe(true);
  expect(result.problems).toEqual([
    { file: 'w.yaml', line: lineOf(text, to.trim()), column: 11, path: 'targets[0].goal', severity: 'warning', code: 'percent_goal_as_fraction', params: { value, percent } },
  ]);
});

test.each([
  { name: 'a percent goal of exactly 1', to: '    goal: 1\n' },
  { name: 'a percent goal of 0', to: '    goal: 0\n' },
  { name: 'a percent goal with a fraction above 1', to: '    goal: 85.5\n' },
])('$name has no warning', ({ to }) => {
  const result = parseTargetFile(broken('    goal: 85\n', to), 'w.yaml');
  expect(result.ok && result.problems).toEqual([]);
});

test('a goal below 1 on a count metric is not a percent slip but a count that is not whole', () => {
  const text = broken('    goal: 50\n', '    goal: 0.5\n');
  expect(brief(problemsOf(parseTargetFile(text, 'c.yaml')))).toEqual([[lineOf(text, 'goal: 0.5'), 'error', 'count_not_whole', 'targets[1].goal']]);
});

test('a count baseline must be whole too, and a percent one need not be', () => {
  const text = brokenMany(['    applies_to: jurisdiction\n', '    applies_to: jurisdiction\n    baseline: { value: 40.5, year: 2019 }\n'], ['{ value: 70, year: 2018 }', '{ value: 70.5, year: 2018 }']);
  const problems = problemsOf(parseTargetFile(text, 'c.yaml'));
  expect(problems).toEqual([
    {
      file: 'c.yaml',
      line: lineOf(text, 'baseline: { value: 40.5'),
      column: 24,
      path: 'targets[1].baseline.value',
      severity: 'error',
      code: 'count_not_whole',
      params: { value: 40.5, unit: 'persons' },
    },
  ]);
});

test.each([
  { name: 'a bare year', to: '    deadline: 2020\n' },
  { name: 'a bare year in quotes', to: '    deadline: "2020"\n' },
])('$name as a deadline is told to write the whole date, not to add quotes', ({ to }) => {
  const text = broken('    deadline: 2020-12-31\n', to);
  expect(problemsOf(parseTargetFile(text, 'd.yaml'))).toEqual([
    {
      file: 'd.yaml',
      line: lineOf(text, to.trim()),
      column: 15,
      path: 'targets[0].deadline',
      severity: 'error',
      code: 'date_year_only',
      params: { value: '2020', suggestion: '2020-12-31' },
    },
  ]);
});

test('a duplicate key deep in the file is named with its path and the line of the first', () => {
  const text = broken('    name: { zh: 甲镇, en: Town A }', '    name:\n      zh: 甲镇\n      en: Town A\n      zh: 乙镇');
  expect(problemsOf(parseTargetFile(text, 'k.yaml'))).toEqual([
    {
      file: 'k.yaml',
      line: lineOf(text, 'zh: 乙镇'),
      column: 7,
      path: 'regions[1].name.zh',
      severity: 'error',
      code: 'duplicate_key',
      params: { key: 'zh', first: lineOf(text, 'zh: 甲镇') },
    },
  ]);
});

test('checkTargetFile gives the set and its warnings for a usable file, and only problems for a broken one', () => {
  const draft = broken(baseFile().slice(baseFile().indexOf('targets:')), 'targets: []\n');
  const checked = checkTargetFile(draft, 'draft.yaml');
  expect(checked.set?.id).toBe('test-set');
  expect(checked.problems.map((p) => p.code)).toEqual(['no_targets']);
  const bad = checkTargetFile(broken('    goal: 85\n', '    goal: 120\n'), 'bad.yaml');
  expect(bad.set).toBeUndefined();
  expect(bad.problems.map((p) => [p.severity, p.code])).toEqual([['error', 'share_goal_out_of_range']]);
  // Bytes are decoded first, and give the same answer as the text.
  expect(checkTargetFile(new TextEncoder().encode(baseFile()), 'base.yaml')).toEqual(checkTargetFile(baseFile(), 'base.yaml'));
});

// ---- encodings --------------------------------------------------------------------

/** Text as GB18030 bytes (ASCII and the two-byte GBK characters), from a table the decoder itself builds. */
function gb18030(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (!table.has(char)) table.set(char, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const char of text) {
    if (char.codePointAt(0)! < 0x80) out.push(char.codePointAt(0)!);
    else if (table.has(char)) out.push(...table.get(char)!);
    else throw new Error(`no two-byte GB18030 code for ${char}`);
  }
  return new Uint8Array(out);
}

test('a file saved as GBK/GB18030 is read with its Chinese names intact, and a warning where the first non-UTF-8 byte is', () => {
  const bytes = gb18030(baseFile());
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  const result = parseTargetFileBytes(bytes, 'gbk.yaml');
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.targetSet.title.zh).toBe('测试目标');
  expect(result.targetSet.regions[1]?.name.zh).toBe('甲镇');
  const firstChinese = baseFile().split('\n')[1]!.indexOf('测');
  expect(result.problems).toEqual([
    { file: 'gbk.yaml', line: 2, column: firstChinese + 1, path: '', severity: 'warning', code: 'decoded_gb18030', params: { bytes: expect.stringMatching(/^[0-9A-F]{2}( [0-9A-F]{2})*$/) } },
  ]);
});

test('a GBK file keeps its other problems, sorted with the encoding warning', () => {
  const text = broken('    goal: 85\n', '    goal: 120\n');
  const result = parseTargetFileBytes(gb18030(text), 'gbk.yaml');
  expect(brief(problemsOf(result))).toEqual([
    [2, 'warning', 'decoded_gb18030', ''],
    [lineOf(text, 'goal: 120'), 'error', 'share_goal_out_of_range', 'targets[0].goal'],
  ]);
});

test('bytes that are neither UTF-8 nor GB18030 are refused, located at the first bad byte', () => {
  const bytes = new Uint8Array([...new TextEncoder().encode('id: x\ntitle: '), 0xff, 0xfe, 0x41, 0x0a]);
  expect(problemsOf(parseTargetFileBytes(bytes, 'bin.yaml'))).toEqual([
    { file: 'bin.yaml', line: 2, column: 8, path: '', severity: 'error', code: 'not_utf8', params: { bytes: 'FF', encoding: 'utf-8' } },
  ]);
});

test('a NUL byte (UTF-16 without a byte-order mark, or not text) is refused', () => {
  const bytes = new Uint8Array([0x69, 0x00, 0x64, 0x00]);
  expect(brief(problemsOf(parseTargetFileBytes(bytes, 'u16.yaml')))).toEqual([[1, 'error', 'not_text', '']]);
});

test('UTF-16 with a byte-order mark (Notepad’s “Unicode”) is read, with a warning', () => {
  const text = baseFile();
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
    bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  const result = parseTargetFileBytes(bytes, 'u16.yaml');
  expect(result.ok && result.targetSet.title.zh).toBe('测试目标');
  expect(result.problems.map((p) => [p.severity, p.code, p.params])).toEqual([['warning', 'decoded_utf16', { encoding: 'utf-16le' }]]);
});

test('a UTF-8 byte-order mark is dropped silently and columns are counted without it', () => {
  const text = broken('    goal: 85\n', '    goal: 120\n');
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
  expect(problemsOf(parseTargetFileBytes(bytes, 'bom.yaml'))).toEqual(problemsOf(parseTargetFile(text, 'bom.yaml')));
});

test('text that was read as UTF-8 from a GBK file (U+FFFD in it) is refused where the damage starts', () => {
  const text = baseFile().replace('测试目标', '\uFFFD\uFFFD\uFFFD');
  const problems = problemsOf(parseTargetFile(text, 'garbled.yaml'));
  expect(brief(problems)).toEqual([[2, 'error', 'replacement_character', '']]);
});

test('a schema problem in one field of a target does not hide a consistency problem in its other fields', () => {
  const text = brokenMany(['    goal: 50\n', '    goal: 50.5\n'], ['    deadline: 2024-12-31', '    deadline: 2024'], ['    metric: inclusive_coverage', '    metric: inclusive_coverag']);
  expect(brief(problemsOf(parseTargetFile(text, 'broken.yaml')))).toEqual([
    [lineOf(text, 'metric: inclusive_coverag\n'), 'error', 'unknown_reference', 'targets[0].metric'],
    [lineOf(text, 'goal: 50.5'), 'error', 'count_not_whole', 'targets[1].goal'],
    [lineOf(text, 'deadline: 2024\n'), 'error', 'date_year_only', 'targets[1].deadline'],
  ]);
});

test('a target whose metric is refused is not checked against any metric, and says nothing more', () => {
  // The metric id is not text: the goal checks that depend on the metric cannot be made, and no stand-in leaks out.
  const text = brokenMany(['    metric: master_teachers', '    metric: [master_teachers]'], ['    goal: 50\n', '    goal: 50.5\n']);
  expect(brief(problemsOf(parseTargetFile(text, 'broken.yaml')))).toEqual([[lineOf(text, 'metric: [master_teachers]'), 'error', 'wrong_type', 'targets[1].metric']]);
});
