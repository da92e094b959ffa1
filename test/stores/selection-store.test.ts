import { expect, test } from 'vitest';
import { useSelection } from '@/stores/selection-store';

test('choosing another target set drops the region and year of the previous one', () => {
  useSelection.setState({ targetSet: 'a', region: '410482101', year: 2019 });
  useSelection.getState().select({ targetSet: 'b' });
  expect(useSelection.getState()).toMatchObject({ targetSet: 'b', region: undefined, year: undefined });
  expect(window.location.search).toBe('?set=b');
});

test('choosing a region or year keeps the rest of the selection', () => {
  useSelection.setState({ targetSet: 'a', region: '410482101', year: 2019 });
  useSelection.getState().select({ year: 2020 });
  expect(useSelection.getState()).toMatchObject({ targetSet: 'a', region: '410482101', year: 2020 });
});
