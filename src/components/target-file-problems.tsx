import { useTranslation } from 'react-i18next';
import type { TargetFileProblem } from '@/domain/targets/target-file-problem';
import { problemLocation, problemMessage, severityWord } from './target-file-problem-words';

/**
 * The located problems of an invalid target file, in words an analyst understands. Shown instead of the
 * dashboard. The heading counts the errors (what keeps the file from being used); its warnings, if any,
 * are said below it and listed among the errors, all in the order of the file's lines.
 */
export function TargetFileProblems({ problems }: { problems: readonly TargetFileProblem[] }) {
  const { t } = useTranslation();
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <section className="problems" role="alert" aria-labelledby="problems-heading">
      <h2 id="problems-heading">{t('problems.heading', { count: errors })}</h2>
      <p>{t('problems.intro')}</p>
      {warnings > 0 && <p>{t('problems.alsoWarnings', { count: warnings })}</p>}
      <ProblemList problems={problems} />
    </section>
  );
}

/**
 * The warnings of a target file that is used all the same (a percent goal below 1, a file read as GBK,
 * a draft without targets): shown above the dashboard, not instead of it.
 */
export function TargetFileWarnings({ problems }: { problems: readonly TargetFileProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <section className="problems problems--warnings" role="status" aria-labelledby="warnings-heading">
      <h2 id="warnings-heading">{t('problems.warningsHeading', { count: problems.length })}</h2>
      <ProblemList problems={problems} />
    </section>
  );
}

function ProblemList({ problems }: { problems: readonly TargetFileProblem[] }) {
  const { t } = useTranslation();
  return (
    <ol className="problems__list">
      {problems.map((problem, i) => (
        <li key={i} className={`problems__item problems__item--${problem.severity}`}>
          <span className="problems__where">
            <span className="problems__severity">{severityWord(t, problem)}</span>
            {' · '}
            {problemLocation(t, problem)}
            {problem.path && (
              <>
                {' · '}
                <code>{problem.path}</code>
              </>
            )}
          </span>
          <span className="problems__what">{problemMessage(t, problem)}</span>
        </li>
      ))}
    </ol>
  );
}
