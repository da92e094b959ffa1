import { useTranslation } from 'react-i18next';
import type { Target } from '@/domain/targets/target-set';

/**
 * A target's `source_text`: the plan's sentence as a quotation, or — when the file marks it
 * `source_paraphrase` — as a paraphrase that says so, never dressed as the plan's words.
 */
export function SourceText({ target, className }: { target: Pick<Target, 'source_text' | 'source_paraphrase'>; className: string }) {
  const { t } = useTranslation();
  if (!target.source_paraphrase) {
    return (
      <blockquote className={className} lang="zh-CN">
        {target.source_text}
      </blockquote>
    );
  }
  return (
    <p className={`${className} ${className}--paraphrase`}>
      <span className="paraphrase-label">{t('detail.paraphrase')}</span> <span lang="zh-CN">{target.source_text}</span>
    </p>
  );
}
