import { expect, test } from 'vitest';
import { evaluateTargetSet } from '@/domain/evaluation/evaluate-target-set';
import { boundMargin, boundSide, goalFor, proveAgainstGoal, type Goal } from '@/domain/targets/comparator';
import { parseTargetFile } from '@/domain/targets/parse-target-file';
import type { Target, TargetSet } from '@/domain/targets/target-set';
import { TARGET_COMMON } from '../../fixtures/targets';

const AT_LEAST_95: Goal = { comparator: 'at_least', goal: 95 };
const AT_MOST_5: Goal = { comparator: 'at_most', goal: 5 };
const AT_MOST_10: Goal = { comparator: 'at_most', goal: 10 };
const ABOUT_5: Goal = { comparator: 'approximately', goal: 5, tolerance: 1 };
const FROM_80_TO_90: Goal = { comparator: 'between', min: 80, max: 90 };

// ---- what a bound proves ---------------------------------------------------------------------

test.each([
  { figure: '≥ 95', goal: AT_LEAST_95, value: 95, qualifier: 'at_least', proves: 'met', side: 'worst' },
  { figure: '≥ 96', goal: AT_LEAST_95, value: 96, qualifier: 'at_least', proves: 'met', side: 'worst' },
  { figure: '≥ 93', goal: AT_LEAST_95, value: 93, qualifier: 'at_least', proves: 'undecided', side: 'worst' },
  { figure: '≤ 97', goal: AT_LEAST_95, value: 97, qualifier: 'at_most', proves: 'undecided', side: 'best' },
  { figure: '≤ 93', goal: AT_LEAST_95, value: 93, qualifier: 'at_most', proves: 'missed', side: 'best' },
  { figure: '≤ 3', goal: AT_MOST_5, value: 3, qualifier: 'at_most', proves: 'met', side: 'worst' },
  { figure: '≤ 7', goal: AT_MOST_5, value: 7, qualifier: 'at_most', proves: 'undecided', side: 'worst' },
  { figure: '≥ 12', goal: AT_MOST_10, value: 12, qualifier: 'at_least', proves: 'missed', side: 'best' },
  { figure: '≥ 8', goal: AT_MOST_10, value: 8, qualifier: 'at_least', proves: 'undecided', side: 'best' },
  { figure: '≥ 10', goal: AT_MOST_10, value: 10, qualifier: 'at_least', proves: 'undecided', side: 'best' },
  { figure: '≥ 3', goal: ABOUT_5, value: 3, qualifier: 'at_least', proves: 'undecided', side: 'neither' },
  { figure: '≥ 5.5', goal: ABOUT_5, value: 5.5, qualifier: 'at_least', proves: 'undecided', side: 'best' },
  { figure: '≥ 7', goal: ABOUT_5, value: 7, qualifier: 'at_least', proves: 'missed', side: 'best' },
  { figure: '≤ 3', goal: ABOUT_5, value: 3, qualifier: 'at_most', proves: 'missed', side: 'best' },
  { figure: '≤ 6', goal: ABOUT_5, value: 6, qualifier: 'at_most', proves: 'undecided', side: 'neither' },
  { figure: '≥ 85', goal: FROM_80_TO_90, value: 85, qualifier: 'at_least', proves: 'undecided', side: 'best' },
  { figure: '≤ 79', goal: FROM_80_TO_90, value: 79, qualifier: 'at_most', proves: 'missed', side: 'best' },
  { figure: '95 exactly', goal: AT_LEAST_95, value: 95, qualifier: undefined, proves: 'met', side: 'exact' },
  { figure: '93 exactly', goal: AT_LEAST_95, value: 93, qualifier: undefined, proves: 'missed', side: 'exact' },
] as const)('$figure against $goal.comparator: proves $proves (the bound is the $side value it allows)', ({ goal, value, qualifier, proves, side }) => {
  expect(proveAgainstGoal(goal, value, qualifier)).toBe(proves);
  expect(boundSide(goal, value, qualifier)).toBe(side);
});

test('no bound ever proves a band met: a band is closed on both sides, a bound open on one', () => {
  for (const value of [3, 4, 5, 6, 7]) {
    for (const qualifier of ['at_least', 'at_most'] as const) expect(proveAgainstGoal(ABOUT_5, value, qualifier)).not.toBe('met');
  }
});

