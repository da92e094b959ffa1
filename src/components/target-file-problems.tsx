import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TargetFileProblem } from '@/domain/targets/target-file-problem';

/** The located problems of an invalid target file, in words an analyst understands. Shown instead of the dashboard. */
export function TargetFileProblems({ problems }: { problems: readonly TargetFileProblem[] }) {
  const { t } = useTranslation();
  return (
    <section className="problems" role="alert" aria-labelledby="problems-heading">
      <h2 id="problems-heading">{t('problems.heading', { count: problems.length })}</h2>
      <p>{t('problems.intro')}</p>
      <ol className="problems__list">
        {problems.map((problem, i) => (
          <li key={i}>
            <span className="problems__where">
              {problem.line !== undefined
                ? t('problems.location', { file: problem.file, line: problem.line, column: problem.column ?? 1 })
                : t('problems.locationNoLine', { file: problem.file })}
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
    </section>
  );
}

export function problemMessage(t: TFunction, problem: TargetFileProblem): string {
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
