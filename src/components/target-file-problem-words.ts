import type { TFunction } from 'i18next';
import type { TargetFileProblem } from '@/domain/targets/target-file-problem';

/**
 * A target-file problem in words, in the language of `t`: the one wording of each code, for the app's
 * problem lists, the command line (`npm run check-targets`) and an editor's diagnostics alike.
 * The file's own text in a problem's parameters is interpolated as text, never as markup.
 */
export function problemMessage(t: TFunction, problem: Pick<TargetFileProblem, 'code' | 'params'>): string {
  const params = problem.params;
  switch (problem.code) {
    case 'bad_format':
      return params.kind === 'date' ? t('problems.bad_format_date', params) : t('problems.bad_format_id', params);
    case 'wrong_type': {
      const typeName = (name: string | number | undefined) =>
        t(`problems.typeNames.${String(name)}` as 'problems.typeNames.string', { defaultValue: String(name) });
      return t('problems.wrong_type', { expected: typeName(params.expected), got: typeName(params.got) });
    }
    case 'unknown_reference': {
      const text = t('problems.unknown_reference', params);
      return params.suggestion ? t('common.withHint', { text, hint: t('common.didYouMean', params) }) : text;
    }
    default:
      return t(`problems.${problem.code}`, params);
  }
}

/** Where a problem is, in words: "file line 3, column 7", or the file alone for the file as a whole. */
export function problemLocation(t: TFunction, problem: Pick<TargetFileProblem, 'file' | 'line' | 'column'>): string {
  return problem.line !== undefined
    ? t('problems.location', { file: problem.file, line: problem.line, column: problem.column ?? 1 })
    : t('problems.locationNoLine', { file: problem.file });
}

/** "error" or "warning", in words. */
export function severityWord(t: TFunction, problem: Pick<TargetFileProblem, 'severity'>): string {
  return t(`problems.severity.${problem.severity}`);
}