test.each([
  { figure: '≥ 93 against ≥ 95', goal: AT_LEAST_95, value: 93, qualifier: 'at_least', margin: -2, known: 'at_least', reads: 'short by at most 2' },
  { figure: '≤ 93 against ≥ 95', goal: AT_LEAST_95, value: 93, qualifier: 'at_most', margin: -2, known: 'at_most', reads: 'short by at least 2' },
  { figure: '≥ 96 against ≥ 95', goal: AT_LEAST_95, value: 96, qualifier: 'at_least', margin: 1, known: 'at_least', reads: 'at least 1 to spare' },
  { figure: '≥ 12 against ≤ 10', goal: AT_MOST_10, value: 12, qualifier: 'at_least', margin: -2, known: 'at_most', reads: 'short by at least 2' },
  { figure: '93 exactly', goal: AT_LEAST_95, value: 93, qualifier: undefined, margin: -2, known: 'exact', reads: 'short by 2' },
] as const)('the margin of $figure is known as $reads', ({ goal, value, qualifier, margin, known }) => {
  expect(boundMargin(goal, value, qualifier)).toEqual({ margin, known });
});

test('a bound that allows better and worse values says nothing of the margin', () => {
  expect(boundMargin(ABOUT_5, 3, 'at_least')).toBeUndefined();
});

// ---- region_goals are own properties -----------------------------------------------------------

const common = { ...TARGET_COMMON, source_text: '……' } as const;

test.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'])(
  'a region id %s without a declared goal reads the target goal, never a built-in',
  (id) => {
    const target: Target = { ...common, comparator: 'at_least', goal: 85, region_goals: { town: 80 } };
    expect(goalFor(target, id)).toEqual({ comparator: 'at_least', goal: 85 });
  },
);

test.each(['constructor', 'toString', 'valueOf'])('a region id %s with a declared goal reads that goal', (id) => {
  const target: Target = { ...common, comparator: 'at_most', goal: 10, region_goals: { [id]: 7 } };
  expect(goalFor(target, id)).toEqual({ comparator: 'at_most', goal: 7 });
  expect(goalFor(target, 'other')).toEqual({ comparator: 'at_most', goal: 10 });
});

test('a region goals object without a prototype still resolves', () => {
  const region_goals = Object.assign(Object.create(null) as Record<string, number>, { town: 80 });
  const target: Target = { ...common, comparator: 'at_least', goal: 85, region_goals };
  expect(goalFor(target, 'town')).toEqual({ comparator: 'at_least', goal: 80 });
  expect(goalFor(target, 'constructor')).toEqual({ comparator: 'at_least', goal: 85 });
});

const FILE = `
id: proto
title: { zh: 测试, en: Test }
jurisdiction: city
source: { title: Plan, publisher: Office, date: 2020-02-27 }
categories: [{ id: c, name: { zh: 类, en: Category } }]
regions:
  - { id: city, name: { zh: 市, en: City }, kind: jurisdiction }
  - { id: constructor, name: { zh: 甲镇, en: Town A }, kind: town, parent: city }
  - { id: toString, name: { zh: 乙镇, en: Town B }, kind: town, parent: city }
metrics:
  - { id: m, name: { zh: 指标, en: Metric }, unit: percent, kind: share }
targets:
  - id: t
    metric: m
    comparator: at_least
    goal: 85
    region_goals: { constructor: 90 }
    deadline: 2020-12-31
    category: c
    source_text: 原文
`;

test('through a target file: townships named constructor and toString are held to their declared goal or the target goal', () => {
  const parsed = parseTargetFile(FILE, 'proto.yaml');
  expect(parsed.ok).toBe(true);
  const set = (parsed as { targetSet: TargetSet }).targetSet;
  const observations = [
    { metric: 'm', region: 'constructor', year: 2020, value: 88, source: 'demo' as const },
    { metric: 'm', region: 'toString', year: 2020, value: 88, source: 'demo' as const },
  ];
  const [a] = evaluateTargetSet(set, observations, 'constructor', 2020);
  const [b] = evaluateTargetSet(set, observations, 'toString', 2020);
  expect(a).toMatchObject({ goal: { comparator: 'at_least', goal: 90 }, status: 'missed' });
  expect(b).toMatchObject({ goal: { comparator: 'at_least', goal: 85 }, status: 'achieved' });
});
