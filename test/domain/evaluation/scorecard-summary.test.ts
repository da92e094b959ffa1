import { expect, test } from 'vitest';
import type { Evaluation, Status } from '@/domain/evaluation/evaluate-target';
import { compareSummariesWorstFirst, summarizeRow, type RowSummary } from '@/domain/evaluation/scorecard-summary';

const cells = (...statuses: Status[]) => statuses.map((status) => ({ status }) as Evaluation);

test.each([
  { statuses: ['achieved', 'achieved', 'missed'], met: 2, applicable: 3, worst: 'missed', bad: 1 },
  { statuses: ['achieved', 'on_track', 'no_data'], met: 1, applicable: 3, worst: 'no_data', bad: 0 },
  // A target that does not apply counts neither way.
  { statuses: ['achieved', 'not_applicable'], met: 1, applicable: 1, worst: 'achieved', bad: 0 },
  { statuses: ['at_risk', 'off_track', 'undetermined'], met: 0, applicable: 3, worst: 'off_track', bad: 2 },
  { statuses: ['not_applicable'], met: 0, applicable: 0, worst: 'not_applicable', bad: 0 },
  { statuses: [], met: 0, applicable: 0, worst: 'not_applicable', bad: 0 },
] as const)('a row of $statuses: $met of $applicable met, worst $worst', ({ statuses, ...expected }) => {
  expect(summarizeRow(cells(...statuses))).toEqual(expected);
});

const summary = (met: number, applicable: number, worst: Status, bad = 0): RowSummary => ({ met, applicable, worst, bad });

test('rows sort by the share of targets met, fewest first, whatever the number of targets', () => {
  expect(compareSummariesWorstFirst(summary(1, 4, 'missed'), summary(1, 2, 'missed'))).toBeLessThan(0);
  expect(compareSummariesWorstFirst(summary(3, 4, 'missed'), summary(2, 4, 'missed'))).toBeGreaterThan(0);
  // 2/4 and 1/2 are the same share.
  expect(compareSummariesWorstFirst(summary(2, 4, 'missed', 2), summary(1, 2, 'missed', 1))).toBeLessThan(0);
});

test('at an equal share the worse worst status comes first, then more targets missed, off track or at risk', () => {
  expect(compareSummariesWorstFirst(summary(1, 3, 'at_risk'), summary(1, 3, 'missed'))).toBeGreaterThan(0);
  expect(compareSummariesWorstFirst(summary(0, 3, 'no_data', 1), summary(0, 3, 'no_data', 2))).toBeGreaterThan(0);
  expect(compareSummariesWorstFirst(summary(1, 3, 'missed', 2), summary(1, 3, 'missed', 2))).toBe(0);
});

test('a row with no target that applies sorts after every row with one', () => {
  expect(compareSummariesWorstFirst(summary(0, 0, 'not_applicable'), summary(5, 5, 'achieved'))).toBeGreaterThan(0);
  expect(compareSummariesWorstFirst(summary(0, 3, 'missed'), summary(0, 0, 'not_applicable'))).toBeLessThan(0);
});
