import { render, screen } from '@testing-library/react';
import { beforeAll, expect, test } from 'vitest';
import { AfterDeadlineNote, DeadlineMissingNote, ForecastText, StatusExplanation } from '@/components/status-explanation';
import { targetDetail } from '@/domain/display/target-detail';
import type { FigureQualifier, Observation } from '@/domain/shared/observation';
import { setupI18n } from '@/i18n/setup-i18n';
import { ruzhouSet } from '../fixtures/ruzhou';

const set = ruzhouSet();
const CITY = set.jurisdiction;
const obs = (metric: string, year: number, value: number, extra: { qualifier?: FigureQualifier; citation?: string } = {}): Observation => ({
  metric,
  region: CITY,
  year,
  value,
  source: 'import',
  ...extra,
});

beforeAll(() => setupI18n('zh-CN'));

function page(observations: Observation[], targetId: string, asOf: number) {
  const detail = targetDetail(set, observations, targetId, CITY, asOf, (id) => id)!;
  const { evaluation, metric } = detail;
  return render(
    <>
      <DeadlineMissingNote evaluation={evaluation} />
      <AfterDeadlineNote evaluation={evaluation} metric={metric} locale="zh-CN" />
      <section aria-label="forecast">
        <ForecastText detail={detail} locale="zh-CN" />
      </section>
      <section aria-label="why">
        <StatusExplanation evaluation={evaluation} metric={metric} locale="zh-CN" regionName={(id) => id} />
      </section>
    </>,
  );
}

const inclusive = [obs('inclusive_kindergarten_coverage', 2019, 65.3), obs('inclusive_kindergarten_coverage', 2020, 73.7), obs('inclusive_kindergarten_coverage', 2021, 82.59)];

test('late achievement: missed at the deadline, reached in 2021, said on the page and in why-this-status', () => {
  page(inclusive, 'inclusive-kindergarten-2020', 2021);
  expect(screen.getAllByText('期限之后：2021年已达到目标（82.6%）。状态仍按期限年份判断。')).toHaveLength(2);
  expect(screen.getByLabelText('forecast')).toHaveTextContent('期限年份 2020 的数值为 73.7%（未达成），不再需要预测。');
});

test('as of 2023 the projection sentence quotes the deadline year’s own figure, not the latest', () => {
  const figures = [obs('multimedia_classroom_coverage', 2019, 88.4), obs('multimedia_classroom_coverage', 2020, 90.3), obs('multimedia_classroom_coverage', 2023, 92.5)];
  page(figures, 'multimedia-classrooms-2020', 2023);
  expect(screen.getByLabelText('forecast')).toHaveTextContent('期限年份 2020 的数值为 90.3%（已达成）');
  expect(screen.getByLabelText('forecast')).not.toHaveTextContent('92.5');
});

test('no deadline-year figure: the note says which year the verdict rests on, and nothing is paced', () => {
  const figures = [obs('highschool_large_class_share', 2019, 19.39), obs('highschool_large_class_share', 2021, 4.81)];
  page(figures, 'large-class-cap-2020', 2023);
  expect(screen.getAllByText('期限年份 2020 没有数据：按此前最新的 2019 年数据判断是否达成，不再按进度推算。')).toHaveLength(2);
  expect(screen.getByLabelText('forecast')).toHaveTextContent('期限年份 2020 没有数据；状态依据此前最新的 2019 年数值 19.4%（未达成）');
  expect(screen.getByLabelText('why')).toHaveTextContent('2019年数值 19.4%，目标 ≤ 10.0%，未达到目标。');
  expect(screen.getByLabelText('why')).toHaveTextContent('期限之后：2021年已达到目标（4.8%）');
  expect(screen.getByLabelText('why')).not.toHaveTextContent('按此进度');
});

test('one figure and no baseline: progress unclear, with the gap and the pace the goal needs', () => {
  page(inclusive.slice(0, 1), 'inclusive-kindergarten-2020', 2019);
  const why = screen.getByLabelText('why');
  expect(why).toHaveTextContent('只有一个数据点（2019年 65.3%），且未给出基期值，观察不到进度，因此“进度无法判断”。');
  expect(why).toHaveTextContent('距目标差 14.7 个百分点；要在2020年达到 80.0%，需每年提高 14.7 个百分点（按线性计算，共 1 年）。');
  expect(screen.getByLabelText('forecast')).toHaveTextContent('只有一个数据点，观察不到进度，不作预测。');
});

test('a published lower bound is shown as one, with what it proves and its citation', () => {
  const citation = '教育部新闻发布会 (2020-12-10)';
  page([obs('special_needs_enrollment_rate', 2020, 95, { qualifier: 'at_least', citation })], 'special-needs-2020', 2020);
  const why = screen.getByLabelText('why');
  expect(why).toHaveTextContent(`数据出处（2020年）：${citation}`);
  expect(why).toHaveTextContent('≥ 95.0% 是公布的下限（如“95%以上”）：真实数值不低于 95.0%。');
  expect(why).toHaveTextContent('该界限允许的任何数值都达到目标 ≥ 95.0%。');
  expect(why).not.toHaveTextContent('恰好');
});

test('a bound that proves neither way says so, with what is known of the margin', () => {
  page([obs('special_needs_enrollment_rate', 2020, 93, { qualifier: 'at_least' })], 'special-needs-2020', 2020);
  const why = screen.getByLabelText('why');
  expect(why).toHaveTextContent('该界限允许的数值中，有的达到目标 ≥ 95.0%，有的达不到，因此无法判断。');
  expect(why).toHaveTextContent('距目标至多差 2.0 个百分点。');
});

test('when the trend line and the status’s pace disagree, the page says why', () => {
  const figures = [2014, 2015, 2016, 2017, 2018, 2019].map((year, i) => obs('highschool_large_class_share', year, [10.8, 14, 13, 12, 11, 10.5][i]!));
  page(figures, 'large-class-cap-2020', 2019);
  const forecast = screen.getByLabelText('forecast');
  expect(forecast).toHaveTextContent(/^按2014年至2019年的实际年均进度（与状态所用方法相同），预计2020年为 10\.4\d*%，距目标差/);
  expect(forecast).toHaveTextContent('参考：按近5年数值的趋势线');
  expect(forecast).toHaveTextContent('两种算法结论不同');
});

test('in English: progress unclear with the pace needed, and a late achievement', async () => {
  const i18n = (await import('i18next')).default;
  await i18n.changeLanguage('en');
  try {
    const one = targetDetail(set, inclusive.slice(0, 1), 'inclusive-kindergarten-2020', CITY, 2019, (id) => id)!;
    const { unmount } = render(<StatusExplanation evaluation={one.evaluation} metric={one.metric} locale="en" regionName={(id) => id} />);
    expect(document.body).toHaveTextContent('Only one figure (65.3% in 2019) and no baseline: no pace can be observed, so progress is unclear.');
    expect(document.body).toHaveTextContent('14.7 pp short of the goal; reaching 80.0% by 2020 needs 14.7 pp a year up (linear, from 2019).');
    unmount();
    const late = targetDetail(set, inclusive, 'inclusive-kindergarten-2020', CITY, 2021, (id) => id)!;
    render(<AfterDeadlineNote evaluation={late.evaluation} metric={late.metric} locale="en" />);
    expect(document.body).toHaveTextContent('After the deadline: reached in 2021 (82.6%). The status is still about the deadline year.');
  } finally {
    await i18n.changeLanguage('zh-CN');
  }
});
