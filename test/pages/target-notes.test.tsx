import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test } from 'vitest';
import { setApiRole } from '@/api/http';
import { useRole } from '@/stores/role-store';
import { ruzhouTargetFile, setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';
import { stubResizeObserver } from './resize-observer';

const api = setupMockApi();
stubResizeObserver();

const asRole = (role: 'viewer' | 'analyst') => {
  useRole.setState({ role });
  setApiRole(role);
};
afterEach(() => asRole('viewer'));

/** The Ruzhou file with an office named for one target: the plan's text names none, so it is a fixture only. */
function withOffice() {
  const file = ruzhouTargetFile();
  const content = file.content.replace(
    '  - id: inclusive-kindergarten-2020\n',
    '  - id: inclusive-kindergarten-2020\n    office: { zh: 学前教育股, en: Preschool Education Section }\n',
  );
  expect(content).not.toBe(file.content);
  return [{ ...file, content }];
}

const TIMEOUT = { timeout: 15_000 };

test('an analyst adds a note on the target page: it is listed newest first as text, dated and signed, never as HTML', async () => {
  api.useBackend();
  asRole('analyst');
  renderApp('?year=2020', '/targets/inclusive-kindergarten-2020');
  const section = (await screen.findByRole('heading', { name: '工作说明' }, TIMEOUT)).closest('section')!;
  expect(await within(section).findByText('暂无说明。', {}, TIMEOUT)).toBeInTheDocument();
  const box = within(section).getByRole('textbox', { name: /添加说明/ });
  await userEvent.type(box, '第一条');
  await userEvent.click(within(section).getByRole('button', { name: '保存说明' }));
  await within(section).findByText('第一条', {}, TIMEOUT);
  await waitFor(() => expect(box).toHaveValue(''));
  await userEvent.type(box, '<b>x</b> 区县数据待报');
  await userEvent.click(within(section).getByRole('button', { name: '保存说明' }));
  const shown = await within(section).findByText('<b>x</b> 区县数据待报', {}, TIMEOUT);
  expect(shown.querySelector('b')).toBeNull();
  const items = within(section).getAllByRole('listitem');
  expect(items.map((item) => item.querySelector('.notes__text')?.textContent)).toEqual(['<b>x</b> 区县数据待报', '第一条']);
  expect(items[0]).toHaveTextContent(/demo 记录/);
  expect(within(items[0]!).getByText((_, el) => el?.tagName === 'TIME')).toHaveAttribute('datetime', expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
});

test('a blank note cannot be saved, and a viewer sees the notes without the form', async () => {
  api.useBackend();
  asRole('analyst');
  const { unmount } = renderApp('?year=2020', '/targets/preschool-ger-2020');
  const section = (await screen.findByRole('heading', { name: '工作说明' }, TIMEOUT)).closest('section')!;
  const box = within(section).getByRole('textbox', { name: /添加说明/ });
  await userEvent.type(box, '   ');
  expect(within(section).getByRole('button', { name: '保存说明' })).toBeDisabled();
  await userEvent.clear(box);
  await userEvent.type(box, '官员可见');
  await userEvent.click(within(section).getByRole('button', { name: '保存说明' }));
  await within(section).findByText('官员可见', {}, TIMEOUT);
  unmount();
  asRole('viewer');
  renderApp('?year=2020', '/targets/preschool-ger-2020');
  const again = (await screen.findByRole('heading', { name: '工作说明' }, TIMEOUT)).closest('section')!;
  expect(await within(again).findByText('官员可见', {}, TIMEOUT)).toBeInTheDocument();
  expect(within(again).queryByRole('textbox')).toBeNull();
  expect(within(again).getByText(/说明由分析员添加/)).toBeInTheDocument();
});

test('the office responsible is shown on its target’s card only', async () => {
  api.useBackend(withOffice());
  renderApp('?year=2020');
  const card = await screen.findByRole('article', { name: '普惠性幼儿园覆盖率' }, TIMEOUT);
  expect(within(card).getByText('责任科室：学前教育股')).toBeInTheDocument();
  const other = screen.getByRole('article', { name: '学前三年毛入园率' });
  expect(within(other).queryByText(/责任科室/)).toBeNull();
});

test('the target page and the report name the office, and the report prints the notes under their target', async () => {
  api.useBackend(withOffice());
  asRole('analyst');
  const { unmount } = renderApp('?year=2020&lang=en', '/targets/inclusive-kindergarten-2020');
  expect(await screen.findByText('Office responsible: Preschool Education Section', {}, TIMEOUT)).toBeInTheDocument();
  const section = (await screen.findByRole('heading', { name: 'Notes' }, TIMEOUT)).closest('section')!;
  await userEvent.type(within(section).getByRole('textbox', { name: /Add a note/ }), 'Renovation moved to September');
  await userEvent.click(within(section).getByRole('button', { name: 'Save the note' }));
  await within(section).findByText('Renovation moved to September', {}, TIMEOUT);
  unmount();
  renderApp('?year=2020', '/report');
  const heading = await screen.findByRole('heading', { level: 2, name: '普惠性幼儿园覆盖率' }, TIMEOUT);
  const page = heading.closest('section')!;
  expect(within(page).getByText('责任科室：学前教育股')).toBeInTheDocument();
  const notes = (await within(page).findByRole('heading', { name: '工作说明' }, TIMEOUT)).closest('section')!;
  expect(within(notes).getByText('Renovation moved to September')).toBeInTheDocument();
  // Only that target's page carries it.
  const other = screen.getByRole('heading', { level: 2, name: '学前三年毛入园率' }).closest('section')!;
  expect(within(other).queryByText('Renovation moved to September')).toBeNull();
});
