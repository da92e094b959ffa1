import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, test } from 'vitest';
import { TargetCard } from '@/components/target-card';
import { SummaryStrip } from '@/components/summary-strip';
import { demoObservations } from '@/backend/seed/demo-seed';
import { evaluateForRegion, countStatuses } from '@/domain/evaluation/evaluate-target-set';
import { computePace, type Evaluation, type Status } from '@/domain/evaluation/evaluate-target';
import { indexObservations, type Figure } from '@/domain/evaluation/figures';
import { goalFor } from '@/domain/targets/comparator';
import type { Locale } from '@/domain/shared/locale';
import type { Target } from '@/domain/targets/target-set';
import i18next from 'i18next';
import { planTerms } from '@/domain/display/plan-terms';
import { setPlanTerms, setupI18n } from '@/i18n/setup-i18n';
import { ruzhouSet } from '../fixtures/ruzhou';

const set = ruzhouSet();
const QILING = '410482207';
const targetOf = (id: string): Target => set.targets.find((t) => t.id === id)!;
const metricOf = (target: Target) => set.metrics.find((m) => m.id === target.metric)!;
const regionName = (id: string) => set.regions.find((r) => r.id === id)?.name.zh ?? id;

/** The card in a locale; rendering again replaces it. */
let unmountLast: (() => void) | undefined;
function show(evaluation: Evaluation, locale: Locale = 'zh-CN') {
  unmountLast?.();
  void i18next.changeLanguage(locale);
  const { unmount } = render(<TargetCard evaluation={evaluation} metric={metricOf(evaluation.target)} locale={locale} regionName={regionName} />);
  unmountLast = unmount;
  return screen.getByRole('article');
}

const fig = (year: number, value: number, extra: Partial<Figure> = {}): Figure => ({ year, value, basis: 'own', source: 'import', ...extra });

/** An evaluation as the status logic hands it over (the card only displays it). */
function evaluation(targetId: string, status: Status, reason: Evaluation['reason'], latest: Figure | undefined, extra: Partial<Evaluation> = {}): Evaluation {
  const target = targetOf(targetId);
  const goal = goalFor(target, QILING);
  return {
    target,
    regionId: QILING,
    asOf: 2020,
    goal,
    status,
    reason,
    figures: latest ? [latest] : [],
    ...(latest ? { latest, margin: (goal.comparator === 'at_most' ? goal.goal - latest.value : latest.value - ('goal' in goal ? goal.goal : goal.min)) } : {}),
    ...extra,
  };
}

beforeEach(() => {
  unmountLast = undefined;
  setupI18n('zh-CN');
  setPlanTerms(planTerms(set));
});

describe('the 骑岭乡 inclusive-kindergarten card (855 / 1069 in the demo data)', () => {
  const target = targetOf('inclusive-kindergarten-2020');
  const index = indexObservations(demoObservations(set));
  const evaluated = evaluateForRegion(set, target, metricOf(target), index, QILING, 2020);

  test('the demo data holds 855 of 1069 for 2020', () => {
    expect(evaluated.latest).toMatchObject({ year: 2020, numerator: 855, denominator: 1069 });
    expect(evaluated.status).toBe('missed');
  });

  test.each([
    { locale: 'zh-CN' as Locale, value: '79.98%', short: '距目标差 0.02 个百分点', goal: '目标 ≥ 80.0%' },
    { locale: 'en' as Locale, value: '79.98%', short: 'Short of goal by 0.02 pp', goal: 'Goal ≥ 80.0%' },
  ])('reads $value and "$short" in $locale, never 80.0% beside a miss or a gap of 0.0', ({ locale, value, short, goal }) => {
    const card = show(evaluated, locale);
    expect(card).toHaveTextContent(value);
    expect(card).toHaveTextContent(short);
    expect(card).toHaveTextContent(goal);
    expect(card.querySelector('.card__value')).not.toHaveTextContent('80.0%');
    expect(card).not.toHaveTextContent(/差 0\.0 |by 0\.0 pp/);
    // The gauge is drawn in the missed colour and hatched: the figure falls short.
    const meter = within(card).getByRole('meter');
    expect(meter).toHaveClass('gauge--missed');
    expect(meter).toHaveAttribute('data-fill', 'hatched');
    expect(meter).toHaveAttribute('aria-valuetext', expect.stringContaining(value));
  });
});

