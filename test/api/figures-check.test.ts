import { expect, test } from 'vitest';
import { checkColumnsAnswer } from '@/api/figures-check';
import { toColumns } from '@/domain/contract/actuals-columns';

const columns = toColumns([{ metric: 'share', region: '410482101', year: 2020, value: 85.3, source: 'import', batchId: 'b1' }]);

test('an answer in column form is checked and packed; what goes on to the page is the rest of it, without the lists', () => {
  const checked = checkColumnsAnswer(JSON.parse(JSON.stringify({ columns, lastUpdated: '2021-03-31T09:00:00+08:00' })));
  expect(checked).toMatchObject({ ok: true, rest: { lastUpdated: '2021-03-31T09:00:00+08:00' } });
  if (!checked.ok) return;
  expect('columns' in checked.rest).toBe(false);
  expect(checked.packed.count).toBe(1);
  expect(checked.packed.value?.[0]).toBe(85.3);
});

test('a fault in the answer or in its columns is refused with where it is', () => {
  expect(checkColumnsAnswer({ columns, lastUpdated: 5 })).toMatchObject({ ok: false, message: expect.stringContaining('lastUpdated') });
  expect(checkColumnsAnswer({ columns: { ...columns, year: ['2020'] } })).toEqual({ ok: false, message: 'columns: year[0] is not a number' });
  expect(checkColumnsAnswer({ lastUpdated: 'x' })).toEqual({ ok: false, message: 'columns: not an object' });
});
