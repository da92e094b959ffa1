import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { ruzhouTargetFile, setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';

/** What the pages show of a target file's problems: warnings above a dashboard that is shown, a draft's empty dashboard, errors with warnings. */

const api = setupMockApi();

/** The Ruzhou file with `from` (once in it) replaced by `to`. */
function ruzhouWith(from: string, to: string) {
  const file = ruzhouTargetFile();
  expect(file.content.split(from)).toHaveLength(2);
  return { ...file, content: file.content.replace(from, to) };
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

test('a warning (a percent goal of 0.85) is shown above the dashboard, located, with its "did you mean"', async () => {
  const file = ruzhouWith('    comparator: at_least\n    goal: 85\n', '    comparator: at_least\n    goal: 0.85\n');
  api.useBackend([file]);
  renderApp();
  await screen.findByRole('article', { name: '学前三年毛入园率' }, { timeout: 15_000 });
  expect(screen.getAllByRole('article')).toHaveLength(12);
  const warnings = screen.getByRole('status', { name: '目标文件有 1 条提醒（不影响显示）' });
  const [item] = within(warnings).getAllByRole('listitem');
  expect(item).toHaveTextContent(`提醒 · ruzhou-2020.yaml 第 ${lineOf(file.content, 'goal: 0.85')} 行第 11 列 · targets[0].goal`);
  expect(item).toHaveTextContent('是否应为 85？');
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});

test('a draft with no targets yet is shown as an empty dashboard that says so', async () => {
  const file = ruzhouTargetFile();
  const draft = { ...file, content: `${file.content.slice(0, file.content.indexOf('\ntargets:\n'))}\ntargets: []\n` };
  api.useBackend([draft]);
  renderApp();
  const notice = await screen.findByRole('status', { name: '这是一份草稿：目标文件中还没有目标' }, { timeout: 15_000 });
  expect(notice).toHaveTextContent('还没有写入任何目标，所以仪表板是空的');
  expect(screen.queryByRole('article')).not.toBeInTheDocument();
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  // The draft's own warning is what the notice says: not listed a second time.
  expect(screen.queryByRole('status', { name: /条提醒/ })).not.toBeInTheDocument();
});

test('an invalid file counts its errors in the heading, says its warnings and marks each problem’s severity', async () => {
  const file = ruzhouWith('    comparator: at_least\n    goal: 85\n', '    comparator: at_least\n    goal: 0.85\n    dedline: 2020\n');
  api.useBackend([file]);
  renderApp();
  const alert = await screen.findByRole('alert', {}, { timeout: 15_000 });
  expect(alert).toHaveTextContent('目标文件有 1 处问题，无法显示仪表板');
  expect(alert).toHaveTextContent('另有 1 条提醒，也列在下面。');
  const items = within(alert).getAllByRole('listitem');
  expect(items.map((li) => li.textContent?.split(' · ')[0])).toEqual(['提醒', '错误']);
  expect(items[1]).toHaveTextContent('不认识的字段“dedline”');
  expect(screen.queryByRole('article')).not.toBeInTheDocument();
});
