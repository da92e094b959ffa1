import { expect, test } from 'vitest';
import { linkProblemsOf, routeFromPath, safeDecode, searchFromSelection, selectionFromSearch, useSelection } from '@/stores/selection-store';

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

test('a malformed escape in a path never throws: the path is unknown and shows the dashboard', () => {
  expect(() => decodeURIComponent('%E0%A4%A')).toThrow(URIError);
  expect(safeDecode('%E0%A4%A')).toBeUndefined();
  expect(safeDecode('%E5%AD%A6')).toBe('学');
  expect(routeFromPath('/targets/%E0%A4%A')).toEqual({ page: 'dashboard', unknown: true });
  expect(routeFromPath('/targets/preschool-ger-2020')).toEqual({ page: 'target', target: 'preschool-ger-2020' });
  expect(routeFromPath('/nowhere')).toEqual({ page: 'dashboard', unknown: true });
  expect(routeFromPath('/scorecard/')).toEqual({ page: 'scorecard' });
  expect(routeFromPath('/')).toEqual({ page: 'dashboard' });
});

test('the problems an address shows without the data: an unknown or malformed path, a year that is not a year', () => {
  expect(linkProblemsOf('', '/')).toEqual([]);
  expect(linkProblemsOf('?year=2019', '/scorecard')).toEqual([]);
  expect(linkProblemsOf('', '/nowhere')).toEqual([{ kind: 'page', value: '/nowhere' }]);
  // The malformed path is shown as it was typed (it cannot be decoded).
  expect(linkProblemsOf('', '/targets/%E0%A4%A')).toEqual([{ kind: 'page', value: '/targets/%E0%A4%A' }]);
  expect(linkProblemsOf('?year=abc', '/')).toEqual([{ kind: 'year', value: 'abc' }]);
  expect(linkProblemsOf('?year=-3', '/')).toEqual([{ kind: 'year', value: '-3' }]);
});

test('the scorecard’s sort column goes into the address and comes back from it', () => {
  const selection = selectionFromSearch('?by=inclusive-kindergarten-2020&year=2019', null, '/scorecard');
  expect(selection).toMatchObject({ page: 'scorecard', by: 'inclusive-kindergarten-2020', year: 2019 });
  expect(searchFromSelection(selection, '')).toBe('?year=2019&by=inclusive-kindergarten-2020');
  expect(selectionFromSearch('', null, '/scorecard').by).toBeUndefined();
});

test('the report’s page of sub-units goes into the address from page 2 on; anything but a whole number above 1 is page 1', () => {
  const selection = selectionFromSearch('?within=410482101&page=3', null, '/report');
  expect(selection).toMatchObject({ page: 'report', within: '410482101', listPage: 3 });
  expect(searchFromSelection(selection, '')).toBe('?within=410482101&page=3');
  for (const page of ['1', '0', '-2', '2.5', 'x', '']) expect(selectionFromSearch(`?page=${page}`, null, '/report').listPage).toBeUndefined();
  expect(searchFromSelection({ ...selection, listPage: 1 }, '?page=3')).toBe('?within=410482101');
});

test('correcting an address replaces it (no new history entry) and records each problem once', () => {
  window.history.replaceState(null, '', '/?region=constructor&year=2031');
  useSelection.setState({ page: 'dashboard', targetSet: undefined, region: 'constructor', year: 2031, problems: [] });
  const entries = window.history.length;
  useSelection.getState().correct({ region: undefined }, [{ kind: 'region', value: 'constructor' }]);
  useSelection.getState().correct({ region: undefined }, [{ kind: 'region', value: 'constructor' }]);
  useSelection.getState().correct({ year: undefined }, [{ kind: 'year', value: '2031' }]);
  expect(window.location.search).toBe('');
  expect(window.history.length).toBe(entries);
  expect(useSelection.getState().problems).toEqual([
    { kind: 'region', value: 'constructor' },
    { kind: 'year', value: '2031' },
  ]);
  // The next thing the person does is a new view: the message goes.
  useSelection.getState().select({ year: 2019 });
  expect(useSelection.getState().problems).toEqual([]);
});

test('going to another page drops the scorecard’s sort column and earlier problems', () => {
  window.history.replaceState(null, '', '/scorecard?by=preschool-ger-2020');
  useSelection.setState({ page: 'scorecard', targetSet: undefined, region: undefined, year: undefined, by: 'preschool-ger-2020', problems: [{ kind: 'page', value: '/x' }] });
  useSelection.getState().go('target', { target: 'preschool-ger-2020', region: '410482101' });
  expect(window.location.pathname).toBe('/targets/preschool-ger-2020');
  expect(window.location.search).toBe('?region=410482101');
  expect(useSelection.getState()).toMatchObject({ by: undefined, problems: [] });
});
