import { render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { readFileSync } from 'node:fs';
import { beforeEach, expect, test } from 'vitest';
import { SourceText } from '@/components/source-text';
import { parseTargetFile } from '@/domain/targets/parse-target-file';
import { setupI18n } from '@/i18n/setup-i18n';

/** Issue 11: a target's sentence is shown as the plan's words only when the file says it quotes them. */

beforeEach(() => {
  setupI18n('zh-CN');
});

test('a quoted sentence is a quotation; a paraphrase says so in either language and is no blockquote', async () => {
  const { container, rerender } = render(<SourceText target={{ source_text: '力争到2020年学前三年毛入园率达到85%以上' }} className="source-quote" />);
  expect(container.querySelector('blockquote')?.textContent).toBe('力争到2020年学前三年毛入园率达到85%以上');
  expect(screen.queryByText('大意（非原文）：')).toBeNull();

  rerender(<SourceText target={{ source_text: '到2020年，全国学前三年毛入园率达到85%。', source_paraphrase: true }} className="source-quote" />);
  expect(container.querySelector('blockquote')).toBeNull();
  expect(screen.getByText('大意（非原文）：')).toBeTruthy();
  expect(screen.getByText('到2020年，全国学前三年毛入园率达到85%。').getAttribute('lang')).toBe('zh-CN');

  await i18next.changeLanguage('en');
  rerender(<SourceText target={{ source_text: '到2020年，全国学前三年毛入园率达到85%。', source_paraphrase: true }} className="card__quote" />);
  expect(screen.getByText('In substance (not the plan’s wording):')).toBeTruthy();
});

test('the national file marks every sentence it could not check against the documents as a paraphrase', () => {
  const parsed = parseTargetFile(readFileSync('targets/national-2020.yaml', 'utf8'), 'national-2020.yaml');
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  expect(parsed.targetSet.targets.map((t) => [t.id, t.source_paraphrase])).toEqual([
    ['preschool-ger-2020', true],
    ['inclusive-kindergarten-2020', true],
    ['special-needs-2020', true],
  ]);
  // The Ruzhou file quotes its article: no paraphrase flag there.
  const ruzhou = parseTargetFile(readFileSync('targets/ruzhou-2020.yaml', 'utf8'), 'ruzhou-2020.yaml');
  expect(ruzhou.ok && ruzhou.targetSet.targets.every((t) => t.source_paraphrase === undefined)).toBe(true);
});
