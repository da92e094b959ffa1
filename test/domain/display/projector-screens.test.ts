import { expect, test } from 'vitest';
import type { Evaluation, Status } from '@/domain/evaluation/evaluate-target';
import { needingAttention, projectorScreens, screenIndex } from '@/domain/display/projector-screens';

const categories = [
  { id: 'a', name: { zh: '甲', en: 'A' } },
  { id: 'b', name: { zh: '乙', en: 'B' } },
  { id: 'c', name: { zh: '丙', en: 'C' } },
];

/** Just what the screens read of an evaluation: the target's id and category, the status and the margin. */
function evaluation(id: string, category: string, status: Status, margin?: number): Evaluation {
  return { target: { id, category }, status, goal: { comparator: 'at_least', goal: 100 }, ...(margin === undefined ? {} : { margin }) } as unknown as Evaluation;
}

test('the summary first, then each category with applicable targets in file order, worst first', () => {
  const screens = projectorScreens(categories, [
    evaluation('a1', 'a', 'achieved', 1),
    evaluation('b1', 'b', 'not_applicable'),
    evaluation('a2', 'a', 'missed', -5),
    evaluation('c1', 'c', 'on_track'),
    evaluation('a3', 'a', 'missed', -10),
  ]);
  expect(screens.map((s) => s.id)).toEqual(['summary', 'a', 'c']);
  const a = screens[1]!;
  expect(a.kind === 'category' && a.evaluations.map((e) => e.target.id)).toEqual(['a3', 'a2', 'a1']);
});

test('a category larger than a screen is split into parts, the worst on the first', () => {
  const many = Array.from({ length: 7 }, (_, i) => evaluation(`a${i}`, 'a', i === 6 ? 'missed' : 'achieved', i));
  const screens = projectorScreens(categories, many, 3);
  expect(screens.map((s) => s.id)).toEqual(['summary', 'a', 'a~2', 'a~3']);
  expect(screens.slice(1).map((s) => (s.kind === 'category' ? [s.part, s.parts, s.evaluations.length] : []))).toEqual([
    [1, 3, 3],
    [2, 3, 3],
    [3, 3, 1],
  ]);
  const first = screens[1]!;
  expect(first.kind === 'category' && first.evaluations[0]!.target.id).toBe('a6');
});

test('needing attention: missed, off track and at risk across the plan, worst first; the rest left out', () => {
  const list = needingAttention([
    evaluation('x', 'a', 'at_risk'),
    evaluation('y', 'b', 'achieved'),
    evaluation('z', 'c', 'missed', -1),
    evaluation('w', 'a', 'no_data'),
    evaluation('v', 'b', 'off_track'),
    evaluation('u', 'c', 'undetermined'),
  ]);
  expect(list.map((e) => e.target.id)).toEqual(['z', 'v', 'x']);
});

test.each([
  [undefined, 0],
  ['summary', 0],
  ['c', 2],
  ['nope', undefined],
])('screen %j is at %j', (id, expected) => {
  const screens = projectorScreens(categories, [evaluation('a1', 'a', 'achieved'), evaluation('c1', 'c', 'achieved')]);
  expect(screenIndex(screens, id)).toBe(expected);
});
