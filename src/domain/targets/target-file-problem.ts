export type PathSegment = string | number;

/** What is wrong, as a code the i18n layer turns into words (messages live in `i18n/`). */
export type TargetFileProblemCode =
  | 'yaml_syntax'
  | 'duplicate_key'
  | 'empty_file'
  | 'required'
  | 'wrong_type'
  | 'number_as_text'
  | 'scalar_not_text'
  | 'unknown_field'
  | 'not_allowed_value'
  | 'bad_format'
  | 'date_year_only'
  | 'empty_list'
  | 'too_small'
  | 'too_big'
  | 'invalid'
  | 'impossible_date'
  | 'duplicate_id'
  | 'unknown_reference'
  | 'share_goal_out_of_range'
  | 'deadline_before_baseline'
  | 'min_above_max'
  | 'ratio_parts_incomplete'
  | 'jurisdiction_kind'
  | 'benchmark_kind'
  | 'roster_not_share'
  | 'roster_twice'
  | 'reserved_key'
  | 'count_not_whole'
  | 'not_utf8'
  | 'not_text'
  | 'replacement_character'
  | 'decoded_gb18030'
  | 'decoded_utf16'
  | 'percent_goal_as_fraction'
  | 'no_targets'
  | 'set_id_mismatch';

/**
 * How much a problem weighs. An `error` keeps the file from being used (the dashboard shows the problems
 * instead, the command line exits 1); a `warning` is shown beside a file that is used all the same — a
 * likely slip (a goal of 0.9 on a percent metric), a file read in another encoding, a draft with no targets.
 */
export type TargetFileSeverity = 'error' | 'warning';

/** The codes that are warnings; every other code is an error. One place for the rule. */
const WARNINGS: ReadonlySet<TargetFileProblemCode> = new Set<TargetFileProblemCode>([
  'decoded_gb18030',
  'decoded_utf16',
  'percent_goal_as_fraction',
  'no_targets',
]);

export function severityOf(code: TargetFileProblemCode): TargetFileSeverity {
  return WARNINGS.has(code) ? 'warning' : 'error';
}

/**
 * One located problem in a target file: file, line and column (1-based), path such as `targets[3].goal`
 * (empty for the file as a whole), its severity, and a code with parameters the i18n layer words.
 */
export type TargetFileProblem = {
  file: string;
  line?: number;
  column?: number;
  path: string;
  severity: TargetFileSeverity;
  code: TargetFileProblemCode;
  params: Record<string, string | number>;
};

/** A problem found on parsed data, before it is located in the file's text. */
export type UnlocatedProblem = {
  path: PathSegment[];
  code: TargetFileProblemCode;
  params: Record<string, string | number>;
};

/** `['targets', 3, 'goal']` → `targets[3].goal` */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment),
    '',
  );
}

/** By line, then column; a problem without a line (the file as a whole) first. Stable otherwise. */
export function compareProblems(a: TargetFileProblem, b: TargetFileProblem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

export const hasErrors = (problems: readonly TargetFileProblem[]): boolean => problems.some((p) => p.severity === 'error');