test.each([
  { name: 'a value inside a band reads "within" the band, not "better than the goal"', id: 'walk-class-teachers-2020', value: 4.5, zh: '在 5.0% ± 1.0 个百分点范围内', en: 'Within 5.0% ± 1.0 pp' },
  { name: 'a band\'s goal shows its tolerance with a unit', id: 'walk-class-teachers-2020', value: 3.2, zh: '目标 5.0% ± 1.0 个百分点', en: 'Goal 5.0% ± 1.0 pp' },
  { name: 'a value just outside a band keeps its digits', id: 'walk-class-teachers-2020', value: 6.04, zh: '6.04%', en: '6.04%' },
  { name: 'a cap missed by a hair keeps its digits', id: 'large-class-cap-2020', value: 10.04, zh: '距目标差 0.04 个百分点', en: 'Short of goal by 0.04 pp' },
  { name: 'a floor met exactly says so', id: 'inclusive-kindergarten-2020', value: 80, zh: '恰好达到目标', en: 'Exactly at the goal' },
  { name: 'a floor met reads better by the margin', id: 'inclusive-kindergarten-2020', value: 81.26, zh: '优于目标 1.3 个百分点', en: 'Better than goal by 1.3 pp' },
])('$name', ({ id, value, zh, en }) => {
  const target = targetOf(id);
  const latest = fig(2020, value);
  const status = goalFor(target).comparator === 'approximately' ? (value >= 4 && value <= 6 ? 'achieved' : 'missed') : 'missed';
  expect(show(evaluation(id, status, 'deadline_figure', latest))).toHaveTextContent(zh);
  expect(show(evaluation(id, status, 'deadline_figure', latest), 'en')).toHaveTextContent(en);
});

test.each([
  { qualifier: 'at_least' as const, value: 95, status: 'achieved' as Status, zh: ['≥ 95.0%', '已达到目标（界值恰为目标值）'], en: ['≥ 95.0%', 'Meets the goal (the bound is the goal)'], fill: 'solid' },
  { qualifier: 'at_least' as const, value: 97, status: 'achieved' as Status, zh: ['≥ 97.0%', '至少优于目标 2.0 个百分点'], en: ['≥ 97.0%', 'Better than goal by at least 2.0 pp'], fill: 'solid' },
  { qualifier: 'at_least' as const, value: 93, status: 'undetermined' as Status, zh: ['≥ 93.0%', '距目标至多差 2.0 个百分点，是否达到无法判断'], en: ['≥ 93.0%', 'Short of goal by at most 2.0 pp'], fill: 'dotted' },
  { qualifier: 'at_most' as const, value: 93, status: 'missed' as Status, zh: ['≤ 93.0%', '距目标至少差 2.0 个百分点'], en: ['≤ 93.0%', 'Short of goal by at least 2.0 pp'], fill: 'hatched' },
  { qualifier: 'at_most' as const, value: 97, status: 'undetermined' as Status, zh: ['≤ 97.0%', '该数据为界值，无法判断是否达到目标'], en: ['≤ 97.0%', 'The figure is a bound'], fill: 'dotted' },
])('a published bound $qualifier $value against ≥ 95 says what it proves', ({ qualifier, value, status, zh, en, fill }) => {
  const latest = fig(2020, value, { qualifier, citation: '河南省教育统计公报' });
  const made = evaluation('special-needs-2020', status, status === 'undetermined' ? 'bound_undecided' : 'deadline_figure', latest);
  const card = show(made);
  for (const text of zh) expect(card).toHaveTextContent(text);
  expect(card.querySelector('.card__value')).toHaveAttribute('title', '数据来源：河南省教育统计公报');
  expect(within(card).getByRole('meter')).toHaveAttribute('data-fill', fill);
  const english = show(made, 'en');
  for (const text of en) expect(english).toHaveTextContent(text);
});

test('a verdict resting on an earlier year says so, and a figure after the deadline is shown for what it is', () => {
  const latest = fig(2019, 73.7);
  const after = fig(2021, 82.59);
  const made = evaluation('inclusive-kindergarten-2020', 'missed', 'before_deadline_figure', latest, {
    asOf: 2021,
    deadlineMissing: true,
    afterDeadline: { figure: after, met: true },
    figures: [latest, after],
  });
  const card = show(made);
  expect(card).toHaveTextContent('基于2019年数据，2020年数据缺失');
  expect(card).toHaveTextContent('2021年已达到（82.6%）');
  const english = show(made, 'en');
  expect(english).toHaveTextContent('Based on the 2019 figure; the 2020 figure is missing');
  expect(english).toHaveTextContent('Reached in 2021 (82.6%)');
});

