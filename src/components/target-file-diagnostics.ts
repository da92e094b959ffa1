import type { ParseTargetFileResult } from '@/domain/targets/parse-target-file';
import type { TargetFileProblem } from '@/domain/targets/target-file-problem';

/** A problem as the editor shows it: an error blocks the save, a warning does not. */
export type EditorProblem = TargetFileProblem & { severity: 'error' | 'warning' };

/**
 * The one adapter between the target-file check's result and the editor: every
 * problem with a severity (a check that gives none gives errors), warnings of
 * a valid file included (`warnings`, when the check reports them), sorted by
 * line. Whatever shape the check's result grows, only this function reads it.
 */
export function editorProblems(result: ParseTargetFileResult): EditorProblem[] {
  const loose = result as { problems?: readonly (TargetFileProblem & { severity?: string })[]; warnings?: readonly (TargetFileProblem & { severity?: string })[] };
  const all = [...(loose.problems ?? []), ...(loose.warnings ?? [])];
  return all
    .map((p): EditorProblem => ({ ...p, severity: p.severity === 'warning' ? 'warning' : 'error' }))
    .sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));
}

/** A range of the editor's text to mark (CodeMirror's `Diagnostic` without its dependency). */
export type EditorMark = { from: number; to: number; severity: 'error' | 'warning'; message: string };

/**
 * Where each problem is in the text: from its line and column to the end of
 * that line's content (a problem with no line marks the first line). Lines
 * and columns are 1-based, as the check reports them; a position past the
 * text is clamped to it.
 */
export function problemMarks(text: string, problems: readonly EditorProblem[], message: (problem: EditorProblem) => string): EditorMark[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) if (text[i] === '\n') starts.push(i + 1);
  return problems.map((problem) => {
    const index = Math.min(Math.max((problem.line ?? 1) - 1, 0), starts.length - 1);
    const lineStart = starts[index]!;
    const lineEnd = index + 1 < starts.length ? starts[index + 1]! - 1 : text.length;
    const from = Math.min(lineStart + Math.max((problem.column ?? 1) - 1, 0), lineEnd);
    const to = Math.max(lineEnd, from);
    return { from, to: to === from && to < text.length ? to + 1 : to, severity: problem.severity, message: message(problem) };
  });
}
