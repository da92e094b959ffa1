import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test } from 'vitest';
import { ruzhouTargetFile, setupMockApi } from '../mock-server';
import { renderApp } from '../render-app';

const api = setupMockApi();

/** The statuses the demo data implies for 汝州市 as of 2020 (see src/backend/seed/demo-seed.ts). */
const CITY_2020: [string, string][] = [
  ['学前三年毛入园率', '已达成'],
  ['普惠性幼儿园覆盖率', '未达成'],
  ['公办园在园幼儿占比', '未达成'],
  ['高中56人以上大班额比例', '已达成'],
  ['走班教学增配教师比例', '暂无数据'],
  ['残疾儿童少年义务教育入学率', '未达成'],
  ['中小学多媒体班班通覆盖率', '已达成'],
  ['省级名师人数', '进展顺利'],
  ['省级骨干教师人数', '有风险'],
  ['汝州市级名师人数', '进度滞后'],
  ['汝州市级骨干教师人数', '进展顺利'],
  ['汝州职业技术学院全日制在校生', '暂无数据'],
];

const card = (name: string) => screen.getByRole('article', { name });

test('the city dashboard shows every target with the status the demo data implies', async () => {
  renderApp();
  await screen.findByRole('article', { name: '学前三年毛入园率' });
  expect(screen.getAllByRole('article')).toHaveLength(12);
  for (const [name, status] of CITY_2020) expect(within(card(name)).getByText(status)).toBeInTheDocument();
  expect(screen.getByText(/共 12 项目标/)).toBeInTheDocument();
});

test('each gauge is a meter whose text gives the value and the goal', async () => {
  renderApp();
  const meter = await screen.findByRole('meter', { name: '学前三年毛入园率：实际与目标' });
  expect(meter).toHaveAttribute('aria-valuetext', '85.7%，目标 ≥ 85.0%');
  expect(screen.getByRole('meter', { name: '高中56人以上大班额比例：实际与目标' })).toHaveAttribute('aria-valuetext', expect.stringContaining('≤ 10.0%'));
});

test('synthetic figures are labelled as demo data', async () => {
  renderApp();
  await screen.findAllByRole('article');
  expect(screen.getByRole('note')).toHaveTextContent('模拟演示数据');
  expect(screen.getAllByText('模拟').length).toBeGreaterThan(0);
});

test('why this status explains a roll-up from township numerators and denominators', async () => {
  renderApp();
  const article = await screen.findByRole('article', { name: '学前三年毛入园率' });
  await userEvent.click(within(article).getByText('为何是此状态'));
  expect(within(article).getByText(/各乡镇在园幼儿数之和 ÷ 3—5周岁适龄儿童数之和/)).toBeVisible();
  expect(within(article).getByText(/期限年份 2020 已有数据/)).toBeVisible();
});

test('the city figure that cannot be rolled up from rates says why', async () => {
  renderApp();
  const article = await screen.findByRole('article', { name: '走班教学增配教师比例' });
  await userEvent.click(within(article).getByText('为何是此状态'));
  expect(within(article).getByText(/只报送了比率/)).toBeInTheDocument();
});

test('as of 2019, 2020 targets are judged by pace rather than achieved or missed', async () => {
  renderApp('?year=2019');
  await screen.findAllByRole('article');
  // A card's accessible description is its status.
  for (const article of screen.getAllByRole('article')) expect(article).not.toHaveAccessibleDescription(/已达成|未达成/);
  expect(within(card('普惠性幼儿园覆盖率')).getByText('有风险')).toBeInTheDocument();
});

test('a township view puts city-wide targets aside as not applicable', async () => {
  renderApp('?region=410482101');
  await screen.findAllByRole('article');
  expect(screen.getByText(/寄料镇 · 截至2020年 · 共 7 项目标/)).toBeInTheDocument();
  expect(screen.getByText('全市目标（不适用于乡镇）')).toBeInTheDocument();
});

test('choosing a township updates the URL so the view can be shared', async () => {
  renderApp();
  await screen.findAllByRole('article');
  await userEvent.selectOptions(screen.getByLabelText('地区'), '410482102');
  await screen.findByText(/温泉镇 · 截至2020年/);
  expect(window.location.search).toContain('region=410482102');
});

test('switching to English translates the interface', async () => {
  renderApp();
  await screen.findAllByRole('article');
  await userEvent.click(screen.getByRole('button', { name: 'Switch to English' }));
  expect(await screen.findByRole('heading', { name: 'Targets at a glance' })).toBeInTheDocument();
  expect(screen.getByRole('article', { name: 'Preschool gross enrollment rate (3 years)' })).toHaveTextContent('Achieved');
  expect(window.location.search).toContain('lang=en');
});

test('worst-first order puts missed targets before achieved ones', async () => {
  renderApp('?sort=worst');
  await screen.findAllByRole('article');
  const preschool = screen.getByRole('region', { name: '学前教育' });
  const names = within(preschool).getAllByRole('article').map((a) => within(a).getByRole('heading', { level: 3 }).textContent);
  expect(names.at(-1)).toBe('学前三年毛入园率');
});

test('an API failure shows a message and a retry that recovers', async () => {
  api.useBackend(undefined, [{ resource: 'actuals', status: 500, remaining: 1 }]);
  renderApp();
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('数据服务暂时出错（HTTP 500）');
  await userEvent.click(within(alert).getByRole('button', { name: '重试' }));
  await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(12));
});

test('an invalid target file shows its located problems instead of a dashboard', async () => {
  api.useBackend([{ file: 'broken.yaml', content: 'id: broken\ntitle: { zh: 坏, en: Broken }\ntargets: []\n' }]);
  renderApp();
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('目标文件有');
  expect(alert).toHaveTextContent('broken.yaml 第 1 行第 1 列');
  expect(screen.queryByRole('article')).not.toBeInTheDocument();
});

test('with more than one target file a picker appears, and choosing one switches the dashboard', async () => {
  const ruzhou = ruzhouTargetFile();
  const second = ruzhou.content
    .replace('id: ruzhou-2020', 'id: ruzhou-preschool')
    .replace('zh: 汝州市2020年教育发展目标', 'zh: 汝州市学前教育目标');
  api.useBackend([ruzhou, { file: 'ruzhou-preschool.yaml', content: second }]);
  renderApp();
  await screen.findAllByRole('article');
  await userEvent.selectOptions(screen.getByLabelText('目标文件'), 'ruzhou-preschool');
  await waitFor(() => expect(window.location.search).toContain('set=ruzhou-preschool'));
  expect(screen.getByLabelText('目标文件')).toHaveValue('ruzhou-preschool');
});
