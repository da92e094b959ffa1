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
  | 'set_id_mismatch';

/** One located problem in a target file: file, line and column (1-based), path such as `targets[3].goal`. */
export type TargetFileProblem = {
  file: string;
  line?: number;
  column?: number;
  path: string;
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