test.each([
  { met: false as const, status: 'missed' as Status, value: 78, zh: '2023年仍未达到（78.0%）', en: 'Still short in 2023 (78.0%)' },
  { met: true as const, status: 'achieved' as Status, value: 85, zh: '2023年仍达到（85.0%）', en: 'Still met in 2023 (85.0%)' },
  { met: false as const, status: 'achieved' as Status, value: 79.98, zh: '2023年未达到（79.98%）', en: 'Short in 2023 (79.98%)' },
])('after the deadline: $zh', ({ met, status, value, zh, en }) => {
  const made = evaluation('inclusive-kindergarten-2020', status, 'deadline_figure', fig(2020, status === 'achieved' ? 81 : 75), {
    asOf: 2023,
    afterDeadline: { figure: fig(2023, value), met },
  });
  expect(show(made)).toHaveTextContent(zh);
  expect(show(made, 'en')).toHaveTextContent(en);
});

test('a single figure without a baseline is "progress unclear", with the gap and the pace the goal needs', () => {
  const made = evaluation('inclusive-kindergarten-2020', 'undetermined', 'no_pace', fig(2019, 65.3), { asOf: 2019, required: { perYear: 14.7, years: 1 } });
  const card = show(made);
  expect(within(card).getByText('进度无法判断')).toBeInTheDocument();
  expect(card).toHaveTextContent('距目标差 14.7 个百分点');
  expect(card).toHaveTextContent('2020年达到目标需每年提高 14.7 个百分点（共 1 年）');
  expect(within(card).getByRole('meter')).toHaveClass('gauge--undetermined');
  expect(card).toHaveClass('card--undetermined');
  const english = show(made, 'en');
  expect(english).toHaveTextContent('Progress unclear');
  expect(english).toHaveTextContent('needs a rise of 14.7 pp a year (1 year)');
  const cap = evaluation('large-class-cap-2020', 'undetermined', 'no_pace', fig(2018, 19.39), { asOf: 2018, required: { perYear: -4.695, years: 2 } });
  expect(show(cap, 'en')).toHaveTextContent('needs a fall of 4.7 pp a year (2 years)');
});

test.each([
  { status: 'on_track' as Status, value: 76, fill: 'hatched' },
  { status: 'at_risk' as Status, value: 70, fill: 'hatched' },
  { status: 'off_track' as Status, value: 60, fill: 'hatched' },
  { status: 'on_track' as Status, value: 82, fill: 'solid' },
  { status: 'achieved' as Status, value: 82, fill: 'solid' },
])('a $status card with $value against ≥ 80 draws a $fill bar in its own colour', ({ status, value, fill }) => {
  const target = targetOf('inclusive-kindergarten-2020');
  const pace = computePace(metricOf(target), goalFor(target), { year: 2016, value: 50, fromBaseline: false }, { year: 2019, value }, 2020);
  const reason = status === 'achieved' ? 'deadline_figure' : value >= 80 ? 'already_met' : 'pace';
  const card = show(evaluation(target.id, status, reason, fig(2019, value), { asOf: 2019, ...(reason === 'pace' ? { pace } : {}) }));
  const meter = within(card).getByRole('meter');
  expect(meter).toHaveClass(`gauge--${status}`);
  expect(meter).toHaveAttribute('data-fill', fill);
});

test('a summary count is written with the language’s digit grouping: a province’s scorecard counts tens of thousands', () => {
  render(<SummaryStrip counts={{ ...countStatuses([]), on_track: 10_651, off_track: 12_429 }} locale="zh-CN" caption="合成省" />);
  const items = screen.getAllByRole('listitem').map((item) => item.textContent);
  expect(items).toContain('10,651 ↗进展顺利');
  expect(items).toContain('12,429 ↘进度滞后');
});

test('the summary counts progress unclear, explains the bars, and writes one city-wide target in the singular', () => {
  const counts = { ...countStatuses([]), undetermined: 2, at_risk: 1, not_applicable: 1 };
  void i18next.changeLanguage('en');
  render(<SummaryStrip counts={counts} locale="en" caption="Ruzhou" />);
  const items = screen.getAllByRole('listitem');
  expect(items.map((item) => item.textContent)).toContain('2 ?Progress unclear');
  expect(screen.getByText('1 city-wide target does not apply to townships')).toBeInTheDocument();
  expect(screen.getByText('hatched: the figure falls short of it')).toBeInTheDocument();
});
